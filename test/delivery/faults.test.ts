// Delivery under faults: 1,000 check-ins through the real scheduled handler, the real queue consumer and a
// fake Resend that fails 30% of its calls (500, 429 with Retry-After, timeouts before and after it
// accepted the batch), with the queue regrouping messages at random and now and then delivering one twice.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';
import { FakeResend, seeded, thirtyPercentFaults } from './fake-resend';
import { deliveryEnv, drain, quietMailLogs, runScheduledWith, SimulatedQueue } from './harness';

const CHECKINS = 1000;
const START = '2031-03-03T09:00:00Z';

async function logMistakes(count: number, prefix: string, startAt: string): Promise<void> {
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
        const r = await call('POST', '/api/mistakes', {
          title: `Mistake ${i + j}`,
          description: 'Sent the wrong figures to the board.',
          owner: { email: `${prefix}-${i + j}@example.com`, name: `Owner ${i + j}` },
          startAt,
        });
        if (r.status !== 201) throw new Error(`create failed: ${r.status} ${await r.text()}`);
      }),
    );
  }
}

describe('1,000 check-ins while 30% of Resend calls fail', () => {
  it('delivers each exactly once and records it', async () => {
    const random = seeded(20310303);
    const resend = new FakeResend();
    resend.chooseFault = thirtyPercentFaults(random);
    const restore = resend.install();
    const loud = quietMailLogs();
    try {
      await logMistakes(CHECKINS, 'fault', START);
      const queue = new SimulatedQueue('mend-send');
      const deadLetters = new SimulatedQueue('mend-send-dead');
      const started = Date.now();

      await runScheduledWith(deliveryEnv(queue), Date.parse(START) + 60_000);
      const dispatched = Date.now();
      expect(queue.pending).toHaveLength(CHECKINS);

      const report = await drain({
        queue,
        deadLetters,
        env: (q) => deliveryEnv(q),
        // Small, uneven batches: more units, more calls, more faults, and messages regrouped on every retry.
        batchSize: () => 1 + Math.floor(random() * 25),
        repeatChance: 0.05,
        random,
      });
      const finished = Date.now();

      // Exactly once: every check-in's Message-ID reached Resend, none twice.
      const distinct = resend.distinctMessageIds();
      const lost = CHECKINS - distinct.size;
      const duplicated = resend.duplicates();
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(report.deadLettered).toBe(0);
      // Every retry repeated its batch exactly: no key was ever reused with a different body.
      expect(resend.conflicts).toBe(0);

      // The ledger says so too, with Resend's own ids.
      const rows = (await env.DB.prepare("select status, provider_id as providerId from deliveries where kind = 'checkin.own'").all<{ status: string; providerId: string }>()).results;
      expect(rows).toHaveLength(CHECKINS);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(new Set(rows.map((r) => r.providerId))).toEqual(new Set(resend.sent.map((e) => e.id)));
      // Rendered by the consumer, the subject is in the ledger too.
      const untitled = await env.DB.prepare("select count(*) as n from deliveries where subject = ''").first<{ n: number }>();
      expect(untitled?.n).toBe(0);
      const checkins = await env.DB.prepare("select count(*) as n from checkins where step = 'own' and status = 'sent'").first<{ n: number }>();
      expect(checkins?.n).toBe(CHECKINS);

      const faults = resend.calls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.fault]: (acc[c.fault] ?? 0) + 1 }), {});
      const failed = resend.calls.filter((c) => c.fault !== 'ok').length;
      expect(failed / resend.calls.length).toBeGreaterThan(0.15);
      console.log(
        `DELIVERY-FIGURES ${JSON.stringify({
          checkins: CHECKINS,
          lost,
          duplicated,
          resendCalls: resend.calls.length,
          failedCalls: failed,
          replayedKeys: resend.replays,
          faults,
          emailsPerCall: +(resend.calls.reduce((n, c) => n + c.size, 0) / resend.calls.length).toFixed(1),
          queueInvocations: report.invocations,
          repeatedMessages: report.repeats,
          queueMessagesWritten: queue.sends,
          simulatedQueueSeconds: report.simulatedSeconds,
          dispatchMs: dispatched - started,
          consumeMs: finished - dispatched,
        })}`,
      );
    } finally {
      loud();
      restore();
    }
  }, 600_000);
});
