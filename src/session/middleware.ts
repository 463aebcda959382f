// Set up for every web page: who is signed in, the CSRF token its forms carry, and the CSP nonce its inline
// style and script use. The headers that keep pages private come from pageHeaders, mounted in front of this.
import type { Context, MiddlewareHandler } from 'hono';
import { findSession, randomToken } from '../domain/web-auth';
import { readCookie, writeCookie } from './cookies';
import type { WebEnv } from './context';
import { csrfToken, csrfValid, originAllowed } from './csrf';
import { pageNonce } from '../http/page-headers';
import type { FormFields } from '../http/form';

const COOKIE_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export const webSetup: MiddlewareHandler<WebEnv> = async (c, next) => {
  const deps = c.get('deps');
  const session = await findSession(deps, readCookie(c, 'session'), c.get('now'));
  const incoming = readCookie(c, 'csrf');
  let cookie = incoming && COOKIE_SHAPE.test(incoming) ? incoming : undefined;
  if (!cookie) {
    cookie = randomToken();
    writeCookie(c, 'csrf', cookie);
  }
  // The CSP nonce of this response (hono's secureHeaders, mounted in front: src/http/page-headers).
  const nonce = pageNonce(c);
  c.set('session', session);
  c.set('csrfCookie', incoming);
  c.set('csrf', await csrfToken(deps, cookie, session?.id ?? null));
  c.set('nonce', nonce);
  await next();
};

/** Was this POST sent by one of Mend's own pages, in this browser, for this session? */
export async function formIsOurs(c: Context<WebEnv>, fields: FormFields): Promise<boolean> {
  const own = [new URL(c.req.url).origin, new URL(c.get('config').appUrl).origin];
  if (!originAllowed(c.req.header('origin'), own)) return false;
  return csrfValid(c.get('deps'), c.get('csrfCookie'), c.get('session')?.id ?? null, fields.csrf);
}
