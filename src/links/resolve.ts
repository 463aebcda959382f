// From a token in a URL to what it grants: the mistake, the check-in, the role. Or why it grants nothing.
import type { LinkContext } from '../domain/answers';
import type { Deps } from '../domain/deps';
import type { CheckinRow, MistakeRow, TokenRow, UpdateRow } from '../store';
import { tokenProblem, type TokenProblem } from './tokens';

export type Resolved =
  | { ok: true; token: TokenRow; mistake: MistakeRow; checkin: CheckinRow | null; clicks: UpdateRow[] }
  | { ok: false; problem: TokenProblem; token: TokenRow | null };

export async function resolveToken(deps: Pick<Deps, 'store' | 'tokens'>, raw: string, now: number): Promise<Resolved> {
  const id = await deps.tokens.idFor(raw);
  if (!id) return { ok: false, problem: 'malformed', token: null };
  const grant = await deps.store.tokens.grant(id);
  const token = grant?.token ?? null;
  const problem = tokenProblem(token, now);
  if (problem || !token) return { ok: false, problem: problem ?? 'unknown', token };
  if (!grant?.mistake) return { ok: false, problem: 'revoked', token };
  return { ok: true, token, mistake: grant.mistake, checkin: grant.checkin, clicks: grant.clicks };
}

export const linkContext = (r: Extract<Resolved, { ok: true }>): LinkContext => ({
  token: r.token,
  mistake: r.mistake,
  checkin: r.checkin,
  clicks: r.clicks,
});
