/** @jsxImportSource hono/jsx */
// What the web routes share: who is signed in, the nav bar for them, and the answers every POST may get.
import type { Context, MiddlewareHandler } from 'hono';
import type { Refusal } from '../../domain/abuse-limits';
import type { NavInfo } from '../../pages/layout';
import { StaleFormPage, WebMessagePage } from '../../pages/site/login-pages';
import type { WebEnv } from '../../session/context';
import { readForm, type FormFields } from '../../http/form';
import { refusalText } from '../../session/limit-words';
import { formIsOurs } from '../../session/middleware';

export type WebContext = Context<WebEnv>;

export function navFor(c: WebContext, current?: NavInfo['current']): NavInfo | null {
  const session = c.get('session');
  return session ? { email: session.email, csrf: c.get('csrf'), ...(current ? { current } : {}) } : null;
}

/** Pages for signed-in people only: anyone else is sent to sign in (a GET) or refused (a POST). */
export const requireSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (c.get('session')) return next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/login?from=page', 303);
  return c.html(
    <WebMessagePage nonce={c.get('nonce')} nav={null} title="Please sign in" message="You need to be signed in to do that. Nothing was changed." link={{ href: '/login', label: 'Sign in' }} />,
    401,
  );
};

export type PostedForm = { ok: true; fields: FormFields } | { ok: false; response: Response };

/** Reads a POSTed form and checks it came from our own page in this browser; otherwise answers for the route. */
export async function postedForm(c: WebContext, back: string): Promise<PostedForm> {
  const read = await readForm(c);
  if (!read.ok) {
    const message = 'We could not read that form. Nothing was changed.';
    return { ok: false, response: await c.html(<WebMessagePage nonce={c.get('nonce')} nav={navFor(c)} title="That did not go through" message={message} link={{ href: back, label: 'Go back' }} />, 400) };
  }
  if (!(await formIsOurs(c, read.fields))) {
    return { ok: false, response: await c.html(<StaleFormPage nonce={c.get('nonce')} nav={navFor(c)} back={back} />, 403) };
  }
  return { ok: true, fields: read.fields };
}

export function notFoundPage(c: WebContext) {
  return c.html(
    <WebMessagePage nonce={c.get('nonce')} nav={navFor(c)} title="Nothing here" message="There is nothing at this address for the account you are signed in with." link={{ href: '/mistakes', label: 'Your mistakes' }} />,
    404,
  );
}

/** A door's limit said no: 429, the page says what happened and when to try again (also in Retry-After). */
export async function refused(c: WebContext, refusal: Refusal, nothingDone: string, page: (message: string) => Parameters<WebContext['html']>[0]): Promise<Response> {
  const text = refusalText(refusal, c.get('now'), nothingDone);
  if (text.retryAfter !== null) c.header('Retry-After', String(text.retryAfter));
  return c.html(page(text.message), 429);
}
