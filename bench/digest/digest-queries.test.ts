// What one leader's digest costs at 500 plans of 5 answers each: queries, D1's own rows read, the rows it truly
// needs, and the time to build, render and send it (through the outbox). Prints the figures; asserts nothing
// about speed. Run: npx vitest run --config bench/digest/vitest.config.ts
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { sendDueDigests } from '../../src/domain/leaders/digest';
import { runtime } from '../../src/runtime';
import { seedLeaderPlans } from '../../test/leaders/seed-plans';
import { counters, countingD1, resetCounters } from '../counting-d1';

const PLANS = Number(process.env.DIGEST_PLANS ?? 500);

it(`measures one digest of ${PLANS} plans`, { timeout: 120_000 }, async () => {
  const now = Date.parse('2030-06-03T09:00:00Z'); // a Monday, 09:00 in the leader's zone
  await seedLeaderPlans(env.DB, { key: 'bench', count: PLANS, now, timeZone: 'UTC' });
  // What the digest needs: the leader, each plan, its new answers (4 of the 5: the ownership statement went in
  // the introduction), and its open check-ins (sent and unanswered, or still to come: they give "not answered
  // yet", the next check-in, and whether the plan has ended). `strict` counts only the unanswered ones.
  const count = (sql: string) => env.DB.prepare(sql).first<number>('n');
  const base = 1 + (await count('select count(*) as n from mistakes'))! + (await count("select count(*) as n from updates where kind <> 'ownership'"))!;
  const needed = base + (await count("select count(*) as n from checkins where status in ('sent', 'scheduled')"))!;
  const strict = base + (await count("select count(*) as n from checkins where status = 'sent'"))!;

  const { deps } = runtime({ ...env, DB: countingD1(env.DB) } as Env);
  resetCounters();
  const started = performance.now();
  const report = await sendDueDigests(deps, now);
  const ms = performance.now() - started;
  expect(report.sent).toBe(1);
  const figures = { mistakes: PLANS, queries: counters.queries, rows_read: counters.rowsRead, rows_needed: needed, rows_needed_strict: strict, rows_written: counters.rowsWritten, ms: Math.round(ms) };
  console.log(`digest: ${JSON.stringify(figures)}`);
});
