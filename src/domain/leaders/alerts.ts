// A counted `blocked` status reaches the leader at the next scheduled run, not at the next digest. Each alert
// goes once: its ledger key is alert:<updateId>, and the query skips updates whose alert the ledger settled.
import type { LeaderAlertEmail } from '../../../emails/leader-alert';
import type { AlertRow } from '../../store/leaders';
import type { Deps } from '../deps';
import { HELD_BACK, sendEmail, toLeader } from '../send';
import { DAY } from '../time';
import { leaderLinks, ownerNameOf, zoneFor, type SendOutcome } from './leader-mail';
import { dayLabel } from './schedule';

const BATCH = 50;
/**
 * How far back a run looks for blocked statuses that have not reached the leader. Bounds what each run reads;
 * a status older than this (mail down for two days) is not alerted late, and the digest shows it first anyway.
 */
export const ALERT_LOOKBACK_MS = 2 * DAY;

export function alertEmail(row: AlertRow, note: string | null, links: LeaderAlertEmail['links']): LeaderAlertEmail {
  const { update, mistake, leader } = row;
  const zone = zoneFor(leader, mistake.ownerTimeZone);
  return {
    kind: 'leader_alert',
    ownerName: ownerNameOf(mistake),
    leaderName: mistake.leaderName,
    mistake: { title: mistake.title },
    day: Math.max(0, Math.floor((update.at - mistake.startAt) / DAY)),
    on: dayLabel(update.at, zone),
    note,
    plan: mistake.planText,
    frequency: leader.frequency,
    links,
  };
}

export async function sendBlockedAlerts(deps: Deps, now: number): Promise<number> {
  let sent = 0;
  const rows = await deps.store.leaders.blockedToAlert(now - ALERT_LOOKBACK_MS, BATCH);
  for (const row of rows) if ((await alert(deps, row, now)) === 'sent') sent++;
  if (sent) deps.log('leaders.alerts', { sent });
  return sent;
}

async function alert(deps: Deps, row: AlertRow, now: number): Promise<SendOutcome> {
  const note = await deps.store.leaders.noteWith(row.update, now);
  const outcome = await sendEmail(
    deps,
    {
      kind: 'leader.alert',
      idempotencyKey: `alert:${row.update.id}`,
      ...toLeader(row.leader, row.mistake.id),
      compose: (t) => alertEmail(row, note, leaderLinks(deps.settings.appUrl, t.leader)),
      // A later `blocked` that day waits for the digest, which shows it first anyway.
      oncePerPlanADay: { reason: 'one blocked alert per plan a day; the digest shows it' },
    },
    now,
  );
  if (outcome.sent) return 'sent';
  return outcome.reason === HELD_BACK ? 'skipped' : 'failed';
}
