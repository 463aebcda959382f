/** @jsxImportSource hono/jsx */
// The pages behind the links in an owner's email: one-click status, the answer form, snooze, and the
// clear pages for links that no longer work.
import { raw } from 'hono/html';
import type { TokenProblem } from '../links/tokens';
import { PROGRESS_STATUSES, STATUS_LABEL, type ProgressStatus, type Step } from '../domain/types';
import type { ReflectionNote } from '../domain/reflection';
import { Page } from './layout';
import { ReflectionNotes } from './reflection-notes';

/** GET of a one-click link: records nothing. A person's browser submits the form at once; scanners' GETs stop here. */
export function ConfirmClickPage(props: { nonce: string; status: ProgressStatus; action: string; title: string }) {
  return (
    <Page nonce={props.nonce} title={STATUS_LABEL[props.status]}>
      <h1>{`Record “${STATUS_LABEL[props.status]}” for ${props.title}`}</h1>
      <form id="click" method="post" action={props.action}>
        <input type="hidden" name="source" value="email" />
        <button type="submit">{`Record “${STATUS_LABEL[props.status]}”`}</button>
      </form>
      <p class="muted">Nothing is recorded until this form is sent.</p>
      <script nonce={props.nonce}>{raw('document.getElementById("click").submit();')}</script>
    </Page>
  );
}

export function ClickRecordedPage(props: {
  nonce: string;
  status: ProgressStatus;
  title: string;
  linkBase: string;
  hasLeader: boolean;
  changed: boolean;
}) {
  const others = PROGRESS_STATUSES.filter((s) => s !== props.status);
  return (
    <Page nonce={props.nonce} title="Recorded">
      <h1>{`Recorded: ${STATUS_LABEL[props.status]}`}</h1>
      <p>{`For “${props.title}”.`}</p>
      {props.status === 'done' ? <p>Marking it done closes the plan: no more check-ins will be sent.</p> : null}
      {props.status === 'blocked' && props.hasLeader ? <p>Your leader will hear that you are blocked, so you can work it out together.</p> : null}
      <div class="card">
        <p>
          <a class="button" href={`${props.linkBase}/answer`}>Add a note</a>
        </p>
        <p class="muted">{props.changed ? 'You changed your answer here; this is the one that counts.' : 'Meant something else? Choose it here:'}</p>
        <div class="choices">
          {others.map((s) => (
            <form method="post" action={`${props.linkBase}/${s}`}>
              <input type="hidden" name="source" value="page" />
              <button type="submit" class="secondary">{STATUS_LABEL[s]}</button>
            </form>
          ))}
        </div>
      </div>
    </Page>
  );
}

const QUESTION: Record<Step, { heading: string; hint: string }> = {
  own: {
    heading: 'What happened, and what part was yours?',
    hint: 'In your own words: what happened, what it cost the people affected, and the part that was yours to own.',
  },
  learn: { heading: 'What did you learn?', hint: 'What you, and your team, learned from it.' },
  plan: { heading: 'What will change, and by when?', hint: 'Concrete changes and the dates you are aiming for.' },
  progress: { heading: 'How is it going?', hint: 'A short note on the progress: what changed, what is next.' },
};

export function AnswerFormPage(props: {
  nonce: string;
  step: Step;
  title: string;
  action: string;
  text: string;
  error?: string;
  previous?: string;
}) {
  const q = QUESTION[props.step];
  return (
    <Page nonce={props.nonce} title={q.heading}>
      <h1>{q.heading}</h1>
      <p class="muted">{`About “${props.title}”.`}</p>
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
      <form method="post" action={props.action}>
        <label for="text">{q.hint}</label>
        <textarea id="text" name="text" required maxlength={10000}>{props.text}</textarea>
        {props.step === 'progress' ? (
          <fieldset class="card">
            <legend>Status (optional)</legend>
            {PROGRESS_STATUSES.map((s) => (
              <label style="font-weight:400">
                <input type="radio" name="status" value={s} /> {STATUS_LABEL[s]}
              </label>
            ))}
          </fieldset>
        ) : null}
        <p>
          <button type="submit">Save</button>
        </p>
      </form>
      {props.previous ? (
        <>
          <h2>What you wrote before</h2>
          <blockquote>{props.previous}</blockquote>
        </>
      ) : null}
    </Page>
  );
}

export function AnswerRecordedPage(props: {
  nonce: string;
  title: string;
  text: string;
  status?: ProgressStatus;
  editUrl: string;
  reflection?: { notes: ReflectionNote[]; introWaits: boolean };
}) {
  return (
    <Page nonce={props.nonce} title="Saved">
      <h1>Saved</h1>
      <p>{`For “${props.title}”, we recorded:`}</p>
      {props.status ? <p>{`Status: ${STATUS_LABEL[props.status]}`}</p> : null}
      {props.text ? <blockquote>{props.text}</blockquote> : null}
      {props.reflection ? <ReflectionNotes notes={props.reflection.notes} editUrl={props.editUrl} introWaits={props.reflection.introWaits} /> : null}
      <p>
        <a class="button secondary" href={props.editUrl}>Edit what you wrote</a>
      </p>
    </Page>
  );
}

export function SnoozePage(props: { nonce: string; action: string; title: string; done?: { dueAt: string } }) {
  return (
    <Page nonce={props.nonce} title="Remind me in 2 days">
      <h1>Remind me in 2 days</h1>
      {props.done ? (
        <p>{`We will send this check-in about “${props.title}” again on ${props.done.dueAt}.`}</p>
      ) : (
        <form method="post" action={props.action}>
          <p>{`We will send this check-in about “${props.title}” again in two days. Nothing else in your plan moves.`}</p>
          <button type="submit">Remind me in 2 days</button>
        </form>
      )}
    </Page>
  );
}

export function MessagePage(props: { nonce: string; title: string; message: string }) {
  return (
    <Page nonce={props.nonce} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
    </Page>
  );
}

const PROBLEM_TEXT: Record<TokenProblem, { title: string; body: string }> = {
  malformed: {
    title: 'This link is not complete',
    body: 'The link looks cut short or changed. Open it again from the email, or copy the whole address.',
  },
  unknown: {
    title: 'We do not recognise this link',
    body: 'It may have been copied with a part missing, or the plan it belonged to was erased. The newest email from Mend has working links.',
  },
  expired: { title: 'This link has expired', body: 'Links in Mend emails stop working after a while, to keep what you wrote private.' },
  revoked: { title: 'This link no longer works', body: 'The plan it belonged to was closed, so its links were switched off.' },
};

export function BadLinkPage(props: { nonce: string; problem: TokenProblem; freshAction?: string }) {
  const text = PROBLEM_TEXT[props.problem];
  return (
    <Page nonce={props.nonce} title={text.title}>
      <h1>{text.title}</h1>
      <p>{text.body}</p>
      {props.freshAction ? (
        <form method="post" action={props.freshAction}>
          <p>We can email a fresh link to the address this one was sent to.</p>
          <button type="submit">Email me a fresh link</button>
        </form>
      ) : null}
    </Page>
  );
}
