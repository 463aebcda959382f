// The email() handler's work: from an Email Worker message to a recorded reply, or a rejection the sender reads.
// Mail-level concerns live here (size, parsing, automatic mail); what a reply means lives in domain/replies.ts.
import type { Deps } from '../domain/deps';
import { receiveReply, REJECTION_TEXT } from '../domain/replies';
import { automaticByHeaders, automaticBySubject } from '../inbound/automatic';
import { senderAuthentication } from '../inbound/authentication';
import { parseInbound, type InboundMessage } from '../inbound/parse-message';
import { sha256Hex } from '../lib/encoding';

/** A reply is words, perhaps a screenshot: anything larger is refused before it is read. */
export const MAX_INBOUND_BYTES = 1024 * 1024;

export const TOO_LARGE_TEXT = 'This message is larger than 1 MB. Reply without attachments, or use the answer form linked in the check-in email.';
export const UNREADABLE_TEXT = 'Mend could not read this message. Reply with plain text, or use the answer form linked in the check-in email.';

/** What the handler needs of a ForwardableEmailMessage. */
export type InboundEmail = Pick<ForwardableEmailMessage, 'from' | 'to' | 'headers' | 'raw' | 'rawSize' | 'setReject'>;

export type InboundResult = 'recorded' | 'rejected' | 'ignored';

export async function receiveEmail(deps: Deps, email: InboundEmail, now: number): Promise<InboundResult> {
  const reject = (reason: string, text: string): InboundResult => {
    deps.log('reply.rejected', { reason });
    email.setReject(text);
    return 'rejected';
  };
  if (email.rawSize > MAX_INBOUND_BYTES) return reject('too_large', TOO_LARGE_TEXT);
  // Out-of-office notices and bounces are nobody's answer; rejecting them would only make more automatic mail.
  const ignore = (marker: string): InboundResult => {
    deps.log('reply.ignored', { reason: 'automatic', marker });
    return 'ignored';
  };
  const marked = automaticByHeaders(email.headers, email.from);
  if (marked) return ignore(marked);
  const bytes = await readAtMost(email.raw, MAX_INBOUND_BYTES);
  if (!bytes) return reject('too_large', TOO_LARGE_TEXT);

  let message: InboundMessage;
  try {
    message = await parseInbound(bytes);
  } catch {
    return reject('unreadable', UNREADABLE_TEXT);
  }
  const subjectMarker = automaticBySubject(message.subject);
  if (subjectMarker) return ignore(subjectMarker);
  const messageKey = message.messageId ?? `sha256:${await sha256Hex(bytes)}`;
  const authentication = senderAuthentication(message.headers, message.from);
  const outcome = await receiveReply(deps, { recipient: email.to, envelopeFrom: email.from, authentication, message, messageKey }, now);
  if (!outcome.recorded) return reject(outcome.reason, REJECTION_TEXT[outcome.reason]);
  return 'recorded';
}

/** The stream's bytes, or null when it holds more than `limit` (rawSize is the platform's word; this is ours). */
async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<ArrayBuffer | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

