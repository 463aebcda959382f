// Exactly once at scale. Many mistakes with ten check-ins each (own on day 0, progress on days 1 to 9), sent by
// the real scheduled handler while everything fails: several runs at once on every tick, runs that die part
// way (a D1 call refused, a batch whose answer is lost after it committed, the isolate gone between handing
// an email over and recording it), and then:
//   - through Resend: the real queue consumer, interleaved with the runs, against a fake Resend at the HTTP
//     boundary failing 30% of its calls (500, 429, timeouts before and after accepting), consumers that die
//     between Resend's acceptance and the ledger, and a queue that now and then delivers a message twice;
//   - through the local outbox: 30% of D1 batches (the outbox's transport) refused or committed unanswered.
// Every check-in must reach the recipient exactly once (counted at the fake's boundary: one Message-ID per
// check-in, derived from its idempotency key), and so must each owner's one reminder to write the statement.
// The count is CHECKINS per path (a binding: test/adversarial/soak.vitest.config.ts runs 10,000).
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { quietEventLogs } from '../support/quiet-logs';
import worker from '../../src/index';
import { readConfig } from '../../src/config';
import { DEAD_LETTER_QUEUE } from '../../src/jobs/send-queue';
import type { MailQueue } from '../../src/mail/send-queue-message';
import { stableMessageId } from '../../src/mail/thread-headers';
import { FakeResend, seeded, thirtyPercentFaults } from '../delivery/fake-resend';
import { deliveryEnv, MAX_RETRIES, SEND_QUEUE, SimulatedQueue, simulatedBatch } from '../delivery/harness';
import { call } from '../support/worker';
import { faultyD1, type Decide, type FaultyD1 } from './faulty-d1';

const CHECKINS = Number((env as unknown as { EXACTLY_ONCE_CHECKINS?: string }).EXACTLY_ONCE_CHECKINS ?? '1000');
const PER_MISTAKE = 10;
const MISTAKES = Math.ceil(CHECKINS / PER_MISTAKE);
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Longer than dispatch's claim lease (10 minutes): a tick takes over what a dead run had claimed. */
const TICK = 11 * MINUTE;
const RUNS_AT_ONCE = 3;
/** Runs die often: each tick gets through a few hundred check-ins, so a bigger day needs more ticks. */
const MAX_TICKS_A_DAY = 40 + Math.ceil(MISTAKES / 20);
const MAIL_DOMAIN = readConfig(env as unknown as Env).mailDomain;

const cadence = [{ step: 'own', day: 0 }, ...Array.from({ length: PER_MISTAKE - 1 }, (_, i) => ({ step: 'progress', day: i + 1 }))];

// The Worker's event logs (and the faults it logs) would drown the figures.
quietEventLogs();

async function logMistakes(prefix: string, start: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < MISTAKES; i += 25) {
    const made = await Promise.all(
      Array.from({ length: Math.min(25, MISTAKES - i) }, async (_, j) => {
        const r = await call('POST', '/api/mistakes', {
          title: `Mistake ${i + j}`,
          description: 'Sent the wrong figures to the board.',
          owner: { email: `${prefix}-${i + j}@example.com`, timeZone: 'UTC' },
          startAt: start,
          skipWeekends: false,
          cadence,
        });
        if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
        return ((await r.json()) as { id: string }).id;
      }),
    );
    ids.push(...made);
  }
  return ids;
}

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;

/** Work due by `now` that scheduled runs have not finished: check-ins to send, and reminders. */
async function unfinished(mistakeIds: string[], now: number): Promise<number> {
  const ids = JSON.stringify(mistakeIds);
  const checkins = await count(
    `select count(*) as n from checkins where mistake_id in (select value from json_each(?)) and status in ('scheduled', 'sending') and due_at <= ?`,
    ids,
    now,
  );
  const reminders = await count(
    `select count(*) as n from checkins c where c.mistake_id in (select value from json_each(?)) and c.step <> 'progress' and c.status = 'sent'
       and c.sent_at <= ? and not exists (select 1 from deliveries d where d.idempotency_key = 'reminder:' || c.id)`,
    ids,
    now - 2 * DAY,
  );
  return checkins + reminders;
}

/** What is left undone, by kind and state (for the failure message). */
async function stuck(mistakeIds: string[], now: number) {
  const ids = JSON.stringify(mistakeIds);
  return {
    checkins: (
      await env.DB.prepare(
        `select status, count(*) as n, min(claimed_at) - ? as oldestClaim, max(claimed_at) - ? as newestClaim, sum(sends) as sends from checkins
           where mistake_id in (select value from json_each(?)) and status in ('scheduled', 'sending') and due_at <= ? group by status`,
      )
        .bind(now, now, ids, now)
        .all()
    ).results,
    reminders: (
      await env.DB.prepare(
        `select c.reminder_at is not null as claimed, count(*) as n from checkins c where c.mistake_id in (select value from json_each(?)) and c.step <> 'progress'
           and c.status = 'sent' and c.sent_at <= ? and not exists (select 1 from deliveries d where d.idempotency_key = 'reminder:' || c.id) group by 1`,
      )
        .bind(ids, now - 2 * DAY)
        .all()
    ).results,
  };
}

interface Figures {
  runs: number;
  runsDied: number;
  d1Calls: number;
  d1Refused: number;
  d1AnswersLost: number;
  crashesAfterHandOver: number;
  queueRefusals: number;
  ticks: number;
  outboxWrites: number;
  outboxWritesFailed: number;
}

/**
 * Drives scheduled runs through the plan's ten days: on every tick several runs start at once (a moment
 * apart), with `during` running beside them; ticks go on, a lease apart, until nothing due is left undone.
 */
async function livePlans(options: {
  mistakeIds: string[];
  start: number;
  runEnv: (db: D1Database, die: () => void) => Env;
  decide: Decide;
  during?: () => Promise<void>;
  figures: Figures;
}): Promise<void> {
  const { figures } = options;
  // Day 11 holds the last reminders' deadline with room to spare.
  for (let day = 0; day <= PER_MISTAKE + 1; day++) {
    for (let tick = 0; ; tick++) {
      const at = options.start + day * DAY + MINUTE + tick * TICK;
      if (tick > MAX_TICKS_A_DAY) throw new Error(`day ${day}: still unfinished after ${tick} ticks: ${JSON.stringify(await stuck(options.mistakeIds, at))}`);
      const runs = Array.from({ length: RUNS_AT_ONCE }, async (_, i) => {
        const faulty = faultyD1(env.DB, options.decide);
        figures.runs++;
        try {
          await worker.scheduled(
            createScheduledController({ scheduledTime: at + i * 1000, cron: '* * * * *' }),
            options.runEnv(faulty.db, () => {
              figures.crashesAfterHandOver++;
              faulty.crash();
            }),
          );
        } catch {
          figures.runsDied++;
        } finally {
          figures.d1Calls += faulty.counts.calls;
          figures.d1Refused += faulty.counts.refused;
          figures.d1AnswersLost += faulty.counts.lostAnswers;
        }
      });
      await Promise.all([...runs, options.during?.()]);
      // Each run here shares the test's invocation: let the timers its renders set fire, as they would when a
      // real invocation ends (workerd allows 10,000 pending timers per invocation).
      await new Promise((r) => setTimeout(r, 0));
      figures.ticks++;
      if ((await unfinished(options.mistakeIds, at)) === 0) break;
    }
  }
}

/** Check-in ids with the Message-ID each one's first (and only) send carries, and each owner's reminder's. */
async function expectedMessageIds(mistakeIds: string[]) {
  const rows = (
    await env.DB.prepare(`select id, step from checkins where mistake_id in (select value from json_each(?))`).bind(JSON.stringify(mistakeIds)).all<{ id: string; step: string }>()
  ).results;
  const checkins = new Map<string, string>();
  const reminders = new Map<string, string>();
  for (const row of rows) {
    checkins.set(await stableMessageId(`checkin:${row.id}:1`, MAIL_DOMAIN), row.id);
    if (row.step !== 'progress') reminders.set(await stableMessageId(`reminder:${row.id}`, MAIL_DOMAIN), row.id);
  }
  return { checkins, reminders };
}

/** How many times each expected Message-ID was delivered, and what was delivered that nobody expected. */
function tally(expected: Map<string, string>, delivered: string[]) {
  const times = new Map([...expected.keys()].map((k) => [k, 0]));
  for (const id of delivered) if (times.has(id)) times.set(id, times.get(id)! + 1);
  const counts = [...times.values()];
  return {
    expected: expected.size,
    lost: counts.filter((n) => n === 0).length,
    duplicated: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    emailsPerItem: [...new Set(counts)].sort(),
  };
}

describe(`exactly once: ${CHECKINS.toLocaleString('en')} check-ins per path while runs overlap and everything fails`, () => {
  it('through Resend and the send queue: every check-in and reminder accepted once by Resend', async () => {
    const random = seeded(20330110);
    const start = Date.parse('2033-01-10T09:00:00Z');
    const mistakeIds = await logMistakes('resend', '2033-01-10T09:00:00Z');

    const resend = new FakeResend();
    resend.chooseFault = thirtyPercentFaults(random);
    // A consumer dies between Resend's acceptance and the ledger on one accepted call in ten.
    let consumer: FaultyD1 | null = null;
    let consumerCrashes = 0;
    resend.afterAccept = () => {
      if (consumer && !consumer.crashed && random() < 0.1) {
        consumerCrashes++;
        consumer.crash();
      }
    };
    const restore = resend.install();

    const queue = new SimulatedQueue(SEND_QUEUE);
    const deadLetters = new SimulatedQueue(DEAD_LETTER_QUEUE);
    const figures: Figures = { runs: 0, runsDied: 0, d1Calls: 0, d1Refused: 0, d1AnswersLost: 0, crashesAfterHandOver: 0, queueRefusals: 0, ticks: 0, outboxWrites: 0, outboxWritesFailed: 0 };
    const consumed = { invocations: 0, died: 0, repeats: 0, deadLettered: 0 };

    /** One invocation of the real queue handler on what is visible, with the platform's ack/retry rules. */
    async function consumeOnce(): Promise<boolean> {
      for (const q of [queue, deadLetters]) {
        const visible = q.pending.filter((m) => m.visibleAt <= q.clock);
        if (visible.length === 0) continue;
        const taken = visible.slice(0, 1 + Math.floor(random() * 100));
        q.pending = q.pending.filter((m) => !taken.includes(m));
        const faulty = faultyD1(env.DB, () => (random() < 0.002 ? 'refuse' : 'ok'));
        consumer = faulty;
        const { batch, result } = simulatedBatch(q.name, taken.map((m) => ({ id: m.id, attempts: m.attempts, body: m.body })));
        let threw = false;
        try {
          await worker.queue(batch as MessageBatch, deliveryEnv(queue, { DB: faulty.db }));
        } catch {
          threw = true;
        }
        consumer = null;
        consumed.invocations++;
        const died = faulty.crashed;
        if (died) consumed.died++;
        const outcome = result();
        for (const message of taken) {
          const retry = outcome.retryMessages.find((r) => r.msgId === message.id);
          const acked = !died && (outcome.explicitAcks.includes(message.id) || outcome.ackAll);
          const retried = died || (!acked && (retry !== undefined || outcome.retryBatch.retry || threw));
          if (!retried) {
            if (random() < 0.05) {
              consumed.repeats++;
              q.push(message.body, 1, 1, `${message.id}-again`);
            }
          } else if (q === queue && message.attempts > MAX_RETRIES) {
            consumed.deadLettered++;
            deadLetters.push(message.body, 0, 1, `${message.id}-dead`);
          } else {
            q.push(message.body, died ? 30 : (retry?.delaySeconds ?? outcome.retryBatch.delaySeconds ?? 0), message.attempts + 1, message.id);
          }
        }
        return true;
      }
      return false;
    }

    /** Beside each tick's runs: the consumer takes a few batches, and queue time moves on a minute. */
    async function consumeAlongside(): Promise<void> {
      for (let i = 0; i < 3; i++) {
        await consumeOnce();
        await new Promise((r) => setTimeout(r, 0));
      }
      queue.clock += 60;
      deadLetters.clock = queue.clock;
    }

    const started = Date.now();
    try {
      await livePlans({
        mistakeIds,
        start,
        figures,
        // Per run: 0.1% of queries refused, 1% of batches refused and 1% committed with their answer lost.
        decide: (kind) => {
          const r = random();
          if (kind === 'query') return r < 0.001 ? 'refuse' : 'ok';
          return r < 0.01 ? 'refuse' : r < 0.02 ? 'lose_answer' : 'ok';
        },
        runEnv: (db, die) => {
          // The queue refuses one email in twenty; after one hand-over in a hundred the run dies before recording it.
          const handOver: MailQueue = {
            async send(body, options) {
              const r = random();
              if (r < 0.05) {
                figures.queueRefusals++;
                throw new Error('Queue send failed: injected');
              }
              await queue.send(body, options);
              if (r < 0.06) die();
            },
            sendBatch: (messages) => queue.sendBatch(messages),
          };
          return deliveryEnv(queue, { DB: db, SEND_QUEUE: handOver });
        },
        during: consumeAlongside,
      });
      // The runs are done; the queue drains (Resend still failing 30%, consumers still dying).
      for (let i = 0; queue.pending.length + deadLetters.pending.length > 0; i++) {
        if (i > 20_000) throw new Error('the queue does not drain');
        if (!(await consumeOnce())) {
          const next = Math.min(...[...queue.pending, ...deadLetters.pending].map((m) => m.visibleAt));
          queue.clock = deadLetters.clock = Math.max(queue.clock, next);
        }
      }
    } finally {
      restore();
    }

    const { checkins, reminders } = await expectedMessageIds(mistakeIds);
    const delivered = resend.sent.map((e) => e.headers['Message-ID']!);
    const checkinTally = tally(checkins, delivered);
    const reminderTally = tally(reminders, delivered);
    const unexpected = delivered.filter((id) => !checkins.has(id) && !reminders.has(id)).length;
    const faults = resend.calls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.fault]: (acc[c.fault] ?? 0) + 1 }), {});
    console.info(
      `EXACTLY-ONCE-RESEND ${JSON.stringify({
        checkins: checkinTally,
        reminders: reminderTally,
        unexpected,
        distinctMessageIds: new Set(delivered).size,
        emailsAccepted: delivered.length,
        resendCalls: resend.calls.length,
        resendFaults: faults,
        replayedKeys: resend.replays,
        keyConflicts: resend.conflicts,
        consumerCrashesAfterAccept: consumerCrashes,
        ...consumed,
        ...figures,
        seconds: Math.round((Date.now() - started) / 1000),
      })}`,
    );

    expect(checkinTally.expected).toBe(MISTAKES * PER_MISTAKE);
    expect(checkinTally).toMatchObject({ lost: 0, duplicated: 0, emailsPerItem: [1] });
    expect(reminderTally).toMatchObject({ expected: MISTAKES, lost: 0, duplicated: 0, emailsPerItem: [1] });
    expect(unexpected).toBe(0);
    expect(resend.conflicts).toBe(0);
    expect(consumed.deadLettered).toBe(0);
    // The faults were real: close to 30% of calls failed, runs and consumers died.
    expect(resend.calls.filter((c) => c.fault !== 'ok').length / resend.calls.length).toBeGreaterThan(0.2);
    expect(consumerCrashes).toBeGreaterThan(0);
    expect(figures.runsDied).toBeGreaterThan(0);
    expect(figures.crashesAfterHandOver).toBeGreaterThan(0);
    // Every check-in is recorded as sent, once, and the ledger holds Resend's ids for all of them.
    const ids = JSON.stringify(mistakeIds);
    expect(await count(`select count(*) as n from checkins where mistake_id in (select value from json_each(?)) and (status <> 'sent' or sends <> 1)`, ids)).toBe(0);
    expect(
      await count(`select count(*) as n from deliveries where mistake_id in (select value from json_each(?)) and (status <> 'sent' or provider_id not like '________-%')`, ids),
    ).toBe(0);
  }, 1_800_000);

  it('through the local outbox: every check-in and reminder stored once', async () => {
    const random = seeded(20330510);
    const start = Date.parse('2033-05-10T09:00:00Z');
    const mistakeIds = await logMistakes('outbox', '2033-05-10T09:00:00Z');
    const figures: Figures = { runs: 0, runsDied: 0, d1Calls: 0, d1Refused: 0, d1AnswersLost: 0, crashesAfterHandOver: 0, queueRefusals: 0, ticks: 0, outboxWrites: 0, outboxWritesFailed: 0 };
    const started = Date.now();

    await livePlans({
      mistakeIds,
      start,
      figures,
      // The outbox is written in D1: 30% of the writes that store an email fail, half refused, half committed
      // with the answer lost. Elsewhere 1% of batches fail each way and 0.1% of queries are refused.
      decide: (kind, sql) => {
        const r = random();
        if (/insert into "outbox"/i.test(sql)) {
          figures.outboxWrites++;
          if (r < 0.3) figures.outboxWritesFailed++;
          return r < 0.15 ? 'refuse' : r < 0.3 ? 'lose_answer' : 'ok';
        }
        if (kind === 'query') return r < 0.001 ? 'refuse' : 'ok';
        return r < 0.01 ? 'refuse' : r < 0.02 ? 'lose_answer' : 'ok';
      },
      runEnv: (db) => ({ ...env, DB: db }) as unknown as Env,
    });

    const rows = (
      await env.DB.prepare(`select id, headers from outbox where mistake_id in (select value from json_each(?))`).bind(JSON.stringify(mistakeIds)).all<{ id: string; headers: string }>()
    ).results;
    const delivered = rows.map((r) => (JSON.parse(r.headers) as Record<string, string>)['Message-ID']!);
    const { checkins, reminders } = await expectedMessageIds(mistakeIds);
    const checkinTally = tally(checkins, delivered);
    const reminderTally = tally(reminders, delivered);
    const unexpected = delivered.filter((id) => !checkins.has(id) && !reminders.has(id)).length;
    console.info(
      `EXACTLY-ONCE-OUTBOX ${JSON.stringify({
        checkins: checkinTally,
        reminders: reminderTally,
        unexpected,
        outboxRows: rows.length,
        ...figures,
        seconds: Math.round((Date.now() - started) / 1000),
      })}`,
    );

    expect(checkinTally.expected).toBe(MISTAKES * PER_MISTAKE);
    expect(checkinTally).toMatchObject({ lost: 0, duplicated: 0, emailsPerItem: [1] });
    expect(reminderTally).toMatchObject({ expected: MISTAKES, lost: 0, duplicated: 0, emailsPerItem: [1] });
    expect(unexpected).toBe(0);
    expect(figures.outboxWritesFailed / figures.outboxWrites).toBeGreaterThan(0.2);
    expect(figures.d1AnswersLost).toBeGreaterThan(0);
    expect(figures.runsDied).toBeGreaterThan(0);
    const ids = JSON.stringify(mistakeIds);
    expect(await count(`select count(*) as n from checkins where mistake_id in (select value from json_each(?)) and (status <> 'sent' or sends <> 1)`, ids)).toBe(0);
  }, 1_800_000);
});
