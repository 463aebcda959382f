import type { Statement } from '../store';
export interface OutgoingEmail {
  /** Stable for one email across retries: the outbox row id and Resend's Idempotency-Key. */
  idempotencyKey: string;
  mistakeId: string | null;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** One email's fate inside a batch call: accepted with the provider's id, or refused on its own. */
export type BatchItemResult = { providerId: string } | { refused: string };

export interface Transport {
  readonly name: 'outbox' | 'resend';
  /** Resolves with the provider's id for the email; throws TransportError when it was not accepted. */
  send(email: OutgoingEmail, now: number): Promise<{ providerId: string }>;
  /**
   * Sends up to BATCH_LIMIT emails in one call under one idempotency key; results in the same order.
   * Throws TransportError when the call as a whole was not accepted (or its fate is unknown).
   */
  sendBatch?(emails: OutgoingEmail[], batchKey: string, now: number): Promise<BatchItemResult[]>;
}

/**
 * A transport that writes into Mend's own database (the local outbox): its "send" is a statement, so it can
 * join the caller's transaction, and sending with recording the send is all or nothing.
 */
export interface LocalTransport extends Transport {
  providerIdFor(email: OutgoingEmail): string;
  sendStatements(email: OutgoingEmail, now: number, deliveryId: string): Statement[];
}

export const isLocalTransport = (t: Transport): t is LocalTransport => 'sendStatements' in t;

/** Resend takes at most this many emails in one batch call. */
export const BATCH_LIMIT = 100;

/**
 * Why a send was not accepted, as far as what to do next is concerned:
 * - invalid: the provider refused the content; sending it again fails the same way.
 * - rate_limited: too many calls; try again after retryAfterMs.
 * - daily_quota / monthly_quota: the account may send no more today / this month.
 * - in_flight: a call with the same idempotency key is still being processed; ask again shortly.
 * - key_reused: the idempotency key was used before with different content (cannot happen by design; kept visible).
 * - unavailable: 5xx, timeout or network failure: the email may or may not have been accepted.
 * - unauthorized: the API key was refused; an operator has to act, so retries wait.
 */
export type TransportErrorCode = 'invalid' | 'rate_limited' | 'daily_quota' | 'monthly_quota' | 'in_flight' | 'key_reused' | 'unavailable' | 'unauthorized';

export class TransportError extends Error {
  constructor(
    message: string,
    /** False when sending the same email again cannot succeed (a validation error). */
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly code: TransportErrorCode = retryable ? 'unavailable' : 'invalid',
  ) {
    super(message);
  }
}

/** Header values go out as given; a CR or LF in one would let text write headers of its own. */
export function assertSafeHeaders(email: OutgoingEmail): void {
  const values = [email.to, email.from, email.subject, ...Object.keys(email.headers), ...Object.values(email.headers)];
  if (values.some((v) => /[\r\n]/.test(v))) throw new TransportError('header field contains CR or LF', false);
}
