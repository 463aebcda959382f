import type { Context } from 'hono';
import { ApiError } from './errors';

export const JSON_BODY_LIMIT = 64 * 1024;

// application/json or application/<x>+json, with parameters: the grammar hono's JSON validator accepts, so a
// body this lets through is never refused afterwards with a status outside the contract (415).
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-z0-9-]+=[^;]+)*$/i;

/** Reads a JSON body no larger than the limit; anything else is a 4xx with a message, never a 500. */
export async function readJson(c: Context, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new ApiError('too_large', `The body is larger than ${limit} bytes.`);
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new ApiError('invalid_content_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > limit) throw new ApiError('too_large', `The body is larger than ${limit} bytes.`);
  const text = new TextDecoder().decode(raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid JSON.');
  }
}
