// Drives the real Worker (src/index.ts) with Resend configured and the send queue replaced by a simulated
// Cloudflare Queue that keeps the platform's rules: batches of up to max_batch_size, explicit ack/retry,
// retry delays, implicit ack when the handler returns, every unacked message retried when it throws,
// max_retries then the dead-letter queue, and (optionally) at-least-once delivery that sometimes repeats a
// message. Queue time is simulated; the handler itself runs for real against real D1.
// The batches are built here rather than with cloudflare:test's createMessageBatch, whose retry() drops
// its delaySeconds: the retry delays are what these tests are about.
import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import worker from '../../src/index';
import type { MailQueue, SendQueueMessage } from '../../src/mail/send-queue-message';
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeResend, RESEND_URL } from './fake-resend';

export const SEND_QUEUE = 'mend-send';
/** As in wrangler.toml. */
export const MAX_RETRIES = 20;
export const MAX_BATCH_SIZE = 100;

export const WEBHOOK_SECRET = `whsec_${btoa('mend-test-webhook-secret-32bytes!')}`;

interface Pending {
  id: string;
  body: SendQueueMessage;
  attempts: number;
  visibleAt: number;
  timestamp: number;
}

/** The Worker's mail.* event logs, kept out of the test output (they are asserted through behaviour instead). */
/** A fresh fake Resend for each test of the file (and the mail logs kept quiet): read it through the getter. */
export function useFakeResend(): () => FakeResend {
  let resend: FakeResend;
  let restore: () => void;
  let loud: () => void;
  beforeEach(() => {
    resend = new FakeResend();
    restore = resend.install();
    loud = quietMailLogs();
  });
  afterEach(() => {
    loud();
    restore();
  });
  return () => resend;
}

export function quietMailLogs(): () => void {
  const original = console.log;
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^\{"event":"(mail|webhook)\./.test(args[0])) return;
    original(...args);
  });
  return () => spy.mockRestore();
}

export class SimulatedQueue implements MailQueue {
  pending: Pending[] = [];
  /** Simulated seconds since the start. */
  clock = 0;
  sends = 0;
  private counter = 0;

  constructor(readonly name: string) {}

  async send(body: SendQueueMessage, options?: { delaySeconds?: number }): Promise<void> {
    this.push(body, options?.delaySeconds ?? 0, 1);
  }

  async sendBatch(messages: Iterable<{ body: SendQueueMessage; delaySeconds?: number }>): Promise<void> {
    for (const m of messages) this.push(m.body, m.delaySeconds ?? 0, 1);
  }

  push(body: SendQueueMessage, delaySeconds: number, attempts: number, id?: string): void {
    // Structured clone, as the platform serialises bodies: nothing is shared with the sender.
    this.sends++;
    this.pending.push({ id: id ?? `${this.name}-${++this.counter}`, body: structuredClone(body), attempts, visibleAt: this.clock + delaySeconds, timestamp: Date.now() });
  }
}

/** The Worker's env with Resend configured and the simulated queue bound. Only these tests see it. */
export function deliveryEnv(queue: SimulatedQueue, overrides: Record<string, unknown> = {}) {
  return { ...env, RESEND_API_KEY: 're_test_key', RESEND_API_URL: RESEND_URL, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET, SEND_QUEUE: queue, ...overrides } as unknown as Env;
}

export async function runScheduledWith(workerEnv: Env, at: string | number): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: typeof at === 'string' ? Date.parse(at) : at, cron: '* * * * *' }), workerEnv);
}

export async function fetchWith(workerEnv: Env, request: Request): Promise<Response> {
  return worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, workerEnv, createExecutionContext());
}

export interface DrainOptions {
  queue: SimulatedQueue;
  deadLetters: SimulatedQueue;
  env: (queue: SimulatedQueue) => Env;
  /** How many visible messages the next invocation gets (the platform may deliver fewer than the maximum). */
  batchSize?: () => number;
  /** Chance that a delivered message is delivered again later although it was acked (at-least-once). */
  repeatChance?: number;
  random?: () => number;
  /** Asked after each invocation: true makes it one that died before returning (acks and retries lost, all retried). */
  crash?: (invocation: number) => boolean;
  maxInvocations?: number;
}

export interface DrainReport {
  invocations: number;
  deadLettered: number;
  simulatedSeconds: number;
  repeats: number;
}

/** Runs the consumer until both queues are empty. */
export async function drain(options: DrainOptions): Promise<DrainReport> {
  const { queue, deadLetters } = options;
  const random = options.random ?? Math.random;
  const report: DrainReport = { invocations: 0, deadLettered: 0, simulatedSeconds: 0, repeats: 0 };
  const limit = options.maxInvocations ?? 10_000;
  while (queue.pending.length + deadLetters.pending.length > 0) {
    if (report.invocations++ > limit) throw new Error('the queue does not drain');
    for (const q of [queue, deadLetters]) {
      const visible = q.pending.filter((m) => m.visibleAt <= q.clock);
      if (visible.length === 0) continue;
      const size = Math.max(1, Math.min(MAX_BATCH_SIZE, options.batchSize?.() ?? MAX_BATCH_SIZE));
      const taken = visible.slice(0, size);
      q.pending = q.pending.filter((m) => !taken.includes(m));
      await invoke(q, taken, options, report, random);
    }
    // Nothing visible: time passes until the next message is due.
    for (const q of [queue, deadLetters]) {
      if (q.pending.length > 0 && !q.pending.some((m) => m.visibleAt <= q.clock)) {
        q.clock = Math.min(...q.pending.map((m) => m.visibleAt));
      }
    }
    deadLetters.clock = Math.max(deadLetters.clock, queue.clock);
  }
  report.simulatedSeconds = queue.clock;
  return report;
}

/** The platform's MessageBatch for a queue handler, recording acks and retries (with their delays). */
export function simulatedBatch(queueName: string, messages: { id: string; attempts: number; body: SendQueueMessage }[]) {
  const acked = new Set<string>();
  const retried = new Map<string, number | undefined>();
  let all: { retry: boolean; delaySeconds?: number } | null = null;
  const batch = {
    queue: queueName,
    messages: messages.map((m) => ({
      id: m.id,
      timestamp: new Date(),
      attempts: m.attempts,
      body: m.body,
      ack() {
        if (!retried.has(m.id) && !all) acked.add(m.id);
      },
      retry(options?: { delaySeconds?: number }) {
        if (!acked.has(m.id) && !all) retried.set(m.id, options?.delaySeconds);
      },
    })),
    ackAll() {
      all ??= { retry: false };
    },
    retryAll(options?: { delaySeconds?: number }) {
      all ??= { retry: true, ...(options?.delaySeconds !== undefined ? { delaySeconds: options.delaySeconds } : {}) };
    },
  };
  const result = () => ({
    explicitAcks: [...acked],
    retryMessages: [...retried].map(([msgId, delaySeconds]) => (delaySeconds === undefined ? { msgId } : { msgId, delaySeconds })),
    ackAll: all?.retry === false,
    retryBatch: all?.retry ? { retry: true, delaySeconds: all.delaySeconds } : { retry: false },
  });
  return { batch: batch as unknown as MessageBatch<SendQueueMessage>, result };
}

async function invoke(q: SimulatedQueue, taken: Pending[], options: DrainOptions, report: DrainReport, random: () => number): Promise<void> {
  const { batch, result: outcome } = simulatedBatch(
    q.name,
    taken.map((m) => ({ id: m.id, attempts: m.attempts, body: m.body })),
  );
  let threw = false;
  try {
    await worker.queue(batch as MessageBatch, options.env(options.queue));
  } catch {
    threw = true;
  }
  // Asked after the invocation: did it die on the way (its acks and retries never reached the platform)?
  const crashed = options.crash?.(report.invocations) ?? false;
  const result = outcome();
  for (const message of taken) {
    const retry = result.retryMessages.find((r) => r.msgId === message.id);
    const explicitlyAcked = result.explicitAcks.includes(message.id) || result.ackAll;
    // Explicit acks stand even when the handler throws; the rest is retried when it throws, acked when it returns.
    const retried = crashed || (!explicitlyAcked && (retry !== undefined || result.retryBatch.retry || threw));
    if (!retried) {
      // Acked (explicitly or by returning). At-least-once: now and then it comes again.
      if (random() < (options.repeatChance ?? 0)) {
        report.repeats++;
        q.push(message.body, 1, 1, `${message.id}-again`);
      }
      continue;
    }
    const delay = crashed ? 30 : (retry?.delaySeconds ?? result.retryBatch.delaySeconds ?? 0);
    if (q === options.queue && message.attempts > MAX_RETRIES) {
      report.deadLettered++;
      options.deadLetters.push(message.body, 0, 1, `${message.id}-dead`);
    } else {
      q.push(message.body, delay, message.attempts + 1, message.id);
    }
  }
}

/** One invocation of the real queue handler on these messages; what it acked and retried. */
export async function invokeQueue(workerEnv: Env, queueName: string, messages: { id: string; attempts: number; body: SendQueueMessage }[]) {
  const { batch, result } = simulatedBatch(queueName, messages);
  await worker.queue(batch as MessageBatch, workerEnv);
  return result();
}

/** Logs a mistake through the API (no leader); its day-0 check-in is due at startAt. */
export async function logMistake(ownerEmail: string, startAt: string): Promise<{ id: string; checkins: { id: string; step: string; dueAt: string; status: string }[] }> {
  const response = await worker.fetch(
    new Request('https://localhost/api/mistakes', {
      method: 'POST',
      headers: { authorization: `Bearer ${env.API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Merged the release without the migration', description: 'The site was down for an hour.', owner: { email: ownerEmail }, startAt }),
    }) as Request<unknown, IncomingRequestCfProperties>,
    env as unknown as Env,
    createExecutionContext(),
  );
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The mistake as the API shows it (with its deliveries). */
export async function mistakeJson(id: string): Promise<any> {
  const response = await worker.fetch(
    new Request(`https://localhost/api/mistakes/${id}`, { headers: { authorization: `Bearer ${env.API_TOKEN}` } }) as Request<unknown, IncomingRequestCfProperties>,
    env as unknown as Env,
    createExecutionContext(),
  );
  return response.json();
}

/** A Resend event about one email. */
export function resendEvent(type: string, emailId: string, to: string, extra: Record<string, unknown> = {}) {
  return { type, created_at: new Date().toISOString(), data: { email_id: emailId, to: [to], from: 'Mend <mend@localhost>', subject: 'Your check-in', ...extra } };
}

/** A webhook request signed as Resend (Svix) signs it. */
export function signedWebhook(body: unknown, options: { id?: string; at?: number; secret?: string; rawBody?: string } = {}): Request {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const at = options.at ?? Date.now();
  const raw = JSON.stringify(body);
  const signature = new Webhook(options.secret ?? WEBHOOK_SECRET).sign(id, new Date(at), raw);
  return new Request('https://localhost/webhooks/resend', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at / 1000)), 'svix-signature': signature },
    body: options.rawBody ?? raw,
  });
}
