// Body limits through hono's bodyLimit: it trusts Content-Length only without Transfer-Encoding, and otherwise
// reads the stream with a byte cap, so a chunked body is refused as soon as it passes the limit, before any
// route reads it.
import type { Context, Env, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';

export const JSON_BODY_LIMIT = 64 * 1024;
export const FORM_LIMIT = 64 * 1024;

/** JSON doors (the API, dev, webhooks): a body over the limit is a 413 in the API's error shape. */
export function limitJsonBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('too_large', `The body is larger than ${maxSize} bytes.`);
    },
  });
}

/** Page doors: a body over the limit gets the door's own page, with status 413. */
export function limitFormBody<E extends Env>(maxSize: number, tooLarge: (c: Context<E>) => Response | Promise<Response>): MiddlewareHandler<E> {
  return bodyLimit({ maxSize, onError: (c) => tooLarge(c as Context<E>) }) as MiddlewareHandler<E>;
}
