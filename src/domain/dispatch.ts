// The dispatcher: claims due check-ins, decides what a late one deserves, and sends each at most once.
import type { CheckinRow, LeaderRow, MistakeRow } from '../store';
import { LATE_AFTER_MS } from './cadence';
import { checkinEmail } from './checkin-email';
import type { Deps } from './deps';
import { deliver } from './postman';
import { tokenRow } from './token-row';
import { mintReplyToken, replyToHeader } from '../links/reply-address';
import { MINUTE } from './time';

const CLAIM_BATCH = 100;
const PARALLEL_SENDS = 8;
/** A claim older than this belongs to a run that died; it is taken over. */
export const CLAIM_LEASE_MS = 10 * MINUTE;

export interface DispatchReport {
  sent: number;
  skipped: number;
  held: number;
  failed: number;
}

export async function sendDueCheckins(deps: Deps, now: number): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, skipped: 0, held: 0, failed: 0 };
  if (!deps.transport) {
    deps.log('dispatch.waiting', { reason: deps.transportProblem });
    return report;
  }
  // Failed sends are released and would be claimed again at once: each row is tried once per run.
  const tried = new Set<string>();
  for (;;) {
    const claimed = (await deps.store.checkins.claimDue(now, CLAIM_BATCH, now - CLAIM_LEASE_MS)).filter((c) => !tried.has(c.id));
    if (claimed.length === 0) break;
    claimed.forEach((c) => tried.add(c.id));
    const mistakes = new Map((await deps.store.mistakes.rows([...new Set(claimed.map((c) => c.mistakeId))])).map((m) => [m.id, m]));
    const leaderIds = [...new Set([...mistakes.values()].flatMap((m) => (m.leaderId ? [m.leaderId] : [])))];
    const leaders = new Map((await deps.store.mistakes.leaderRows(leaderIds)).map((l) => [l.id, l]));
    for (let i = 0; i < claimed.length; i += PARALLEL_SENDS) {
      const outcomes = await Promise.all(
        claimed.slice(i, i + PARALLEL_SENDS).map((checkin) => {
          const mistake = mistakes.get(checkin.mistakeId);
          const leader = mistake?.leaderId ? (leaders.get(mistake.leaderId) ?? null) : null;
          return sendOne(deps, checkin, mistake ?? null, leader, now);
        }),
      );
      for (const outcome of outcomes) report[outcome]++;
    }
    if (claimed.length < CLAIM_BATCH) break;
  }
  if (report.sent + report.skipped + report.failed > 0) deps.log('dispatch.done', { ...report });
  return report;
}

async function sendOne(
  deps: Deps,
  checkin: CheckinRow,
  mistake: MistakeRow | null,
  leader: LeaderRow | null,
  now: number,
): Promise<keyof DispatchReport> {
  const { store } = deps;
  if (!mistake || mistake.status === 'resolved' || mistake.status === 'closed') {
    await store.checkins.settleClaim(checkin.id, 'cancelled');
    return 'skipped';
  }
  if (mistake.status !== 'active') {
    await store.checkins.settleClaim(checkin.id, 'held');
    return 'held';
  }
  const late = now - checkin.dueAt > LATE_AFTER_MS;
  // A progress check-in overtaken by a later one that is also due says nothing the later one won't.
  if (late && checkin.step === 'progress' && (await store.checkins.overtaken(checkin, now))) {
    await store.checkins.settleClaim(checkin.id, 'skipped');
    return 'skipped';
  }
  const idempotencyKey = `checkin:${checkin.id}:${checkin.sends + 1}`;
  const token = await deps.tokens.mint({ mistakeId: mistake.id, role: 'owner', checkinId: checkin.id, deliveryId: null }, now, idempotencyKey);
  // The Reply-To names this check-in too: a reply is recorded as the answer (domain/replies.ts).
  const replyToken = await mintReplyToken(deps.tokens, { mistakeId: mistake.id, role: 'owner', checkinId: checkin.id, deliveryId: null }, now, idempotencyKey);
  await store.atomically([store.tokens.insertStatement(tokenRow(token)), store.tokens.insertStatement(tokenRow(replyToken))]);
  const headers = { 'Reply-To': replyToHeader(replyToken.token, deps.settings.mailDomain) };
  // Rendered by deliver(): at once for the outbox, by the send queue's consumer for Resend (it is the costly part).
  const email = { message: checkinEmail(deps.settings.appUrl, token.token, mistake, leader, checkin, late) };
  const outcome = await deliver(
    { ...deps, transport: deps.transport! },
    { kind: `checkin.${checkin.step}`, idempotencyKey, to: mistake.ownerEmail, mistakeId: mistake.id, checkinId: checkin.id, leaderId: null, headers },
    email,
    now,
  );
  if (outcome.sent) {
    await store.atomically([store.checkins.markSentStatement(checkin.id, checkin.claimedAt!, now, late)]);
    return 'sent';
  }
  if (outcome.retryable) await store.checkins.release(checkin.id, checkin.claimedAt!);
  else await store.checkins.settleClaim(checkin.id, 'skipped');
  return 'failed';
}
