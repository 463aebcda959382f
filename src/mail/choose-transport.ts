import type { Config } from '../config';
import type { MailStore } from '../store/mail';
import { outboxTransport } from './outbox-transport';
import { resendTransport } from './resend-transport';
import type { Transport } from './transport';

export interface TransportChoice {
  transport: Transport | null;
  /** Why nothing can be sent, when transport is null. */
  reason: string | null;
}

/** Resend when its key is set; the local outbox in development; otherwise nothing is sent and work waits. */
export function chooseTransport(config: Config, mail: MailStore): TransportChoice {
  if (config.resendApiKey) return { transport: resendTransport(config.resendApiKey, config.resendApiUrl), reason: null };
  if (config.env === 'development') return { transport: outboxTransport(mail), reason: null };
  return { transport: null, reason: 'RESEND_API_KEY is not set: no email is sent, and due work waits until it is.' };
}
