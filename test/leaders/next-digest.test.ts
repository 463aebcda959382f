// When a leader's next digest period begins (leaders.next_digest_at): Monday 09:00 weekly, weekdays 09:00
// daily, in the leader's zone, across DST changes and the date line.
import { describe, expect, it } from 'vitest';
import { digestPeriod, nextDigestAt, type Frequency } from '../../src/domain/leaders/schedule';

const next = (now: string, zone: string, frequency: Frequency) => new Date(nextDigestAt(Date.parse(now), zone, frequency)).toISOString();

describe('nextDigestAt, weekly', () => {
  it('is the coming Monday 09:00 in the leader zone', () => {
    // Wednesday 9 January 2030.
    expect(next('2030-01-09T12:00:00Z', 'Europe/London', 'weekly')).toBe('2030-01-14T09:00:00.000Z');
    expect(next('2030-01-09T12:00:00Z', 'America/New_York', 'weekly')).toBe('2030-01-14T14:00:00.000Z');
  });

  it('is this Monday before 09:00, and a week on from 09:00 itself', () => {
    expect(next('2030-01-07T08:59:59Z', 'UTC', 'weekly')).toBe('2030-01-07T09:00:00.000Z');
    expect(next('2030-01-07T09:00:00Z', 'UTC', 'weekly')).toBe('2030-01-14T09:00:00.000Z');
    expect(next('2030-01-07T18:00:00Z', 'UTC', 'weekly')).toBe('2030-01-14T09:00:00.000Z');
  });

  it('reads the day in the leader zone, not in UTC', () => {
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: Monday 09:00 JST is half an hour away.
    expect(next('2030-01-06T23:30:00Z', 'Asia/Tokyo', 'weekly')).toBe('2030-01-07T00:00:00.000Z');
    // Monday 10:00 UTC is already Monday 24:00 in Kiritimati (UTC+14), so the next is a week later.
    expect(next('2030-01-07T10:00:00Z', 'Pacific/Kiritimati', 'weekly')).toBe('2030-01-13T19:00:00.000Z');
  });

  it('keeps 09:00 local across the DST changes', () => {
    // London springs forward on Sunday 31 March 2030: Monday 1 April 09:00 BST is 08:00 UTC.
    expect(next('2030-03-27T12:00:00Z', 'Europe/London', 'weekly')).toBe('2030-04-01T08:00:00.000Z');
    // And falls back on Sunday 27 October 2030: Monday 28 October 09:00 GMT is 09:00 UTC.
    expect(next('2030-10-23T12:00:00Z', 'Europe/London', 'weekly')).toBe('2030-10-28T09:00:00.000Z');
    // From inside the changing night itself (01:30 UTC is 02:30 BST, just after the jump).
    expect(next('2030-03-31T01:30:00Z', 'Europe/London', 'weekly')).toBe('2030-04-01T08:00:00.000Z');
  });
});

describe('nextDigestAt, daily', () => {
  it('is the next weekday 09:00', () => {
    // Tuesday 8 January 2030, before and after 09:00.
    expect(next('2030-01-08T08:00:00Z', 'UTC', 'daily')).toBe('2030-01-08T09:00:00.000Z');
    expect(next('2030-01-08T09:00:00Z', 'UTC', 'daily')).toBe('2030-01-09T09:00:00.000Z');
  });

  it('passes over the weekend: Friday, Saturday and Sunday lead to Monday', () => {
    expect(next('2030-01-11T10:00:00Z', 'UTC', 'daily')).toBe('2030-01-14T09:00:00.000Z');
    expect(next('2030-01-12T10:00:00Z', 'UTC', 'daily')).toBe('2030-01-14T09:00:00.000Z');
    expect(next('2030-01-13T23:00:00Z', 'UTC', 'daily')).toBe('2030-01-14T09:00:00.000Z');
    // Friday evening in Los Angeles is Saturday in UTC; Monday 09:00 PST is 17:00 UTC.
    expect(next('2030-01-12T02:00:00Z', 'America/Los_Angeles', 'daily')).toBe('2030-01-14T17:00:00.000Z');
  });

  it('moves with the clocks over a DST weekend', () => {
    // New York springs forward on Sunday 10 March 2030: Friday 09:00 EST is 14:00 UTC, Monday 09:00 EDT 13:00.
    expect(next('2030-03-08T10:00:00Z', 'America/New_York', 'daily')).toBe('2030-03-08T14:00:00.000Z');
    expect(next('2030-03-08T15:00:00Z', 'America/New_York', 'daily')).toBe('2030-03-11T13:00:00.000Z');
    // Sydney falls back on Sunday 6 April 2030: Friday 09:00 AEDT is 22:00 UTC Thursday, Monday 09:00 AEST 23:00 Sunday.
    expect(next('2030-04-04T23:00:00Z', 'Australia/Sydney', 'daily')).toBe('2030-04-07T23:00:00.000Z');
  });
});

describe('nextDigestAt agrees with digestPeriod', () => {
  // Every 11 hours and 13 minutes for a year, in zones either side of the date line and with DST.
  const zones = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
  const step = 11 * 3_600_000 + 13 * 60_000;
  for (const frequency of ['weekly', 'daily'] as const) {
    it(`${frequency}: the next period begins there, and none begins before it`, () => {
      for (const zone of zones) {
        for (let now = Date.parse('2030-01-01T00:00:00Z'); now < Date.parse('2031-01-01T00:00:00Z'); now += step) {
          const at = nextDigestAt(now, zone, frequency);
          const current = digestPeriod(now, zone, frequency);
          expect(at).toBeGreaterThan(now);
          expect(digestPeriod(at, zone, frequency)).not.toBeNull();
          expect(digestPeriod(at, zone, frequency)).not.toBe(current);
          // A minute before it, the leader is still in the current period or in none.
          expect([current, null]).toContain(digestPeriod(at - 60_000, zone, frequency));
          expect(at - now).toBeLessThanOrEqual((frequency === 'weekly' ? 7 : 3) * 86_400_000 + 3_600_000);
        }
      }
    }, 30_000);
  }
});
