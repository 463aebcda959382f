/** @jsxImportSource hono/jsx */
// "This was not me" (`/confirm/<token>/not-me`): the link in every confirmation email. The GET shows a button;
// only its POST stops mail. A link that expired or was used still works here: it still proves the email arrived.
import { Hono } from 'hono';
import { declineAllMail } from '../../domain/not-me';
import { findLink } from '../../domain/web-auth';
import { LinkProblemPage } from '../../pages/site/login-pages';
import { NotMeDonePage, NotMePage } from '../../pages/site/not-me-pages';
import type { WebEnv } from '../../session/context';
import { navFor, postedForm } from './shared';

export const notMeRoutes = new Hono<WebEnv>();

notMeRoutes.get('/confirm/:token/not-me', async (c) => {
  const token = c.req.param('token');
  const link = await findLink(c.get('deps'), token, 'confirm');
  if (typeof link === 'string') return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={link} purpose="confirm" />, 404);
  return c.html(<NotMePage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c)} action={`/confirm/${token}/not-me`} />);
});

notMeRoutes.post('/confirm/:token/not-me', async (c) => {
  const token = c.req.param('token');
  const posted = await postedForm(c, `/confirm/${token}/not-me`);
  if (!posted.ok) return posted.response;
  const deps = c.get('deps');
  const link = await findLink(deps, token, 'confirm');
  if (typeof link === 'string') return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={link} purpose="confirm" />, 404);
  await declineAllMail(deps, link.email, c.get('now'));
  return c.html(<NotMeDonePage nonce={c.get('nonce')} nav={navFor(c)} />);
});
