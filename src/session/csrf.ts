// CSRF: a signed double-submit token. The browser holds a random value in an HttpOnly cookie; every form carries
// an HMAC of that value bound to the session (if any). Another site can make the browser send the cookie but can
// neither read it nor compute the MAC, so it cannot fill in the form field. Nothing is stored server-side.
import type { Deps } from '../domain/deps';
import { webDigest } from '../domain/web-auth';
import { constantTimeEqual } from '../http/compare';

export async function csrfToken(deps: Pick<Deps, 'tokens'>, cookieValue: string, sessionId: string | null): Promise<string> {
  return webDigest(deps, 'csrf', `${cookieValue}:${sessionId ?? ''}`);
}

export async function csrfValid(
  deps: Pick<Deps, 'tokens'>,
  cookieValue: string | undefined,
  sessionId: string | null,
  given: string | undefined,
): Promise<boolean> {
  if (!cookieValue || !given) return false;
  return constantTimeEqual(given, await csrfToken(deps, cookieValue, sessionId));
}

/**
 * Belt and braces: a browser names the site a POST came from in Origin. When it names another site (or an
 * opaque "null" origin), refuse whatever the token says. Without Origin (some privacy tools strip it) the token
 * alone decides.
 */
export function originAllowed(origin: string | undefined, ownOrigins: string[]): boolean {
  if (origin === undefined) return true;
  return ownOrigins.includes(origin);
}
