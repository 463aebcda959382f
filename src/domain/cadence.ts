// When each check-in of a plan is due (the Time contract): day 0 at startAt; day N at 09:00 owner-local on
// the local calendar date N days after startAt, weekends moved to Monday when the plan skips them.
import { TZDate } from '@date-fns/tz';
import { DAY } from './time';
import type { Step } from './types';

export interface CadenceEntry {
  step: Step;
  day: number;
}

export const DEFAULT_CADENCE: readonly CadenceEntry[] = [
  { step: 'own', day: 0 },
  { step: 'learn', day: 2 },
  { step: 'plan', day: 4 },
  { step: 'progress', day: 7 },
  { step: 'progress', day: 14 },
  { step: 'progress', day: 30 },
  { step: 'progress', day: 60 },
  { step: 'progress', day: 90 },
];

export const LOCAL_SEND_HOUR = 9;

export interface PlanTiming {
  startAt: number;
  timeZone: string;
  skipWeekends: boolean;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** 09:00 in `timeZone` on the local date `days` after the local date of `from`, weekend-adjusted. */
export function morningAfter(from: number, days: number, timeZone: string, skipWeekends: boolean): number {
  const local = new TZDate(from, timeZone);
  const target = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, LOCAL_SEND_HOUR, 0, 0, timeZone);
  if (!skipWeekends) return target.getTime();
  const weekday = target.getDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  if (shift === 0) return target.getTime();
  return new TZDate(target.getFullYear(), target.getMonth(), target.getDate() + shift, LOCAL_SEND_HOUR, 0, 0, timeZone).getTime();
}

export function dueAt(plan: PlanTiming, day: number): number {
  return day === 0 ? plan.startAt : morningAfter(plan.startAt, day, plan.timeZone, plan.skipWeekends);
}

/** Sorted by day with own, learn and plan before progress on the same day. */
export function orderCadence(cadence: readonly CadenceEntry[]): CadenceEntry[] {
  const rank: Record<Step, number> = { own: 0, learn: 1, plan: 2, progress: 3 };
  return [...cadence].sort((a, b) => a.day - b.day || rank[a.step] - rank[b.step]);
}

/** A check-in found more than a day after its due time is late: its copy says so, or it is skipped. */
export const LATE_AFTER_MS = DAY;

/** "Remind me in 2 days": the check-in moves to exactly two days from the moment it was asked. */
export const SNOOZE_MS = 2 * DAY;
