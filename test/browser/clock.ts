// The one clock of the browser tests' server: every request and every scheduled run reads it, POST /dev/travel
// moves it, and it only goes forward. Every browser test file shares it (one server for the run) and the order
// files run in is vitest's to choose, so a file never assumes where the clock stands: it reads it, then pins its
// own start at a chosen weekday and local hour after it, in a year far beyond the real clock. No outcome depends
// on the real date, weekday, time of day or the machine's time zone.
import { TZDate } from '@date-fns/tz';
import { inject } from 'vitest';

const base = inject('baseUrl');

/** No browser test starts before this moment: years beyond the real clock, so the real date never shows through. */
export const FLOOR = Date.parse('2031-05-05T00:00:00Z');

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const SECOND_IN_DAYS = 1 / 86_400;

async function trip(body: { to: string } | { days: number }): Promise<Response> {
  return fetch(`${base}/dev/travel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function nowOf(r: Response): Promise<number> {
  if (r.status !== 200) throw new Error(`travel answered ${r.status}: ${await r.text()}`);
  return Date.parse(((await r.json()) as { now: string }).now);
}

/** The clock now (it cannot be read without a trip: one second on, with the work due then done). */
export async function clockNow(): Promise<number> {
  return nowOf(await trip({ days: SECOND_IN_DAYS }));
}

/**
 * Moves the clock to `ms` and does the scheduled work due then; answers the clock's time. When the clock is
 * already past `ms` (a check-in due at the same moment as the one before it, or real seconds ran on), it steps
 * one second instead, so the work due at `ms` is done all the same.
 */
export async function travelTo(ms: number): Promise<number> {
  const r = await trip({ to: new Date(ms).toISOString() });
  return nowOf(r.status === 409 ? await trip({ days: SECOND_IN_DAYS }) : r);
}

/** The first `hour`:00 in `timeZone` on `weekday` strictly after `after`. */
export function nextLocal(after: number, weekday: Weekday, hour: number, timeZone: string): number {
  const want = WEEKDAYS.indexOf(weekday);
  const local = new TZDate(after, timeZone);
  for (let ahead = 0; ahead <= 8; ahead++) {
    const at = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + ahead, hour, 0, 0, timeZone);
    if (at.getTime() > after && at.getDay() === want) return at.getTime();
  }
  throw new Error(`no ${weekday} ${hour}:00 in ${timeZone} within 8 days of ${new Date(after).toISOString()}`);
}

/** Pins a start: travels to the first `hour`:00 on `weekday` in `timeZone` after both the clock and FLOOR. */
export async function startOn(weekday: Weekday, hour: number, timeZone: string): Promise<number> {
  const after = Math.max(await clockNow(), FLOOR);
  return travelTo(nextLocal(after, weekday, hour, timeZone));
}
