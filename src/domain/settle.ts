// The settle rule, once, for every one-click choice from an email link: the owner's statuses and the leader's
// acknowledgements. Mail scanners open (and some submit) every link of a message soon after delivery, so:
// - a click counts once it has stood for the settle time with no different choice from the same email;
// - different choices from the same email within that time void each other: none counts;
// - a choice changed on the page itself (not through the email's links) is a person, and is believed at once.
// The rules below are pure, over rows the store reads; recording a click, settling due clicks on schedule and
// showing whether an answer counts (API, web timeline, leader page) all go through them, so they cannot disagree.
import type { Statement, UpdateRow } from '../store';
import type { Deps } from './deps';

/** What the rule reads of a click: its email (clickSource), its choice (status), when, and where it stands. */
export type Click = Pick<UpdateRow, 'id' | 'state' | 'status' | 'at' | 'settlesAt' | 'clickSource'>;

export type ClickDecision<C extends Click> =
  /** The same choice from the same email is already recorded: nothing new. */
  | { repeated: true; latest: C }
  /** Record the click in this state, and void these earlier clicks from the same email. */
  | { repeated: false; state: 'pending' | 'void' | 'counted'; settlesAt: number | null; voids: string[] };

/** How a new click from one email is recorded, given every click already recorded from that email (oldest first). */
export function decideClick<C extends Click>(
  clicks: readonly C[],
  choice: string,
  now: number,
  settleMs: number,
  changedOnPage: boolean,
): ClickDecision<C> {
  const latest = clicks.filter((c) => c.state !== 'void').at(-1);
  if (changedOnPage) {
    if (latest && latest.status === choice && latest.state === 'counted') return { repeated: true, latest };
    // The person's choice replaces whatever from this email was still waiting to settle.
    const voids = clicks.filter((c) => c.state === 'pending').map((c) => c.id);
    return { repeated: false, state: 'counted', settlesAt: now, voids };
  }
  if (latest && latest.status === choice) return { repeated: true, latest };
  const conflicting = clicks.filter((c) => c.state !== 'counted' && c.status !== choice && c.at > now - settleMs).map((c) => c.id);
  return conflicting.length
    ? { repeated: false, state: 'void', settlesAt: null, voids: conflicting }
    : { repeated: false, state: 'pending', settlesAt: now + settleMs, voids: [] };
}

/**
 * Whether an answer counts at `now`. A written answer counts at once; a click once it has stood its settle time
 * with no different, uncounted choice from the same email inside that time (`siblings`: other answers, e.g. the
 * mistake's). Clicks recorded at the same moment each saw none of the others, so the rule looks again here.
 */
export function isSettled(update: Click, now: number, siblings: readonly Click[] = []): boolean {
  if (update.state === 'counted') return true;
  if (update.state !== 'pending' || update.settlesAt === null || update.settlesAt > now) return false;
  const window = update.settlesAt - update.at;
  return !siblings.some(
    (o) =>
      o.id !== update.id &&
      o.clickSource !== null &&
      o.clickSource === update.clickSource &&
      o.status !== update.status &&
      o.state !== 'counted' &&
      Math.abs(o.at - update.at) < window,
  );
}

export interface RecordedClick {
  update: UpdateRow;
  repeated: boolean;
}

/**
 * Records one click through the rule. `row` builds the update in the state the rule chose; `onCounted` gives the
 * statements that apply a click counted at once (a change on the page). All of it is one transaction.
 */
export async function recordClickThroughRule(
  deps: Pick<Deps, 'store' | 'settings'>,
  click: {
    source: string;
    choice: string;
    now: number;
    changedOnPage: boolean;
    /** The clicks from this email, when the caller already read them. */
    clicks?: UpdateRow[];
    row: (fields: Pick<UpdateRow, 'state' | 'settlesAt'>) => UpdateRow;
    onCounted: (update: UpdateRow) => Statement[];
  },
): Promise<RecordedClick> {
  const { store } = deps;
  const clicks = click.clicks ?? (await store.updates.clicksFrom(click.source));
  const decision = decideClick(clicks, click.choice, click.now, deps.settings.clickSettleMs, click.changedOnPage);
  if (decision.repeated) return { update: decision.latest, repeated: true };
  const update = click.row({ state: decision.state, settlesAt: decision.settlesAt });
  const statements: Statement[] = [];
  if (decision.voids.length) statements.push(store.updates.voidStatement(decision.voids));
  statements.push(store.updates.insertClickStatement(update));
  if (decision.state === 'counted') statements.push(...click.onCounted(update));
  await store.atomically(statements);
  return { update, repeated: false };
}

/** Clicks settled per pass: each pass reads them with every click from their emails. */
const SETTLE_BATCH = 50;

/** Scheduled work: every click whose settle time has passed counts now, or is void by the rule. */
export async function settleDueClicks(deps: Pick<Deps, 'store'>, now: number): Promise<{ counted: number; voided: number }> {
  const { store } = deps;
  let counted = 0;
  let voided = 0;
  for (;;) {
    const around = await store.updates.clicksAroundDue(now, SETTLE_BATCH);
    const due = around.filter((c) => c.state === 'pending' && c.settlesAt !== null && c.settlesAt <= now);
    if (due.length === 0) break;
    const verdicts = due.map((c) => ({ id: c.id, counts: isSettled(c, now, around) }));
    await store.atomically(verdicts.map((v) => store.updates.settleStatement(v.id, v.counts)));
    for (const v of verdicts) v.counts ? counted++ : voided++;
  }
  return { counted, voided };
}
