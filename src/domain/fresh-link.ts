// "Email me a fresh link": the check-in email the old link came from, sent again with new links.
import { checkinEmail } from './checkin-email';
import type { Deps } from './deps';
import { deliver } from './postman';
import { HOUR } from './time';
import { tokenRow } from './token-row';
import { mintReplyToken, replyToHeader } from '../links/reply-address';
import type { TokenRow } from '../store';

export type FreshLinkOutcome = 'sent' | 'plan_ended' | 'not_possible';

export async function sendFreshLink(deps: Deps, old: TokenRow, now: number): Promise<FreshLinkOutcome> {
  const { store } = deps;
  const mistake = await store.mistakes.row(old.mistakeId);
  if (!mistake || mistake.status === 'closed') return 'plan_ended';
  const checkin = old.checkinId ? await store.checkins.get(old.checkinId) : null;
  if (old.role !== 'owner' || !checkin || !deps.transport) return 'not_possible';
  const leader = mistake.leaderId ? ((await store.mistakes.leaderRows([mistake.leaderId]))[0] ?? null) : null;
  // One fresh email per old link per hour, however often the button is pressed.
  const idempotencyKey = `fresh:${old.id}:${Math.floor(now / HOUR)}`;
  const token = await deps.tokens.mint({ mistakeId: mistake.id, role: 'owner', checkinId: checkin.id, deliveryId: null }, now, idempotencyKey);
  // The Reply-To names this check-in too: a reply is recorded as the answer (domain/replies.ts).
  const replyToken = await mintReplyToken(deps.tokens, { mistakeId: mistake.id, role: 'owner', checkinId: checkin.id, deliveryId: null }, now, idempotencyKey);
  await store.atomically([store.tokens.insertStatement(tokenRow(token)), store.tokens.insertStatement(tokenRow(replyToken))]);
  const headers = { 'Reply-To': replyToHeader(replyToken.token, deps.settings.mailDomain) };
  const email = await deps.render(checkinEmail(deps.settings.appUrl, token.token, mistake, leader, checkin, false));
  const outcome = await deliver(
    { ...deps, transport: deps.transport },
    { kind: 'fresh_link', idempotencyKey, to: mistake.ownerEmail, mistakeId: mistake.id, checkinId: checkin.id, leaderId: null, headers },
    email,
    now,
  );
  return outcome.sent ? 'sent' : 'not_possible';
}
