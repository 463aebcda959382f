// The hono app: every route mounted, one way to set up a request, one error handler, one error shape.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestNow } from './clock';
import { isLocalDevelopment } from './config';
import { backgroundSettled } from './http/background';
import { pagesNeedSigningKey } from './http/guards';
import type { AppEnv } from './http/context';
import { ApiError, apiErrorResponse, errorBody } from './http/errors';
import { pathForLog } from './http/log-path';
import { api } from './routes/api';
import { dev } from './routes/dev';
import { links } from './routes/links';
import { leaderLinks } from './routes/leader-links';
import { ownerPreview } from './routes/owner-preview';
import { site } from './routes/site';
import { webhooks } from './routes/webhooks';
import { runtime } from './runtime';

export const app = new Hono<AppEnv>();

app.use('*', async (c, next) => {
  const { config, deps } = runtime(c.env);
  c.set('config', config);
  c.set('deps', deps);
  c.set('now', await requestNow(config, deps.store));
  await next();
});
app.use('*', pagesNeedSigningKey);

// The API carries its own /api base path, so its document names the paths a client calls.
app.route('/', api);
// The owner's preview of what their leader sees first: its page has headers of its own (it frames an email), and
// it answers before the other link routes' middleware runs. Then the owner's links, and the leader's own links.
app.route('/l', ownerPreview);
app.route('/l', links);
app.route('/lead', leaderLinks);

app.use('/dev/*', async (c, next) => {
  // Outside local development (MEND_ENV and a localhost APP_URL) the dev routes do not exist at all.
  if (!isLocalDevelopment(c.get('config'))) return c.json(errorBody('not_found', 'Not found.'), 404);
  // What earlier requests handed on to run after their response (a sign-in email) is done before the outbox
  // or the clock is read.
  await backgroundSettled();
  await next();
});
app.route('/dev', dev);

// Resend's delivery events (Svix-signed; src/routes/webhooks.ts).
app.route('/webhooks', webhooks);

// The web pages: `/` logs a mistake; sign-in, the owner's timeline and the leader's page (src/routes/site).
app.route('/', site);

app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));

app.onError((error, c) => {
  if (error instanceof ApiError) return apiErrorResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(errorBody('invalid', error.message || 'The request could not be read.'), error.status);
  }
  console.error(JSON.stringify({ event: 'request.failed', path: pathForLog(c.req.url), error: String(error) }));
  return c.json(errorBody('internal', 'Something went wrong on our side. Nothing you sent was lost; please try again.'), 500);
});
