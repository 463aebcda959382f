import type { Context } from 'hono';
import { ApiError } from './errors';

export const JSON_BODY_LIMIT = 64 * 1024;

/** Reads a JSON body no larger than the limit; anything else is a 4xx with a message, never a 500. */
export async function readJson(c: Context, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new ApiError(413, 'too_large', `The body is larger than ${limit} bytes.`);
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError(400, 'invalid_content_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > limit) throw new ApiError(413, 'too_large', `The body is larger than ${limit} bytes.`);
  const text = new TextDecoder().decode(raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}
