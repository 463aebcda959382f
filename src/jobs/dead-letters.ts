// The dead-letter queue's consumer: what the send queue gave up on (after max_retries in wrangler.toml) is
// kept in dead_letters, one row per email with the email itself, marked failed in the ledger, and logged.
// Never dropped: GET /api/dead-letters and the mistake's view show it. The one exception is an email whose
// ledger row is gone: deliver() writes the row before the email enters the queue, so a missing row means its
// mistake (or its person) was erased since, and keeping the email would bring the erased words back.
import type { Deps } from '../domain/deps';
import { unpackEmails, type SendQueueMessage } from '../mail/send-queue-message';
import type { DeadLetterRow } from '../store/mail';
import { unitClaim } from '../store/mail';

/** The send queue's max_retries + 1, as configured in wrangler.toml: how often a dead letter was tried. */
export const SEND_ATTEMPTS = 21;

export async function recordDeadLetters(deps: Pick<Deps, 'store' | 'log'>, batch: MessageBatch<SendQueueMessage>, now: number): Promise<number> {
  const { store } = deps;
  let recorded = 0;
  for (const message of batch.messages) {
    const body = message.body;
    const deliveryIds = body?.type === 'email' ? [body.deliveryId] : body?.type === 'unit' ? body.deliveryIds : [];
    const emails = body && 'mail' in body ? await unpackEmails(body.mail).catch(() => []) : [];
    const rows = new Map((await store.mail.deliveriesByIds(deliveryIds)).map((r) => [r.id, r]));
    const letters: DeadLetterRow[] = [];
    for (const [i, deliveryId] of deliveryIds.entries()) {
      const row = rows.get(deliveryId);
      if (!row) {
        deps.log('mail.dead_letter_erased', { deliveryId });
        continue;
      }
      // Sent after all (a slow answer recorded by another attempt), or held by some other unit: not dead.
      if (row.status !== 'queued') continue;
      if (body?.type === 'unit' && row.providerId !== unitClaim(body.unitId)) continue;
      if (body?.type === 'email' && row.providerId !== null) continue;
      const email = emails[i] ?? null;
      const reason = `dead-lettered after ${SEND_ATTEMPTS} attempts; the last error: ${row.error ?? 'unknown'}`;
      letters.push({
        id: `${message.id}:${deliveryId}`,
        queue: batch.queue,
        kind: row.kind,
        mistakeId: row.mistakeId ?? email?.mistakeId ?? null,
        body: { deliveryId, email },
        error: reason.slice(0, 500),
        attempts: SEND_ATTEMPTS,
        createdAt: now,
      });
      // Its fate is unknown (the last call may have reached Resend); the ledger says so rather than "sent".
      await store.mail.markDelivery(row.id, { status: 'failed', providerId: null, error: reason.slice(0, 500) });
    }
    await store.mail.addDeadLetters(letters);
    for (const letter of letters) {
      deps.log('mail.dead_letter', { deadLetterId: letter.id, kind: letter.kind, mistakeId: letter.mistakeId, error: letter.error?.slice(0, 200) });
    }
    recorded += letters.length;
    message.ack();
  }
  return recorded;
}
