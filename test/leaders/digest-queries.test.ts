// A digest costs the same number of queries whatever the number of plans it covers: measured through a counting
// D1 binding around the real one (D1's own meta.rows_read), for a leader with 3 plans and one with 30.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { counters, countingD1, resetCounters, setCounting } from '../../bench/counting-d1';
import { sendDueDigests } from '../../src/domain/leaders/digest';
import { runtime } from '../../src/runtime';
import { outbox } from '../support/worker';
import { seedLeaderPlans } from './seed-plans';

async function measureDigest(now: number) {
  const { deps } = runtime({ ...env, DB: countingD1(env.DB) } as Env);
  resetCounters();
  setCounting(true);
  const report = await sendDueDigests(deps, now);
  setCounting(false);
  return { report, queries: counters.queries, rowsRead: counters.rowsRead };
}

describe('the digest query count', () => {
  it('is the same for 3 plans and for 30', async () => {
    // Monday 2030-06-03: 09:00 in Tokyo is 00:00Z, 09:00 in UTC is 09:00Z; each leader is due alone.
    const small = await seedLeaderPlans(env.DB, { key: 'three', count: 3, now: Date.parse('2030-06-03T00:00:00Z'), timeZone: 'Asia/Tokyo' });
    const large = await seedLeaderPlans(env.DB, { key: 'thirty', count: 30, now: Date.parse('2030-06-03T09:00:00Z'), timeZone: 'UTC' });

    const three = await measureDigest(Date.parse('2030-06-03T00:00:00Z'));
    const thirty = await measureDigest(Date.parse('2030-06-03T09:00:00Z'));
    console.log(`digest cost: 3 plans ${three.queries} queries, ${three.rowsRead} rows read; 30 plans ${thirty.queries} queries, ${thirty.rowsRead} rows read`);

    expect(three.report.sent).toBe(1);
    expect(thirty.report.sent).toBe(1);
    expect(three.queries).toBeGreaterThan(0);
    expect(thirty.queries).toBe(three.queries);

    const emails = await outbox();
    const digestTo = (to: string) => emails.filter((e) => e.to === to && /digest/i.test(e.subject));
    expect(digestTo(small.email)).toHaveLength(1);
    expect(digestTo(large.email)).toHaveLength(1);
    // Every plan is in its leader's digest, with its own links.
    const text = digestTo(large.email)[0]!.text;
    expect(text.match(/Seeded plan \d+ for thirty/g)).toHaveLength(30);
    expect(new Set(text.match(/\/lead\/[A-Za-z0-9_-]{32}\/thanks/g)).size).toBe(30);
    expect(text).not.toMatch(/for three/);
  });
});
