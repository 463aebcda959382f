// Checks a response body against what /api/openapi.json says that path, method and status answer. Every object
// the document describes is closed (additionalProperties: false unless it says otherwise), so a field the
// document does not name fails. @cfworker/json-schema, because it runs in workerd: ajv compiles validators with
// new Function, which workerd refuses.
import { Validator, type Schema } from '@cfworker/json-schema';

type Json = Record<string, unknown>;
type Document = Json & { paths: Record<string, Record<string, { responses: Record<string, Json> }>>; components: { schemas: Json } };

export interface Checked {
  path: string;
  method: string;
  status: number;
}

/** Every object schema closed, and the document's component refs pointed at $defs. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '#/$defs/') : closed(value);
  }
  const types = ([] as unknown[]).concat(out.type ?? []);
  if ((types.includes('object') || 'properties' in out) && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

export class DocumentCheck {
  readonly seen: Checked[] = [];
  private readonly defs: unknown;

  constructor(private readonly doc: Document) {
    this.defs = closed(doc.components.schemas);
  }

  /** The problems of `body` as the answer of `method path` with `status`; an empty list when it matches. */
  problems(method: string, path: string, status: number, body: unknown): string[] {
    const operation = this.doc.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not in the document`];
    const response = operation.responses[String(status)] as { content?: { 'application/json'?: { schema: unknown } } } | undefined;
    if (!response) return [`${method} ${path} answered ${status}, which the document does not list`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return [`${method} ${path} ${status} has no JSON schema`];
    this.seen.push({ path, method: method.toLowerCase(), status });
    const validator = new Validator({ ...(closed(schema) as Schema), $defs: this.defs } as Schema, '2020-12', false);
    const result = validator.validate(body);
    return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
  }

  /** Each documented path and method that no checked response came from. */
  unwalked(): string[] {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(this.doc.paths)) {
      for (const method of Object.keys(operations)) {
        if (!this.seen.some((s) => s.path === path && s.method === method && s.status < 300)) missing.push(`${method} ${path}`);
      }
    }
    return missing;
  }
}
