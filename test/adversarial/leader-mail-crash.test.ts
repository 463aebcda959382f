// A scheduled run that dies between deciding to send a leader's email and handing it to delivery (here: the
// isolate is gone at the moment the email's link token is written) must not lose that email: the next runs
// send it, once. One scenario per kind: the introduction, the closing report, the weekly digest.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { quietEventLogs } from '../support/quiet-logs';
import worker from '../../src/index';
import { json, outbox, travel } from '../support/worker';
import { faultyD1 } from './faulty-d1';

const MINUTE = 60_000;
const at = (iso: string, plusMs = 0) => Date.parse(iso) + plusMs;

// The Worker's event logs (and the faults it logs) would drown the figures.
quietEventLogs();

/** A scheduled run whose isolate dies when the first link token is about to be stored. Resolves true if it died. */
async function runDyingAtFirstToken(time: number): Promise<boolean> {
  const faulty = faultyD1(env.DB, (_call, sql) => {
    if (/insert into "tokens"/i.test(sql)) faulty.crash();
    return 'ok';
  });
  try {
    await worker.scheduled(createScheduledController({ scheduledTime: time, cron: '* * * * *' }), { ...env, DB: faulty.db } as unknown as Env);
  } catch {
    // the run died
  }
  return faulty.crashed;
}

async function runScheduled(time: number): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: time, cron: '* * * * *' }), env as unknown as Env);
}

async function logPlan(name: string, startAt: string, progressDay: number) {
  const r = await json('POST', '/api/mistakes', {
    title: `Deleted the shared calendar (${name})`,
    description: 'Two weeks of bookings were gone for a morning.',
    owner: { email: `${name}-owner@example.com`, timeZone: 'UTC' },
    leader: { email: `${name}-lead@example.com`, timeZone: 'UTC' },
    startAt,
    skipWeekends: false,
    cadence: [
      { step: 'own', day: 0 },
      { step: 'progress', day: progressDay },
    ],
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; checkins: { id: string; step: string }[] };
}

async function answer(mistakeId: string, checkinId: string, body: Record<string, string>) {
  expect((await json('POST', `/api/mistakes/${mistakeId}/updates`, { checkinId, ...body })).status).toBe(201);
}

const kinds = async (mistakeId: string, kind: string) =>
  (await env.DB.prepare('select count(*) as n from deliveries where mistake_id = ? and kind = ?').bind(mistakeId, kind).first<{ n: number }>())!.n;

const emailsTo = async (to: string, subject: RegExp) => (await outbox()).filter((e) => e.to === to && subject.test(e.subject));

describe('a run that dies before handing a leader email to delivery', () => {
  it('does not lose the introduction', async () => {
    const plan = await logPlan('intro', '2034-01-04T09:00:00Z', 1);
    await travel('2034-01-04T09:01:00Z');
    await answer(plan.id, plan.checkins[0]!.id, { text: 'I deleted it without checking who used it. That part was mine.' });

    // Due once the statement has stood 10 minutes.
    expect(await runDyingAtFirstToken(at('2034-01-04T09:12:00Z'))).toBe(true);
    await runScheduled(at('2034-01-04T09:20:00Z'));
    await runScheduled(at('2034-01-04T09:40:00Z'));

    expect(await kinds(plan.id, 'leader.intro')).toBe(1);
    expect(await emailsTo('intro-lead@example.com', /./)).toHaveLength(1);
    expect((await json('POST', `/api/mistakes/${plan.id}/close`)).status).toBe(200);
  });

  it('does not lose the closing report', async () => {
    const plan = await logPlan('closing', '2034-04-05T09:00:00Z', 1);
    await travel('2034-04-05T09:01:00Z');
    await answer(plan.id, plan.checkins[0]!.id, { text: 'I deleted it without checking who used it.' });
    await runScheduled(at('2034-04-05T09:12:00Z'));
    expect(await kinds(plan.id, 'leader.intro')).toBe(1);
    await travel('2034-04-06T09:01:00Z');
    await answer(plan.id, plan.checkins[1]!.id, { status: 'done' });

    expect(await runDyingAtFirstToken(at('2034-04-06T09:05:00Z'))).toBe(true);
    await runScheduled(at('2034-04-06T09:20:00Z'));
    await runScheduled(at('2034-04-06T09:40:00Z'));

    expect(await kinds(plan.id, 'leader.closing')).toBe(1);
  });

  it('does not lose the weekly digest', async () => {
    const plan = await logPlan('digest', '2034-07-05T09:00:00Z', 30);
    await travel('2034-07-05T09:01:00Z');
    await answer(plan.id, plan.checkins[0]!.id, { text: 'I deleted it without checking who used it.' });
    await runScheduled(at('2034-07-05T09:12:00Z'));
    expect(await kinds(plan.id, 'leader.intro')).toBe(1);
    // News after the introduction: the owner rewrites the statement on Thursday.
    await travel('2034-07-06T10:00:00Z');
    await answer(plan.id, plan.checkins[0]!.id, { text: 'I deleted it without checking who used it, and did not tell anyone for an hour.' });

    const digests = async () =>
      (await env.DB.prepare("select count(*) as n from deliveries where kind = 'leader.digest' and to_email = 'digest-lead@example.com'").first<{ n: number }>())!.n;
    const before = await digests();

    // Monday 09:00 in the leader's zone: this week's digest is due.
    expect(await runDyingAtFirstToken(at('2034-07-10T09:00:30Z'))).toBe(true);
    await runScheduled(at('2034-07-10T09:20:00Z'));
    await runScheduled(at('2034-07-10T09:40:00Z'));

    expect((await digests()) - before).toBe(1);
  });
});
