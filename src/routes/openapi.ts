// /api/openapi.json: generated from the routes the API registers (api-routes.ts), never written by hand.
import type { OpenAPIHono } from '@hono/zod-openapi';

type Documented = Pick<OpenAPIHono, 'getOpenAPI31Document'>;

let cached: { appUrl: string; document: ReturnType<OpenAPIHono['getOpenAPI31Document']> } | undefined;

/** The document for this deployment's address; generated once per isolate, as the routes never change. */
export function openApiDocument(api: Documented, appUrl: string) {
  if (cached?.appUrl === appUrl) return cached.document;
  const document = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Mend API', version: '1.0.0', description: 'Log a mistake, follow its plan of check-ins, read every answer.' },
    servers: [{ url: appUrl }],
  });
  cached = { appUrl, document };
  return document;
}
