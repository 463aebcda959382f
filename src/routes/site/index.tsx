/** @jsxImportSource hono/jsx */
// The web pages, put together: set-up for each page (session, CSRF, private headers) on exactly the web paths,
// so the API and the email-link routes beside them are untouched; and an HTML page when something breaks.
import { Hono } from 'hono';
import { FORM_LIMIT, limitFormBody } from '../../http/body-limit';
import { pageHeaders, pageNonce } from '../../http/page-headers';
import { MessagePage } from '../../pages/link-pages';
import { WebMessagePage } from '../../pages/site/login-pages';
import type { WebEnv } from '../../session/context';
import { webSetup } from '../../session/middleware';
import { leaderRoutes } from './leader';
import { logRoutes } from './log';
import { loginRoutes } from './login';
import { notMeRoutes } from './not-me';
import { ownerRoutes } from './owner';
import { navFor } from './shared';

export const site = new Hono<WebEnv>();

// hono's '/x/*' also matches '/x': each page is set up once.
const PAGES = ['/', '/confirm/*', '/login/*', '/logout/*', '/mistakes/*', '/leading/*'];
for (const path of PAGES) site.use(path, ...pageHeaders('same-origin'), webSetup);
// After the set-up, so the refusal is a page like the others: signed-in bar, nonce and all.
const tooLarge = limitFormBody<WebEnv>(FORM_LIMIT, (c) =>
  c.html(
    <WebMessagePage
      nonce={c.get('nonce')}
      nav={navFor(c)}
      title="That did not go through"
      message="That was more than Mend accepts in one form. Nothing was changed."
      link={{ href: c.req.path, label: 'Go back' }}
    />,
    413,
  ),
);
for (const path of PAGES) site.use(path, tooLarge);

site.route('/', notMeRoutes);
site.route('/', logRoutes);
site.route('/', loginRoutes);
site.route('/', ownerRoutes);
site.route('/', leaderRoutes);

site.onError((error, c) => {
  console.error(JSON.stringify({ event: 'web.failed', route: c.req.routePath, error: String(error) }));
  return c.html(<MessagePage nonce={pageNonce(c)} title="Something went wrong on our side" message="Nothing you sent was lost. Please go back and try again in a moment." />, 500);
});
