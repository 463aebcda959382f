import { isLocalDevelopment, type Config } from '../config';
import type { MailStore } from '../store/mail';
import { outboxTransport } from './outbox-transport';
import { resendTransport } from './resend-transport';
import type { MailQueue } from './send-queue-message';
import type { Transport } from './transport';

export interface TransportChoice {
  transport: Transport | null;
  /** Why nothing can be sent, when transport is null. */
  reason: string | null;
  /** Where deliver() hands emails over: the send queue for Resend; null means send inline. */
  sendQueue: MailQueue | null;
}

/**
 * Resend when its key is set, through the send queue when one is bound; the local outbox in development,
 * always inline, so time travel answers once the emails it sends are in the outbox; otherwise nothing is
 * sent and work waits.
 */
export function chooseTransport(config: Config, mail: MailStore, queue?: MailQueue | null): TransportChoice {
  if (config.resendApiKey) return { transport: resendTransport(config.resendApiKey, config.resendApiUrl), reason: null, sendQueue: queue ?? null };
  if (isLocalDevelopment(config)) return { transport: outboxTransport(mail), reason: null, sendQueue: null };
  return { transport: null, reason: 'RESEND_API_KEY is not set: no email is sent, and due work waits until it is.', sendQueue: null };
}
