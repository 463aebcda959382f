import type { Context } from 'hono';
import { ApiError } from './errors';

// application/json or application/<x>+json, with parameters: the grammar hono's JSON validator accepts, so a
// body this lets through is never refused afterwards with a status outside the contract (415).
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-z0-9-]+=[^;]+)*$/i;

/**
 * Reads a JSON body; anything else is a 4xx with a message, never a 500. Its size is capped before it gets
 * here, by limitJsonBody on the door (src/http/body-limit.ts).
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ApiError('invalid_content_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid JSON.');
  }
}
