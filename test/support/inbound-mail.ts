// Delivers a raw message to the Worker's email() handler, as Cloudflare Email Routing would.
//
// The handler is called in-process with a ForwardableEmailMessage we build: through `exports.default` the
// message crosses an RPC boundary and a setReject spy is never seen to be called, so the test could not tell
// a rejection from a success.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';

export interface Delivery {
  /** The reason given to setReject, or null when the message was accepted. */
  rejected: string | null;
  forwarded: number;
  replied: number;
}

/** The header block of a raw message as a Headers object (folded lines unfolded), like the platform's. */
export function headersOf(raw: string): Headers {
  const block = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Headers();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

export async function deliverEmail(envelope: { from: string; to: string }, raw: string | Uint8Array, rawSize?: number): Promise<Delivery> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const delivery: Delivery = { rejected: null, forwarded: 0, replied: 0 };
  const message = {
    from: envelope.from,
    to: envelope.to,
    headers: headersOf(new TextDecoder().decode(bytes.slice(0, 64 * 1024))),
    raw: new Response(bytes).body!,
    rawSize: rawSize ?? bytes.byteLength,
    canBeForwarded: true,
    setReject(reason: string) {
      delivery.rejected = reason;
    },
    async forward() {
      delivery.forwarded++;
      return { messageId: '<forwarded@test>' };
    },
    async reply() {
      delivery.replied++;
      return { messageId: '<replied@test>' };
    },
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await (worker as ExportedHandler<typeof env>).email!(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return delivery;
}

/** A reply in Gmail's shape: multipart/alternative, quoted-printable UTF-8, the check-in quoted below. */
export function gmailReply(options: { from: string; to: string; body: string; messageId: string; subject?: string }): string {
  const qp = (text: string) =>
    [...new TextEncoder().encode(text)]
      .map((b) => (b === 0x0a ? '\r\n' : (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`))
      .join('');
  const html = options.body
    .split('\n')
    .map((line) => `<div>${line === '' ? '<br>' : line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`)
    .join('');
  return [
    'MIME-Version: 1.0',
    'Date: Mon, 4 Mar 2030 10:12:44 +0000',
    `Message-ID: ${options.messageId}`,
    `Subject: ${options.subject ?? 'Re: your check-in'}`,
    `From: Owner <${options.from}>`,
    `To: Mend <${options.to}>`,
    'Content-Type: multipart/alternative; boundary="000000000000b0undary"',
    '',
    '--000000000000b0undary',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(options.body),
    '',
    'On Mon, 4 Mar 2030 at 09:00, Mend <mend@localhost> wrote:',
    '',
    '> Hi,',
    '> How is it going?',
    '',
    '--000000000000b0undary',
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    qp(
      `<div dir="ltr">${html}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 4 Mar 2030 at 09:00, Mend &lt;mend@localhost&gt; wrote:<br></div>` +
        '<blockquote class="gmail_quote">Hi,<br>How is it going?</blockquote></div>',
    ),
    '--000000000000b0undary--',
    '',
  ].join('\r\n');
}

/**
 * The message as Cloudflare Email Routing hands it over: its own results on top. `results` is the part after
 * the authserv-id, e.g. "dkim=pass header.d=example.com; dmarc=pass header.from=example.com".
 */
export function receivedWith(raw: string, results: string, header = 'Authentication-Results', authservId = 'mx.cloudflare.net'): string {
  const value = header.toLowerCase() === 'arc-authentication-results' ? `i=1; ${authservId}; ${results}` : `${authservId}; ${results}`;
  return `${header}: ${value}\r\n${raw}`;
}

/** What Email Routing records for mail that passed DMARC for the sender's own domain. */
export function authenticatedAs(raw: string, sender: string): string {
  const domain = sender.slice(sender.lastIndexOf('@') + 1).toLowerCase();
  return receivedWith(raw, `dkim=pass header.d=${domain} header.s=s1; spf=pass smtp.mailfrom=${sender}; dmarc=pass (p=REJECT) header.from=${domain}`);
}
