import type { MintedToken } from '../links/tokens';
import type { TokenRow } from '../store';

/** The row kept for a minted token: its HMAC, never the token itself. */
export const tokenRow = (t: MintedToken): TokenRow => ({
  id: t.id,
  mistakeId: t.mistakeId,
  role: t.role,
  leaderId: t.leaderId ?? null,
  checkinId: t.checkinId,
  deliveryId: t.deliveryId,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: null,
});
