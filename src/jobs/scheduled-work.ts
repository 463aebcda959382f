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

export async function runScheduledWork(deps: Deps, now: number): Promise<WorkReport> {
  const settled = await settleClicks(deps, now);
  const checkins = await sendDueCheckins(deps, now);
  // Introductions, closing reports, alerts, reminders, ack notices and digests (src/domain/leaders).
  const leaders = await runLeaderWork(deps, now);
  // Expired web sessions and sign-in links, and unconfirmed web sign-ups (src/domain/web-auth).
  const { erased: unconfirmedErased } = await sweepWebAuth(deps, now);
  return { at: new Date(now).toISOString(), settled, checkins, leaders, unconfirmedErased };
}
