import PostalMime from 'postal-mime';
import type { Address } from 'postal-mime';
import { htmlToText } from './html-to-text';
import { normalEmail } from '../lib/email-address';

export type InboundMessage = {
  /** The sender's address, lower-cased ('' when the message has no usable From). */
  from: string;
  /** Addresses of the To header, lower-cased, groups flattened. */
  to: string[];
  /** Decoded subject ('' when absent). */
  subject: string;
  /** Message-ID as written, angle brackets included, e.g. "<abc@mail.gmail.com>". */
  messageId?: string;
  /** In-Reply-To as written: the Message-ID of the email being answered. */
  inReplyTo?: string;
  /**
   * The body as plain text with "\n" line ends: the text/plain part when there is one, otherwise
   * the HTML part turned into text (quotes marked with "> "). Not yet stripped: see stripReply.
   */
  text: string;
  /** Every header in order, topmost first, names lower-cased, values unfolded (for Authentication-Results). */
  headers: { key: string; value: string }[];
};

/**
 * Parses a raw RFC 5322 message (an Email Worker's `message.raw`, or its bytes or text) with
 * postal-mime: MIME structure, transfer encodings, charsets and encoded-word headers.
 */
export async function parseInbound(raw: ReadableStream | ArrayBuffer | string): Promise<InboundMessage> {
  const bytes = typeof raw === 'string' ? raw : raw instanceof ArrayBuffer ? raw : await new Response(raw).arrayBuffer();
  const email = await PostalMime.parse(bytes);

  // postal-mime fills `text` from the HTML when a message has no text/plain part, with a converter
  // that drops <blockquote>; for those messages convert the HTML ourselves so quotes stay marked.
  let text: string;
  if (email.html !== undefined && (email.text === undefined || !hasPlainPart(bytes))) {
    text = htmlToText(email.html);
  } else {
    text = email.text ?? '';
  }

  const result: InboundMessage = {
    from: firstAddress(email.from),
    to: addresses(email.to ?? []),
    subject: (email.subject ?? '').trim(),
    text: text.replace(/\r\n?/g, '\n'),
    headers: email.headers.map(({ key, value }) => ({ key, value })),
  };
  if (email.messageId) result.messageId = email.messageId.trim();
  if (email.inReplyTo) result.inReplyTo = email.inReplyTo.trim();
  return result;
}

function addresses(list: Address[]): string[] {
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((m) => normalEmail(m.address))
    .filter((a) => a !== '');
}

function firstAddress(address: Address | undefined): string {
  return address ? (addresses([address])[0] ?? '') : '';
}

/**
 * Whether any MIME part declares itself text/plain. Header names and MIME type names are ASCII,
 * so a lenient UTF-8 view of the bytes is enough to look for them. (A part without Content-Type is
 * text/plain too, but postal-mime only produces `html` when some part says text/html.)
 */
function hasPlainPart(raw: ArrayBuffer | string): boolean {
  const source = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
  return /^content-type:[ \t]*(\r?\n[ \t]+)?text\/plain\b/im.test(source);
}
