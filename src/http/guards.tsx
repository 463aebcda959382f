/** @jsxImportSource hono/jsx */
// Middleware that reads the config before any page is served: links need a usable key.
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { MessagePage } from '../pages/link-pages';
import type { AppEnv } from './context';
import { pageHeaders, pageNonce } from './page-headers';

/** Paths that need no signing key: the API reads and writes plain records, health says what is wrong. */
const KEYLESS = /^\/(?:api|dev|webhooks)(?:\/|$)/;

/** A page like the others (its own nonce, no caching, no referrer), saying why nothing can open. */
const unavailablePage: MiddlewareHandler<AppEnv> = async (c) => {
  c.header('Retry-After', '3600');
  return c.html(
    <MessagePage
      nonce={pageNonce(c)}
      title="Mend cannot open this page right now"
      message="Its links cannot be checked until Mend is set up again. Nothing was changed; please try the link later."
    />,
    503,
  );
};
const unavailable = every(...pageHeaders('no-referrer'), unavailablePage);

/**
 * Every page behind an email link, and every web page (sessions and form tokens are HMACs too), needs
 * SIGNING_KEY. Without a usable one they answer 503 with a page that says so, not a 500 per link.
 */
export const pagesNeedSigningKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problem = c.get('config').signingKeyProblem;
  if (!problem || KEYLESS.test(c.req.path)) return next();
  c.get('deps').log('page.unavailable', { reason: `signing_key_${problem}` });
  return unavailable(c, next);
};
