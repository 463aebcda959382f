// Signing in on the web without a password: a one-time link by email, then a session. The same links confirm
// the owner's address when a mistake is logged on the web, so nobody can use Mend to mail a stranger.
// Secrets (link and session tokens) are never stored: the database keeps an HMAC of each under SIGNING_KEY.
import { base64url } from '../lib/encoding';
import { normalEmail } from '../lib/email-address';
import type { LoginLinkRow, MistakeRow, SessionRow } from '../store';
import type { Deps } from './deps';
import { eraseMistake } from './plans';
import { leaderNameOf, leaderOf } from './leaders/leader-mail';
import { sendEmail, toOwner } from './send';
import { DAY, HOUR, MINUTE } from './time';

export const SIGN_IN_LINK_TTL_MS = 20 * MINUTE;
export const CONFIRM_LINK_TTL_MS = 24 * HOUR;
/** A session ends after a day without use (each use moves that on), and a week after sign-in whatever happens. */
export const SESSION_IDLE_MS = DAY;
export const SESSION_ABSOLUTE_MS = 7 * DAY;
/** A session's idle expiry is written again only when it has moved on by this much: not a write per page. */
const SESSION_SLIDE_STEP_MS = 15 * MINUTE;
/** A web sign-up nobody confirmed is erased after this: its words were never wanted by anyone who could read them. */
export const UNCONFIRMED_KEPT_MS = 7 * DAY;

const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export type LinkPurpose = LoginLinkRow['purpose'];


/** 192 random bits, URL-safe. */
export const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));

/** The stored id of a web secret; the prefix keeps link, session and CSRF MACs from ever standing in for each other. */
export async function webDigest(deps: Pick<Deps, 'tokens'>, kind: 'link' | 'session' | 'csrf', secret: string): Promise<string> {
  return deps.tokens.digest(`web-${kind}:${secret}`);
}

/** How many emails one address may get is counted at the door (src/domain/abuse-limits.ts), before anything is stored. */
export type SendOutcome = 'sent' | 'not_sent';

/** A one-time web link; its row is stored with the email that carries it (see sendEmail's `before`). */
async function mintLink(
  deps: Pick<Deps, 'tokens'>,
  email: string,
  purpose: LinkPurpose,
  mistakeId: string | null,
  ttlMs: number,
  now: number,
): Promise<{ token: string; row: LoginLinkRow }> {
  const token = randomToken();
  const row: LoginLinkRow = { id: await webDigest(deps, 'link', token), email, purpose, mistakeId, createdAt: now, expiresAt: now + ttlMs, usedAt: null };
  return { token, row };
}

/** Who may ask for a sign-in link: an owner of any mistake, or a leader of one they can see. */
async function knownAddress(deps: Pick<Deps, 'store'>, email: string): Promise<boolean> {
  if ((await deps.store.mistakes.idsByOwner(email)).length > 0) return true;
  return (await deps.store.mistakes.rowsByLeader(email)).some(leaderMaySee);
}

/**
 * A leader first hears of a mistake through the owner's own words (the introduction follows the ownership
 * statement), so the leader's pages show it from then on; before that it is the owner's alone.
 */
export const leaderMaySee = (mistake: Pick<MistakeRow, 'status' | 'ownership'>) => mistake.status !== 'pending' && mistake.ownership !== null;

/**
 * "Email me a sign-in link". The answer to the person is the same whatever happens here, so the form never
 * tells who uses Mend; an address Mend has no plan for gets no email at all.
 */
export async function requestSignIn(deps: Deps, rawEmail: string, now: number): Promise<SendOutcome> {
  const email = normalEmail(rawEmail);
  if (!(await knownAddress(deps, email))) {
    deps.log('web.sign_in.unknown_address');
    return 'not_sent';
  }
  const { token, row } = await mintLink(deps, email, 'login', null, SIGN_IN_LINK_TTL_MS, now);
  const outcome = await sendEmail(
    deps,
    {
      kind: 'web.sign_in',
      idempotencyKey: `web-sign-in:${row.id}`,
      to: email,
      mistakeId: null,
      checkinId: null,
      leaderId: null,
      before: [deps.store.webAuth.insertLinkStatement(row)],
      compose: () => ({ kind: 'web_sign_in', signInUrl: `${deps.settings.appUrl}/login/${token}`, expiresInMinutes: SIGN_IN_LINK_TTL_MS / MINUTE }),
    },
    now,
  );
  return outcome.sent ? 'sent' : 'not_sent';
}

/** The email that confirms a web sign-up's owner address; nothing is scheduled until its link is used. */
export async function sendConfirmation(deps: Deps, mistake: MistakeRow, now: number): Promise<SendOutcome> {
  const leader = await leaderOf(deps, mistake);
  const { token, row } = await mintLink(deps, mistake.ownerEmail, 'confirm', mistake.id, CONFIRM_LINK_TTL_MS, now);
  const outcome = await sendEmail(
    deps,
    {
      kind: 'web.confirm',
      idempotencyKey: `web-confirm:${row.id}`,
      ...toOwner(mistake, null),
      before: [deps.store.webAuth.insertLinkStatement(row)],
      compose: () => ({
        kind: 'web_confirm',
        ownerName: mistake.ownerName,
        leaderName: leader ? leaderNameOf(mistake, leader) : null,
        mistakeTitle: mistake.title,
        cadence: mistake.cadence,
        confirmUrl: `${deps.settings.appUrl}/confirm/${token}`,
        notMeUrl: `${deps.settings.appUrl}/confirm/${token}/not-me`,
        expiresInHours: CONFIRM_LINK_TTL_MS / HOUR,
      }),
    },
    now,
  );
  return outcome.sent ? 'sent' : 'not_sent';
}

export type LinkProblem = 'malformed' | 'unknown' | 'used' | 'expired';
export type LinkCheck = { ok: true; link: LoginLinkRow } | { ok: false; problem: LinkProblem };

/** A link whatever its state (used, expired): "this was not me" needs only that the email arrived. */
export async function findLink(deps: Pick<Deps, 'store' | 'tokens'>, raw: string, purpose: LinkPurpose): Promise<LoginLinkRow | LinkProblem> {
  if (!TOKEN_SHAPE.test(raw)) return 'malformed';
  const link = await deps.store.webAuth.findLink(await webDigest(deps, 'link', raw));
  return link && link.purpose === purpose ? link : 'unknown';
}

/** What a GET may do: look at a link without using it. */
export async function checkLink(deps: Pick<Deps, 'store' | 'tokens'>, raw: string, purpose: LinkPurpose, now: number): Promise<LinkCheck> {
  const found = await findLink(deps, raw, purpose);
  if (typeof found === 'string') return { ok: false, problem: found };
  if (found.usedAt !== null) return { ok: false, problem: 'used' };
  if (found.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, link: found };
}

/** What the POST does: uses the link, once. Two presses at the same moment use it once; the other is told so. */
export async function useLink(deps: Pick<Deps, 'store' | 'tokens'>, raw: string, purpose: LinkPurpose, now: number): Promise<LinkCheck> {
  const checked = await checkLink(deps, raw, purpose, now);
  if (!checked.ok) return checked;
  const used = await deps.store.webAuth.useLink(checked.link.id, now);
  if (!used) return { ok: false, problem: 'used' };
  // One sign-in link used voids the address's others: a copy left in an inbox signs nobody in later.
  if (purpose === 'login') await deps.store.webAuth.voidLinksOf(used.email, 'login', now);
  return { ok: true, link: used };
}

export interface OpenedSession {
  /** What goes into the cookie; never stored. */
  token: string;
  session: SessionRow;
}

export async function openSession(deps: Pick<Deps, 'store' | 'tokens'>, email: string, now: number): Promise<OpenedSession> {
  const token = randomToken();
  const session: SessionRow = { id: await webDigest(deps, 'session', token), email: normalEmail(email), createdAt: now, expiresAt: now + SESSION_IDLE_MS };
  await deps.store.webAuth.insertSession(session);
  return { token, session };
}

/**
 * The session a cookie stands for, or null when it is missing, unknown, idle for a day or a week old. Using it
 * moves its idle expiry on, never past the absolute limit.
 */
export async function findSession(deps: Pick<Deps, 'store' | 'tokens'>, raw: string | undefined, now: number): Promise<SessionRow | null> {
  if (!raw || !TOKEN_SHAPE.test(raw)) return null;
  const session = await deps.store.webAuth.findSession(await webDigest(deps, 'session', raw));
  if (!session || session.expiresAt <= now || session.createdAt + SESSION_ABSOLUTE_MS <= now) return null;
  const slid = Math.min(now + SESSION_IDLE_MS, session.createdAt + SESSION_ABSOLUTE_MS);
  if (slid - session.expiresAt < SESSION_SLIDE_STEP_MS) return session;
  await deps.store.webAuth.touchSession(session.id, slid);
  return { ...session, expiresAt: slid };
}

/** "Sign out everywhere": every session of the address ends, this browser's included. */
export async function closeAllSessions(deps: Pick<Deps, 'store'>, email: string): Promise<void> {
  await deps.store.webAuth.deleteSessionsOf(normalEmail(email));
}

export async function closeSession(deps: Pick<Deps, 'store' | 'tokens'>, raw: string | undefined): Promise<void> {
  if (!raw || !TOKEN_SHAPE.test(raw)) return;
  await deps.store.webAuth.deleteSession(await webDigest(deps, 'session', raw));
}

/**
 * Scheduled work: expired sessions and links go, and web sign-ups nobody confirmed within a week are erased.
 * Housekeeping, so it runs once an hour (the run in an hour's first minute), not at every minute's run: finding
 * unconfirmed sign-ups reads the mistakes table without an index of its own.
 */
export async function sweepWebAuth(deps: Pick<Deps, 'store' | 'log'>, now: number): Promise<{ erased: number }> {
  if (now % HOUR >= MINUTE) return { erased: 0 };
  await deps.store.webAuth.sweep(now, now - DAY);
  // The longest limit window is a day: older counts count for nothing.
  await deps.store.limits.sweep(now - DAY);
  let erased = 0;
  for (const mistake of await deps.store.webAuth.unconfirmedBefore(now - UNCONFIRMED_KEPT_MS, 100)) {
    await eraseMistake(deps, mistake);
    erased++;
  }
  if (erased) deps.log('web.unconfirmed_erased', { count: erased });
  return { erased };
}
