/** @jsxImportSource hono/jsx */
// The pages behind the links in a leader's email (acknowledgements, digest frequency, stopping mail) and the
// owner's preview of what their leader sees. A GET never changes anything.
import { raw } from 'hono/html';
import type { AckChoice } from '../domain/leaders/acks';
import type { LeaderPreview } from '../domain/leaders/preview';
import { Page } from './layout';

export const ACK_LABEL: Record<AckChoice, string> = { thanks: 'Thank you for telling me', talk: 'Let’s talk' };

/** GET of an ack link: records nothing. A person's browser sends the form at once; a scanner's GET stops here. */
export function ConfirmAckPage(props: { nonce: string; choice: AckChoice; action: string; title: string }) {
  return (
    <Page nonce={props.nonce} title={ACK_LABEL[props.choice]}>
      <h1>{`“${ACK_LABEL[props.choice]}”`}</h1>
      <p class="muted">{`About “${props.title}”.`}</p>
      <form id="ack" method="post" action={props.action}>
        <input type="hidden" name="source" value="email" />
        <button type="submit">{`Send “${ACK_LABEL[props.choice]}”`}</button>
      </form>
      <p class="muted">Nothing is sent until this form is.</p>
      <script nonce={props.nonce}>{raw('document.getElementById("ack").submit();')}</script>
    </Page>
  );
}

export function AckRecordedPage(props: { nonce: string; choice: AckChoice; title: string; ownerName: string; linkBase: string; changed: boolean }) {
  const other: AckChoice = props.choice === 'thanks' ? 'talk' : 'thanks';
  return (
    <Page nonce={props.nonce} title="Sent">
      <h1>{`Recorded: “${ACK_LABEL[props.choice]}”`}</h1>
      <p>{`${props.ownerName} will get an email saying you chose this, about “${props.title}”.`}</p>
      <div class="card">
        <p class="muted">{props.changed ? 'You changed your choice here; this is the one that counts.' : 'Meant the other one?'}</p>
        <form method="post" action={`${props.linkBase}/${other}`}>
          <input type="hidden" name="source" value="page" />
          <button type="submit" class="secondary">{ACK_LABEL[other]}</button>
        </form>
      </div>
    </Page>
  );
}

const FREQUENCY_TEXT = {
  weekly: { name: 'Weekly', when: 'on Mondays at 09:00, your time' },
  daily: { name: 'Daily', when: 'on weekdays at 09:00, your time' },
} as const;

export function FrequencyPage(props: { nonce: string; frequency: 'weekly' | 'daily'; current: 'weekly' | 'daily'; action: string; done?: boolean }) {
  const f = FREQUENCY_TEXT[props.frequency];
  return (
    <Page nonce={props.nonce} title={`${f.name} digests`}>
      <h1>{`${f.name} digests`}</h1>
      {props.done || props.current === props.frequency ? (
        <p>{`Your digests come ${f.when}, when there is something new.`}</p>
      ) : (
        <form method="post" action={props.action}>
          <p>{`Your digests now come ${FREQUENCY_TEXT[props.current].when}. Switch to ${f.name.toLowerCase()} digests, ${f.when}, when there is something new?`}</p>
          <button type="submit">{`Switch to ${f.name.toLowerCase()} digests`}</button>
        </form>
      )}
    </Page>
  );
}

/** GET of the unsubscribe link: a page with a button, changing nothing. The button sends the RFC 8058 POST. */
export function StopPage(props: { nonce: string; action: string; stopped: boolean }) {
  return (
    <Page nonce={props.nonce} title="Stop these emails">
      <h1>{props.stopped ? 'You will get no more emails from Mend' : 'Stop these emails'}</h1>
      {props.stopped ? (
        <p>Mend will not email this address about anyone’s plan again. Nothing else changes for the people who named you.</p>
      ) : (
        <form method="post" action={props.action}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>Mend will stop emailing this address: no more introductions, digests, alerts or closing reports, about any plan. This cannot be undone from here.</p>
          <button type="submit">Stop all emails from Mend</button>
        </form>
      )}
    </Page>
  );
}

const PREVIEW_CSS = `iframe{width:100%;height:720px;border:1px solid var(--line);border-radius:8px;background:#fff}
pre{white-space:pre-wrap;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem;font-size:.85rem}`;

/** Links inside the previewed email stay inside the preview; its own CSS runs under the page's nonce. */
const framed = (html: string, nonce: string) =>
  html.replace(/<head([^>]*)>/i, '<head$1><base target="_self">').replace(/<style(?=[\s>])/gi, `<style nonce="${nonce}"`);

export function LeaderPreviewPage(props: { nonce: string; preview: LeaderPreview; title: string }) {
  const p = props.preview;
  if (p.state === 'no_leader') {
    return (
      <Page nonce={props.nonce} title="No leader on this plan">
        <h1>No leader on this plan</h1>
        <p>{`Nobody is named as your leader on “${props.title}”, so Mend sends your answers to no one.`}</p>
      </Page>
    );
  }
  if (p.state !== 'intro' && p.state !== 'digest' && p.state !== 'closing') {
    const text = {
      stopped: `${p.leaderName} has stopped emails from Mend, so they receive nothing about this plan.`,
      closed: `This plan is closed, so ${p.leaderName} receives nothing more about it.`,
      waiting_for_ownership: `Nothing has gone to ${p.leaderName} yet. Once you have written your ownership statement, they get an introduction with it, the plan, and when they will hear more.`,
    }[p.state];
    return (
      <Page nonce={props.nonce} title="What your leader sees">
        <h1>What your leader sees</h1>
        <p>{text}</p>
      </Page>
    );
  }
  const intro = {
    intro: `${p.leaderName} has not heard about “${props.title}” yet. Their introduction goes at the next scheduled run, and reads like this:`,
    digest: `This is how “${props.title}” appears in ${p.leaderName}’s next digest (${p.nextDigest} at the earliest, and only if something is new). Other plans that name them are left out here.`,
    closing: p.sent
      ? `${p.leaderName} received this closing report, the whole story of “${props.title}”:`
      : `${p.leaderName} gets this closing report, the whole story of “${props.title}”, at the next scheduled run:`,
  }[p.state];
  return (
    <Page nonce={props.nonce} title="What your leader sees" head={<style nonce={props.nonce}>{raw(PREVIEW_CSS)}</style>}>
      <h1>What your leader sees</h1>
      <p>{intro}</p>
      <p class="muted">{`Subject: ${p.email.subject}`}</p>
      <iframe title="The email as your leader sees it" sandbox="" srcdoc={framed(p.email.html, props.nonce)} />
      <details>
        <summary>Plain text</summary>
        <pre>{p.email.text}</pre>
      </details>
    </Page>
  );
}
