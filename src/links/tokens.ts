// Link tokens: 192 random bits, bound to one person's role in one mistake, stored only as an HMAC so a
// copy of the database cannot be turned back into working links. They carry no personal data.
import type { Role } from '../domain/types';
import { DAY } from '../domain/time';
import { base64url } from '../lib/encoding';

export const TOKEN_TTL_MS = 45 * DAY;
const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export interface TokenGrant {
  mistakeId: string;
  role: Role;
  /** Leader tokens: which leader (a leader's links act for that address, across their mistakes). */
  leaderId?: string | null;
  checkinId: string | null;
  deliveryId: string | null;
}

export interface MintedToken extends TokenGrant {
  /** What goes into the URL. */
  token: string;
  /** What the database keeps. */
  id: string;
  createdAt: number;
  expiresAt: number;
}

export type TokenProblem = 'malformed' | 'unknown' | 'expired' | 'revoked';

async function keyFor(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export class TokenMinter {
  private key: Promise<CryptoKey>;
  constructor(secret: string) {
    this.key = keyFor(secret);
  }

  async digest(token: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.key, new TextEncoder().encode(token));
    return base64url(new Uint8Array(mac));
  }

  /**
   * With a `seed` (an email's idempotency key) the token is derived from it under the key, so a retried
   * send renders the very same email: providers refuse a reused idempotency key with a different body.
   */
  async mint(grant: TokenGrant, now: number, seed?: string, ttlMs = TOKEN_TTL_MS): Promise<MintedToken> {
    const bytes = seed
      ? new Uint8Array(await crypto.subtle.sign('HMAC', await this.key, new TextEncoder().encode(`link:${seed}`))).slice(0, TOKEN_BYTES)
      : crypto.getRandomValues(new Uint8Array(TOKEN_BYTES));
    const token = base64url(bytes);
    return { ...grant, token, id: await this.digest(token), createdAt: now, expiresAt: now + ttlMs };
  }

  /** The database id for a token from a URL, or null when it cannot be one of ours. */
  async idFor(token: string): Promise<string | null> {
    return TOKEN_SHAPE.test(token) ? this.digest(token) : null;
  }
}

export function tokenProblem(row: { expiresAt: number; revokedAt: number | null } | null, now: number): TokenProblem | null {
  if (!row) return 'unknown';
  if (row.revokedAt !== null && row.revokedAt <= now) return 'revoked';
  if (row.expiresAt <= now) return 'expired';
  return null;
}
