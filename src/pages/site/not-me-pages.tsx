/** @jsxImportSource hono/jsx */
// The page behind "this was not me" in a confirmation email, and what it says once pressed.
import { Page, type NavInfo } from '../layout';
import { Csrf } from './parts';

interface Base {
  nonce: string;
  nav: NavInfo | null;
}

export function NotMePage(props: Base & { csrf: string; action: string }) {
  return (
    <Page referrer="same-origin" title="This was not me" nav={props.nav} nonce={props.nonce}>
      <h1>Stop all email from Mend to this address</h1>
      <p class="lead">Someone typed this address into Mend as theirs. Press the button and Mend sends it nothing more: no confirmation, no check-in, no sign-in link.</p>
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        <button type="submit">Send this address nothing more</button>
      </form>
      <p class="muted small">Nothing happens until you press the button. A plan logged with this address and never confirmed is erased after a week.</p>
    </Page>
  );
}

export function NotMeDonePage(props: Base) {
  return (
    <Page referrer="same-origin" title="No more email" nav={props.nav} nonce={props.nonce} signedOut={!props.nav}>
      <h1>Mend sends this address nothing more</h1>
      <p>No other email from Mend will reach it, whoever types it in.</p>
      <p class="muted">
        If it was you after all: the confirmation button in the same email still works for its day, and using it starts
        mail again. So does a sign-in link Mend sent you before.
      </p>
    </Page>
  );
}
