/** @jsxImportSource hono/jsx */
// Signing in by email link, and the pages behind the one-time links (sign in, confirm a new plan).
import type { LinkProblem } from '../../domain/web-auth';
import { Page, type NavInfo } from '../layout';
import { Csrf, describe, FieldError } from './parts';

interface Base {
  nonce: string;
  csrf: string;
  nav: NavInfo | null;
}

export function LoginPage(props: Base & { email?: string; error?: string; notice?: string }) {
  const errors: Record<string, string> = props.error ? { email: props.error } : {};
  return (
    <Page referrer="same-origin" title="Sign in" nav={props.nav} nonce={props.nonce}>
      <h1>Sign in</h1>
      <p class="lead">No password: we email you a link that signs you in on this device.</p>
      {props.notice ? (
        <p class="notice warn" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.nav ? <p class="notice ok">{`You are signed in as ${props.nav.email}. Signing in with another address switches to it.`}</p> : null}
      <form method="post" action="/login" novalidate class="card">
        <Csrf token={props.csrf} />
        <label for="email">Your email address</label>
        <span class="hint" id="email-hint">
          The address you logged a mistake with, or the one a colleague named as their leader.
        </span>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength={254} value={props.email ?? ''} {...describe('email', errors, true)} />
        <FieldError id="email-error" message={errors.email} />
        <p>
          <button type="submit">Email me a sign-in link</button>
        </p>
      </form>
      <p class="muted">
        New here? <a href="/">Log a mistake</a> instead; we confirm your address as part of it.
      </p>
    </Page>
  );
}

export function LoginSentPage(props: { nonce: string; nav: NavInfo | null; email: string }) {
  return (
    <Page referrer="same-origin" title="Check your inbox" nav={props.nav} nonce={props.nonce}>
      <h1>Check your inbox</h1>
      <p class="lead">{`If ${props.email} has a plan in Mend, a sign-in link is on its way to it.`}</p>
      <p>The link works once, for 20 minutes, in the browser you open it in.</p>
      <div class="card">
        <h2>No email after a few minutes?</h2>
        <ul>
          <li>Look in your spam or junk folder.</li>
          <li>Check the address: it has to be the one your plan uses.</li>
          <li>
            <a href="/login">Ask for another link</a>.
          </li>
        </ul>
      </div>
    </Page>
  );
}

/** The GET of an emailed sign-in link: nothing happens until the button is pressed (mail scanners open links). */
export function UseSignInLinkPage(props: Base & { action: string; email: string }) {
  return (
    <Page referrer="same-origin" title="Sign in" nav={props.nav} nonce={props.nonce}>
      <h1>Sign in to Mend</h1>
      <p class="lead">
        Press the button to sign in on this device as <strong data-signs-in>{props.email}</strong>.
      </p>
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        <button type="submit">Sign in</button>
      </form>
      <p class="muted small">The link works once. If you did not ask to sign in, close this page: nothing has happened.</p>
    </Page>
  );
}

/** The GET of the confirmation link sent when a mistake is logged on the web. */
export function ConfirmPlanPage(props: Base & { action: string; title: string; hasLeader: boolean; alreadyActive: boolean }) {
  return (
    <Page referrer="same-origin" title="Confirm and start" nav={props.nav} nonce={props.nonce}>
      <h1>{props.alreadyActive ? 'This plan has already started' : 'Confirm and start the plan'}</h1>
      <p class="lead">{`For “${props.title}”.`}</p>
      {props.alreadyActive ? (
        <p>Press the button to sign in and see its timeline.</p>
      ) : (
        <>
          <p>Confirming tells Mend this address is yours. Then your first check-in is sent, and the others follow on the days you chose.</p>
          {props.hasLeader ? <p>Your leader hears nothing until you have written what happened and the part that was yours.</p> : null}
        </>
      )}
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        <button type="submit">{props.alreadyActive ? 'Sign in' : 'Confirm and start the plan'}</button>
      </form>
      <p class="muted small">Nothing happens until you press the button. It also signs you in on this device.</p>
    </Page>
  );
}

const LINK_PROBLEM: Record<LinkProblem, { title: string; body: string }> = {
  malformed: { title: 'This link is not complete', body: 'The link looks cut short or changed. Open it again from the email, or copy the whole address.' },
  unknown: { title: 'We do not recognise this link', body: 'It may have been copied with a part missing, or what it belonged to was erased.' },
  used: { title: 'This link has been used', body: 'Each link works once. If it was you, you may already be signed in in another browser or tab.' },
  expired: { title: 'This link has expired', body: 'Links like this one stop working after a short while, to keep your account safe.' },
};

export function LinkProblemPage(props: { nonce: string; nav: NavInfo | null; problem: LinkProblem; purpose: 'login' | 'confirm' }) {
  const text = LINK_PROBLEM[props.problem];
  return (
    <Page referrer="same-origin" title={text.title} nav={props.nav} nonce={props.nonce}>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      <p>
        {props.purpose === 'confirm'
          ? 'Your mistake is saved either way. Sign in with a fresh link, and you can confirm it from your list of mistakes.'
          : 'You can ask for a fresh one; it takes a moment.'}
      </p>
      <p>
        <a class="button" href="/login">
          Email me a fresh sign-in link
        </a>
      </p>
    </Page>
  );
}

export function SignedOutPage(props: { nonce: string; csrf: string; everywhere?: boolean }) {
  return (
    <Page referrer="same-origin" title="Signed out" nav={null} nonce={props.nonce} signedOut>
      <h1>{props.everywhere ? 'You are signed out everywhere' : 'You are signed out'}</h1>
      <p>
        {props.everywhere ? 'No browser or device has access to your plans any more.' : 'This device no longer has access to your plans.'} Your
        check-in emails keep coming as before.
      </p>
      <p>
        <a class="button secondary" href="/login">
          Sign in again
        </a>
      </p>
    </Page>
  );
}

/** A page for a form that came back without a valid token: nothing was changed. */
export function StaleFormPage(props: { nonce: string; nav: NavInfo | null; back: string }) {
  return (
    <Page referrer="same-origin" title="Please try again" nav={props.nav} nonce={props.nonce}>
      <h1>Please send that again</h1>
      <p>
        That form was opened before you signed in or out, or in another browser, so we could not be sure it came from you. Nothing was changed.
      </p>
      <p>
        <a class="button" href={props.back}>
          Go back and try again
        </a>
      </p>
    </Page>
  );
}

export function WebMessagePage(props: { nonce: string; nav: NavInfo | null; title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Page referrer="same-origin" title={props.title} nav={props.nav} nonce={props.nonce} signedOut={!props.nav}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.link ? (
        <p>
          <a class="button secondary" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      ) : null}
    </Page>
  );
}
