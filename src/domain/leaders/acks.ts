// The leader's side of a plan: "thank you for telling me" and "let's talk" (recorded as updates by the leader,
// shown in the API, and told to the owner by email), the digest frequency, and stopping Mend's mail.
//
// Acknowledgements from an email's one-click links follow the settle rule of the owner's statuses
// (src/domain/settle.ts); a press on the signed-in page is a person and counts at once. Frequency and stop are
// not one-click: their pages need a visible button pressed.
import type { LeaderRow, MistakeRow, TokenRow, UpdateRow } from '../../store';
import type { Deps } from '../deps';
import { recordClickThroughRule, type RecordedClick } from '../settle';

export type AckChoice = 'thanks' | 'talk';
export const ACK_CHOICES: readonly AckChoice[] = ['thanks', 'talk'];

export class AckRefused extends Error {
  constructor(readonly reason: 'plan_closed' | 'not_theirs') {
    super(reason);
  }
}

function newAck(
  mistake: MistakeRow,
  choice: AckChoice,
  now: number,
  fields: Partial<UpdateRow> & Pick<UpdateRow, 'state' | 'settlesAt' | 'via' | 'clickSource'>,
): UpdateRow {
  return { id: crypto.randomUUID(), mistakeId: mistake.id, checkinId: null, author: 'leader', kind: 'ack', status: choice, text: null, at: now, appliedAt: null, ...fields };
}

/** An acknowledgement through a link of the leader's email, recorded through the settle rule (src/domain/settle.ts). */
export async function recordAck(
  deps: Pick<Deps, 'store' | 'settings'>,
  token: TokenRow,
  mistake: MistakeRow,
  choice: AckChoice,
  now: number,
  options: { changedOnPage: boolean },
): Promise<RecordedClick> {
  if (token.role !== 'leader' || !token.leaderId || mistake.leaderId !== token.leaderId) throw new AckRefused('not_theirs');
  if (mistake.status === 'closed') throw new AckRefused('plan_closed');
  return recordClickThroughRule(deps, {
    source: token.id,
    choice,
    now,
    changedOnPage: options.changedOnPage,
    // Counted at once there is nothing to apply (appliedAt: now): the owner's notice goes with the next scheduled run.
    row: (fields) => newAck(mistake, choice, now, { via: 'link', clickSource: token.id, ...fields, ...(fields.state === 'counted' ? { appliedAt: now } : {}) }),
    onCounted: () => [],
  });
}

/** Pressing the same button on the signed-in page twice (or a double click) within this time records it once. */
const PAGE_REPEAT_MS = 24 * 60 * 60 * 1000;

/**
 * An acknowledgement from the signed-in web page (/leading). A press on a page the leader signed in to is a
 * person, as a choice changed on a link's page is: it counts at once, with nothing to apply.
 */
export async function acknowledgeOnPage(
  deps: Pick<Deps, 'store'>,
  mistake: MistakeRow,
  earlier: readonly UpdateRow[],
  choice: AckChoice,
  now: number,
): Promise<{ recorded: boolean }> {
  const last = earlier.filter((u) => u.kind === 'ack' && u.author === 'leader' && u.state !== 'void').at(-1);
  if (last && last.status === choice && now - last.at < PAGE_REPEAT_MS) return { recorded: false };
  const update = newAck(mistake, choice, now, { via: 'form', clickSource: null, state: 'counted', settlesAt: now, appliedAt: now });
  await deps.store.atomically([deps.store.updates.insertStatement(update)]);
  return { recorded: true };
}

export async function setDigestFrequency(deps: Pick<Deps, 'store'>, leader: LeaderRow, frequency: LeaderRow['frequency']): Promise<void> {
  if (leader.frequency !== frequency) await deps.store.leaders.setFrequency(leader.id, frequency);
}

/** Stops all leader mail to this address, at once and for good (RFC 8058 one-click, or the page's button). */
export async function stopLeaderMail(deps: Pick<Deps, 'store' | 'log'>, leader: LeaderRow, now: number): Promise<void> {
  await deps.store.leaders.stop(leader, now);
  deps.log('leaders.stopped', { leaderId: leader.id });
}
