// Sends one composed email exactly once per idempotency key and keeps the delivery ledger.
import type { RenderedEmail } from '../mail/messages';
import { TransportError, type Transport } from '../mail/transport';
import type { Deps } from './deps';

export interface Envelope {
  kind: string;
  idempotencyKey: string;
  to: string;
  mistakeId: string | null;
  checkinId: string | null;
  leaderId: string | null;
  headers?: Record<string, string>;
}

export type DeliveryOutcome = { sent: true; deliveryId: string; providerId: string } | { sent: false; reason: string; retryable: boolean };

export async function deliver(
  deps: Pick<Deps, 'store' | 'settings' | 'log'> & { transport: Transport },
  envelope: Envelope,
  email: RenderedEmail,
  now: number,
): Promise<DeliveryOutcome> {
  const { store, transport } = deps;
  const delivery = await store.mail.openDelivery({
    id: crypto.randomUUID(),
    mistakeId: envelope.mistakeId,
    checkinId: envelope.checkinId,
    leaderId: envelope.leaderId,
    kind: envelope.kind,
    toEmail: envelope.to,
    subject: email.subject,
    idempotencyKey: envelope.idempotencyKey,
    transport: transport.name,
    status: 'queued',
    providerId: null,
    error: null,
    createdAt: now,
    sentAt: null,
  });
  if (delivery.status !== 'queued' && delivery.status !== 'failed' && delivery.providerId) {
    return { sent: true, deliveryId: delivery.id, providerId: delivery.providerId };
  }
  try {
    const { providerId } = await transport.send(
      {
        idempotencyKey: envelope.idempotencyKey,
        mistakeId: envelope.mistakeId,
        to: envelope.to,
        from: deps.settings.mailFrom,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: envelope.headers ?? {},
      },
      now,
    );
    await store.mail.markDelivery(delivery.id, { status: 'sent', providerId, sentAt: now, error: null });
    return { sent: true, deliveryId: delivery.id, providerId };
  } catch (error) {
    const retryable = error instanceof TransportError ? error.retryable : true;
    const reason = (error as Error).message;
    await store.mail.markDelivery(delivery.id, { status: retryable ? 'queued' : 'failed', error: reason.slice(0, 500) });
    deps.log('mail.failed', { kind: envelope.kind, deliveryId: delivery.id, retryable, reason: reason.slice(0, 200) });
    return { sent: false, reason, retryable };
  }
}
