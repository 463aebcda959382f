// GET /api/dead-letters lists the emails the send queue gave up on (jobs/dead-letters.ts), newest first. The
// email's content stays in the database; the list says what it was, for whom and why it failed.
import type { DeadLetterRow } from '../store/mail';
import type { DeadLetterView } from './api-responses';

export const DEAD_LETTER_LIST_LIMIT = 500;

export function deadLetterView(row: DeadLetterRow): DeadLetterView {
  const body = (row.body ?? {}) as { deliveryId?: string; email?: { to?: string; subject?: string } | null };
  return {
    id: row.id,
    queue: row.queue,
    kind: row.kind,
    mistakeId: row.mistakeId,
    deliveryId: body.deliveryId ?? null,
    to: body.email?.to ?? null,
    subject: body.email?.subject ?? null,
    error: row.error,
    attempts: row.attempts,
    at: new Date(row.createdAt).toISOString(),
  };
}
