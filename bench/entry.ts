// The benchmark Worker: the real Worker, its D1 binding counted, plus /bench/* routes to seed data and to
// time rendering alone. Never part of the production bundle (its own wrangler config, its own entry).
import { Hono } from 'hono';
import worker from '../src/index';
import type { Secrets } from '../src/config';
import { checkinEmail } from '../src/domain/checkin-email';
import { tokenRow } from '../src/domain/token-row';
import { DEFAULT_CADENCE } from '../src/domain/cadence';
import { TokenMinter } from '../src/links/tokens';
import { renderEmail } from '../src/mail/render';
import type { EmailMessage } from '../src/mail/registry';
import type { CheckinRow, MistakeRow } from '../src/store';
import { counters, countingD1, resetCounters, setCounting } from './counting-d1';
import { sendDueDigests } from '../src/domain/leaders/digest';
import { runtime } from '../src/runtime';
import { seedLeaderPlans } from '../test/leaders/seed-plans';

type BenchEnv = Env & Secrets;
const bench = new Hono<{ Bindings: BenchEnv }>();
const DAY = 86_400_000;

const q = (value: string | number | null) => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

async function insertRows(db: D1Database, table: string, rows: Record<string, string | number | null>[]) {
  const columns = Object.keys(rows[0]!);
  const statements: D1PreparedStatement[] = [];
  const head = `insert into ${table} (${columns.join(',')}) values `;
  let values: string[] = [];
  let size = 0;
  // D1 refuses statements over 100 KB.
  const flush = () => {
    if (values.length) statements.push(db.prepare(head + values.join(',')));
    values = [];
    size = 0;
  };
  for (const r of rows) {
    const tuple = `(${columns.map((c) => q(r[c] ?? null)).join(',')})`;
    if (size + tuple.length > 80_000) flush();
    values.push(tuple);
    size += tuple.length + 1;
  }
  flush();
  for (let i = 0; i < statements.length; i += 25) await db.batch(statements.slice(i, i + 25));
}

function mistakeRow(id: string, n: number, startAt: number, extra: Record<string, string | number | null> = {}) {
  return {
    id,
    title: `Bench mistake ${n}: the export summed VAT twice`,
    description: 'Three customers were over-billed; support spent a day on refunds. '.repeat(3),
    impact: 'Refunds, apologies, a day of support time.',
    owner_email: `owner${n}@bench.example`,
    owner_name: `Owner ${n}`,
    owner_time_zone: 'Europe/London',
    status: 'active',
    start_at: startAt,
    skip_weekends: 1,
    cadence: JSON.stringify(DEFAULT_CADENCE),
    created_at: startAt,
    updated_at: startAt,
    ...extra,
  };
}

/** `total` check-ins over total/8 mistakes; the own check-in of the first `due` mistakes is due at `at`. */
bench.post('/bench/seed/dispatch', async (c) => {
  const { total, due, at } = await c.req.json<{ total: number; due: number; at: number }>();
  const mistakes = [];
  const checkins: Record<string, string | number | null>[] = [];
  for (let n = 0; n < total / DEFAULT_CADENCE.length; n++) {
    const id = `bench-m-${n}`;
    const startAt = n < due ? at - 60_000 : at + 30 * DAY;
    mistakes.push(mistakeRow(id, n, startAt));
    DEFAULT_CADENCE.forEach((entry, seq) =>
      checkins.push({ id: `bench-c-${n}-${seq}`, mistake_id: id, seq, step: entry.step, day: entry.day, due_at: startAt + entry.day * DAY, status: 'scheduled', sends: 0, late: 0 }),
    );
  }
  await insertRows(c.env.DB, 'mistakes', mistakes);
  await insertRows(c.env.DB, 'checkins', checkins);
  return c.json({ mistakes: mistakes.length, checkins: checkins.length });
});

/** `n` mistakes whose first progress check-in went out; returns a link token for each. */
bench.post('/bench/seed/clicks', async (c) => {
  const { n, at } = await c.req.json<{ n: number; at: number }>();
  const minter = new TokenMinter(c.env.SIGNING_KEY ?? '');
  const mistakes = [];
  const checkins: Record<string, string | number | null>[] = [];
  const tokens = [];
  const raw: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `click-m-${i}`;
    mistakes.push(mistakeRow(id, 100_000 + i, at - 8 * DAY));
    checkins.push({ id: `click-c-${i}`, mistake_id: id, seq: 0, step: 'progress', day: 7, due_at: at - DAY, status: 'sent', sends: 1, late: 0, sent_at: at - DAY });
    const t = await minter.mint({ mistakeId: id, role: 'owner', checkinId: `click-c-${i}`, deliveryId: null }, at - DAY);
    const row = tokenRow(t);
    tokens.push({ id: row.id, mistake_id: id, role: 'owner', leader_id: null, checkin_id: row.checkinId, delivery_id: null, created_at: row.createdAt, expires_at: row.expiresAt, revoked_at: null });
    raw.push(t.token);
  }
  await insertRows(c.env.DB, 'mistakes', mistakes);
  await insertRows(c.env.DB, 'checkins', checkins);
  await insertRows(c.env.DB, 'tokens', tokens);
  return c.json({ tokens: raw });
});

/** Renders the day-0 check-in `n` times: the cost of the template alone, timed from outside. */
bench.get('/bench/render', async (c) => {
  const n = Number(c.req.query('n') ?? '0');
  const at = Date.now();
  const mistake = mistakeRow('render', 1, at) as unknown as Record<string, unknown>;
  const row = {
    id: 'render', title: mistake.title, description: mistake.description, impact: mistake.impact, ownerEmail: mistake.owner_email,
    ownerName: mistake.owner_name, ownerTimeZone: 'Europe/London', leaderId: null, status: 'active', startAt: at, skipWeekends: true,
    cadence: [...DEFAULT_CADENCE], ownership: null, learning: null, planText: null, lastStatus: null,
  } as unknown as MistakeRow;
  const checkin = { id: 'render-c', mistakeId: 'render', seq: 0, step: 'own', day: 0, dueAt: at, sends: 0 } as unknown as CheckinRow;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const email = await renderEmail(checkinEmail('http://localhost:8787', 'A'.repeat(32), row, null, checkin, false));
    bytes += email.html.length + email.text.length;
  }
  return c.json({ n, bytes });
});

/** The baseline for the click benchmark: a bare hono route serving a page of the same size. */
bench.get('/bench/bare', (c) => c.html(`<!doctype html><title>bare</title><p>${'x'.repeat(Math.max(0, Number(c.req.query('bytes') ?? '0') - 40))}</p>`));
bench.post('/bench/bare', (c) => c.html(`<!doctype html><title>bare</title><p>${'x'.repeat(Math.max(0, Number(c.req.query('bytes') ?? '0') - 40))}</p>`));

/** Counting starts here and stops when the counters are read: timed runs go uncounted. */
bench.post('/bench/counters/reset', (c) => {
  resetCounters();
  setCounting(true);
  return c.json(counters);
});
/** The I/O floor of a click: two trivial D1 round trips (a click makes two), then the same-size page. */
bench.post('/bench/d1-floor', async (c) => {
  await c.env.DB.prepare('select 1').first();
  await c.env.DB.prepare('select 1').first();
  return c.html(`<!doctype html><title>floor</title><p>${'x'.repeat(Math.max(0, Number(c.req.query('bytes') ?? '0') - 40))}</p>`);
});

bench.get('/bench/counters', (c) => {
  setCounting(false);
  return c.json(counters);
});

/** One leader with `mistakes` introduced plans of 5 answers each; their digest is due at `at`. */
bench.post('/bench/digest/seed', async (c) => {
  const { mistakes, at } = await c.req.json<{ mistakes: number; at: number }>();
  await seedLeaderPlans(c.env.DB, { key: 'bench', count: mistakes, now: at, timeZone: 'UTC' });
  // The rows the digest truly needs: the leader, each plan, its answers since the last digest (the
  // ownership statement went in the introduction), and its check-ins still open (sent or to come).
  const count = (sql: string) => c.env.DB.prepare(sql).first<number>('n');
  const needed =
    1 +
    (await count("select count(*) as n from mistakes where leader_id = 'seed-leader-bench'"))! +
    (await count("select count(*) as n from updates u join mistakes m on m.id = u.mistake_id where m.leader_id = 'seed-leader-bench' and u.kind <> 'ownership'"))! +
    (await count("select count(*) as n from checkins c join mistakes m on m.id = c.mistake_id where m.leader_id = 'seed-leader-bench' and c.status in ('sent', 'scheduled')"))!;
  return c.json({ rows_needed: needed });
});

/** Puts the bench leader back as before their digest, so a second run does the same work again. */
bench.post('/bench/digest/unclaim', async (c) => {
  const { at } = await c.req.json<{ at: number }>();
  const leader = 'seed-leader-bench';
  await c.env.DB.batch([
    c.env.DB.prepare('delete from digests where leader_id = ?').bind(leader),
    c.env.DB.prepare("delete from outbox where to_email = 'seed.leader.bench@example.com'"),
    c.env.DB.prepare('delete from deliveries where leader_id = ?').bind(leader),
    c.env.DB.prepare('delete from tokens where leader_id = ?').bind(leader),
    // As seeded: the last digest a week before, this one due at `at`.
    c.env.DB.prepare('update leaders set last_digest_at = ?, next_digest_at = ? where id = ?').bind(at - 7 * DAY, at, leader),
  ]);
  return c.json({ ok: true });
});

/** Builds, renders and sends the digest due at `at` (the only one due), through the outbox. */
bench.post('/bench/digest/run', async (c) => {
  const { at } = await c.req.json<{ at: number }>();
  const { deps } = runtime({ ...c.env, DB: countingD1(c.env.DB) });
  const report = await sendDueDigests({ ...deps, render: (message) => renderEmail((lastDigest = message)) }, at);
  return c.json(report);
});

let lastDigest: EmailMessage | null = null;

/** Renders the last digest again, alone: how much of a digest's time is its rendering. */
bench.post('/bench/digest/render', async (c) => {
  if (!lastDigest) return c.json({ error: 'run a digest first' }, 409);
  const email = await renderEmail(lastDigest);
  return c.json({ html: email.html.length, text: email.text.length });
});

const counted = (env: BenchEnv): BenchEnv => ({ ...env, DB: countingD1(env.DB) });

export default {
  fetch(request: Request, env: BenchEnv, ctx: ExecutionContext) {
    if (new URL(request.url).pathname.startsWith('/bench/')) return bench.fetch(request, env, ctx);
    return worker.fetch(request, counted(env), ctx);
  },
  scheduled(controller: ScheduledController, env: BenchEnv, ctx: ExecutionContext) {
    return worker.scheduled(controller, counted(env));
  },
} satisfies ExportedHandler<BenchEnv>;
