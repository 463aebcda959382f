// The leader's side of a plan: "thank you for telling me" and "let's talk" (recorded as updates by the leader,
// shown in the API, and told to the owner by email), the digest frequency, and stopping Mend's mail.
//
// Acknowledgements come from one-click links, so they follow the owner's settle rule: an ack counts once it has
// stood for the settle time with no different choice from the same email; different choices from one email
// within that time (a mail scanner opening every link) void each other; a choice changed on the page itself is
// a person, and is believed. Frequency and stop are not one-click: their pages need a visible button pressed.
import type { LeaderRow, MistakeRow, Statement, TokenRow, UpdateRow } from '../../store';
import type { Deps } from '../deps';

export type AckChoice = 'thanks' | 'talk';
export const ACK_CHOICES: readonly AckChoice[] = ['thanks', 'talk'];

export class AckRefused extends Error {
  constructor(readonly reason: 'plan_closed' | 'not_theirs') {
    super(reason);
  }
}

export interface AckResult {
  update: UpdateRow;
  repeated: boolean;
}

function newAck(token: TokenRow, mistake: MistakeRow, choice: AckChoice, now: number, fields: Partial<UpdateRow> & Pick<UpdateRow, 'state'>): UpdateRow {
  return {
    id: crypto.randomUUID(),
    mistakeId: mistake.id,
    checkinId: null,
    author: 'leader',
    kind: 'ack',
    status: choice,
    text: null,
    via: 'link',
    at: now,
    clickSource: token.id,
    settlesAt: null,
    appliedAt: null,
    ...fields,
  };
}

export async function recordAck(
  deps: Pick<Deps, 'store' | 'settings'>,
  token: TokenRow,
  mistake: MistakeRow,
  choice: AckChoice,
  now: number,
  options: { changedOnPage: boolean },
): Promise<AckResult> {
  if (token.role !== 'leader' || !token.leaderId || mistake.leaderId !== token.leaderId) throw new AckRefused('not_theirs');
  if (mistake.status === 'closed') throw new AckRefused('plan_closed');
  const { store } = deps;
  const acks = await store.leaders.acksFrom(token.id);
  const live = acks.filter((a) => a.state !== 'void');
  const latest = live[live.length - 1];

  if (options.changedOnPage) {
    if (latest && latest.status === choice && latest.state === 'counted') return { update: latest, repeated: true };
    const voided = acks.filter((a) => a.state === 'pending').map((a) => a.id);
    // Counted at once and nothing to apply: the owner's notice is sent by the next scheduled run.
    const update = newAck(token, mistake, choice, now, { state: 'counted', settlesAt: now, appliedAt: now });
    const statements: Statement[] = [];
    if (voided.length) statements.push(store.updates.voidStatement(voided));
    statements.push(store.updates.insertClickStatement(update));
    await store.atomically(statements);
    return { update, repeated: false };
  }

  if (latest && latest.status === choice) return { update: latest, repeated: true };
  const windowStart = now - deps.settings.clickSettleMs;
  const conflicting = acks.filter((a) => a.state !== 'counted' && a.status !== choice && a.at > windowStart);
  const update = newAck(token, mistake, choice, now, {
    state: conflicting.length ? 'void' : 'pending',
    settlesAt: conflicting.length ? null : now + deps.settings.clickSettleMs,
  });
  const statements: Statement[] = [store.updates.insertClickStatement(update)];
  if (conflicting.length) statements.push(store.updates.voidStatement(conflicting.map((a) => a.id)));
  await store.atomically(statements);
  return { update, repeated: false };
}

export async function setDigestFrequency(deps: Pick<Deps, 'store'>, leader: LeaderRow, frequency: LeaderRow['frequency']): Promise<void> {
  if (leader.frequency !== frequency) await deps.store.leaders.setFrequency(leader.id, frequency);
}

/** Stops all leader mail to this address, at once and for good (RFC 8058 one-click, or the page's button). */
export async function stopLeaderMail(deps: Pick<Deps, 'store' | 'log'>, leader: LeaderRow, now: number): Promise<void> {
  await deps.store.leaders.stop(leader, now);
  deps.log('leaders.stopped', { leaderId: leader.id });
}
