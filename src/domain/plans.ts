// A mistake and its plan of check-ins: logging one, and what the owner can do to its schedule.
import { normalEmail } from '../lib/email-address';
import type { CheckinRow, LeaderRow, MistakeRow } from '../store';
import { DEFAULT_CADENCE, dueAt, orderCadence, SNOOZE_MS, type CadenceEntry } from './cadence';
import type { Deps } from './deps';
import type { MistakeStatus } from './types';

export interface Person {
  email: string;
  name?: string | null;
  timeZone?: string | null;
}

export interface NewMistake {
  title: string;
  description: string;
  impact?: string | null;
  owner: Person;
  leader?: Person | null;
  startAt?: number;
  skipWeekends?: boolean;
  cadence?: CadenceEntry[];
  /** Web sign-ups wait for the owner to confirm their address before anything is sent. */
  awaitConfirmation?: boolean;
}

export class PlanConflict extends Error {
  constructor(
    readonly status: MistakeStatus,
    message: string,
  ) {
    super(message);
  }
}

export function planCheckins(mistake: Pick<MistakeRow, 'id' | 'startAt' | 'ownerTimeZone' | 'skipWeekends' | 'cadence'>, held: boolean): CheckinRow[] {
  const timing = { startAt: mistake.startAt, timeZone: mistake.ownerTimeZone, skipWeekends: mistake.skipWeekends };
  return orderCadence(mistake.cadence).map((entry, seq) => ({
    id: crypto.randomUUID(),
    mistakeId: mistake.id,
    seq,
    step: entry.step,
    day: entry.day,
    dueAt: dueAt(timing, entry.day),
    status: held ? 'held' : 'scheduled',
    claimedAt: null,
    sentAt: null,
    sends: 0,
    late: false,
    answeredAt: null,
    reminderAt: null,
  }));
}

export async function logMistake(deps: Pick<Deps, 'store'>, input: NewMistake, now: number): Promise<string> {
  const { store } = deps;
  const id = crypto.randomUUID();
  const ownerTimeZone = input.owner.timeZone ?? 'UTC';
  let leader: LeaderRow | null = null;
  if (input.leader) {
    const email = normalEmail(input.leader.email);
    leader = {
      id: (await store.mistakes.leaderIdFor(email)) ?? crypto.randomUUID(),
      email,
      name: input.leader.name ?? null,
      timeZone: input.leader.timeZone ?? null,
      frequency: 'weekly',
      stoppedAt: null,
      lastDigestAt: null,
      nextDigestAt: null,
      createdAt: now,
    };
  }
  const mistake: MistakeRow = {
    id,
    title: input.title,
    description: input.description,
    impact: input.impact ?? null,
    ownerEmail: normalEmail(input.owner.email),
    ownerName: input.owner.name ?? null,
    ownerTimeZone,
    leaderId: leader?.id ?? null,
    leaderName: input.leader ? (input.leader.name ?? null) : null,
    status: input.awaitConfirmation ? 'pending' : 'active',
    startAt: input.startAt ?? now,
    skipWeekends: input.skipWeekends ?? true,
    cadence: orderCadence(input.cadence ?? DEFAULT_CADENCE),
    pausedAt: null,
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    ownership: null,
    learning: null,
    planText: null,
    lastStatus: null,
    lastStatusAt: null,
    leaderIntroAt: null,
    closingReportAt: null,
  };
  await store.mistakes.create(mistake, planCheckins(mistake, Boolean(input.awaitConfirmation)), leader);
  return id;
}

/**
 * A web sign-up whose owner confirmed the address: the plan starts now, so every held check-in is due counted
 * from this moment, and nothing was sent before it.
 */
export async function confirmMistake(deps: Pick<Deps, 'store'>, mistake: MistakeRow, now: number): Promise<void> {
  if (mistake.status !== 'pending') throw new PlanConflict(mistake.status, `Only a mistake waiting for confirmation can be confirmed; this one is ${mistake.status}.`);
  const record = await deps.store.mistakes.get(mistake.id);
  if (!record) throw new PlanConflict(mistake.status, 'This mistake no longer exists.');
  const timing = { startAt: now, timeZone: mistake.ownerTimeZone, skipWeekends: mistake.skipWeekends };
  await deps.store.atomically([
    deps.store.mistakes.updateStatement(mistake.id, { status: 'active', startAt: now, updatedAt: now }),
    ...record.checkins.filter((c) => c.status === 'held').map((c) => deps.store.checkins.scheduleHeldStatement(c.id, dueAt(timing, c.day))),
  ]);
}

export async function pauseMistake(deps: Pick<Deps, 'store'>, mistake: MistakeRow, now: number): Promise<void> {
  if (mistake.status !== 'active') throw new PlanConflict(mistake.status, `Only an active mistake can be paused; this one is ${mistake.status}.`);
  await deps.store.mistakes.pause(mistake.id, now);
}

export async function resumeMistake(deps: Pick<Deps, 'store'>, mistake: MistakeRow, now: number): Promise<void> {
  if (mistake.status !== 'paused' || mistake.pausedAt === null) {
    throw new PlanConflict(mistake.status, `Only a paused mistake can be resumed; this one is ${mistake.status}.`);
  }
  await deps.store.mistakes.resume(mistake.id, now, Math.max(0, now - mistake.pausedAt));
}

export async function closeMistake(deps: Pick<Deps, 'store'>, mistake: MistakeRow, now: number): Promise<void> {
  if (mistake.status === 'closed') throw new PlanConflict(mistake.status, 'This mistake is already closed.');
  await deps.store.atomically(deps.store.mistakes.endStatements(mistake.id, 'closed', now, true));
}

export async function eraseMistake(deps: Pick<Deps, 'store'>, mistake: MistakeRow): Promise<void> {
  await deps.store.mistakes.erase(mistake);
}

export type SnoozeOutcome = { moved: true; dueAt: number } | { moved: false; reason: 'not_sent' | 'plan_ended' };

/** "Remind me in 2 days": this check-in goes out again two days from now; nothing else moves. */
export async function snoozeCheckin(deps: Pick<Deps, 'store'>, mistake: MistakeRow, checkin: CheckinRow, now: number): Promise<SnoozeOutcome> {
  if (mistake.status !== 'active' && mistake.status !== 'paused') return { moved: false, reason: 'plan_ended' };
  const due = now + SNOOZE_MS;
  const moved = await deps.store.checkins.snooze(checkin.id, due, mistake.status === 'paused');
  return moved ? { moved: true, dueAt: due } : { moved: false, reason: 'not_sent' };
}
