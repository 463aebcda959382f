/** @jsxImportSource hono/jsx */
// One check-in on the owner's timeline: its state, the answers it got (and earlier versions), and what can be
// done with it now.
import { reflect } from '../../../domain/reflection';
import type { ProgressStatus, Via } from '../../../domain/types';
import type { CheckinRow, MistakeRow, UpdateRow } from '../../../store';
import type { CheckinEntry } from '../../../views/timeline';
import { Csrf, Pill, PROGRESS_LABEL, STEP_NAME, STEP_QUESTION, when } from '../parts';
import { ReflectionNotes } from '../../reflection-notes';
import { OPEN_PLAN } from './base';

/** The owner's written answers that get reflection notes. */
const REFLECTED = new Set<UpdateRow['kind']>(['ownership', 'learning']);

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

export function Answer(props: { update: UpdateRow; tz: string; now: number; settling?: boolean; label?: string }) {
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

export function CheckinItem(props: { entry: CheckinEntry; mistake: MistakeRow; now: number; csrf: string }) {
  const { entry, mistake, now } = props;
  const c = entry.checkin;
  const tz = mistake.ownerTimeZone;
  const latest = entry.texts[entry.texts.length - 1];
  const earlier = entry.texts.slice(0, -1).reverse();
  const answerable = OPEN_PLAN.has(mistake.status) || (c.step !== 'progress' && mistake.status !== 'pending');
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
      {canAnswer || (c.status === 'sent' && OPEN_PLAN.has(mistake.status)) ? (
        <div class="actions">
          {canAnswer ? (
            <a class={`button ${latest || entry.statuses.length ? 'secondary' : ''}`} href={`/mistakes/${mistake.id}/checkins/${c.id}/answer`}>
              {latest ? 'Edit your answer' : c.step === 'progress' ? (entry.statuses.length ? 'Add a note or change it' : 'Answer') : 'Answer'}
            </a>
          ) : null}
          {c.status === 'sent' && OPEN_PLAN.has(mistake.status) ? (
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
