// Headers every email gets, whoever builds it: a Message-ID that stays the same however often the email is
// retried, and References/In-Reply-To naming one root per mistake, so a mistake's emails thread together in
// the owner's (and the leader's) mail client. Headers a caller set (Reply-To, List-Unsubscribe, a receipt's
// In-Reply-To) are kept. Every email also says it was sent by a machine (RFC 3834 Auto-Submitted, and
// Exchange's X-Auto-Response-Suppress), so out-of-office responders do not answer it.

import { hex, sha256 } from '../lib/encoding';

/** The root every email of one mistake refers to. No email carries it as its own Message-ID. */
export const threadRootId = (mistakeId: string, mailDomain: string) => `<mistake-${mistakeId}@${mailDomain}>`;

/** Derived from the idempotency key, so a retried email carries the Message-ID of its first attempt. */
export async function stableMessageId(idempotencyKey: string, mailDomain: string): Promise<string> {
  const digest = await sha256(`message-id:${idempotencyKey}`);
  return `<${hex(digest.subarray(0, 16))}@${mailDomain}>`;
}

export async function withThreadHeaders(
  given: Record<string, string>,
  email: { idempotencyKey: string; mistakeId: string | null },
  mailDomain: string,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const named = (name: string) => Object.entries(given).find(([k]) => k.toLowerCase() === name)?.[1];
  for (const [name, value] of Object.entries(given)) {
    if (!['message-id', 'in-reply-to', 'references', 'auto-submitted', 'x-auto-response-suppress'].includes(name.toLowerCase())) headers[name] = value;
  }
  headers['Auto-Submitted'] = 'auto-generated';
  headers['X-Auto-Response-Suppress'] = 'All';
  headers['Message-ID'] = named('message-id') ?? (await stableMessageId(email.idempotencyKey, mailDomain));
  const inReplyTo = named('in-reply-to');
  const references = named('references');
  if (email.mistakeId) {
    const root = threadRootId(email.mistakeId, mailDomain);
    headers['In-Reply-To'] = inReplyTo ?? root;
    // The root first, then whatever the caller was answering (a receipt answers the owner's own reply).
    const chain = [root, ...(references ?? inReplyTo ?? '').split(/\s+/).filter(Boolean)];
    headers.References = [...new Set(chain)].join(' ');
  } else {
    if (inReplyTo) headers['In-Reply-To'] = inReplyTo;
    if (references) headers.References = references;
  }
  return headers;
}
