// A whole plan walked through the API, every answer checked against /api/openapi.json: the status must be one
// the document lists for that path and method, and the body must match its schema with no field left unnamed.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_QUEUE } from '../../src/jobs/send-queue';
import {
  deliveryEnv, drain, fetchWith, invokeQueue, resendEvent, runScheduledWith, signedWebhook, SimulatedQueue, useFakeResend,
} from '../delivery/harness';
import { newMistake } from '../support/mistakes';
import { DocumentCheck } from '../support/openapi-validate';
import { call, travel } from '../support/worker';

useFakeResend();

const OWNER = 'walk.owner@example.com';
const LEADER = 'walk.lead@example.com';
const START = Date.parse('2031-03-03T09:00:00Z'); // a Monday
const MINUTE = 60_000;

interface Step {
  id?: string;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const PUBLIC = { authorization: '' };
let doc: DocumentCheck;

beforeAll(async () => {
  await travel(new Date(START - 60 * MINUTE).toISOString());
  const document = await call('GET', '/api/openapi.json', undefined, PUBLIC);
  expect(document.status).toBe(200);
  doc = new DocumentCheck((await document.json()) as any);
});

/** Calls `method template` and checks the answer against the document; returns the body. */
async function walk(method: string, template: string, status: number, step: Step = {}): Promise<any> {
  const path = template.replace('{id}', encodeURIComponent(step.id ?? '')) + (step.query ?? '');
  const response = await call(method, path, step.body, step.headers);
  const body = await response.json();
  expect(response.status, `${method} ${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(doc.problems(method, template, status, body), `${method} ${path} ${status}`).toEqual([]);
  return body;
}

/** The send queue gives up on everything it holds: the dead-letter consumer records each message. */
async function deadLetterAll(queue: SimulatedQueue) {
  const messages = queue.pending.map((m, i) => ({ id: `walk-dead-${i}`, attempts: 1, body: m.body }));
  queue.pending = [];
  await invokeQueue(deliveryEnv(new SimulatedQueue('mend-send')), DEAD_LETTER_QUEUE, messages);
  return messages.length;
}

describe('the API walked end to end against its own document', () => {
  it('answers only what /api/openapi.json describes, for every route and every error status', async () => {
    await walk('GET', '/api/openapi.json', 200, { headers: PUBLIC });
    expect((await walk('GET', '/api/health', 200, { headers: PUBLIC })).mail).toBeTypeOf('string');

    const m = await walk('POST', '/api/mistakes', 201, {
      body: newMistake({
        owner: { email: OWNER, name: 'Wren', timeZone: 'UTC' },
        leader: { email: LEADER, name: 'Lark', timeZone: 'UTC' },
        startAt: new Date(START).toISOString(),
      }),
    });
    const own = m.checkins.find((c: any) => c.step === 'own');
    const progress = m.checkins.find((c: any) => c.step === 'progress');

    // Day 0 goes out through Resend, so the ledger carries a provider's id.
    const queue = new SimulatedQueue('mend-send');
    await runScheduledWith(deliveryEnv(queue), START + MINUTE);
    await drain({ queue, deadLetters: new SimulatedQueue('mend-send-dead'), env: (q) => deliveryEnv(q) });
    const sent = await walk('GET', '/api/mistakes/{id}', 200, { id: m.id });
    const providerId = sent.deliveries.find((d: any) => d.kind === 'checkin.own')?.providerId;
    expect(providerId).toBeTypeOf('string');

    // The owner answers through the API; the leader's introduction then dies in the send queue.
    const ownership = 'I shipped the export without running the totals check. My call.';
    await walk('POST', '/api/mistakes/{id}/updates', 201, { id: m.id, body: { checkinId: own.id, text: ownership } });
    const later = new SimulatedQueue('mend-send');
    await runScheduledWith(deliveryEnv(later), START + 2 * MINUTE);
    expect(await deadLetterAll(later)).toBeGreaterThan(0);

    // The owner's address bounces hard: Mend stops mailing it and says so.
    const bounce = resendEvent('email.bounced', providerId, OWNER, { bounce: { type: 'Permanent', subType: 'General', message: 'mailbox unknown' } });
    expect((await fetchWith(deliveryEnv(new SimulatedQueue('mend-send')), signedWebhook(bounce))).status).toBe(200);

    const note = { checkinId: progress.id, status: 'on_track', text: 'Fixtures run on every export change now.' };
    await walk('POST', '/api/mistakes/{id}/updates', 201, { id: m.id, body: note });
    const full = await walk('GET', '/api/mistakes/{id}', 200, { id: m.id });
    // Every field the issue found undescribed is in this answer, so the document must name each one.
    expect(full.owner).toMatchObject({ bounced: true, mailStopped: 'bounced' });
    expect(full.leader).toMatchObject({ digest: 'weekly', stopped: false, bounced: false });
    expect(full.deliveries.some((d: any) => d.status === 'bounced' && typeof d.error === 'string')).toBe(true);
    expect(full.deadLetters.length).toBeGreaterThan(0);
    expect(full.updates.some((u: any) => u.status === 'on_track')).toBe(true);

    const alone = await walk('POST', '/api/mistakes', 201, { body: newMistake({ owner: { email: OWNER }, leader: null }) });
    expect(alone.leader).toBeNull();
    const owned = await walk('GET', '/api/mistakes', 200, { query: `?owner=${OWNER}` });
    expect(owned.mistakes.map((x: any) => x.id).sort()).toEqual([m.id, alone.id].sort());
    expect((await walk('GET', '/api/mistakes', 200, { query: `?leader=${LEADER}` })).mistakes.map((x: any) => x.id)).toEqual([m.id]);
    const letters = await walk('GET', '/api/dead-letters', 200);
    expect(letters.deadLetters.some((l: any) => l.mistakeId === m.id)).toBe(true);

    expect((await walk('POST', '/api/mistakes/{id}/pause', 200, { id: m.id })).status).toBe('paused');
    expect((await walk('POST', '/api/mistakes/{id}/resume', 200, { id: m.id })).status).toBe('active');
    expect((await walk('POST', '/api/mistakes/{id}/close', 200, { id: m.id })).status).toBe('closed');

    // Every error status the contract names, each in the one error shape.
    const errors = [
      await walk('POST', '/api/mistakes/{id}/close', 409, { id: m.id }),
      await walk('POST', '/api/mistakes/{id}/resume', 409, { id: m.id }),
      await walk('POST', '/api/mistakes/{id}/updates', 409, { id: m.id, body: { checkinId: progress.id, status: 'done' } }),
      await walk('POST', '/api/mistakes/{id}/updates', 404, { id: m.id, body: { checkinId: 'no-such-checkin' } }),
      await walk('GET', '/api/mistakes/{id}', 404, { id: 'no-such-mistake' }),
      await walk('POST', '/api/mistakes/{id}/pause', 404, { id: 'no-such-mistake' }),
      await walk('GET', '/api/mistakes', 401, { query: `?owner=${OWNER}`, headers: { authorization: 'Bearer wrong' } }),
      await walk('GET', '/api/dead-letters', 401, { headers: PUBLIC }),
      await walk('POST', '/api/mistakes', 400, { body: { ...newMistake(), title: '' } }),
      await walk('POST', '/api/mistakes', 400, { body: '{"title": ', headers: { 'content-type': 'application/json' } }),
      await walk('POST', '/api/mistakes', 400, { body: JSON.stringify(newMistake()), headers: { 'content-type': 'text/plain' } }),
      await walk('POST', '/api/mistakes', 413, { body: { ...newMistake(), description: 'x'.repeat(70_000) } }),
      await walk('POST', '/api/mistakes/{id}/updates', 400, { id: alone.id, body: { checkinId: 42 } }),
      await walk('GET', '/api/mistakes', 400),
    ];
    expect(errors.map((e) => e.error.code)).toEqual([
      'conflict', 'conflict', 'conflict', 'not_found', 'not_found', 'not_found', 'unauthorized', 'unauthorized',
      'invalid', 'invalid_json', 'invalid_content_type', 'too_large', 'invalid', 'invalid',
    ]);
    expect(errors[8].error.fields).toEqual({ title: 'Must not be empty.' });

    expect(await walk('DELETE', '/api/mistakes/{id}', 200, { id: m.id })).toEqual({ id: m.id, deleted: true });
    await walk('DELETE', '/api/mistakes/{id}', 404, { id: m.id });
    await walk('DELETE', '/api/mistakes/{id}', 200, { id: alone.id });

    // Nothing the document describes went unwalked.
    expect(doc.unwalked()).toEqual([]);
  }, 60_000);

  it('refuses a field the document does not name, however deep', async () => {
    const m = (await call('POST', '/api/mistakes', newMistake({ owner: { email: 'walk.extra@example.com' } })));
    const body = (await m.json()) as any;
    expect(doc.problems('POST', '/api/mistakes', 201, body)).toEqual([]);
    expect(doc.problems('POST', '/api/mistakes', 201, { ...body, extra: 1 })).not.toEqual([]);
    expect(doc.problems('POST', '/api/mistakes', 201, { ...body, owner: { ...body.owner, nickname: 'x' } })).not.toEqual([]);
    const checkins = body.checkins.map((c: any, i: number) => (i === 0 ? { ...c, reminder: true } : c));
    expect(doc.problems('POST', '/api/mistakes', 201, { ...body, checkins })).not.toEqual([]);
    expect(doc.problems('POST', '/api/mistakes', 418, body)).not.toEqual([]);
    // An error code travels with its own status only.
    expect(doc.problems('GET', '/api/mistakes/{id}', 404, { error: { code: 'not_found', message: 'No mistake with that id.' } })).toEqual([]);
    expect(doc.problems('GET', '/api/mistakes/{id}', 404, { error: { code: 'invalid', message: 'No mistake with that id.' } })).not.toEqual([]);
  });
});
