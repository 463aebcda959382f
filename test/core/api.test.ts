// The HTTP API contract: authorisation, the error shape, validation of every field, and what a client reads.
import { describe, expect, it } from 'vitest';
import { newMistake } from '../support/mistakes';
import { call, dumpTables, json } from '../support/worker';

async function expectRejected(body: unknown, status: number, field?: string) {
  const before = await dumpTables();
  const r = await call('POST', '/api/mistakes', body);
  expect(r.status, JSON.stringify(body).slice(0, 120)).toBe(status);
  const payload = (await r.json()) as any;
  expect(typeof payload.error.code).toBe('string');
  expect(typeof payload.error.message).toBe('string');
  if (field) expect(Object.keys(payload.error.fields ?? {}), JSON.stringify(payload)).toContain(field);
  expect(await dumpTables()).toEqual(before);
  return payload;
}

describe('authorisation', () => {
  it('refuses a missing or wrong bearer token with 401 and the error shape', async () => {
    for (const authorization of [undefined, 'Bearer nope', 'Basic dGVzdA==']) {
      const r = await call('GET', '/api/mistakes?owner=a@example.com', undefined, authorization ? { authorization } : { authorization: '' });
      expect(r.status).toBe(401);
      expect(((await r.json()) as any).error.code).toBe('unauthorized');
    }
  });
});

describe('logging a mistake', () => {
  it('answers 201 with the mistake and its default plan', async () => {
    const r = await json('POST', '/api/mistakes', newMistake({ owner: { email: 'API.Owner@Example.com', name: 'Ana' } }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'active', owner: { email: 'api.owner@example.com', name: 'Ana', timeZone: 'UTC' } });
    expect(r.body.checkins).toHaveLength(8);
    expect(r.body.checkins[0]).toMatchObject({ step: 'own', day: 0, status: 'scheduled' });
    expect(Object.keys(r.body.checkins[0])).toEqual(expect.arrayContaining(['id', 'step', 'day', 'dueAt', 'status']));
    expect(r.body.updates).toEqual([]);

    const got = await json('GET', `/api/mistakes/${r.body.id}`);
    expect(got.body).toEqual(r.body);
    const listed = await json('GET', '/api/mistakes?owner=api.owner@example.com');
    expect(listed.body.mistakes.map((m: any) => m.id)).toEqual([r.body.id]);
    const led = await json('GET', '/api/mistakes?leader=lead@example.com');
    expect(led.body.mistakes.map((m: any) => m.id)).toContain(r.body.id);
    expect((await json('GET', '/api/mistakes?owner=nobody@example.com')).body.mistakes).toEqual([]);
  });

  it('takes a custom cadence in place of the default days', async () => {
    const r = await json('POST', '/api/mistakes', newMistake({
      startAt: '2033-05-02T08:00:00Z',
      skipWeekends: false,
      cadence: [{ step: 'progress', day: 3 }, { step: 'own', day: 0 }, { step: 'progress', day: 10 }],
    }));
    expect(r.status).toBe(201);
    expect(r.body.checkins.map((c: any) => [c.step, c.day, c.dueAt])).toEqual([
      ['own', 0, '2033-05-02T08:00:00.000Z'],
      ['progress', 3, '2033-05-05T08:00:00.000Z'], // 09:00 in London (BST)
      ['progress', 10, '2033-05-12T08:00:00.000Z'],
    ]);
  });

  it('names each bad field with 400 and changes nothing', async () => {
    const good = newMistake();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'two\r\nlines' }, 'title'],
      [{ title: 42 }, 'title'],
      [{ description: undefined }, 'description'],
      [{ description: 'x'.repeat(5001) }, 'description'],
      [{ impact: 'x'.repeat(5001) }, 'impact'],
      [{ owner: { email: 'not-an-email' } }, 'owner.email'],
      [{ owner: { email: `${'a'.repeat(250)}@example.com` } }, 'owner.email'],
      [{ owner: { email: 'o@example.com', name: 'Evil\nBcc: x@example.com' } }, 'owner.name'],
      [{ owner: { email: 'o@example.com', timeZone: 'Mars/Base' } }, 'owner.timeZone'],
      [{ owner: 'o@example.com' }, 'owner'],
      [{ leader: { email: 'owner@example.com' } }, 'leader.email'],
      [{ leader: { email: 'l@example.com', timeZone: 'Nowhere' } }, 'leader.timeZone'],
      [{ startAt: 'next tuesday' }, 'startAt'],
      [{ skipWeekends: 'yes' }, 'skipWeekends'],
      [{ cadence: [] }, 'cadence'],
      [{ cadence: [{ step: 'apologise', day: 1 }] }, 'cadence.0.step'],
      [{ cadence: [{ step: 'progress', day: -1 }] }, 'cadence.0.day'],
      [{ cadence: [{ step: 'progress', day: 1.5 }] }, 'cadence.0.day'],
      [{ cadence: [{ step: 'progress', day: 400 }] }, 'cadence.0.day'],
      [{ cadence: [{ step: 'own', day: 0 }, { step: 'own', day: 0 }] }, 'cadence'],
    ];
    for (const [patch, field] of cases) await expectRejected({ ...good, ...patch }, 400, field);
    const tooLong = await expectRejected({ ...good, title: 'x'.repeat(201) }, 400, 'title');
    expect(tooLong.error.fields.title).toContain('200');
  });

  it('refuses malformed JSON, a wrong content type and oversized bodies', async () => {
    await expectRejected('{"title": ', 400);
    const before = await dumpTables();
    const plain = await call('POST', '/api/mistakes', JSON.stringify(newMistake()), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(await dumpTables()).toEqual(before);
    await expectRejected({ ...newMistake(), description: 'x'.repeat(70_000) }, 413);
    await expectRejected([1, 2, 3], 400);
  });

  it('answers 404 for unknown mistakes and 409 for impossible transitions', async () => {
    expect((await json('GET', '/api/mistakes/nope')).status).toBe(404);
    expect((await json('POST', '/api/mistakes/nope/pause')).status).toBe(404);
    const m = (await json('POST', '/api/mistakes', newMistake({ owner: { email: 'transitions@example.com' } }))).body;
    expect((await json('POST', `/api/mistakes/${m.id}/resume`)).status).toBe(409);
    expect((await json('POST', `/api/mistakes/${m.id}/close`)).body.status).toBe('closed');
    const again = await json('POST', `/api/mistakes/${m.id}/close`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await json('POST', `/api/mistakes/${m.id}/pause`)).status).toBe(409);
  });

  it('DELETE erases every row of the mistake', async () => {
    const m = (await json('POST', '/api/mistakes', newMistake({ owner: { email: 'erase@example.com' }, leader: { email: 'erase.lead@example.com' } }))).body;
    expect((await json('DELETE', `/api/mistakes/${m.id}`)).body).toEqual({ id: m.id, deleted: true });
    expect((await json('GET', `/api/mistakes/${m.id}`)).status).toBe(404);
    const dump = JSON.stringify(await dumpTables());
    expect(dump).not.toContain(m.id);
    expect(dump).not.toContain('erase@example.com');
    expect(dump).not.toContain('erase.lead@example.com');
  });

  it('describes itself as OpenAPI 3', async () => {
    const r = await call('GET', '/api/openapi.json');
    const doc = (await r.json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/mistakes', '/api/mistakes/{id}', '/api/mistakes/{id}/pause']));
    expect(doc.components.schemas.NewMistake.properties.title.maxLength).toBe(200);
  });
});
