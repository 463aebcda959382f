// Everything due at one moment, in order: answers settle first so what is sent next reflects them.
import { settleClicks } from '../domain/answers';
import type { Deps } from '../domain/deps';
import { sendDueCheckins, type DispatchReport } from '../domain/dispatch';

export interface WorkReport {
  at: string;
  settled: number;
  checkins: DispatchReport;
}

export async function runScheduledWork(deps: Deps, now: number): Promise<WorkReport> {
  const settled = await settleClicks(deps, now);
  const checkins = await sendDueCheckins(deps, now);
  return { at: new Date(now).toISOString(), settled, checkins };
}
