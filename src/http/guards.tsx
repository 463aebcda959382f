/** @jsxImportSource hono/jsx */
// Middleware that reads the config before any page is served: links need a usable key, https means HSTS.
import type { MiddlewareHandler } from 'hono';
import { servedOverHttps } from '../config';
import { MessagePage } from '../pages/link-pages';
import type { AppEnv } from './context';

/** Paths that need no signing key: the API reads and writes plain records, health says what is wrong. */
const KEYLESS = /^\/(?:api|dev|webhooks)(?:\/|$)/;

/**
 * Every page behind an email link, and every web page (sessions and form tokens are HMACs too), needs
 * SIGNING_KEY. Without a usable one they answer 503 with a page that says so, not a 500 per link.
 */
export const pagesNeedSigningKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problem = c.get('config').signingKeyProblem;
  if (!problem || KEYLESS.test(c.req.path)) return next();
  c.get('deps').log('page.unavailable', { reason: `signing_key_${problem}` });
  c.header('Retry-After', '3600');
  c.header('Cache-Control', 'no-store');
  return c.html(
    <MessagePage title="Mend cannot open this page right now" message="Its links cannot be checked until Mend is set up again. Nothing was changed; please try the link later." />,
    503,
  );
};

/** Over https (by APP_URL), browsers are told to keep to it for a year. */
export const strictTransport: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (servedOverHttps(c.get('config'))) c.header('Strict-Transport-Security', 'max-age=31536000');
};
