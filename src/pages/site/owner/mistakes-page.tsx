/** @jsxImportSource hono/jsx */
// GET /mistakes: the signed-in owner's mistakes, each with where its plan stands.
import type { CheckinRow, MistakeRow } from '../../../store';
import { Page } from '../../layout';
import { Csrf, dayOfPlan, MISTAKE_STATUS, Pill, STEP_QUESTION, when } from '../parts';
import { OPEN_PLAN, type OwnerPageBase } from './base';

export interface MistakeSummary {
  mistake: MistakeRow;
  checkins: CheckinRow[];
}

function nextLine(s: MistakeSummary, now: number): string {
  const { mistake, checkins } = s;
  if (mistake.status === 'pending') return 'Nothing is scheduled until you confirm.';
  if (!OPEN_PLAN.has(mistake.status)) return `Ended ${when(mistake.endedAt ?? mistake.updatedAt, mistake.ownerTimeZone, now)}.`;
  const waiting = checkins.find((c) => c.status === 'sent');
  if (waiting) return `Waiting for your answer: ${STEP_QUESTION[waiting.step]}`;
  if (mistake.status === 'paused') return 'Paused: no check-ins until you resume.';
  const next = checkins.filter((c) => c.status === 'scheduled' || c.status === 'sending').sort((a, b) => a.dueAt - b.dueAt)[0];
  return next ? `Next check-in: ${when(next.dueAt, mistake.ownerTimeZone, now)}.` : 'No check-ins left.';
}

export function MistakesPage(props: OwnerPageBase & { mistakes: MistakeSummary[]; now: number; leadsCount: number; notice?: string }) {
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
