/** @jsxImportSource hono/jsx */
// The owner's pages: the list of their mistakes, one mistake's timeline, editing an answer, and the
// confirmation steps for closing and erasing.
import { ANSWER_TEXT_LIMIT } from '../../domain/answers';
import { reflect } from '../../domain/reflection';
import type { ProgressStatus, Step, Via } from '../../domain/types';
import type { CheckinRow, LeaderRow, MistakeRow, UpdateRow } from '../../store';
import type { CheckinEntry, TimelineEntry } from '../../web/timeline';
import { Page, type NavInfo } from '../layout';
import { ReflectionNotes } from '../reflection-notes';
import { Csrf, dayOfPlan, describe, FieldError, MISTAKE_STATUS, Pill, PROGRESS_LABEL, STEP_NAME, STEP_QUESTION, when } from './parts';

interface Base {
  nonce: string;
  csrf: string;
  nav: NavInfo;
}

const OPEN = new Set<MistakeRow['status']>(['active', 'paused']);
/** The owner's written answers that get reflection notes. */
const REFLECTED = new Set<UpdateRow['kind']>(['ownership', 'learning']);

export interface MistakeSummary {
  mistake: MistakeRow;
  checkins: CheckinRow[];
}

function nextLine(s: MistakeSummary, now: number): string {
  const { mistake, checkins } = s;
  if (mistake.status === 'pending') return 'Nothing is scheduled until you confirm.';
  if (!OPEN.has(mistake.status)) return `Ended ${when(mistake.endedAt ?? mistake.updatedAt, mistake.ownerTimeZone, now)}.`;
  const waiting = checkins.find((c) => c.status === 'sent');
  if (waiting) return `Waiting for your answer: ${STEP_QUESTION[waiting.step]}`;
  if (mistake.status === 'paused') return 'Paused: no check-ins until you resume.';
  const next = checkins.filter((c) => c.status === 'scheduled' || c.status === 'sending').sort((a, b) => a.dueAt - b.dueAt)[0];
  return next ? `Next check-in: ${when(next.dueAt, mistake.ownerTimeZone, now)}.` : 'No check-ins left.';
}

export function MistakesPage(props: Base & { mistakes: MistakeSummary[]; now: number; leadsCount: number; notice?: string }) {
  return (
    <Page referrer="same-origin" title="Your mistakes" nav={props.nav} nonce={props.nonce}>
      <h1>Your mistakes</h1>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.mistakes.length === 0 ? (
        <div class="card">
          <p>You have not logged anything with this address.</p>
          <p>
            <a class="button" href="/">
              Log a mistake
            </a>
          </p>
        </div>
      ) : (
        <ul class="plain-list" role="list">
          {props.mistakes.map((s) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/mistakes/${s.mistake.id}`}>{s.mistake.title}</a>
              </h2>
              <p class="meta">
                <Pill kind={s.mistake.status}>{MISTAKE_STATUS[s.mistake.status]}</Pill>
                {s.mistake.status !== 'pending' ? <span class="muted">{` Day ${dayOfPlan(s.mistake.startAt, props.now)} of the plan`}</span> : null}
              </p>
              <p>{nextLine(s, props.now)}</p>
              {s.mistake.status === 'pending' ? (
                <form method="post" action={`/mistakes/${s.mistake.id}/confirm`}>
                  <Csrf token={props.csrf} />
                  <button type="submit">Confirm and start the plan</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.leadsCount > 0 ? (
        <p>
          <a href="/leading">{props.leadsCount === 1 ? 'One colleague names you as their leader' : `${props.leadsCount} mistakes name you as leader`}</a>
        </p>
      ) : null}
    </Page>
  );
}

const VIA: Record<Via, string> = { link: 'one click in the email', form: 'written in the answer form', email: 'by reply', api: 'through the API' };

function CheckinState(props: { checkin: CheckinRow; mistake: MistakeRow; now: number; answered: boolean }) {
  const { checkin: c, mistake: m, now } = props;
  const tz = m.ownerTimeZone;
  switch (c.status) {
    case 'scheduled':
    case 'sending':
      return <p class="meta">{c.dueAt <= now ? 'Going out in a moment' : `Coming ${when(c.dueAt, tz, now)}`}</p>;
    case 'held':
      return <p class="meta">{m.status === 'pending' ? 'Starts when you confirm' : `On hold while the plan is paused (was due ${when(c.dueAt, tz, now)})`}</p>;
    case 'sent':
      return (
        <p class="meta">
          {`Sent ${when(c.sentAt ?? c.dueAt, tz, now)}${c.late ? ', later than planned' : ''}`}
          {props.answered ? ' · answered' : <> · <strong>waiting for your answer</strong></>}
        </p>
      );
    case 'answered':
      return <p class="meta">{`Sent ${when(c.sentAt ?? c.dueAt, tz, now)} · answered ${when(c.answeredAt ?? now, tz, now)}`}</p>;
    case 'skipped':
      return <p class="meta">Skipped: a later check-in was already due.</p>;
    case 'cancelled':
      return <p class="meta">Not sent: the plan had ended.</p>;
  }
}

function Answer(props: { update: UpdateRow; tz: string; now: number; settling?: boolean; label?: string }) {
  const u = props.update;
  return (
    <div class="answer">
      {u.kind === 'status' && u.status ? (
        <p>
          <Pill kind={u.status}>{PROGRESS_LABEL[u.status as ProgressStatus] ?? u.status}</Pill>
          <span class="muted small">{` ${when(u.at, props.tz, props.now)} · ${VIA[u.via]}`}</span>
          {props.settling ? <span class="muted small"> · counts once it has stood a couple of minutes</span> : null}
        </p>
      ) : (
        <>
          <p class="muted small">{`${props.label ?? 'Your answer'} · ${when(u.at, props.tz, props.now)} · ${VIA[u.via]}`}</p>
          <blockquote>{u.text}</blockquote>
        </>
      )}
    </div>
  );
}

function CheckinItem(props: { entry: CheckinEntry; mistake: MistakeRow; now: number; csrf: string }) {
  const { entry, mistake, now } = props;
  const c = entry.checkin;
  const tz = mistake.ownerTimeZone;
  const latest = entry.texts[entry.texts.length - 1];
  const earlier = entry.texts.slice(0, -1).reverse();
  const answerable = OPEN.has(mistake.status) || (c.step !== 'progress' && mistake.status !== 'pending');
  const canAnswer = answerable && (c.status === 'sent' || c.status === 'answered');
  const past = c.status === 'sent' || c.status === 'answered';
  return (
    <li class={`event checkin ${past ? "past" : "future"} ${c.status}`} id={`checkin-${c.id}`}>
      <h3>
        <span class="step">{`Day ${c.day} · ${STEP_NAME[c.step]}`}</span>
        <span class="question">{STEP_QUESTION[c.step]}</span>
      </h3>
      <CheckinState checkin={c} mistake={mistake} now={now} answered={entry.statuses.length + entry.texts.length > 0} />
      {entry.statuses.map((s) => (
        <Answer update={s.update} tz={tz} now={now} settling={s.settling} />
      ))}
      {latest ? <Answer update={latest.update} tz={tz} now={now} label={earlier.length ? 'Your answer, edited' : 'Your answer'} /> : null}
      {latest && REFLECTED.has(latest.update.kind) ? <ReflectionNotes notes={reflect(latest.update.text ?? '')} editUrl={`/mistakes/${mistake.id}/checkins/${c.id}/answer`} /> : null}
      {earlier.length ? (
        <details>
          <summary>{earlier.length === 1 ? 'The earlier version' : `${earlier.length} earlier versions`}</summary>
          {earlier.map((v) => (
            <Answer update={v.update} tz={tz} now={now} label="Earlier version" />
          ))}
        </details>
      ) : null}
      {canAnswer || (c.status === 'sent' && OPEN.has(mistake.status)) ? (
        <div class="actions">
          {canAnswer ? (
            <a class={`button ${latest || entry.statuses.length ? 'secondary' : ''}`} href={`/mistakes/${mistake.id}/checkins/${c.id}/answer`}>
              {latest ? 'Edit your answer' : c.step === 'progress' ? (entry.statuses.length ? 'Add a note or change it' : 'Answer') : 'Answer'}
            </a>
          ) : null}
          {c.status === 'sent' && OPEN.has(mistake.status) ? (
            <form method="post" action={`/mistakes/${mistake.id}/checkins/${c.id}/snooze`}>
              <Csrf token={props.csrf} />
              <button type="submit" class="secondary">
                Remind me in 2 days
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

const ACK_WORDS: Record<string, string> = { thanks: 'Thank you for telling me', talk: 'Let’s talk' };

export function TimelinePage(
  props: Base & { mistake: MistakeRow; leader: LeaderRow | null; entries: TimelineEntry[]; now: number; notice?: string },
) {
  const { mistake: m, leader, now } = props;
  const tz = m.ownerTimeZone;
  const leaderName = leader ? (leader.name ?? leader.email) : null;
  return (
    <Page referrer="same-origin" title={m.title} nav={props.nav} nonce={props.nonce}>
      <p class="crumbs">
        <a href="/mistakes">Your mistakes</a>
      </p>
      <h1>{m.title}</h1>
      <p class="meta">
        <Pill kind={m.status}>{MISTAKE_STATUS[m.status]}</Pill>
        {m.status !== 'pending' ? <span class="muted">{` Started ${when(m.startAt, tz, now)} · day ${dayOfPlan(m.startAt, now)}`}</span> : null}
      </p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {m.status === 'pending' ? (
        <div class="notice warn">
          <p>Nothing is scheduled until you confirm this plan. Your leader hears nothing either.</p>
          <form method="post" action={`/mistakes/${m.id}/confirm`}>
            <Csrf token={props.csrf} />
            <button type="submit">Confirm and start the plan</button>
          </form>
        </div>
      ) : null}
      <section class="card" aria-labelledby="logged-heading">
        <h2 id="logged-heading">What you logged</h2>
        <blockquote>{m.description}</blockquote>
        {m.impact ? (
          <>
            <p class="muted small">Who or what it affected</p>
            <blockquote>{m.impact}</blockquote>
          </>
        ) : null}
        <dl class="facts">
          <dt>Leader</dt>
          <dd>{leader ? `${leaderName}${leader.name ? ` (${leader.email})` : ''}` : 'None named: your answers go to no one.'}</dd>
          <dt>Times shown in</dt>
          <dd>{tz.replace(/_/g, ' ')}</dd>
        </dl>
      </section>

      <h2 id="timeline-heading">Timeline</h2>
      <ol class="timeline" aria-labelledby="timeline-heading">
        {props.entries.map((e) =>
          e.type === 'checkin' ? (
            <CheckinItem entry={e} mistake={m} now={now} csrf={props.csrf} />
          ) : e.type === 'ack' ? (
            <li class="event ack past">
              <h3>{`${leaderName ?? 'Your leader'} replied`}</h3>
              <p class="meta">{when(e.at, tz, now)}</p>
              <blockquote>{ACK_WORDS[e.update.status ?? ''] ?? e.update.text ?? 'Acknowledged'}</blockquote>
            </li>
          ) : (
            <li class="event past">
              <h3>Your note</h3>
              <Answer update={e.update} tz={tz} now={now} />
            </li>
          ),
        )}
      </ol>

      <section class="card" aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage this plan</h2>
        <ul class="plain-list manage" role="list">
          {m.status === 'active' ? (
            <li>
              <form method="post" action={`/mistakes/${m.id}/pause`}>
                <Csrf token={props.csrf} />
                <button type="submit" class="secondary">
                  Pause
                </button>
              </form>
              <span class="muted small">Holds every check-in until you resume; the plan then picks up where it was.</span>
            </li>
          ) : null}
          {m.status === 'paused' ? (
            <li>
              <form method="post" action={`/mistakes/${m.id}/resume`}>
                <Csrf token={props.csrf} />
                <button type="submit">Resume</button>
              </form>
              <span class="muted small">Check-ins come back, each moved on by the length of the pause.</span>
            </li>
          ) : null}
          {OPEN.has(m.status) || m.status === 'pending' ? (
            <li>
              <a class="button secondary" href={`/mistakes/${m.id}/close`}>
                Close…
              </a>
              <span class="muted small">Ends the plan: no more check-ins. What you wrote stays here.</span>
            </li>
          ) : null}
          <li>
            <a class="button secondary danger-text" href={`/mistakes/${m.id}/erase`}>
              Erase…
            </a>
            <span class="muted small">Removes the mistake and everything written about it, for good.</span>
          </li>
        </ul>
      </section>
    </Page>
  );
}

const QUESTION_HINT: Record<Step, string> = {
  own: 'In your own words: what happened, what it cost the people affected, and the part that was yours to own.',
  learn: 'What you, and your team, learned from it.',
  plan: 'Concrete changes and the dates you are aiming for.',
  progress: 'A short note on the progress: what changed, what is next.',
};

export function AnswerPage(
  props: Base & { mistake: MistakeRow; checkin: CheckinRow; text: string; status?: string; error?: string; hasEarlier: boolean },
) {
  const { mistake: m, checkin: c } = props;
  const errors: Record<string, string> = props.error ? { text: props.error } : {};
  return (
    <Page referrer="same-origin" title={STEP_QUESTION[c.step]} nav={props.nav} nonce={props.nonce}>
      <p class="crumbs">
        <a href={`/mistakes/${m.id}`}>{m.title}</a>
      </p>
      <h1>{STEP_QUESTION[c.step]}</h1>
      <p class="muted">{`Day ${c.day} check-in.${props.hasEarlier ? ' Saving keeps what you wrote before: the timeline shows every version.' : ''}`}</p>
      <form method="post" action={`/mistakes/${m.id}/checkins/${c.id}/answer`} novalidate>
        <Csrf token={props.csrf} />
        {c.step === 'progress' ? (
          <fieldset>
            <legend>Where things stand (optional)</legend>
            {(['on_track', 'blocked', 'done'] as const).map((s) => (
              <label class="choice">
                <input type="radio" name="status" value={s} checked={props.status === s} />
                <span>
                  <strong>{PROGRESS_LABEL[s]}</strong>
                  {s === 'done' ? <span class="hint">Ends the plan: no more check-ins.</span> : null}
                  {s === 'blocked' ? <span class="hint">Your leader, if you named one, hears at once so you can work it out together.</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <label for="text">{c.step === 'progress' ? 'A note (optional)' : 'Your answer'}</label>
        <span class="hint" id="text-hint">
          {QUESTION_HINT[c.step]}
        </span>
        <textarea id="text" name="text" maxlength={ANSWER_TEXT_LIMIT} {...describe('text', errors, true)}>
          {props.text}
        </textarea>
        <FieldError id="text-error" message={errors.text} />
        <div class="actions">
          <button type="submit">Save</button>
          <a class="button secondary" href={`/mistakes/${m.id}`}>
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}

export function ConfirmActionPage(props: Base & { mistake: MistakeRow; action: 'close' | 'erase' }) {
  const { mistake: m } = props;
  const erase = props.action === 'erase';
  return (
    <Page referrer="same-origin" title={erase ? 'Erase this mistake?' : 'Close this plan?'} nav={props.nav} nonce={props.nonce}>
      <p class="crumbs">
        <a href={`/mistakes/${m.id}`}>{m.title}</a>
      </p>
      <h1>{erase ? 'Erase this mistake?' : 'Close this plan?'}</h1>
      {erase ? (
        <>
          <p class="lead">{`“${m.title}”, every answer, every check-in and every email link that belongs to it will be deleted. This cannot be undone.`}</p>
          <p>Emails Mend has already sent stay in the inboxes they reached.</p>
        </>
      ) : (
        <>
          <p class="lead">{`No more check-ins will be sent for “${m.title}”, and its email links stop working.`}</p>
          <p>Everything you wrote stays on the timeline. If the plan is done rather than set aside, you can instead answer a progress check-in with “Done”.</p>
        </>
      )}
      <div class="actions">
        <form method="post" action={`/mistakes/${m.id}/${props.action}`}>
          <Csrf token={props.csrf} />
          <button type="submit" class={erase ? 'danger' : undefined}>
            {erase ? 'Yes, erase it for good' : 'Yes, close the plan'}
          </button>
        </form>
        <a class="button secondary" href={`/mistakes/${m.id}`}>
          No, keep it
        </a>
      </div>
    </Page>
  );
}
