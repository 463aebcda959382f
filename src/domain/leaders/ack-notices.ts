// The owner hears when their leader's acknowledgement counts: once per ack (ledger key ack:<updateId>), at the
// first scheduled run after it settled.
import type { OwnerAckNoticeEmail } from '../../../emails/owner-ack-notice';
import { linkUrls } from '../../links/urls';
import type { AckRow } from '../../store/leaders';
import type { Deps } from '../deps';
import { sendEmail, toOwner } from '../send';
import { DAY } from '../time';
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
  let sent = 0;
  for (const row of await deps.store.leaders.acksToNotify(now - ACK_LOOKBACK_MS, BATCH)) {
    const outcome = await sendEmail(
      deps,
      {
        kind: 'owner.ack',
        idempotencyKey: `ack:${row.update.id}`,
        ...toOwner(row.mistake, null),
        links: { owner: { role: 'owner', mistakeId: row.mistake.id, checkinId: null } },
        compose: ({ owner }) => ackNoticeEmail(row, linkUrls(deps.settings.appUrl, owner).preview),
        // However often the leader presses: the owner's timeline shows every ack.
        oncePerPlanADay: { reason: 'one ack notice per plan a day; the timeline shows it' },
      },
      now,
    );
    if (outcome.sent) sent++;
  }
  if (sent) deps.log('owners.ack_notices', { sent });
  return sent;
}
