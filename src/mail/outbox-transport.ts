import type { MailStore } from '../store/mail';
import { assertSafeHeaders, type LocalTransport, type OutgoingEmail } from './transport';

/** Local development: every email lands in D1, readable at /dev/outbox. */
export function outboxTransport(mail: MailStore): LocalTransport {
  const row = (email: OutgoingEmail, now: number, deliveryId: string | null) => {
    assertSafeHeaders(email);
    return {
      // The idempotency key as the row id: storing one email twice stores it once.
      id: email.idempotencyKey,
      deliveryId,
      mistakeId: email.mistakeId,
      toEmail: email.to,
      fromEmail: email.from,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      createdAt: now,
    };
  };
  return {
    name: 'outbox',
    providerIdFor: (email) => `outbox:${email.idempotencyKey}`,
    async send(email: OutgoingEmail, now: number) {
      await mail.putOutbox(row(email, now, null));
      return { providerId: `outbox:${email.idempotencyKey}` };
    },
    sendStatements: (email, now, deliveryId) => [mail.putOutboxStatement(row(email, now, deliveryId))],
  };
}
