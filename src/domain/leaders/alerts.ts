// A counted `blocked` status reaches the leader at the next scheduled run, not at the next digest. Each alert
// goes once: its ledger key is alert:<updateId>, and the query skips updates whose alert the ledger settled.
import type { LeaderAlertEmail } from '../../mail/leader-messages';
import type { AlertRow } from '../../store/leaders';
import type { Deps } from '../deps';
import { deliver, holdBack } from '../postman';
import { DAY } from '../time';
import { leaderLinksFor, ownerNameOf, zoneFor, type SendOutcome } from './leader-mail';
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
  if (!deps.transport) return 0;
  let sent = 0;
  const rows = await deps.store.leaders.blockedToAlert(now - ALERT_LOOKBACK_MS, BATCH);
  for (const row of rows) if ((await alert(deps, row, now)) === 'sent') sent++;
  if (sent) deps.log('leaders.alerts', { sent });
  return sent;
}

async function alert(deps: Deps, row: AlertRow, now: number): Promise<SendOutcome> {
  const idempotencyKey = `alert:${row.update.id}`;
  const envelope = { kind: 'leader.alert', idempotencyKey, to: row.leader.email, mistakeId: row.mistake.id, checkinId: null, leaderId: row.leader.id };
  // One alert per plan a day: a later `blocked` that day waits for the digest, which shows it first anyway.
  if (await deps.store.mail.sentAboutSince(row.mistake.id, envelope.kind, now - DAY)) {
    await holdBack({ ...deps, transport: deps.transport! }, envelope, 'one blocked alert per plan a day; the digest shows it', now);
    return 'skipped';
  }
  const note = await deps.store.leaders.noteWith(row.update, now);
  const { links, headers } = await leaderLinksFor(deps, row.leader, row.mistake.id, idempotencyKey, now);
  const email = await deps.render(alertEmail(row, note, links));
  const outcome = await deliver(
    { ...deps, transport: deps.transport! },
    { ...envelope, headers },
    email,
    now,
  );
  return outcome.sent ? 'sent' : 'failed';
}
