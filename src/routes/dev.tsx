/** @jsxImportSource hono/jsx */
// Local development only (MEND_ENV=development): the outbox and time travel. Mounted nowhere else.
import { Hono } from 'hono';
import * as z from 'zod';
import { readJson } from '../http/body';
import { JSON_BODY_LIMIT, limitJsonBody } from '../http/body-limit';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { runScheduledWork } from '../jobs/scheduled-work';
import { OutboxPage } from '../pages/outbox-page';
import { fieldErrors } from './api-schema';
import { DAY } from '../domain/time';

export const dev = new Hono<AppEnv>();

dev.use('*', limitJsonBody(JSON_BODY_LIMIT));

const OUTBOX_LIMIT = 1000;

dev.get('/outbox', async (c) => {
  const emails = await c.get('deps').store.mail.listOutbox(OUTBOX_LIMIT);
  return c.html(<OutboxPage emails={emails} now={c.get('now')} />);
});

dev.get('/outbox.json', async (c) => {
  const emails = await c.get('deps').store.mail.listOutbox(OUTBOX_LIMIT);
  return c.json({
    emails: emails.map((m) => ({
      id: m.id,
      to: m.toEmail,
      from: m.fromEmail,
      subject: m.subject,
      html: m.html,
      text: m.text,
      headers: m.headers,
      mistakeId: m.mistakeId,
      createdAt: new Date(m.createdAt).toISOString(),
    })),
  });
});

// {"to": ISO-8601} as the contract says; {"days": N} is a shorthand for N days on from the current clock.
const TravelInput = z.union([
  z.object({ to: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date-time, e.g. 2026-12-01T09:00:00Z.' }) }),
  z.object({ days: z.number().positive('Must be more than 0.').max(400, 'At most 400.') }),
]);

/** Moves the one clock forward to `to`, then does the scheduled work due then, and answers when it is done. */
dev.post('/travel', async (c) => {
  const parsed = TravelInput.safeParse(await readJson(c));
  if (!parsed.success) throw new ApiError('invalid', 'Say where to travel: {"to": ISO-8601}.', fieldErrors(parsed.error));
  const { store } = c.get('deps');
  const now = c.get('now');
  const to = 'to' in parsed.data ? Date.parse(parsed.data.to) : now + parsed.data.days * DAY;
  if (to < now) {
    throw new ApiError('conflict', `Travel only goes forward; the clock is at ${new Date(now).toISOString()}.`, { to: 'Must not be in the past.' });
  }
  await store.devClock.setOffset(to - Date.now());
  const work = await runScheduledWork(c.get('deps'), to);
  return c.json({ now: new Date(to).toISOString(), work });
});
