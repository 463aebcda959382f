// The closing report: the whole story, once, when the owner marks the plan done or when the plan ends.
//
// When a plan "ends" without `done`: no check-in is left to go out (none scheduled, held or being sent) and the
// last one went out at least PLAN_END_GRACE ago, so the owner had a week to answer it. That moment is found
// by the digest pass, which reads each leader's plans anyway; the report goes at the leader's next digest
// time after it, as its own email. A closed plan (the owner stopped it) gets no report: the leader simply
// stops hearing about it. A plan whose ownership statement was never written was never shown to the leader,
// and its end is not either.
import type { LeaderClosingEmail, TimelineEntry } from '../../../emails/leader-closing';
import type { CheckinRow, LeaderRow, MistakeRow, UpdateRow } from '../../store';
import type { Deps } from '../deps';
import { sendEmail, toLeader } from '../send';
import { DAY } from '../time';
import type { ProgressStatus } from '../types';
import { leaderLinks, ownerNameOf, zoneFor, type SendOutcome } from './leader-mail';
import { dayLabel } from './schedule';

const BATCH = 50;
export const PLAN_END_GRACE_MS = 7 * DAY;

/** True when a plan with no check-in left to send has had its last one out for a week. */
export function planHasEnded(plan: { status: MistakeRow['status']; toCome: number; lastSentAt: number | null; startAt: number }, now: number): boolean {
  if (plan.status !== 'active' || plan.toCome > 0) return false;
  return (plan.lastSentAt ?? plan.startAt) <= now - PLAN_END_GRACE_MS;
}

export function timelineOf(checkins: CheckinRow[], updates: UpdateRow[], zone: string): TimelineEntry[] {
  const byCheckin = new Map<string, UpdateRow[]>();
  for (const u of updates) {
    if (!u.checkinId) continue;
    byCheckin.set(u.checkinId, [...(byCheckin.get(u.checkinId) ?? []), u]);
  }
  return checkins
    .filter((c) => c.status === 'sent' || c.status === 'answered' || c.status === 'skipped')
    .map((c) => {
      const own = byCheckin.get(c.id) ?? [];
      const status = own.filter((u) => u.kind === 'status' && u.status).at(-1)?.status as ProgressStatus | undefined;
      const outcome: TimelineEntry['outcome'] =
        c.status === 'skipped' ? 'skipped' : status ? status : c.status === 'answered' ? 'answered' : 'no_answer';
      const at = c.answeredAt ?? c.sentAt;
      return {
        day: c.day,
        step: c.step,
        outcome,
        on: at !== null ? dayLabel(at, zone) : null,
        notes: c.step === 'progress' ? own.filter((u) => u.kind === 'note' && u.text).map((u) => u.text!) : [],
      };
    });
}

export function closingEmail(
  mistake: MistakeRow,
  leader: LeaderRow,
  checkins: CheckinRow[],
  updates: UpdateRow[],
  links: LeaderClosingEmail['links'],
  now: number,
): LeaderClosingEmail {
  const zone = zoneFor(leader, mistake.ownerTimeZone);
  const ending = mistake.status === 'resolved' ? 'done' : 'ended';
  const endedAt = ending === 'done' ? (mistake.endedAt ?? now) : now;
  return {
    kind: 'leader_closing',
    ending,
    endedOn: dayLabel(endedAt, zone),
    days: Math.max(0, Math.floor((endedAt - mistake.startAt) / DAY)),
    ownerName: ownerNameOf(mistake),
    leaderName: mistake.leaderName,
    mistake: { title: mistake.title, description: mistake.description, impact: mistake.impact },
    ownership: mistake.ownership,
    learning: mistake.learning,
    plan: mistake.planText,
    timeline: timelineOf(checkins, updates, zone),
    frequency: leader.frequency,
    links,
  };
}

/**
 * Sends one closing report, then records it. Recorded after delivery has taken the email, never claimed
 * before: a run that dies in between leaves the report due, and the next run's deliver() finds it by its key.
 * A failure that may pass leaves it due for the next run.
 */
export async function sendClosingReport(deps: Deps, mistakeId: string, leader: LeaderRow, now: number): Promise<SendOutcome> {
  const outcome = await closingReport(deps, mistakeId, leader, now);
  if (outcome !== 'failed') await deps.store.leaders.markClosingReported(mistakeId, now);
  return outcome === 'refused' ? 'failed' : outcome;
}

async function closingReport(deps: Deps, mistakeId: string, leader: LeaderRow, now: number): Promise<SendOutcome | 'refused'> {
  const { store } = deps;
  const story = await store.leaders.story(mistakeId);
  if (!story || story.mistake.ownership === null || story.mistake.status === 'closed') return 'skipped';
  const outcome = await sendEmail(
    deps,
    {
      kind: 'leader.closing',
      idempotencyKey: `closing:${mistakeId}`,
      ...toLeader(leader, mistakeId),
      compose: (t) => closingEmail(story.mistake, leader, story.checkins, story.updates, leaderLinks(deps.settings.appUrl, t.leader), now),
    },
    now,
  );
  if (outcome.sent) return 'sent';
  return outcome.retryable ? 'failed' : 'refused';
}

/** Scheduled work: closing reports for plans the owner marked done. */
export async function sendResolvedClosings(deps: Deps, now: number): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await deps.store.leaders.closingsDue(BATCH);
    let failed = false;
    for (const { mistake, leader } of due) {
      if (!leader || !(await deps.store.leaders.isMailable(leader.id))) {
        // Nobody to tell: it leaves the reports due.
        await deps.store.leaders.markClosingReported(mistake.id, now);
        continue;
      }
      const outcome = await sendClosingReport(deps, mistake.id, leader, now);
      if (outcome === 'sent') sent++;
      if (outcome === 'failed') failed = true;
    }
    if (due.length < BATCH || failed) break;
  }
  if (sent) deps.log('leaders.closing', { sent });
  return sent;
}
