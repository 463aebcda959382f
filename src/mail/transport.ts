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

export interface Transport {
  readonly name: 'outbox' | 'resend';
  /** Resolves with the provider's id for the email; throws TransportError when it was not accepted. */
  send(email: OutgoingEmail, now: number): Promise<{ providerId: string }>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    /** False when sending the same email again cannot succeed (a validation error). */
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Header values go out as given; a CR or LF in one would let text write headers of its own. */
export function assertSafeHeaders(email: OutgoingEmail): void {
  const values = [email.to, email.from, email.subject, ...Object.keys(email.headers), ...Object.values(email.headers)];
  if (values.some((v) => /[\r\n]/.test(v))) throw new TransportError('header field contains CR or LF', false);
}
