// The Reply-To address of an owner's check-in email: reply+<token>@<MAIL_DOMAIN>. It names the check-in and
// nothing else (no personal data), and only the owner's own address may answer through it.
//
// The token here is not the link token of the same email, for two reasons:
// - Mail servers may change the case of a local part (RFC 5321 says they must not; some do, and people retype
//   addresses). Link tokens are base64url, where case matters. Reply tokens use lower-case base32 (RFC 4648
//   alphabet a-z, 2-7: valid in any local part, no "+" or "." that routing would read), so a folded address
//   still finds its check-in: we lower-case what arrives before looking it up.
// - A reply address travels further than a link: it sits in the To of every reply, in CCs and in archives. Its
//   bytes are derived separately, and its database id is domain-separated ("reply:<token>"), so a reply address
//   can neither be turned into a link token nor used as one in a /l/ URL. It only records a reply, and only
//   from the owner's address.
// 20 bytes are 160 bits (32 base32 characters); the row in `tokens` expires and is revoked with the plan,
// exactly like the email's link token.
import type { MintedToken, TokenGrant, TokenMinter } from './tokens';
import { TOKEN_TTL_MS } from './tokens';

const REPLY_BYTES = 20;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const LOCAL_PREFIX = 'reply+';
const REPLY_ADDRESS = /^reply\+([a-z2-7]{32})@[^@\s]+$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The database id of a reply token: an HMAC like a link token's, over a different message. */
export const replyTokenId = (minter: TokenMinter, token: string): Promise<string> => minter.digest(`reply:${token}`);

/**
 * Mints the reply token of one email. With a `seed` (the email's idempotency key) it is derived from it under
 * the signing key, so a retried send carries the same Reply-To.
 */
export async function mintReplyToken(minter: TokenMinter, grant: TokenGrant, now: number, seed?: string): Promise<MintedToken> {
  const bytes = seed
    ? fromBase64url(await minter.digest(`reply-seed:${seed}`)).slice(0, REPLY_BYTES)
    : crypto.getRandomValues(new Uint8Array(REPLY_BYTES));
  const token = base32(bytes);
  return { ...grant, token, id: await replyTokenId(minter, token), createdAt: now, expiresAt: now + TOKEN_TTL_MS };
}

/** The address for the Reply-To header. */
export const replyAddress = (token: string, mailDomain: string): string => `${LOCAL_PREFIX}${token}@${mailDomain}`;

/** The Reply-To header value: the address under the product's name, so a reply reads "To: Mend". */
export const replyToHeader = (token: string, mailDomain: string): string => `Mend <${replyAddress(token, mailDomain)}>`;

/**
 * The reply token in a recipient address, or null when it is not a reply address. Case is ignored (see above);
 * the domain is not checked: only mail routed to this Worker arrives here, and the token is what identifies.
 */
export function replyTokenIn(address: string): string | null {
  return REPLY_ADDRESS.exec(address.trim().toLowerCase())?.[1] ?? null;
}
