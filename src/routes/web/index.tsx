/** @jsxImportSource hono/jsx */
// The web pages, put together: set-up for each page (session, CSRF, private headers) on exactly the web paths,
// so the API and the email-link routes beside them are untouched; and an HTML page when something breaks.
import { Hono } from 'hono';
import { MessagePage } from '../../pages/link-pages';
import type { WebEnv } from '../../web/context';
import { webSetup } from '../../web/middleware';
import { leaderRoutes } from './leader';
import { logRoutes } from './log';
import { loginRoutes } from './login';
import { ownerRoutes } from './owner';

export const web = new Hono<WebEnv>();

for (const path of ['/', '/confirm/*', '/login', '/login/*', '/logout', '/logout/*', '/mistakes', '/mistakes/*', '/leading', '/leading/*']) web.use(path, webSetup);

web.route('/', logRoutes);
web.route('/', loginRoutes);
web.route('/', ownerRoutes);
web.route('/', leaderRoutes);

web.onError((error, c) => {
  console.error(JSON.stringify({ event: 'web.failed', route: c.req.routePath, error: String(error) }));
  return c.html(<MessagePage title="Something went wrong on our side" message="Nothing you sent was lost. Please go back and try again in a moment." />, 500);
});
