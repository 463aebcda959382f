// Whether the receiving side (Cloudflare Email Routing) found the sender to be who the From header says.
//
// Anyone can write an Authentication-Results header into a message (RFC 8601 §7.1), so only one written by the
// receiving side counts: its authserv-id is the receiver's, and the receiver adds it on top of what arrived, so
// the topmost such header (Authentication-Results, or the ARC-Authentication-Results of the ARC set Email
// Routing seals) is the receiver's own.
//
// Relaxed alignment (RFC 7489 §3.1) compares organizational domains, which takes the public suffix list: about
// 45 KiB gzip in the Worker (tldts), more than the bundle's cap leaves. Mend keeps the strict half of it: the
// authenticated domain is the From domain, or its parent or child at a label boundary. Sibling subdomains of one
// organisation (news.example.com signing for mail.example.com) are not taken as aligned, so such a reply is
// unverified: its `done` stays a note with a link to confirm it. Nothing forged is ever taken as aligned.

/** The authserv-id Cloudflare Email Routing writes into the results it adds. */
export const RECEIVING_AUTHSERV_IDS: readonly string[] = ['mx.cloudflare.net'];

/** `pass`: authenticated for the From domain; `fail`: the receiver says it is not; `unverified`: nobody said. */
export type SenderAuthentication = 'pass' | 'fail' | 'unverified';

export interface MethodResult {
  method: string;
  result: string;
  /** ptype.property → value, e.g. "header.d" → "example.com". */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  authservId: string;
  results: MethodResult[];
}

/** `headers`: every header of the message in order, topmost first, names lower-cased (postal-mime's shape). */
export function senderAuthentication(
  headers: readonly { key: string; value: string }[],
  fromAddress: string,
  trusted: readonly string[] = RECEIVING_AUTHSERV_IDS,
): SenderAuthentication {
  const receiver = headers
    .filter((h) => h.key === 'authentication-results' || h.key === 'arc-authentication-results')
    .map((h) => parseAuthenticationResults(h.value, h.key === 'arc-authentication-results'))
    .find((r) => r !== null && trusted.includes(r.authservId));
  if (!receiver) return 'unverified';

  const fromDomain = domainOf(fromAddress);
  if (!fromDomain) return 'fail';
  const dmarc = receiver.results.filter((r) => r.method === 'dmarc' && (domainOf(r.props['header.from']) ?? fromDomain) === fromDomain);
  if (dmarc.some((r) => r.result === 'fail')) return 'fail';
  if (dmarc.some((r) => r.result === 'pass')) return 'pass';

  const aligned = (domain: string | null) => domain !== null && relaxedAligned(domain, fromDomain);
  const dkim = receiver.results.some((r) => r.method === 'dkim' && r.result === 'pass' && aligned(domainOf(r.props['header.d'] ?? r.props['header.i'])));
  const spf = receiver.results.some((r) => r.method === 'spf' && r.result === 'pass' && aligned(domainOf(r.props['smtp.mailfrom'])));
  return dkim || spf ? 'pass' : 'fail';
}

/**
 * RFC 8601 §2.2: `authserv-id [version] ; method=result [reason=…] [ptype.property=value …] ; …`, with comments
 * in parentheses anywhere. An ARC-Authentication-Results value starts with its instance, `i=N;`. Returns null
 * for a value that has no authserv-id.
 */
export function parseAuthenticationResults(value: string, arc = false): AuthenticationResults | null {
  const parts = splitOutsideQuotes(stripComments(value), ';').map((p) => p.trim());
  if (arc && /^i\s*=\s*\d+$/i.test(parts[0] ?? '')) parts.shift();
  const authservId = (parts.shift() ?? '').split(/\s+/)[0]!.toLowerCase();
  if (!authservId || authservId.includes('=')) return null;
  const results: MethodResult[] = [];
  for (const part of parts) {
    const pairs = [...part.matchAll(/([^\s=]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s]+)/g)].map(([, k, v]) => [k!.toLowerCase(), unquote(v!)] as const);
    const [first, ...rest] = pairs;
    if (!first || first[0] === 'none') continue;
    const props: Record<string, string> = {};
    for (const [k, v] of rest) if (k.includes('.')) props[k] = v;
    results.push({ method: first[0].split('/')[0]!, result: first[1].toLowerCase(), props });
  }
  return { authservId, results };
}

function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
    } else if (c === '"' && depth === 0) {
      quoted = !quoted;
      out += c;
    } else if (c === '(' && !quoted) depth++;
    else if (c === ')' && !quoted && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) {
      current += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);

/** The domain of an address, "@domain" or bare domain, lower-cased; null when there is none. */
function domainOf(value: string | undefined): string | null {
  if (!value) return null;
  const domain = value.slice(value.lastIndexOf('@') + 1).trim().replace(/\.$/, '').toLowerCase();
  return domain && domain.includes('.') ? domain : null;
}

/** The same domain, or one a subdomain of the other (mail.example.co.uk and example.co.uk). */
function relaxedAligned(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}
