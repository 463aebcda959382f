// A scheduled run reads only the leaders whose digest is due (leaders.next_digest_at through its partial index),
// not every leader: measured through a counting D1 binding around the real one (D1's own meta.rows_read).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { counters, countingD1, resetCounters, setCounting } from '../../bench/counting-d1';
import { setDigestFrequency } from '../../src/domain/leaders/acks';
import { sendDueDigests } from '../../src/domain/leaders/digest';
import { runtime } from '../../src/runtime';
import { seedLeaderPlans } from './seed-plans';

const LEADERS = 50;
const ZONES = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney'];

async function counted(now: number) {
  const { deps } = runtime({ ...env, DB: countingD1(env.DB) } as Env);
  setCounting(true);
  resetCounters();
  try {
    const report = await sendDueDigests(deps, now);
    return { report, queries: counters.queries, rowsRead: counters.rowsRead };
  } finally {
    setCounting(false);
  }
}

describe('finding due digests', () => {
  it(`reads next to no rows when none of ${LEADERS} weekly leaders is due, and each again when their period begins`, async () => {
    // Monday 2030-06-03 13:00Z is Monday after 09:00 in each of these zones (09:00 in New York, 23:00 in Sydney).
    const monday = Date.parse('2030-06-03T13:00:00Z');
    for (let n = 0; n < LEADERS; n++) {
      await seedLeaderPlans(env.DB, { key: `due${n}`, count: 1, now: monday, timeZone: ZONES[n % ZONES.length]! });
    }
    // One leader's address bounced: they get nothing, and are never looked at again; the others are untouched.
    await env.DB.prepare("insert into suppressions (email, reason, at) values ('seed.leader.due0@example.com', 'bounced', 0)").run();
    const { deps } = runtime(env as Env);
    expect((await sendDueDigests(deps, monday)).sent).toBe(LEADERS - 1);
    const nextOf = (key: string) => env.DB.prepare('select next_digest_at as n from leaders where id = ?').bind(`seed-leader-${key}`).first<number | null>('n');
    expect(await nextOf('due0')).toBeNull();
    expect(await nextOf('due1')).toBe(Date.parse('2030-06-10T00:00:00Z')); // Monday 09:00 in Tokyo

    // Wednesday: no weekly digest is due anywhere.
    const idle = await counted(Date.parse('2030-06-05T12:00:00Z'));
    console.log(`idle digest run, ${LEADERS} leaders: ${idle.queries} queries, ${idle.rowsRead} rows read`);
    expect(idle.report).toEqual({ sent: 0, nothingNew: 0, failed: 0, closing: 0 });
    expect(idle.rowsRead).toBeLessThan(5);

    // A leader who turns to daily digests is looked at again at once: Wednesday is a daily period, nothing in it
    // is new, and the next is Thursday 09:00.
    const leader = (await deps.store.leaders.get('seed-leader-due5'))!;
    await setDigestFrequency(deps, leader, 'daily');
    const turned = await counted(Date.parse('2030-06-05T12:01:00Z'));
    expect(turned.report).toEqual({ sent: 0, nothingNew: 1, failed: 0, closing: 0 });
    expect(await nextOf('due5')).toBe(Date.parse('2030-06-06T09:00:00Z'));

    // The next Monday each is due again in their own zone, Sydney's first (09:30 there); nothing is new.
    const sydney = await counted(Date.parse('2030-06-09T23:30:00Z'));
    expect(sydney.report).toEqual({ sent: 0, nothingNew: LEADERS / ZONES.length, failed: 0, closing: 0 });
    const again = await counted(Date.parse('2030-06-09T23:31:00Z'));
    expect(again.rowsRead).toBeLessThan(5);
  });
});
