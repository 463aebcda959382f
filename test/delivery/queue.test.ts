// The send queue one fault at a time: a crash between Resend's acceptance and the ledger, a refusal that must
// not be retried, Retry-After and the daily quota, giving up into the dead-letter queue, an email too large
// for a queue message, a queue that refuses a message.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PreviewProps as checkinPreview } from '../../emails/checkin';
import { deliver } from '../../src/domain/postman';
import type { EmailMessage } from '../../src/mail/registry';
import { DEAD_LETTER_QUEUE, retryDelaySeconds } from '../../src/jobs/send-queue';
import { TransportError } from '../../src/mail/transport';
import { runtime } from '../../src/runtime';
import { useFakeResend, deliveryEnv, drain, fetchWith, invokeQueue, logMistake, mistakeJson, runScheduledWith, SEND_QUEUE, SimulatedQueue } from './harness';

const fakeResend = useFakeResend();

const row = (idempotencyKeyLike: string) =>
  env.DB.prepare('select status, provider_id as providerId, error from deliveries where idempotency_key like ?').bind(idempotencyKeyLike).first<{ status: string; providerId: string | null; error: string | null }>();

/**
 * Logs `count` mistakes due at `start`, runs the scheduled work with Resend configured: the emails wait in the queue.
 * Each test starts months before the one above it, so no earlier test's later check-ins fall due in it.
 */
async function dueEmails(prefix: string, count: number, start: string) {
  const queue = new SimulatedQueue('mend-send');
  const deadLetters = new SimulatedQueue('mend-send-dead');
  const mistakes = [];
  for (let i = 0; i < count; i++) mistakes.push(await logMistake(`${prefix}-${i}@example.com`, start));
  await runScheduledWith(deliveryEnv(queue), Date.parse(start) + 60_000);
  return { queue, deadLetters, mistakes };
}

describe('a crash between sending and recording', () => {
  it('does not send twice: the unit is retried with the same key and Resend answers the first answer', async () => {
    const { queue, deadLetters, mistakes } = await dueEmails('crash', 5, '2032-09-06T09:00:00Z');
    // The database goes away the moment Resend has accepted the batch: the consumer dies before it records.
    let dead = false;
    let crashed = false;
    fakeResend().afterAccept = () => {
      if (!crashed) dead = crashed = true;
    };
    const db = new Proxy(env.DB, {
      get(target, name) {
        if (dead) throw new Error('the isolate is gone');
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const report = await drain({
      queue,
      deadLetters,
      env: (q) => deliveryEnv(q, { DB: db }),
      crash: () => {
        const died = dead;
        dead = false;
        return died;
      },
    });

    expect(crashed).toBe(true);
    expect(fakeResend().sent).toHaveLength(5);
    expect(fakeResend().duplicates()).toBe(0);
    // The retry was a replay of the same batch: answered from Resend's idempotency store, nothing sent again.
    expect(fakeResend().replays).toBe(1);
    expect(fakeResend().conflicts).toBe(0);
    expect(report.deadLettered).toBe(0);
    for (const m of mistakes) {
      const view = await mistakeJson(m.id);
      expect(view.deliveries).toEqual([expect.objectContaining({ kind: 'checkin.own', status: 'sent', providerId: expect.any(String) })]);
      expect(fakeResend().sent.map((e) => e.id)).toContain(view.deliveries[0].providerId);
    }
  });
});

describe('a refusal', () => {
  it('is recorded as failed and never retried', async () => {
    const { queue, deadLetters, mistakes } = await dueEmails('refused', 2, '2032-05-03T09:00:00Z');
    fakeResend().script('invalid_422');
    await drain({ queue, deadLetters, env: (q) => deliveryEnv(q) });

    expect(fakeResend().calls).toHaveLength(1);
    expect(fakeResend().sent).toHaveLength(0);
    for (const m of mistakes) {
      const view = await mistakeJson(m.id);
      expect(view.deliveries[0]).toMatchObject({ status: 'failed', providerId: null, error: expect.stringContaining('422') });
      // The check-in was handed to delivery; the ledger tells what became of the email.
      expect(view.checkins[0].status).toBe('sent');
    }
  });
});

describe('retry timing', () => {
  it('honours Retry-After on a 429 and waits for the next UTC day on the daily quota', async () => {
    const { queue } = await dueEmails('timing', 1, '2032-01-05T09:00:00Z');
    // The send made at once fails; the unit's delayed copy is the retry.
    fakeResend().script('error_500');
    const first = queue.pending.splice(0);
    const gathered = await invokeQueue(deliveryEnv(queue), SEND_QUEUE, first.map((m) => ({ id: m.id, attempts: 1, body: m.body })));
    expect(gathered.explicitAcks).toEqual([first[0]!.id]);
    const [copy] = queue.pending.splice(0);
    expect(copy!.body.type).toBe('unit');
    expect(copy!.visibleAt - queue.clock).toBe(60);

    fakeResend().retryAfterSeconds = 7;
    fakeResend().script('rate_limited');
    const limited = await invokeQueue(deliveryEnv(queue), SEND_QUEUE, [{ id: 'unit-1', attempts: 1, body: copy!.body }]);
    expect(limited.retryMessages).toEqual([{ msgId: 'unit-1', delaySeconds: 7 }]);

    fakeResend().script('daily_quota');
    const before = Date.now();
    const quota = await invokeQueue(deliveryEnv(queue), SEND_QUEUE, [{ id: 'unit-1', attempts: 2, body: copy!.body }]);
    const untilMidnight = Math.ceil((Math.floor(before / 86_400_000 + 1) * 86_400_000 - before) / 1000) + 60;
    const delay = quota.retryMessages[0]!.delaySeconds!;
    expect(delay).toBeLessThanOrEqual(Math.min(43_200, untilMidnight));
    expect(delay).toBeGreaterThanOrEqual(Math.min(43_200, untilMidnight - 5));

    fakeResend().script('ok');
    const done = await invokeQueue(deliveryEnv(queue), SEND_QUEUE, [{ id: 'unit-1', attempts: 3, body: copy!.body }]);
    expect(done.explicitAcks).toEqual(['unit-1']);
    expect(fakeResend().sent).toHaveLength(1);
  });

  it('backs off exponentially on 5xx and timeouts, up to an hour', () => {
    const unavailable = new TransportError('Resend answered 503', true, null, 'unavailable');
    expect([1, 2, 3, 4, 12].map((attempts) => retryDelaySeconds(unavailable, attempts, 0))).toEqual([5, 10, 20, 40, 3600]);
    // A daily quota hit at 18:00 UTC waits for midnight (and a minute), within the Queues limit of 12 hours.
    const quota = new TransportError('daily', true, null, 'daily_quota');
    expect(retryDelaySeconds(quota, 1, Date.parse('2031-05-01T18:00:00Z'))).toBe(6 * 3600 + 60);
    expect(retryDelaySeconds(quota, 1, Date.parse('2031-05-01T01:00:00Z'))).toBe(12 * 3600);
  });
});

describe('giving up', () => {
  it('records dead letters in staging too, whose queues carry the environment in their names', async () => {
    const { queue, mistakes } = await dueEmails('staging-dead', 1, '2031-07-01T09:00:00Z');
    const deadLetters = new SimulatedQueue('mend-staging-send-dead');
    fakeResend().chooseFault = () => 'error_500';
    expect((await drain({ queue, deadLetters, env: (q) => deliveryEnv(q) })).deadLettered).toBe(1);
    const view = await mistakeJson(mistakes[0]!.id);
    expect(view.deadLetters).toEqual([expect.objectContaining({ kind: 'checkin.own', queue: 'mend-staging-send-dead', to: 'staging-dead-0@example.com' })]);
  });

  it('records what the queue gave up on in dead_letters, the ledger and the API', async () => {
    const { queue, deadLetters, mistakes } = await dueEmails('dead', 1, '2031-09-01T09:00:00Z');
    fakeResend().chooseFault = () => 'error_500';
    const report = await drain({ queue, deadLetters, env: (q) => deliveryEnv(q) });
    expect(report.deadLettered).toBe(1);
    // 1 send at once + 21 deliveries of the unit (max_retries 20).
    expect(fakeResend().calls).toHaveLength(22);
    expect(fakeResend().sent).toHaveLength(0);

    const view = await mistakeJson(mistakes[0]!.id);
    expect(view.deliveries[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('dead-lettered') });
    expect(view.deadLetters).toEqual([expect.objectContaining({ kind: 'checkin.own', queue: DEAD_LETTER_QUEUE, to: 'dead-0@example.com', mistakeId: mistakes[0]!.id })]);

    const listed = await fetchWith(
      deliveryEnv(queue),
      new Request('https://localhost/api/dead-letters', { headers: { authorization: `Bearer ${env.API_TOKEN}` } }),
    );
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { deadLetters: { mistakeId: string; error: string }[] };
    expect(body.deadLetters.find((d) => d.mistakeId === mistakes[0]!.id)?.error).toMatch(/500/);

    const unauthorised = await fetchWith(deliveryEnv(queue), new Request('https://localhost/api/dead-letters'));
    expect(unauthorised.status).toBe(401);
  });
});

describe('a queued email its template no longer accepts', () => {
  it('becomes a dead letter that says why, and is never sent', async () => {
    const queue = new SimulatedQueue('mend-send');
    const deadLetters = new SimulatedQueue('mend-send-dead');
    const { deps } = runtime(deliveryEnv(queue) as Env & Record<string, string>);
    // As an older deploy queued it: a check-in without the cadence today's schema requires.
    const { cadence: _cadence, ...older } = checkinPreview;
    const outcome = await deliver(
      { ...deps, transport: deps.transport! },
      { kind: 'checkin.own', idempotencyKey: 'older-deploy:1', to: 'older@example.com', mistakeId: null, checkinId: null, leaderId: null },
      { message: older as unknown as EmailMessage },
      Date.now(),
    );
    expect(outcome).toMatchObject({ sent: true, queued: true });
    const report = await drain({ queue, deadLetters, env: (q) => deliveryEnv(q) });

    expect(report.deadLettered).toBe(0);
    expect(fakeResend().calls).toHaveLength(0);
    expect(await row('older-deploy:1')).toMatchObject({ status: 'failed', error: expect.stringMatching(/checkin email does not match its schema[\s\S]*cadence/) });
    const listed = await fetchWith(
      deliveryEnv(queue),
      new Request('https://localhost/api/dead-letters', { headers: { authorization: `Bearer ${env.API_TOKEN}` } }),
    );
    const body = (await listed.json()) as { deadLetters: { deliveryId: string; to: string; error: string }[] };
    expect(body.deadLetters.find((d) => d.deliveryId === (outcome as { deliveryId: string }).deliveryId)).toMatchObject({
      to: 'older@example.com',
      error: expect.stringContaining('cadence'),
    });
  });
});

describe('deliver()', () => {
  const envelope = (key: string, to: string) => ({ kind: 'test', idempotencyKey: key, to, mistakeId: null, checkinId: null, leaderId: null });

  it('sends an email too large for a queue message at once', async () => {
    const queue = new SimulatedQueue('mend-send');
    const { deps } = runtime(deliveryEnv(queue) as Env & Record<string, string>);
    // Random text does not compress: far over the 128 KB a queue message may hold.
    const noise = Array.from({ length: 3 }, () => Array.from(crypto.getRandomValues(new Uint8Array(50_000)), (b) => (b % 36).toString(36)).join('')).join('');
    const outcome = await deliver({ ...deps, transport: deps.transport! }, envelope('large:1', 'large@example.com'), { subject: 'Large', html: `<p>${noise}</p>`, text: noise }, Date.now());
    expect(outcome).toMatchObject({ sent: true, queued: false });
    expect(queue.pending).toHaveLength(0);
    expect(fakeResend().calls.map((c) => c.path)).toEqual(['/emails']);
    expect(await row('large:1')).toMatchObject({ status: 'sent' });
  });

  it('keeps the work with its caller when the queue refuses the email', async () => {
    const queue = new SimulatedQueue('mend-send');
    queue.send = async () => {
      throw new Error('queue unavailable');
    };
    const { deps } = runtime(deliveryEnv(queue) as Env & Record<string, string>);
    const outcome = await deliver({ ...deps, transport: deps.transport! }, envelope('refused-queue:1', 'q@example.com'), { subject: 'S', html: '<p>x</p>', text: 'x' }, Date.now());
    expect(outcome).toMatchObject({ sent: false, retryable: true });
    expect(await row('refused-queue:1')).toMatchObject({ status: 'queued', error: expect.stringContaining('queue unavailable') });
  });

  it('hands an email to the queue once however often it is delivered again', async () => {
    const queue = new SimulatedQueue('mend-send');
    const { deps } = runtime(deliveryEnv(queue) as Env & Record<string, string>);
    const email = { subject: 'Twice', html: '<p>x</p>', text: 'x' };
    const first = await deliver({ ...deps, transport: deps.transport! }, envelope('twice:1', 'twice@example.com'), email, Date.now());
    const deadLetters = new SimulatedQueue('mend-send-dead');
    await drain({ queue, deadLetters, env: (q) => deliveryEnv(q) });
    const again = await deliver({ ...deps, transport: deps.transport! }, envelope('twice:1', 'twice@example.com'), email, Date.now());
    expect(first).toMatchObject({ sent: true, queued: true });
    expect(again).toMatchObject({ sent: true, queued: false, providerId: fakeResend().sent[0]!.id });
    expect(queue.pending).toHaveLength(0);
    expect(fakeResend().sent).toHaveLength(1);
  });
});
