// The abuse limits (PRODUCT.md, "Abuse limits"): nobody may turn Mend into a way to flood an inbox. Each door
// asks here before it stores or sends anything; a refusal says which limit and when a slot frees, and is logged
// without the address. Counts live in D1 (store/limits.ts) under an HMAC of who asked, never the value itself.
import type { Deps } from './deps';
import { DAY, HOUR } from './time';

/** Counted limits: at most `max` in any `windowMs` (a sliding window, on the one clock). */
export const ABUSE_LIMITS = {
  /** Web sign-ups (POST /) from one client. */
  signUpsPerClient: { max: 10, windowMs: HOUR },
  /** Sign-in requests (POST /login) from one client. */
  signInsPerClient: { max: 10, windowMs: HOUR },
  /** Confirmation emails to one address. */
  confirmationsPerAddress: { max: 3, windowMs: DAY },
  /** Sign-in links asked for one address, known to Mend or not (so the answer never tells which). */
  signInsPerAddress: { max: 5, windowMs: DAY },
  /** Leader addresses an owner names through the web that none of their plans named before. */
  newLeadersPerOwner: { max: 5, windowMs: DAY },
} as const;

/** Plans one owner address may hold that are active or waiting for confirmation (web only; the API is not limited). */
export const OPEN_PLANS_PER_OWNER = 20;

export type CountedLimit = keyof typeof ABUSE_LIMITS;
export type LimitName = CountedLimit | 'openPlansPerOwner';

export interface Refusal {
  limit: LimitName;
  /** When the next slot frees; null when it waits on the person (closing a plan), not on time. */
  retryAt: number | null;
}

export interface Slot {
  limit: CountedLimit;
  /** Who is counted: a client's IP, an address. Only its HMAC is stored. */
  subject: string;
}

type LimitDeps = Pick<Deps, 'store' | 'tokens' | 'log'>;

function refuse(deps: LimitDeps, door: string, refusal: Refusal): Refusal {
  deps.log('limit.refused', { door, limit: refusal.limit });
  return refusal;
}

/** Takes one slot of each, or none of them (a refused request uses up nothing). */
export async function claimSlots(deps: LimitDeps, door: string, slots: Slot[], now: number): Promise<Refusal | null> {
  const claims = await Promise.all(
    slots.map(async ({ limit, subject }) => ({
      key: await deps.tokens.digest(`limit:${limit}:${subject}`),
      since: now - ABUSE_LIMITS[limit].windowMs,
      max: ABUSE_LIMITS[limit].max,
    })),
  );
  const result = await deps.store.limits.claim(claims, now);
  if (result.ok) return null;
  const limit = slots[result.refused]!.limit;
  return refuse(deps, door, { limit, retryAt: (result.oldestAt ?? now) + ABUSE_LIMITS[limit].windowMs });
}

export interface SignUp {
  client: string;
  owner: string;
  leader: string | null;
  /** The owner's address is not proven yet: a confirmation email will go to it. */
  confirmation: boolean;
}

/** POST /: the client's hourly count, the owner's open plans and new leaders, the address's confirmations. */
export async function admitSignUp(deps: LimitDeps, signUp: SignUp, now: number): Promise<Refusal | null> {
  const standing = await deps.store.mistakes.ownerStanding(signUp.owner, signUp.leader);
  const slots: Slot[] = [{ limit: 'signUpsPerClient', subject: signUp.client }];
  if (signUp.leader && !standing.namedBefore) slots.push({ limit: 'newLeadersPerOwner', subject: signUp.owner });
  if (signUp.confirmation) slots.push({ limit: 'confirmationsPerAddress', subject: signUp.owner });
  // Refused before any slot is taken: a refused request uses up nothing, and sends and stores nothing either.
  if (standing.openPlans >= OPEN_PLANS_PER_OWNER) return refuse(deps, 'sign_up', { limit: 'openPlansPerOwner', retryAt: null });
  return claimSlots(deps, 'sign_up', slots, now);
}

/** POST /login: the client's hourly count, and the address's daily count. */
export async function admitSignIn(deps: LimitDeps, request: { client: string; email: string }, now: number): Promise<Refusal | null> {
  return claimSlots(
    deps,
    'sign_in',
    [
      { limit: 'signInsPerClient', subject: request.client },
      { limit: 'signInsPerAddress', subject: request.email },
    ],
    now,
  );
}
