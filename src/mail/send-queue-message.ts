// What travels on the send queue. Two kinds of message:
// - `email`: one email deliver() accepted. The consumer gathers these into units.
// - `unit`: a batch of emails fixed once and for all: every retry of it sends exactly the same members with
//   exactly the same body, so Resend's batch Idempotency-Key (derived from the members) protects it. See
//   jobs/send-queue.ts for why a batch must be fixed in a message of its own before it is sent.
// Email content is gzipped JSON in base64: one check-in email is ~9 KB as JSON and ~2 KB packed, and the
// emails of one unit share their template, so a unit of 100 fits under the 128 KB message limit.
import type { EmailMessage } from './registry';
import type { OutgoingEmail } from './transport';

/**
 * An email as deliver() queues it: rendered, or (when its caller left rendering to the consumer, the costly
 * part of a send at scale) the message data that renders it.
 */
export type QueuedEmail = OutgoingEmail | (Omit<OutgoingEmail, 'subject' | 'html' | 'text'> & { message: EmailMessage });

export type SendQueueMessage =
  | { type: 'email'; deliveryId: string; mail: string }
  | { type: 'unit'; unitId: string; deliveryIds: string[]; mail: string };

/** The producer side of a Cloudflare Queue, as much of it as Mend uses (a Queue binding satisfies it). */
export interface MailQueue {
  send(message: SendQueueMessage, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: SendQueueMessage; delaySeconds?: number }>): Promise<unknown>;
}

/** Cloudflare Queues refuse messages over 128 KB; this leaves room for the message's own fields. */
export const MAX_PACKED_CHARS = 120_000;

export async function packEmails(emails: QueuedEmail[]): Promise<string> {
  const gzipped = new Response(new Blob([JSON.stringify(emails)]).stream().pipeThrough(new CompressionStream('gzip')));
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function unpackEmails<T extends QueuedEmail = OutgoingEmail>(packed: string): Promise<T[]> {
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const json = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return JSON.parse(json) as T[];
}
