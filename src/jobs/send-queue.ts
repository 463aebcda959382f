// The send queue's consumer: turns the emails deliver() accepted into Resend batch calls, each sent exactly
// once however often anything fails.
//
// Why units. Resend takes one Idempotency-Key per batch call and answers a repeat of the key with a
// different body with 409, so a retried batch is protected only if it has exactly the same members and
// body. Queue retries regroup messages freely, so the members of a batch are fixed, before the first call,
// in a `unit` message of their own: every retry of a unit sends the same emails under the same key
// (SHA-256 of the sorted idempotency keys), and Resend answers a repeat with the first answer instead of
// sending again. A crash after the call and before the ledger is written is such a repeat.
//
// Which unit may send an email is settled in D1: the first unit to claim a delivery owns it (store/mail.ts
// claimForUnit), so an email that reached the queue twice (a retried deliver(), at-least-once delivery)
// still goes in one unit only.
//
// The fast path: a unit is written to the queue with a delay and then sent at once by the consumer that made
// it. If that works, the delayed copy finds nothing left to claim; if the consumer died or Resend failed, the
// copy is the retry.
import { suppressionStops } from '../mail/suppression';
import type { Deps } from '../domain/deps';
import { MAX_PACKED_CHARS, packEmails, unpackEmails, type MailQueue, type QueuedEmail, type SendQueueMessage } from '../mail/send-queue-message';
import { BATCH_LIMIT, TransportError, type BatchItemResult, type OutgoingEmail, type Transport } from '../mail/transport';
import { HOUR } from '../domain/time';
import { InvalidEmail } from '../mail/registry';
import { sha256Hex } from '../lib/encoding';
import { normalEmail } from '../lib/email-address';

/** The dead-letter queue's name in production, as in wrangler.toml. */
export const DEAD_LETTER_QUEUE = 'mend-send-dead';

/** Each environment names its queues with its own prefix (mend-staging-send-dead in staging); the suffix is shared. */
export const isDeadLetterQueue = (name: string): boolean => name.endsWith('-send-dead');

/** How long the copy of a unit waits before it acts as the retry of the send made at once. */
export const UNIT_RETRY_DELAY_SECONDS = 60;
/** Queues delays max out at 12 hours. */
const MAX_DELAY_SECONDS = 12 * 60 * 60;
const BACKOFF_BASE_SECONDS = 5;
const BACKOFF_CAP_SECONDS = 60 * 60;

type SendDeps = Pick<Deps, 'store' | 'transport' | 'transportProblem' | 'log' | 'parseEmail' | 'render'>;

export interface SendReport {
  units: number;
  sent: number;
  refused: number;
  retried: number;
}

export async function consumeSendQueue(deps: SendDeps, queue: MailQueue, batch: MessageBatch<SendQueueMessage>, now: number): Promise<SendReport> {
  const report: SendReport = { units: 0, sent: 0, refused: 0, retried: 0 };
  const transport = deps.transport;
  if (!transport) {
    // The key was removed after these were accepted: they wait, and the logs and /api/health say why.
    deps.log('mail.queue_waiting', { messages: batch.messages.length, reason: deps.transportProblem });
    batch.retryAll({ delaySeconds: MAX_DELAY_SECONDS });
    return report;
  }
  const fresh = batch.messages.filter((m): m is Message<Extract<SendQueueMessage, { type: 'email' }>> => m.body?.type === 'email');
  const units = batch.messages.filter((m): m is Message<Extract<SendQueueMessage, { type: 'unit' }>> => m.body?.type === 'unit');
  for (const m of batch.messages) {
    if (m.body?.type !== 'email' && m.body?.type !== 'unit') {
      deps.log('mail.queue_unknown_message', { messageId: m.id });
      m.ack();
    }
  }

  const pause: Pause = { until: null };
  const made = await gather(deps, queue, fresh, batch.queue, now);
  for (const unit of made) await sendUnit(deps, transport, unit, null, now, pause, report);
  for (const message of units) await sendUnit(deps, transport, message.body, message, now, pause, report);
  report.units = made.length + units.length;
  if (report.units > 0) deps.log('mail.queue_done', { ...report });
  return report;
}

/**
 * Gathers fresh emails into units: drops what is already sent or taken, refuses suppressed addresses,
 * writes each unit to the queue (delayed: it is the retry), and only then acks the emails it holds.
 */
async function gather(
  deps: SendDeps,
  queue: MailQueue,
  messages: Message<Extract<SendQueueMessage, { type: 'email' }>>[],
  queueName: string,
  now: number,
): Promise<Extract<SendQueueMessage, { type: 'unit' }>[]> {
  if (messages.length === 0) return [];
  const { store } = deps;
  const rows = new Map((await store.mail.deliveriesByIds([...new Set(messages.map((m) => m.body.deliveryId))])).map((r) => [r.id, r]));
  const suppressed = await store.mail.suppressedAmong([...rows.values()].map((r) => r.toEmail));
  const waiting: { message: Message<Extract<SendQueueMessage, { type: 'email' }>>; email: OutgoingEmail; deliveryId: string }[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    const row = rows.get(message.body.deliveryId);
    // Erased with its mistake, already sent or refused, or taken by a unit: nothing left to do here.
    if (!row || row.status !== 'queued' || row.providerId !== null || seen.has(row.id)) {
      message.ack();
      continue;
    }
    seen.add(row.id);
    const reason = suppressed.get(normalEmail(row.toEmail));
    if (reason && suppressionStops(reason, row.leaderId !== null)) {
      // The address bounced or complained since deliver() accepted the email: it is not sent.
      await store.mail.markDelivery(row.id, { status: 'failed', error: `suppressed: ${reason}` });
      message.ack();
      continue;
    }
    const email = await renderedEmail(deps, message.body.mail);
    if ('invalid' in email) {
      // Queued by an older (or newer) deploy whose schema this one does not share: kept as a dead letter that
      // says why, never sent half-right and never retried, since it would fail the same way every time.
      const error = email.invalid.slice(0, 500);
      const letter = { id: `${message.id}:${row.id}`, queue: queueName, kind: row.kind, mistakeId: row.mistakeId, error, attempts: message.attempts };
      await store.mail.addDeadLetters([{ ...letter, body: { deliveryId: row.id, email: email.queued }, createdAt: now }]);
      await store.mail.markDelivery(row.id, { status: 'failed', error });
      deps.log('mail.invalid', { deliveryId: row.id, kind: row.kind, reason: error.slice(0, 200) });
      message.ack();
      continue;
    }
    if ('failed' in email) {
      // A template that cannot render this email would fail the same way on every retry.
      await store.mail.markDelivery(row.id, { status: 'failed', error: email.failed });
      deps.log('mail.render_failed', { deliveryId: row.id, kind: row.kind, reason: email.failed.slice(0, 200) });
      message.ack();
      continue;
    }
    waiting.push({ message, email: email.rendered, deliveryId: row.id });
  }

  const made: Extract<SendQueueMessage, { type: 'unit' }>[] = [];
  for (let i = 0; i < waiting.length; i += BATCH_LIMIT) {
    for (const group of await fitting(waiting.slice(i, i + BATCH_LIMIT))) {
      const unit: Extract<SendQueueMessage, { type: 'unit' }> = {
        type: 'unit',
        unitId: crypto.randomUUID(),
        deliveryIds: group.items.map((w) => w.deliveryId),
        mail: group.mail,
      };
      try {
        await queue.send(unit, { delaySeconds: UNIT_RETRY_DELAY_SECONDS });
      } catch (error) {
        // Not written down, so not sent: the emails come back and are gathered again.
        deps.log('mail.unit_not_queued', { emails: group.items.length, reason: String(error).slice(0, 200) });
        for (const w of group.items) w.message.retry({ delaySeconds: BACKOFF_BASE_SECONDS });
        continue;
      }
      for (const w of group.items) w.message.ack();
      made.push(unit);
    }
  }
  return made;
}

type Rendering = { rendered: OutgoingEmail } | { invalid: string; queued: QueuedEmail } | { failed: string };

/**
 * The queued email, rendered here when deliver() left that to the consumer, after its props are checked again
 * against its kind's schema; or why it cannot be.
 */
async function renderedEmail(deps: SendDeps, mail: string): Promise<Rendering> {
  let queued: QueuedEmail | undefined;
  try {
    [queued] = await unpackEmails<QueuedEmail>(mail);
    if (!queued) return { failed: 'the queued email is empty' };
    if (!('message' in queued)) return { rendered: queued };
    const { message, ...addressed } = queued;
    const rendered = await deps.render(deps.parseEmail(message));
    return { rendered: { ...addressed, subject: rendered.subject, html: rendered.html, text: rendered.text } };
  } catch (error) {
    if (error instanceof InvalidEmail && queued) return { invalid: error.message, queued };
    return { failed: `could not render the email: ${(error as Error).message}`.slice(0, 500) };
  }
}

/** Splits emails into groups whose packed content fits one queue message; in practice one group of up to 100. */
async function fitting<T extends { email: OutgoingEmail }>(items: T[]): Promise<{ items: T[]; mail: string }[]> {
  const mail = await packEmails(items.map((w) => w.email));
  if (mail.length <= MAX_PACKED_CHARS || items.length === 1) return [{ items, mail }];
  const half = Math.ceil(items.length / 2);
  return [...(await fitting(items.slice(0, half))), ...(await fitting(items.slice(half)))];
}

interface Pause {
  /** Once Resend said to slow down, the rest of this invocation's units wait too, without calling. */
  until: { delaySeconds: number; reason: string } | null;
}

/**
 * Sends one unit: claims its members (the same ones on every retry), makes one batch call under the
 * unit's key, and records what Resend answered. `message` is null for the send made at once after gathering,
 * whose retry is the delayed copy already in the queue.
 */
async function sendUnit(
  deps: SendDeps,
  transport: Transport,
  unit: Extract<SendQueueMessage, { type: 'unit' }>,
  message: Message<SendQueueMessage> | null,
  now: number,
  pause: Pause,
  report: SendReport,
): Promise<void> {
  const { store } = deps;
  try {
    const members = await store.mail.claimForUnit(unit.unitId, unit.deliveryIds);
    if (members.length === 0) {
      message?.ack();
      return;
    }
    if (pause.until) {
      await store.mail.noteDeliveryError(members.map((m) => m.id), pause.until.reason);
      report.retried += members.length;
      message?.retry({ delaySeconds: pause.until.delaySeconds });
      return;
    }
    const emails = await unpackEmails(unit.mail);
    const byId = new Map(unit.deliveryIds.map((id, i) => [id, emails[i]]));
    // The order of the call is the order of the keys, so the body is the same whatever order rows came back in.
    const ordered = [...members].sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : 1));
    const batchEmails = ordered.map((m) => byId.get(m.id)).filter((e): e is OutgoingEmail => e !== undefined);
    if (batchEmails.length !== ordered.length) throw new Error('unit content does not match its members');
    const key = await batchKey(ordered.map((m) => m.idempotencyKey));
    const results = await sendAll(transport, batchEmails, key, now);
    const outcomes = ordered.map((m, i) => {
      const r = results[i]!;
      const subject = batchEmails[i]!.subject;
      return 'providerId' in r ? { id: m.id, providerId: r.providerId, error: null, subject } : { id: m.id, providerId: null, error: r.refused, subject };
    });
    await store.mail.recordUnit(unit.unitId, outcomes, now);
    const refused = outcomes.filter((o) => o.providerId === null).length;
    report.sent += outcomes.length - refused;
    report.refused += refused;
    if (refused > 0) deps.log('mail.refused', { unitId: unit.unitId, refused });
    message?.ack();
  } catch (error) {
    await failUnit(deps, unit, message, error, now, pause, report);
  }
}

async function failUnit(
  deps: SendDeps,
  unit: Extract<SendQueueMessage, { type: 'unit' }>,
  message: Message<SendQueueMessage> | null,
  error: unknown,
  now: number,
  pause: Pause,
  report: SendReport,
): Promise<void> {
  const { store } = deps;
  const reason = (error as Error).message ?? String(error);
  const members = await store.mail.claimForUnit(unit.unitId, unit.deliveryIds).catch(() => []);
  if (error instanceof TransportError && !error.retryable) {
    // Refused as a whole: the same call would be refused again. Recorded, never retried.
    await store.mail.recordUnit(unit.unitId, members.map((m) => ({ id: m.id, providerId: null, error: reason })), now);
    report.refused += members.length;
    deps.log('mail.unit_refused', { unitId: unit.unitId, emails: members.length, code: error.code });
    message?.ack();
    return;
  }
  const delaySeconds = retryDelaySeconds(error, message?.attempts ?? 0, now);
  if (error instanceof TransportError && ['rate_limited', 'daily_quota', 'monthly_quota'].includes(error.code)) {
    pause.until = { delaySeconds, reason: reason.slice(0, 200) };
  }
  await store.mail.noteDeliveryError(members.map((m) => m.id), reason).catch(() => undefined);
  report.retried += members.length;
  deps.log('mail.unit_retry', {
    unitId: unit.unitId,
    emails: members.length,
    code: error instanceof TransportError ? error.code : 'internal',
    attempt: message?.attempts ?? 0,
    delaySeconds: message ? delaySeconds : UNIT_RETRY_DELAY_SECONDS,
  });
  // The send made at once needs nothing more: its delayed copy in the queue is the retry.
  message?.retry({ delaySeconds });
}

/**
 * How long a unit waits before its next attempt: what Resend asked for (Retry-After), the next UTC day for
 * the daily quota, otherwise an exponential backoff from 5 s up to an hour.
 */
export function retryDelaySeconds(error: unknown, attempts: number, now: number): number {
  const backoff = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1));
  if (!(error instanceof TransportError)) return backoff;
  switch (error.code) {
    case 'rate_limited':
      return error.retryAfterMs !== null ? Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(error.retryAfterMs / 1000))) : backoff;
    case 'daily_quota': {
      const nextUtcDay = Math.floor(now / (24 * HOUR) + 1) * 24 * HOUR;
      return Math.min(MAX_DELAY_SECONDS, Math.ceil((nextUtcDay - now) / 1000) + 60);
    }
    case 'monthly_quota':
      return MAX_DELAY_SECONDS;
    case 'in_flight':
      return 10;
    default:
      return error.retryAfterMs !== null ? Math.min(MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil(error.retryAfterMs / 1000))) : backoff;
  }
}

/** A unit's Idempotency-Key: the same members always give the same key, whatever order they arrived in. */
export async function batchKey(idempotencyKeys: string[]): Promise<string> {
  const joined = [...idempotencyKeys].sort().join('\n');
  return `mend-batch-${await sha256Hex(joined)}`;
}

/** One batch call; a transport without batches (the local outbox) sends one by one under each email's own key. */
async function sendAll(transport: Transport, emails: OutgoingEmail[], key: string, now: number): Promise<BatchItemResult[]> {
  if (transport.sendBatch) return transport.sendBatch(emails, key, now);
  const results: BatchItemResult[] = [];
  for (const email of emails) {
    try {
      results.push(await transport.send(email, now));
    } catch (error) {
      if (error instanceof TransportError && !error.retryable) results.push({ refused: error.message });
      else throw error;
    }
  }
  return results;
}
