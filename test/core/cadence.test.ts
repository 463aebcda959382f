// Due times exactly as the Time contract says: 09:00 owner-local, weekends to Monday, across DST.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE, dueAt, isTimeZone } from '../../src/domain/cadence';

const iso = (ms: number) => new Date(ms).toISOString();
const plan = (startAt: string, timeZone: string, skipWeekends = true) => ({ startAt: Date.parse(startAt), timeZone, skipWeekends });

describe('due times', () => {
  it('day 0 is the start itself', () => {
    expect(iso(dueAt(plan('2030-01-07T15:42:10Z', 'Europe/London'), 0))).toBe('2030-01-07T15:42:10.000Z');
  });

  it('day N is 09:00 on the owner-local date N days after the start', () => {
    // Monday 7 Jan 2030, 23:30 in Tokyo is 14:30 UTC: local date is the 7th, so day 2 is Wed 9th 09:00 JST.
    expect(iso(dueAt(plan('2030-01-07T14:30:00Z', 'Asia/Tokyo'), 2))).toBe('2030-01-09T00:00:00.000Z');
    // The same instant in Los Angeles is 06:30 on the 7th: day 2 is Wed 9th 09:00 PST.
    expect(iso(dueAt(plan('2030-01-07T14:30:00Z', 'America/Los_Angeles'), 2))).toBe('2030-01-09T17:00:00.000Z');
  });

  it('moves Saturday and Sunday to the following Monday, unless weekends are kept', () => {
    const start = '2030-01-07T10:00:00Z'; // a Monday
    expect(iso(dueAt(plan(start, 'UTC'), 5))).toBe('2030-01-14T09:00:00.000Z'); // Sat -> Mon
    expect(iso(dueAt(plan(start, 'UTC'), 6))).toBe('2030-01-14T09:00:00.000Z'); // Sun -> Mon
    expect(iso(dueAt(plan(start, 'UTC', false), 5))).toBe('2030-01-12T09:00:00.000Z');
  });

  it('keeps 09:00 local across the spring and autumn daylight-saving changes', () => {
    // Europe/London springs forward on 31 Mar 2030 and falls back on 27 Oct 2030.
    const spring = plan('2030-03-25T10:00:00Z', 'Europe/London');
    expect(iso(dueAt(spring, 4))).toBe('2030-03-29T09:00:00.000Z'); // GMT
    expect(iso(dueAt(spring, 7))).toBe('2030-04-01T08:00:00.000Z'); // BST
    const autumn = plan('2030-10-21T10:00:00Z', 'Europe/London');
    expect(iso(dueAt(autumn, 4))).toBe('2030-10-25T08:00:00.000Z'); // BST
    expect(iso(dueAt(autumn, 7))).toBe('2030-10-28T09:00:00.000Z'); // GMT
    // America/New_York changes on 10 Mar 2030.
    expect(iso(dueAt(plan('2030-03-04T15:00:00Z', 'America/New_York'), 7))).toBe('2030-03-11T13:00:00.000Z');
  });

  it('knows IANA zones from made-up ones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('the default plan asks own, learn, plan, then progress five times over 90 days', () => {
    expect(DEFAULT_CADENCE.map((c) => `${c.step}@${c.day}`)).toEqual([
      'own@0', 'learn@2', 'plan@4', 'progress@7', 'progress@14', 'progress@30', 'progress@60', 'progress@90',
    ]);
  });
});
