// The two cookies of the web pages. Over https they take the __Host- prefix (Secure, whole site, no Domain),
// which a browser refuses to let any other site or subdomain set; plain http (local development) cannot.
// "Over https" is APP_URL's word, not the request's: behind a proxy or a mistyped route the request may say http.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_MS } from '../domain/web-auth';
import { DAY } from '../domain/time';
import { servedOverHttps } from '../config';
import type { AppEnv } from '../http/context';

type CookieName = 'session' | 'csrf';

const secure = (c: Context) => servedOverHttps((c as Context<AppEnv>).get('config'));
const fullName = (c: Context, name: CookieName) => (secure(c) ? `__Host-mend_${name}` : `mend_${name}`);

const MAX_AGE_S: Record<CookieName, number> = { session: SESSION_ABSOLUTE_MS / 1000, csrf: (30 * DAY) / 1000 };

export function readCookie(c: Context, name: CookieName): string | undefined {
  return getCookie(c, fullName(c, name));
}

export function writeCookie(c: Context, name: CookieName, value: string): void {
  setCookie(c, fullName(c, name), value, { httpOnly: true, secure: secure(c), sameSite: 'Lax', path: '/', maxAge: MAX_AGE_S[name] });
}

export function clearCookie(c: Context, name: CookieName): void {
  deleteCookie(c, fullName(c, name), { httpOnly: true, secure: secure(c), sameSite: 'Lax', path: '/' });
}
