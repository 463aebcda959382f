// "Email me a fresh link": the check-in email the old link came from, sent again with new links.
import type { TokenRow } from '../store';
import { checkinEmail, checkinLinks } from './checkin-email';
import type { Deps } from './deps';
import { leaderOf } from './leaders/leader-mail';
import { sendEmail, toOwner } from './send';
import { HOUR } from './time';

export type FreshLinkOutcome = 'sent' | 'plan_ended' | 'not_possible';

export async function sendFreshLink(deps: Deps, old: TokenRow, now: number): Promise<FreshLinkOutcome> {
  const { store } = deps;
  const mistake = await store.mistakes.row(old.mistakeId);
  if (!mistake || mistake.status === 'closed') return 'plan_ended';
  const checkin = old.checkinId ? await store.checkins.get(old.checkinId) : null;
  if (old.role !== 'owner' || !checkin) return 'not_possible';
  const leader = await leaderOf(deps, mistake);
  const outcome = await sendEmail(
    deps,
    {
      kind: 'fresh_link',
      // One fresh email per old link per hour, however often the button is pressed.
      idempotencyKey: `fresh:${old.id}:${Math.floor(now / HOUR)}`,
      ...toOwner(mistake, checkin.id),
      links: checkinLinks(mistake.id, checkin.id),
      compose: ({ owner }) => checkinEmail(deps.settings.appUrl, owner, mistake, leader, checkin, false),
    },
    now,
  );
  return outcome.sent ? 'sent' : 'not_possible';
}
