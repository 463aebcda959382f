// The dispatcher: claims due check-ins, decides what a late one deserves, and sends each at most once.
import type { CheckinRow, LeaderRow, MistakeRow } from '../store';
import { LATE_AFTER_MS } from './cadence';
import { checkinEmail, checkinLinks, type CheckinLinks } from './checkin-email';
import type { Deps } from './deps';
import { sendEmails, toOwner, type EmailRequest } from './send';
import { MINUTE } from './time';

const CLAIM_BATCH = 100;
/** Check-ins sent together: with the local outbox, one transaction each. */
const SEND_CHUNK = 100;
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
  // Failed sends are released and would be claimed again at once: each row is tried once per run.
  const tried = new Set<string>();
  for (;;) {
    const claimed = (await deps.store.checkins.claimDue(now, CLAIM_BATCH, now - CLAIM_LEASE_MS)).filter((c) => !tried.has(c.id));
    if (claimed.length === 0) break;
    claimed.forEach((c) => tried.add(c.id));
    const mistakes = new Map((await deps.store.mistakes.rows([...new Set(claimed.map((c) => c.mistakeId))])).map((m) => [m.id, m]));
    const leaderIds = [...new Set([...mistakes.values()].flatMap((m) => (m.leaderId ? [m.leaderId] : [])))];
    const leaders = new Map((await deps.store.mistakes.leaderRows(leaderIds)).map((l) => [l.id, l]));
    for (let i = 0; i < claimed.length; i += SEND_CHUNK) {
      const chunk = claimed.slice(i, i + SEND_CHUNK).map((checkin) => {
        const mistake = mistakes.get(checkin.mistakeId) ?? null;
        return { checkin, mistake, leader: mistake?.leaderId ? (leaders.get(mistake.leaderId) ?? null) : null };
      });
      for (const outcome of await sendChunk(deps, chunk, now)) report[outcome]++;
    }
    if (claimed.length < CLAIM_BATCH) break;
  }
  if (report.sent + report.skipped + report.failed > 0) deps.log('dispatch.done', { ...report });
  return report;
}

interface Due {
  checkin: CheckinRow;
  mistake: MistakeRow | null;
  leader: LeaderRow | null;
}

/** What becomes of a claimed check-in that will not be sent now, or null when it should go out. */
async function notNow(deps: Deps, { checkin, mistake }: Due, now: number): Promise<keyof DispatchReport | null> {
  const { store } = deps;
  if (!mistake || mistake.status === 'resolved' || mistake.status === 'closed') {
    await store.checkins.settleClaim(checkin.id, 'cancelled');
    return 'skipped';
  }
  if (mistake.status !== 'active') {
    await store.checkins.settleClaim(checkin.id, 'held');
    return 'held';
  }
  // A progress check-in overtaken by a later one that is also due says nothing the later one won't.
  if (isLate(checkin, now) && checkin.step === 'progress' && (await store.checkins.overtaken(checkin, now))) {
    await store.checkins.settleClaim(checkin.id, 'skipped');
    return 'skipped';
  }
  return null;
}

const isLate = (checkin: CheckinRow, now: number) => now - checkin.dueAt > LATE_AFTER_MS;

function checkinRequest(deps: Deps, { checkin, mistake, leader }: Due & { mistake: MistakeRow }, now: number): EmailRequest<CheckinLinks> {
  const late = isLate(checkin, now);
  return {
    kind: `checkin.${checkin.step}`,
    idempotencyKey: `checkin:${checkin.id}:${checkin.sends + 1}`,
    ...toOwner(mistake, checkin.id),
    // The reply link names this check-in too: a reply is recorded as the answer (domain/replies.ts).
    links: checkinLinks(mistake.id, checkin.id),
    compose: ({ owner }) => checkinEmail(deps.settings.appUrl, owner, mistake, leader, checkin, late),
    after: [deps.store.checkins.markSentStatement(checkin.id, checkin.claimedAt!, now, late)],
  };
}

async function sendChunk(deps: Deps, chunk: Due[], now: number): Promise<(keyof DispatchReport)[]> {
  const results: (keyof DispatchReport)[] = [];
  const ready: (Due & { mistake: MistakeRow })[] = [];
  for (const due of chunk) {
    const settled = await notNow(deps, due, now);
    if (settled) results.push(settled);
    else if (due.mistake) ready.push({ ...due, mistake: due.mistake });
  }
  // Rendered by delivery: at once for the outbox, by the send queue's consumer for Resend (the costly part).
  const outcomes = await sendEmails(
    deps,
    ready.map((due) => checkinRequest(deps, due, now)),
    now,
  );
  for (const [i, outcome] of outcomes.entries()) {
    const { checkin } = ready[i]!;
    if (outcome.sent) {
      results.push('sent');
      continue;
    }
    if (outcome.retryable) await deps.store.checkins.release(checkin.id, checkin.claimedAt!);
    else await deps.store.checkins.settleClaim(checkin.id, 'skipped');
    results.push('failed');
  }
  return results;
}
