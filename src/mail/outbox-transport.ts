import type { MailStore } from '../store/mail';
import { assertSafeHeaders, type OutgoingEmail, type Transport } from './transport';

/** Local development: every email lands in D1, readable at /dev/outbox. */
export function outboxTransport(mail: MailStore): Transport {
  return {
    name: 'outbox',
    async send(email: OutgoingEmail, now: number) {
      assertSafeHeaders(email);
      await mail.putOutbox({
        id: email.idempotencyKey,
        deliveryId: null,
        mistakeId: email.mistakeId,
        toEmail: email.to,
        fromEmail: email.from,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        createdAt: now,
      });
      return { providerId: `outbox:${email.idempotencyKey}` };
    },
  };
}
