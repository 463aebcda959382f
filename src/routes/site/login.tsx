/** @jsxImportSource hono/jsx */
// Signing in by email link: ask for a link, open it (a page with a button: GETs change nothing, and mail
// scanners open links), press the button to get a session. And signing out.
import { Hono } from 'hono';
import * as z from 'zod';
import { admitSignIn } from '../../domain/abuse-limits';
import { LIMITS } from '../../domain/limits';
import { addressAskedForMail } from '../../domain/not-me';
import { closeAllSessions, closeSession, openSession, requestSignIn, useLink, checkLink } from '../../domain/web-auth';
import { afterResponse } from '../../http/background';
import { normalEmail } from '../../lib/email-address';
import { LinkProblemPage, LoginPage, LoginSentPage, SignedOutPage, UseSignInLinkPage } from '../../pages/site/login-pages';
import { clientOf } from '../../session/client';
import type { WebEnv } from '../../session/context';
import { clearCookie, readCookie, writeCookie } from '../../session/cookies';
import { navFor, postedForm, refused } from './shared';

export const loginRoutes = new Hono<WebEnv>();

const Email = z.string().trim().min(1, 'Type your email address.').max(LIMITS.email, `At most ${LIMITS.email} characters.`).pipe(z.email('That does not look like an email address.'));

loginRoutes.get('/login', (c) => {
  const from = c.req.query('from');
  return c.html(
    <LoginPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c)} {...(from === 'page' ? { notice: 'Sign in to see that page.' } : {})} />,
  );
});

loginRoutes.post('/login', async (c) => {
  const posted = await postedForm(c, '/login');
  if (!posted.ok) return posted.response;
  const raw = posted.fields.email ?? '';
  const parsed = Email.safeParse(raw);
  if (!parsed.success) {
    return c.html(<LoginPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c)} email={raw} error={parsed.error.issues[0]?.message ?? 'Check the address.'} />, 400);
  }
  // Counted for known and unknown addresses alike, so a refusal tells nothing about who uses Mend either.
  const refusal = await admitSignIn(c.get('deps'), { client: clientOf(c), email: normalEmail(parsed.data) }, c.get('now'));
  if (refusal) {
    return refused(c, refusal, 'No email went out.', (message) => <LoginPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c)} email={raw} notice={message} />);
  }
  // Whatever the outcome, the page says the same and takes the same time: the form must not tell who uses Mend.
  // So the lookup and the email happen after the response.
  const deps = c.get('deps');
  const now = c.get('now');
  afterResponse(c.executionCtx, deps.log, 'web.sign_in', () => requestSignIn(deps, parsed.data, now));
  return c.html(<LoginSentPage nonce={c.get('nonce')} nav={navFor(c)} email={parsed.data} />, 202);
});

loginRoutes.get('/login/:token', async (c) => {
  const token = c.req.param('token');
  const checked = await checkLink(c.get('deps'), token, 'login', c.get('now'));
  if (!checked.ok) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={checked.problem} purpose="login" />, checked.problem === 'expired' || checked.problem === 'used' ? 410 : 404);
  return c.html(<UseSignInLinkPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c)} action={`/login/${token}`} email={checked.link.email} />);
});

loginRoutes.post('/login/:token', async (c) => {
  const token = c.req.param('token');
  const posted = await postedForm(c, `/login/${token}`);
  if (!posted.ok) return posted.response;
  const deps = c.get('deps');
  const now = c.get('now');
  const used = await useLink(deps, token, 'login', now);
  if (!used.ok) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={used.problem} purpose="login" />, used.problem === 'expired' || used.problem === 'used' ? 410 : 404);
  // The address proved itself: a "this was not me" it pressed earlier no longer stands.
  await addressAskedForMail(deps, used.link.email);
  // A new session, never a reused one: whatever session this browser had before ends here.
  await closeSession(deps, readCookie(c, 'session'));
  const opened = await openSession(deps, used.link.email, now);
  writeCookie(c, 'session', opened.token);
  const owns = (await deps.store.mistakes.idsByOwner(opened.session.email)).length > 0;
  return c.redirect(owns ? '/mistakes' : '/leading', 303);
});

loginRoutes.post('/logout', async (c) => {
  const posted = await postedForm(c, '/mistakes');
  if (!posted.ok) return posted.response;
  await closeSession(c.get('deps'), readCookie(c, 'session'));
  clearCookie(c, 'session');
  return c.html(<SignedOutPage nonce={c.get('nonce')} csrf={c.get('csrf')} />);
});

loginRoutes.post('/logout/everywhere', async (c) => {
  const posted = await postedForm(c, '/mistakes');
  if (!posted.ok) return posted.response;
  const session = c.get('session');
  if (session) await closeAllSessions(c.get('deps'), session.email);
  clearCookie(c, 'session');
  return c.html(<SignedOutPage nonce={c.get('nonce')} csrf={c.get('csrf')} everywhere />);
});
