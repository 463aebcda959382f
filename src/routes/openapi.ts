// /api/openapi.json: generated from the route table (api-routes.ts) through zod's own JSON Schema, never written
// by hand. A schema with a `.meta({ id })` becomes a component; OpenAPI 3.1 takes JSON Schema 2020-12 as is.
import * as z from 'zod';
import { ErrorCodeSchema } from '../http/errors';
import type { ApiRoute } from './api-route';

type Json = Record<string, unknown>;

/** Collects the components the converted schemas name. */
class Components {
  readonly schemas: Json = {};

  /** `schema` as JSON Schema; requests as zod reads them (input), answers as it writes them (output). */
  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const { $schema: _, $defs, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    Object.assign(this.schemas, $defs);
    return root;
  }
}

function parameters(c: Components, where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const object = c.convert(schema, 'input') as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function operation(c: Components, route: ApiRoute): Json {
  const params = [...parameters(c, 'path', route.params), ...parameters(c, 'query', route.query)];
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, { description, schema }]) => [
      status,
      { description, content: { 'application/json': { schema: c.convert(schema, 'output') } } },
    ]),
  );
  return {
    summary: route.summary,
    ...(route.bearer ? { security: [{ bearer: [] }] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: c.convert(route.body, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of `routes`, served under `base` at `appUrl`. */
export function buildDocument(routes: readonly ApiRoute[], base: string, appUrl: string) {
  const c = new Components();
  const paths: Record<string, Json> = {};
  for (const route of routes) (paths[base + route.path] ??= {})[route.method] = operation(c, route);
  // Every code with its status in one place; each error answer names only the codes of its own status.
  c.convert(ErrorCodeSchema, 'output');
  const document = {
    openapi: '3.1.0',
    info: { title: 'Mend API', version: '1.0.0', description: 'Log a mistake, follow its plan of check-ins, read every answer.' },
    servers: [{ url: appUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API_TOKEN>' } },
      schemas: c.schemas,
    },
    paths,
  };
  // zod names a component #/$defs/X within one schema; in the document it lives at #/components/schemas/X.
  return JSON.parse(JSON.stringify(document).replaceAll('"$ref":"#/$defs/', '"$ref":"#/components/schemas/')) as Json;
}

let cached: { appUrl: string; document: Json } | undefined;

/** The document for this deployment's address; generated once per isolate, as the routes never change. */
export function openApiDocument(routes: readonly ApiRoute[], base: string, appUrl: string) {
  if (cached?.appUrl !== appUrl) cached = { appUrl, document: buildDocument(routes, base, appUrl) };
  return cached.document;
}
