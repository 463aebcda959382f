// GET /api/dead-letters: the emails the send queue gave up on (jobs/dead-letters.ts), newest first. Mounted
// inside /api, so bearer-authorised like the rest of it. The email's content stays in the database; the
// list says what it was, for whom and why it failed.
import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import type { DeadLetterRow } from '../store/mail';

export const deadLetters = new Hono<AppEnv>();

const LIST_LIMIT = 500;

export function deadLetterView(row: DeadLetterRow) {
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

deadLetters.get('/', async (c) => {
  const rows = await c.get('deps').store.mail.listDeadLetters(LIST_LIMIT);
  return c.json({ deadLetters: rows.map(deadLetterView) });
});
