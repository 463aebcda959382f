// The owner hears when their leader's acknowledgement counts: once per ack (ledger key ack:<updateId>), at the
// first scheduled run after it settled.
import { linkUrls } from '../../links/urls';
import type { OwnerAckNoticeEmail } from '../../mail/leader-messages';
import type { AckRow } from '../../store/leaders';
import type { Deps } from '../deps';
import { deliver, holdBack } from '../postman';
import { DAY } from '../time';
import { tokenRow } from '../token-row';
import { leaderNameOf } from './leader-mail';
import { dayLabel } from './schedule';

const BATCH = 50;
/** How far back a run looks for acks whose notice has not gone (bounds each run's reads, like alerts). */
export const ACK_LOOKBACK_MS = 2 * DAY;

export function ackNoticeEmail(row: AckRow, previewUrl: string): OwnerAckNoticeEmail {
  const { update, mistake, leader } = row;
  return {
    kind: 'owner_ack_notice',
    ack: update.status === 'talk' ? 'talk' : 'thanks',
    ownerName: mistake.ownerName,
    leaderName: leader ? leaderNameOf(mistake, leader) : 'Your leader',
    mistake: { title: mistake.title },
    on: dayLabel(update.at, mistake.ownerTimeZone),
    links: { leaderPreview: previewUrl },
  };
}

export async function sendAckNotices(deps: Deps, now: number): Promise<number> {
  if (!deps.transport) return 0;
  const { store } = deps;
  let sent = 0;
  for (const row of await store.leaders.acksToNotify(now - ACK_LOOKBACK_MS, BATCH)) {
    const idempotencyKey = `ack:${row.update.id}`;
    const envelope = { kind: 'owner.ack', idempotencyKey, to: row.mistake.ownerEmail, mistakeId: row.mistake.id, checkinId: null, leaderId: null };
    // One notice per plan a day, however often the leader presses: the owner's timeline shows every ack.
    if (await store.mail.sentAboutSince(row.mistake.id, envelope.kind, now - DAY)) {
      await holdBack({ ...deps, transport: deps.transport }, envelope, 'one ack notice per plan a day; the timeline shows it', now);
      continue;
    }
    const token = await deps.tokens.mint({ mistakeId: row.mistake.id, role: 'owner', checkinId: null, deliveryId: null }, now, idempotencyKey);
    await store.atomically([store.tokens.insertStatement(tokenRow(token))]);
    const email = await deps.render(ackNoticeEmail(row, linkUrls(deps.settings.appUrl, token.token).preview));
    const outcome = await deliver(
      { ...deps, transport: deps.transport },
      envelope,
      email,
      now,
    );
    if (outcome.sent) sent++;
  }
  if (sent) deps.log('owners.ack_notices', { sent });
  return sent;
}
