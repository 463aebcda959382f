// Everything on the leader's side of a plan that scheduled work does, in order: introductions first (a plan's
// first words reach the leader before anything else about it), closing reports for plans marked done, blocked
// alerts, the owner's reminders and ack notices, then digests (which also close plans that came to their end).
import type { Deps } from '../deps';
import { sendAckNotices } from './ack-notices';
import { sendBlockedAlerts } from './alerts';
import { sendResolvedClosings } from './closing';
import { sendDueDigests, type DigestReport } from './digest';
import { sendLeaderIntros } from './intro';
import { sendOwnerReminders } from './reminders';

export interface LeaderWorkReport {
  intros: number;
  closings: number;
  alerts: number;
  reminders: number;
  ackNotices: number;
  digests: DigestReport;
}

export async function runLeaderWork(deps: Deps, now: number): Promise<LeaderWorkReport> {
  const intros = await sendLeaderIntros(deps, now);
  const closings = await sendResolvedClosings(deps, now);
  const alerts = await sendBlockedAlerts(deps, now);
  const reminders = await sendOwnerReminders(deps, now);
  const ackNotices = await sendAckNotices(deps, now);
  const digests = await sendDueDigests(deps, now);
  return { intros, closings, alerts, reminders, ackNotices, digests };
}
