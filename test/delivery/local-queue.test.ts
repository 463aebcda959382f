// The real local queue (miniflare runs the consumer configured in wrangler.toml): a message deliver() puts on
// the SEND_QUEUE binding reaches the Worker's queue() handler, which sends it. Here without a Resend key, so
// the consumer sends through the local outbox one email at a time: the path that drains a queue filled while
// Resend was configured.
import { env } from 'cloudflare:workers';
import { expect, it, vi } from 'vitest';
import { deliver } from '../../src/domain/postman';
import { runtime } from '../../src/runtime';
import { outbox } from '../support/worker';
import { quietMailLogs } from './harness';

it('a queued email reaches the consumer through the local queue and is sent once', async () => {
  const loud = quietMailLogs();
  try {
    const { deps } = runtime(env as unknown as Env);
    const outcome = await deliver(
      { ...deps, transport: deps.transport!, sendQueue: env.SEND_QUEUE },
      { kind: 'test.local_queue', idempotencyKey: 'local-queue:1', to: 'local-queue@example.com', mistakeId: null, checkinId: null, leaderId: null },
      { subject: 'Through the queue', html: '<p>Hello</p>', text: 'Hello' },
      Date.now(),
    );
    expect(outcome).toMatchObject({ sent: true, queued: true });

    // The platform delivers after max_batch_timeout; wait for the email rather than for a fixed time.
    const email = await vi.waitFor(
      async () => {
        const found = (await outbox()).find((e) => e.to === 'local-queue@example.com');
        if (!found) throw new Error('not yet');
        return found;
      },
      { timeout: 20_000, interval: 250 },
    );
    expect(email.subject).toBe('Through the queue');
    const row = await env.DB.prepare("select status, subject from deliveries where idempotency_key = 'local-queue:1'").first();
    expect(row).toEqual({ status: 'sent', subject: 'Through the queue' });
    expect((await outbox()).filter((e) => e.to === 'local-queue@example.com')).toHaveLength(1);
  } finally {
    loud();
  }
}, 30_000);
