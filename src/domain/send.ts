// How an email leaves Mend: every sender in the domain makes this one call, and nothing else in the domain
// touches the transport. For each email, once:
//   1. its links are minted, each derived from the email's idempotency key, so a retried send renders the
//      very same email (providers refuse a reused key with a different body); a reply link brings the
//      Reply-To header that records a reply as the answer, a leader link the List-Unsubscribe headers
//      (RFC 8058) every leader email carries;
//   2. its props are composed from those links and checked against its kind's schema (emails/<kind>.tsx);
//   3. the links are stored, with the rows the caller needs in place before the email leaves (`before`);
//   4. postman.ts opens its row in the delivery ledger (keyed by the idempotency key: exactly once), refuses a
//      suppressed address, adds the thread headers, and either hands it to the send queue or sends it at once;
//   5. once Mend has taken it on, the caller's record of the send (`after`) is written.
// sendEmail renders one email now. sendEmails sends a batch (the dispatcher's check-ins): with the local outbox
// in one transaction, otherwise through the send queue, whose consumer renders each email and checks its props
// again first, since a queued email can outlive a deploy.
import { leaderUrls } from '../links/leader-urls';
import { mintReplyToken, replyToHeader } from '../links/reply-address';
import type { MintedToken } from '../links/tokens';
import type { EmailMessage } from '../mail/registry';
import type { LeaderRow, MistakeRow, Statement } from '../store';
import type { Deps } from './deps';
import { deliver, deliverMany, holdBack, type DeliveryOutcome, type Envelope, type Parcel } from './postman';
import { DAY } from './time';
import { tokenRow } from './token-row';

/** A link an email carries, bound to one plan. */
export type LinkGrant =
  /** The owner's links (answer, snooze, statuses, the leader preview), to one check-in or to the plan. */
  | { role: 'owner'; mistakeId: string; checkinId: string | null }
  /** The Reply-To address of a check-in: a reply from the owner is recorded as its answer. */
  | { role: 'reply'; mistakeId: string; checkinId: string }
  /**
   * The leader's links for one plan (acknowledgements, frequency, stop). `perPlan`: one of the links to several
   * plans in one email (a digest), each derived from the key and its plan.
   */
  | { role: 'leader'; mistakeId: string; leaderId: string; perPlan?: boolean };

/**
 * One email: who it is for and what it is about (postman's Envelope: `kind` is the ledger's name for it, e.g.
 * checkin.own; `idempotencyKey` is the same for every attempt at it), its links, and how its props are made.
 */
export interface EmailRequest<L extends Record<string, LinkGrant> = Record<string, LinkGrant>> extends Envelope {
  links?: L;
  /** The email's props, given the token of each of its links. */
  compose(tokens: { [K in keyof L]: string }): EmailMessage;
  /** Rows the email needs in place before it leaves (a web sign-in link). */
  before?: Statement[];
  /** The caller's record of the send (a check-in marked sent), written once the email is taken on. */
  after?: Statement[];
  /**
   * At most one email of this kind about this plan a day (a `blocked` alert, an ack notice): a later one is held
   * back, its ledger row saying why (`reason`), so no later run takes it up again. Honoured by sendEmail (the
   * batches of sendEmails are check-ins, which have their own schedule).
   */
  oncePerPlanADay?: { reason: string };
}

/** The reason of an outcome whose email `oncePerPlanADay` held back. */
export const HELD_BACK = 'held back';

/** An email to the owner of a plan, about it (and one of its check-ins). */
export const toOwner = (mistake: Pick<MistakeRow, 'id' | 'ownerEmail'>, checkinId: string | null) =>
  ({ to: mistake.ownerEmail, mistakeId: mistake.id, checkinId, leaderId: null }) as const;

/** An email to a plan's leader, about that plan, with the leader's links for it. */
export const toLeader = (leader: Pick<LeaderRow, 'id' | 'email'>, mistakeId: string) =>
  ({ to: leader.email, mistakeId, checkinId: null, leaderId: leader.id, links: { leader: { role: 'leader', leaderId: leader.id, mistakeId } } }) as const;

/** One email, rendered now. */
export async function sendEmail<L extends Record<string, LinkGrant>>(deps: Deps, request: EmailRequest<L>, now: number): Promise<DeliveryOutcome> {
  const { transport } = deps;
  if (!transport) return waiting(deps, request);
  if (await sentToday(deps, request, now)) {
    await holdBack({ ...deps, transport }, request, request.oncePerPlanADay!.reason, now);
    return { sent: false, reason: HELD_BACK, retryable: false };
  }
  const ready = await prepare(deps, request, now);
  await storeLinks(deps, ready);
  const outcome = await deliver({ ...deps, transport }, ready.envelope, await deps.render(ready.message), now);
  if (outcome.sent) await deps.store.atomically(ready.after);
  return outcome;
}

/** Many emails; the outcomes come in the same order. Each is rendered by delivery (see above). */
export async function sendEmails<L extends Record<string, LinkGrant>>(deps: Deps, requests: EmailRequest<L>[], now: number): Promise<DeliveryOutcome[]> {
  const { transport } = deps;
  if (!transport) return requests.map((r) => waiting(deps, r));
  // Minting links is a handful of HMACs per email: a batch's go together.
  const prepared = await Promise.all(requests.map((r) => prepare(deps, r, now)));
  const parcels: Parcel[] = prepared.map((p) => ({
    envelope: p.envelope,
    email: { message: p.message },
    before: [...linkStatements(deps, p.minted), ...p.before],
    after: p.after,
  }));
  return deliverMany({ ...deps, transport }, parcels, now);
}

interface Prepared {
  envelope: Envelope;
  message: EmailMessage;
  minted: MintedToken[];
  before: Statement[];
  after: Statement[];
}

async function prepare<L extends Record<string, LinkGrant>>(deps: Deps, request: EmailRequest<L>, now: number): Promise<Prepared> {
  const { idempotencyKey } = request;
  const links = await Promise.all(
    Object.entries(request.links ?? {}).map(async ([name, grant]) => ({ name, grant, minted: await mint(deps, grant, idempotencyKey, now) })),
  );
  const headers: Record<string, string> = {};
  for (const { grant, minted } of links) Object.assign(headers, linkHeaders(deps, grant, minted.token, headers));
  const tokens = Object.fromEntries(links.map((l) => [l.name, l.minted.token])) as { [K in keyof L]: string };
  // Checked here as well as at rendering: an email left to the send queue is rendered later, elsewhere.
  const message = deps.parseEmail(request.compose(tokens));
  const { kind, to, mistakeId, checkinId, leaderId } = request;
  return {
    envelope: { kind, idempotencyKey, to, mistakeId, checkinId, leaderId, headers: { ...headers, ...request.headers } },
    message,
    minted: links.map((l) => l.minted),
    before: request.before ?? [],
    after: request.after ?? [],
  };
}

function mint(deps: Pick<Deps, 'tokens'>, grant: LinkGrant, seed: string, now: number): Promise<MintedToken> {
  switch (grant.role) {
    case 'owner':
      return deps.tokens.mint({ mistakeId: grant.mistakeId, role: 'owner', checkinId: grant.checkinId, deliveryId: null }, now, seed);
    case 'reply':
      return mintReplyToken(deps.tokens, { mistakeId: grant.mistakeId, role: 'owner', checkinId: grant.checkinId, deliveryId: null }, now, seed);
    case 'leader': {
      const leaderGrant = { mistakeId: grant.mistakeId, role: 'leader' as const, leaderId: grant.leaderId, checkinId: null, deliveryId: null };
      return deps.tokens.mint(leaderGrant, now, grant.perPlan ? `${seed}:${grant.mistakeId}` : seed);
    }
  }
}

/** The headers a link brings: the Reply-To of a reply link, the List-Unsubscribe of the first leader link. */
function linkHeaders(deps: Pick<Deps, 'settings'>, grant: LinkGrant, token: string, earlier: Record<string, string>): Record<string, string> {
  if (grant.role === 'reply') return { 'Reply-To': replyToHeader(token, deps.settings.mailDomain) };
  if (grant.role === 'leader' && !earlier['List-Unsubscribe']) {
    // RFC 8058: mail clients offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to the URL.
    const url = leaderUrls(deps.settings.appUrl, token).unsubscribe;
    return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
  return {};
}

/** The rows of an email's tokens (HMACs, never the tokens), as statements. */
function linkStatements(deps: Pick<Deps, 'store'>, minted: MintedToken[]): Statement[] {
  const [first, ...rest] = minted.map(tokenRow);
  return first ? [deps.store.tokens.insertStatement(first, ...rest)] : [];
}

/**
 * Stores an email's tokens and the rows it needs. An email of no one plan (a digest) speaks of the plans its
 * links name, maybe hundreds: its tokens go in one statement that also notes each plan, so erasing a plan
 * erases the email's copies (its words are in them).
 */
async function storeLinks(deps: Pick<Deps, 'store'>, ready: Prepared): Promise<void> {
  const { store } = deps;
  if (ready.envelope.mistakeId === null && ready.minted.length > 0) {
    await store.leaders.insertTokens(ready.minted.map(tokenRow), ready.envelope.idempotencyKey);
    await store.atomically(ready.before);
    return;
  }
  await store.atomically([...linkStatements(deps, ready.minted), ...ready.before]);
}

/** Whether an email limited to one a day about its plan already went (or is on its way) today. */
async function sentToday(deps: Pick<Deps, 'store'>, request: EmailRequest, now: number): Promise<boolean> {
  if (!request.oncePerPlanADay || request.mistakeId === null) return false;
  return deps.store.mail.sentAboutSince(request.mistakeId, request.kind, now - DAY);
}

/** Nothing can be sent now (no transport configured): the caller's work stays due. */
function waiting(deps: Pick<Deps, 'log' | 'transportProblem'>, request: Pick<EmailRequest, 'kind'>): DeliveryOutcome {
  const reason = deps.transportProblem ?? 'no transport';
  deps.log('mail.waiting', { kind: request.kind, reason });
  return { sent: false, reason, retryable: true };
}
