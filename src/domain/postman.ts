// Delivery, the last part of sending an email (./send.ts is where every email starts). deliver() keeps the delivery ledger (one row per email, keyed by its
// idempotency key), refuses addresses on the suppression list, adds the headers every email carries, then
// either hands the email to the send queue (Resend: the queue consumer sends it in batches, with retries)
// or sends it at once (the local outbox, or no queue bound). The ledger row tells what became of it.
import type { EmailMessage } from '../mail/registry';
import type { RenderedEmail } from '../mail/render';
import { MAX_PACKED_CHARS, packEmails, type MailQueue, type QueuedEmail } from '../mail/send-queue-message';
import { suppressionStops } from '../mail/suppression';
import { withThreadHeaders } from '../mail/thread-headers';
import { isLocalTransport, TransportError, type LocalTransport, type OutgoingEmail, type Transport } from '../mail/transport';
import type { DeliveryRow, Statement } from '../store';
import type { Deps } from './deps';
import { normalEmail } from '../lib/email-address';

export interface Envelope {
  kind: string;
  idempotencyKey: string;
  to: string;
  mistakeId: string | null;
  checkinId: string | null;
  leaderId: string | null;
  headers?: Record<string, string>;
}

/**
 * `sent: true` means Mend has taken the email on: sent already (`queued: false`, with the provider's id), or
 * accepted by the send queue (`queued: true`), which will send it or record in the ledger why it could not.
 * Either way the caller's work is done and must not be repeated.
 */
export type DeliveryOutcome =
  | { sent: true; deliveryId: string; providerId: string | null; queued: boolean }
  | { sent: false; reason: string; retryable: boolean };

/**
 * An email left for the send queue's consumer to render: rendering is most of the cost of a send, and the
 * consumer spreads it over its own invocations. Without a queue deliver() renders it at once.
 */
export interface UnrenderedEmail {
  message: EmailMessage;
}

export type PostmanDeps = Pick<Deps, 'store' | 'settings' | 'log'> & { transport: Transport; sendQueue?: MailQueue | null; render?: Deps['render'] };

export async function deliver(deps: PostmanDeps, envelope: Envelope, given: RenderedEmail | UnrenderedEmail, now: number): Promise<DeliveryOutcome> {
  const { store, transport } = deps;
  const queue = deps.sendQueue ?? null;
  if ('message' in given && !deps.render) throw new Error('deliver() was given an unrendered email and no render');
  // Rendered now unless the queue's consumer will do it.
  const email: RenderedEmail | UnrenderedEmail = 'message' in given && !queue ? await deps.render!(given.message) : given;
  const delivery = await store.mail.openDelivery({
    ...ledgerRow(envelope, transport, now),
    // An unrendered email's subject is recorded when the consumer has rendered and sent it.
    subject: 'subject' in email ? email.subject : '',
  });
  if (alreadyTaken(delivery)) {
    const providerId = delivery.status === 'queued' ? null : delivery.providerId;
    return { sent: true, deliveryId: delivery.id, providerId, queued: delivery.status === 'queued' };
  }

  const suppressed = await store.mail.suppression(envelope.to);
  if (suppressed && suppressionStops(suppressed.reason, envelope.leaderId !== null)) {
    await store.mail.markDelivery(delivery.id, { status: 'failed', error: `suppressed: ${suppressed.reason}` });
    deps.log('mail.suppressed', { kind: envelope.kind, deliveryId: delivery.id, reason: suppressed.reason });
    return { sent: false, reason: 'suppressed', retryable: false };
  }

  const addressed = {
    idempotencyKey: envelope.idempotencyKey,
    mistakeId: envelope.mistakeId,
    to: envelope.to,
    from: deps.settings.mailFrom,
    headers: await withThreadHeaders(envelope.headers ?? {}, envelope, deps.settings.mailDomain),
  };
  const queued: QueuedEmail = 'message' in email ? { ...addressed, message: email.message } : { ...addressed, subject: email.subject, html: email.html, text: email.text };

  if (queue) {
    const mail = await packEmails([queued]);
    // An email too large for a queue message (128 KB) is sent at once instead, as without a queue.
    if (mail.length <= MAX_PACKED_CHARS) {
      if (delivery.status !== 'queued') await store.mail.markDelivery(delivery.id, { status: 'queued', providerId: null, error: null });
      try {
        await queue.send({ type: 'email', deliveryId: delivery.id, mail });
      } catch (error) {
        // Not accepted by the queue: the caller keeps its work and tries again (the row stays queued).
        const reason = `the send queue refused the email: ${(error as Error).message}`.slice(0, 500);
        await store.mail.markDelivery(delivery.id, { status: 'queued', error: reason });
        deps.log('mail.not_queued', { kind: envelope.kind, deliveryId: delivery.id, reason: reason.slice(0, 200) });
        return { sent: false, reason, retryable: true };
      }
      return { sent: true, deliveryId: delivery.id, providerId: null, queued: true };
    }
    deps.log('mail.too_large_for_queue', { kind: envelope.kind, deliveryId: delivery.id, chars: mail.length });
  }

  const rendered = 'message' in email ? await deps.render!(email.message) : email;
  const outgoing: OutgoingEmail = { ...addressed, subject: rendered.subject, html: rendered.html, text: rendered.text };
  try {
    const { providerId } = await transport.send(outgoing, now);
    await store.mail.markDelivery(delivery.id, { status: 'sent', providerId, sentAt: now, error: null, subject: rendered.subject });
    return { sent: true, deliveryId: delivery.id, providerId, queued: false };
  } catch (error) {
    const retryable = error instanceof TransportError ? error.retryable : true;
    const reason = (error as Error).message;
    await store.mail.markDelivery(delivery.id, { status: retryable ? 'queued' : 'failed', error: reason.slice(0, 500), subject: rendered.subject });
    deps.log('mail.failed', { kind: envelope.kind, deliveryId: delivery.id, retryable, reason: reason.slice(0, 200) });
    return { sent: false, reason, retryable };
  }
}

/**
 * An email a limit holds back (one alert a day, one ack notice a day): the ledger records it as not sent and
 * why, so no later run takes it up again, and the log says so without the address.
 */
export async function holdBack(deps: Pick<PostmanDeps, 'store' | 'log' | 'transport'>, envelope: Envelope, reason: string, now: number): Promise<void> {
  await deps.store.mail.openDelivery({ ...ledgerRow(envelope, deps.transport, now), status: 'failed', error: `held back: ${reason}` });
  deps.log('mail.held_back', { kind: envelope.kind, mistakeId: envelope.mistakeId, reason });
}

/** A new row of the delivery ledger for one email, queued until something happens to it. */
function ledgerRow(envelope: Envelope, transport: Transport, now: number): DeliveryRow {
  return {
    id: crypto.randomUUID(),
    mistakeId: envelope.mistakeId,
    checkinId: envelope.checkinId,
    leaderId: envelope.leaderId,
    kind: envelope.kind,
    toEmail: envelope.to,
    subject: '',
    idempotencyKey: envelope.idempotencyKey,
    transport: transport.name,
    status: 'queued',
    providerId: null,
    error: null,
    createdAt: now,
    sentAt: null,
  };
}

/**
 * An email Mend already took on: sent (or further along), or waiting in the send queue. Only a failed one,
 * or a queued one that never reached a queue (an inline send that failed and is being retried), goes again.
 */
function alreadyTaken(row: DeliveryRow): boolean {
  if (row.status === 'failed') return false;
  if (row.status !== 'queued') return row.providerId !== null;
  return row.transport === 'resend' && row.providerId !== null && row.providerId.startsWith('unit:');
}

/** One email with the rows it depends on and the caller's record of having sent it. */
export interface Parcel {
  envelope: Envelope;
  email: RenderedEmail | UnrenderedEmail;
  /** Rows the email needs in place before it leaves (its links' tokens). */
  before: Statement[];
  /** The caller's record of the send (a check-in marked sent), written once the email is taken on. */
  after: Statement[];
}

/**
 * Delivers many emails. With the local outbox every email, its ledger row, its tokens and the caller's
 * record go in one transaction: a handful of round trips for the whole lot instead of several per email.
 * Any other transport takes each parcel through deliver().
 */
export async function deliverMany(deps: PostmanDeps, parcels: Parcel[], now: number): Promise<DeliveryOutcome[]> {
  const { transport } = deps;
  if (isLocalTransport(transport) && !deps.sendQueue) return deliverLocally({ ...deps, transport }, parcels, now);
  const outcomes: DeliveryOutcome[] = [];
  for (const parcel of parcels) {
    await deps.store.atomically(parcel.before);
    const outcome = await deliver(deps, parcel.envelope, parcel.email, now);
    if (outcome.sent) await deps.store.atomically(parcel.after);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function deliverLocally(deps: PostmanDeps & { transport: LocalTransport }, parcels: Parcel[], now: number): Promise<DeliveryOutcome[]> {
  const { store, transport } = deps;
  const suppressed = await store.mail.suppressedAmong(parcels.map((p) => p.envelope.to));
  const statements: Statement[] = [];
  const outcomes: DeliveryOutcome[] = [];
  for (const { envelope, email, before, after } of parcels) {
    const ledger: DeliveryRow = { ...ledgerRow(envelope, transport, now), status: 'sent', sentAt: now };
    const reason = suppressed.get(normalEmail(envelope.to));
    if (suppressionStops(reason, envelope.leaderId !== null)) {
      await store.mail.openDelivery({ ...ledger, status: 'failed', sentAt: null, error: `suppressed: ${reason}` });
      deps.log('mail.suppressed', { kind: envelope.kind, reason });
      outcomes.push({ sent: false, reason: 'suppressed', retryable: false });
      continue;
    }
    const rendered = 'message' in email ? await deps.render!(email.message) : email;
    const outgoing: OutgoingEmail = {
      idempotencyKey: envelope.idempotencyKey,
      mistakeId: envelope.mistakeId,
      to: envelope.to,
      from: deps.settings.mailFrom,
      headers: await withThreadHeaders(envelope.headers ?? {}, envelope, deps.settings.mailDomain),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    };
    const providerId = transport.providerIdFor(outgoing);
    statements.push(
      ...before,
      store.mail.recordSentStatement({ ...ledger, subject: rendered.subject, providerId }),
      ...transport.sendStatements(outgoing, now, ledger.id),
      ...after,
    );
    outcomes.push({ sent: true, deliveryId: ledger.id, providerId, queued: false });
  }
  try {
    await store.atomically(statements);
  } catch (error) {
    // Nothing of the transaction landed: every email in it is still to be sent.
    const reason = (error as Error).message;
    deps.log('mail.failed', { kind: 'local-batch', emails: parcels.length, reason: reason.slice(0, 200) });
    return outcomes.map((o) => (o.sent ? { sent: false, reason, retryable: !(error instanceof TransportError) || error.retryable } : o));
  }
  return outcomes;
}
