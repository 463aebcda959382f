// Everything due at one moment, in order: answers settle first so what is sent next reflects them.
import { settleClicks } from '../domain/answers';
import type { Deps } from '../domain/deps';
import { sendDueCheckins, type DispatchReport } from '../domain/dispatch';
import { runLeaderWork, type LeaderWorkReport } from '../domain/leaders';
import { sweepWebAuth } from '../domain/web-auth';

export interface WorkReport {
  at: string;
  settled: number;
  checkins: DispatchReport;
  leaders: LeaderWorkReport;
  /** Web sign-ups nobody confirmed within a week, erased. */
  unconfirmedErased: number;
}

const NO_LEADER_WORK: LeaderWorkReport = {
  intros: 0,
  closings: 0,
  alerts: 0,
  reminders: 0,
  ackNotices: 0,
  digests: { sent: 0, nothingNew: 0, failed: 0, closing: 0 },
};

export async function runScheduledWork(deps: Deps, now: number): Promise<WorkReport> {
  const settled = await settleClicks(deps, now);
  // With no way to send (no Resend key outside development), due mail waits untouched: nothing is claimed,
  // minted or recorded, and /api/health says why.
  if (!deps.transport) deps.log('dispatch.waiting', { reason: deps.transportProblem });
  const checkins = deps.transport ? await sendDueCheckins(deps, now) : { sent: 0, skipped: 0, held: 0, failed: 0 };
  // Introductions, closing reports, alerts, reminders, ack notices and digests (src/domain/leaders).
  const leaders = deps.transport ? await runLeaderWork(deps, now) : NO_LEADER_WORK;
  // Expired web sessions and sign-in links, and unconfirmed web sign-ups (src/domain/web-auth).
  const { erased: unconfirmedErased } = await sweepWebAuth(deps, now);
  return { at: new Date(now).toISOString(), settled, checkins, leaders, unconfirmedErased };
}
