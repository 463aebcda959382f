// Set up for every web page: who is signed in, the CSRF token its forms carry, and headers that keep pages
// private (no caching, no referrer, no framing, a strict content security policy).
import type { Context, MiddlewareHandler } from 'hono';
import { findSession, randomToken } from '../domain/web-auth';
import { readCookie, writeCookie } from './cookies';
import type { WebEnv } from './context';
import { csrfToken, csrfValid, originAllowed } from './csrf';
import type { FormFields } from '../http/form';

const COOKIE_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export const webSetup: MiddlewareHandler<WebEnv> = async (c, next) => {
  // Mounted on '/x' and '/x/*', and hono's '/x/*' also matches '/x': set up once per request.
  if (c.get('nonce')) return next();
  const deps = c.get('deps');
  const session = await findSession(deps, readCookie(c, 'session'), c.get('now'));
  const incoming = readCookie(c, 'csrf');
  let cookie = incoming && COOKIE_SHAPE.test(incoming) ? incoming : undefined;
  if (!cookie) {
    cookie = randomToken();
    writeCookie(c, 'csrf', cookie);
  }
  const nonce = randomToken();
  c.set('session', session);
  c.set('csrfCookie', incoming);
  c.set('csrf', await csrfToken(deps, cookie, session?.id ?? null));
  c.set('nonce', nonce);
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Robots-Tag', 'noindex');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  );
};

/** Was this POST sent by one of Mend's own pages, in this browser, for this session? */
export async function formIsOurs(c: Context<WebEnv>, fields: FormFields): Promise<boolean> {
  const own = [new URL(c.req.url).origin, new URL(c.get('config').appUrl).origin];
  if (!originAllowed(c.req.header('origin'), own)) return false;
  return csrfValid(c.get('deps'), c.get('csrfCookie'), c.get('session')?.id ?? null, fields.csrf);
}
