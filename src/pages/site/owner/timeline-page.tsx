/** @jsxImportSource hono/jsx */
// GET /mistakes/:id: one mistake's story in time order, what was logged, and the ways to manage the plan.
import { leaderNameOf } from '../../../domain/leaders/leader-mail';
import type { LeaderRow, MistakeRow } from '../../../store';
import type { TimelineEntry } from '../../../views/timeline';
import { Page } from '../../layout';
import { Csrf, dayOfPlan, MISTAKE_STATUS, Pill, when } from '../parts';
import { OPEN_PLAN, type OwnerPageBase } from './base';
import { Answer, CheckinItem } from './timeline-parts';

const ACK_WORDS: Record<string, string> = { thanks: 'Thank you for telling me', talk: 'Let’s talk' };

export function TimelinePage(
  props: OwnerPageBase & { mistake: MistakeRow; leader: LeaderRow | null; entries: TimelineEntry[]; now: number; notice?: string },
) {
  const { mistake: m, leader, now } = props;
  const tz = m.ownerTimeZone;
  const leaderName = leader ? leaderNameOf(m, leader) : null;
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
          <dd>{leader ? `${leaderName}${m.leaderName?.trim() ? ` (${leader.email})` : ''}` : 'None named: your answers go to no one.'}</dd>
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
          {OPEN_PLAN.has(m.status) || m.status === 'pending' ? (
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
