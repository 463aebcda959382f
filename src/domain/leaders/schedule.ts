// When a leader's digest is due, in the leader's own zone, and how dates read to them.
//
// Weekly: Monday from 09:00 local; daily: Monday to Friday from 09:00 local. A digest is due on its day only:
// a run that misses the morning (an outage) still sends it later that day; a day missed entirely is not
// caught up, and nothing is lost, because the next digest shows everything since the last one that went.
import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { isTimeZone, LOCAL_SEND_HOUR } from '../cadence';
import { MINUTE } from '../time';

export type Frequency = 'weekly' | 'daily';

const pad = (n: number) => String(n).padStart(2, '0');

/** Weekly digests go on Mondays, daily ones Monday to Friday. */
function isDigestDay(weekday: number, frequency: Frequency): boolean {
  return frequency === 'weekly' ? weekday === 1 : weekday !== 0 && weekday !== 6;
}

/** The period a digest at `now` belongs to (e.g. 2030-W03 or 2030-01-14), or null when none is due now. */
export function digestPeriod(now: number, timeZone: string, frequency: Frequency): string | null {
  const local = new TZDate(now, timeZone);
  if (local.getHours() < LOCAL_SEND_HOUR) return null;
  if (!isDigestDay(local.getDay(), frequency)) return null;
  if (frequency === 'weekly') return `${getISOWeekYear(local)}-W${pad(getISOWeek(local))}`;
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/**
 * When the leader's next period begins, strictly after `now`: the next Monday 09:00 (weekly) or the next
 * weekday 09:00 (daily) in their zone. Stored as leaders.next_digest_at once a period is dealt with, so a
 * scheduled run reads only leaders whose digest is due. 09:00 exists on every day in every zone (DST moves
 * clocks at night), so a period never begins earlier or later than the rule says.
 */
export function nextDigestAt(now: number, timeZone: string, frequency: Frequency): number {
  const local = new TZDate(now, timeZone);
  // A week and a day cover every case: from Monday 09:00 exactly, the next weekly period is 7 days on.
  for (let ahead = 0; ahead <= 8; ahead++) {
    const start = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + ahead, LOCAL_SEND_HOUR, 0, 0, timeZone);
    if (start.getTime() > now && isDigestDay(start.getDay(), frequency)) return start.getTime();
  }
  throw new Error(`no digest period within 8 days of ${now} in ${timeZone}`);
}

/**
 * Every period any zone on Earth (UTC-12 to UTC+14) can be in at `now`: a short list the due-leader query
 * can check claims against in one pass.
 */
export function candidatePeriods(now: number): string[] {
  const periods = new Set<string>();
  for (let offset = -12 * 60; offset <= 14 * 60; offset += 15) {
    const d = new Date(now + offset * MINUTE);
    const date = new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12, 0, 0, 'UTC');
    periods.add(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
    periods.add(`${getISOWeekYear(date)}-W${pad(getISOWeek(date))}`);
  }
  return [...periods];
}

/** The leader's zone: their own, else the owner's of their earliest plan, else UTC. */
export function leaderZone(leaderZone: string | null, ownerZone: string | null): string {
  if (leaderZone && isTimeZone(leaderZone)) return leaderZone;
  if (ownerZone && isTimeZone(ownerZone)) return ownerZone;
  return 'UTC';
}

// Building an Intl.DateTimeFormat costs far more than using one, and a digest writes hundreds of dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: 'day' | 'moment', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    const day = { timeZone, weekday: 'long', day: 'numeric', month: 'long' } as const;
    found = new Intl.DateTimeFormat('en-GB', kind === 'day' ? day : { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(key, found);
  }
  return found;
}

/** "Monday 14 January" in the reader's zone. */
export function dayLabel(ms: number, timeZone: string): string {
  return format('day', timeZone).format(ms);
}

/** "Monday 14 January, 09:00" in the reader's zone. */
export function momentLabel(ms: number, timeZone: string): string {
  return format('moment', timeZone).format(ms);
}

/** When the next digest could go, for "when you will hear more". */
export function nextDigestLabel(now: number, timeZone: string, frequency: Frequency): string {
  return momentLabel(nextDigestAt(now, timeZone, frequency), timeZone);
}
