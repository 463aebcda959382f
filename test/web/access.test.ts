// Access: an owner sees and changes only their own mistakes; a leader sees only mistakes that name them, and
// only once the owner has written their ownership statement; nobody signed out sees anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, travel } from '../support/worker';
import { Visitor } from './visitor';

// The file's one clock, pinned (a Sunday evening), so the pages it reads never depend on the machine's date.
beforeAll(async () => {
  await travel('2033-09-11T21:00:00Z');
});

async function withOwnership(owner: string, leader: string | null, title: string) {
  const m = await createMistake({ title, owner: { email: owner, name: owner.split('@')[0] }, leader: leader ? { email: leader } : null });
  const own = m.checkins.find((c: any) => c.step === 'own');
  const r = await json('POST', `/api/mistakes/${m.id}/updates`, { checkinId: own.id, text: `Ownership for ${title}` });
  expect(r.status).toBe(201);
  return m;
}

describe('owners', () => {
  it("never see or change another owner's mistake", async () => {
    const theirs = await withOwnership('access.b@example.com', null, 'B private matter');
    await createMistake({ owner: { email: 'access.a@example.com' }, leader: null, title: 'A own matter' });
    const a = new Visitor();
    await a.signIn('access.a@example.com');
    const list = await a.get('/mistakes');
    expect(list.html).toContain('A own matter');
    expect(list.html).not.toContain('B private matter');

    const page = await a.get(`/mistakes/${theirs.id}`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('B private matter');

    const checkin = theirs.checkins[0].id;
    const before = await dumpTables();
    for (const path of ['pause', 'close', 'erase', 'confirm', `checkins/${checkin}/answer`, `checkins/${checkin}/snooze`]) {
      const r = await a.post(`/mistakes/${theirs.id}/${path}`, { text: 'not mine to write' });
      expect(r.status, path).toBe(404);
    }
    expect((await a.get(`/mistakes/${theirs.id}/checkins/${checkin}/answer`)).status).toBe(404);
    expect((await a.get(`/mistakes/${theirs.id}/erase`)).status).toBe(404);
    expect(await dumpTables()).toEqual(before);
  });

  it('cannot acknowledge as a leader on their own mistake', async () => {
    const m = await withOwnership('access.self@example.com', 'access.selflead@example.com', 'Self ack');
    const v = new Visitor();
    await v.signIn('access.self@example.com');
    await v.get('/leading');
    expect((await v.post(`/leading/${m.id}/ack`, { status: 'thanks' })).status).toBe(404);
  });
});

describe('leaders', () => {
  it('see only mistakes that name them, once the owner has owned it, and can acknowledge those', async () => {
    const lead = 'access.lead@example.com';
    const named = await withOwnership('access.c@example.com', lead, 'Named and owned');
    await createMistake({ title: 'Named, not owned yet', owner: { email: 'access.d@example.com' }, leader: { email: lead } });
    const other = await withOwnership('access.e@example.com', 'someone.else@example.com', 'Another leader');

    const l = new Visitor();
    await l.signIn(lead);
    const page = await l.get('/leading');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Named and owned');
    expect(page.html).toContain('Ownership for Named and owned');
    expect(page.html).not.toContain('Named, not owned yet');
    expect(page.html).not.toContain('Another leader');

    // The owner's pages stay the owner's, even for their leader.
    expect((await l.get(`/mistakes/${named.id}`)).status).toBe(404);
    expect((await l.post(`/mistakes/${named.id}/pause`)).status).toBe(404);

    const before = await dumpTables();
    expect((await l.post(`/leading/${other.id}/ack`, { status: 'thanks' })).status).toBe(404);
    expect(await dumpTables()).toEqual(before);

    const ack = await l.post(`/leading/${named.id}/ack`, { status: 'talk' });
    expect(ack.status).toBe(303);
    const updates = (await json('GET', `/api/mistakes/${named.id}`)).body.updates;
    expect(updates.filter((u: any) => u.kind === 'ack')).toEqual([expect.objectContaining({ kind: 'ack', status: 'talk', author: 'leader', settled: true })]);
    // A second press of the same button records it once.
    await l.get('/leading');
    await l.post(`/leading/${named.id}/ack`, { status: 'talk' });
    expect((await json('GET', `/api/mistakes/${named.id}`)).body.updates.filter((u: any) => u.kind === 'ack')).toHaveLength(1);

    // The owner sees it on the timeline.
    const owner = new Visitor();
    await owner.signIn('access.c@example.com');
    expect((await owner.get(`/mistakes/${named.id}`)).html).toContain('Let’s talk');
  });

  it('an address that leads nothing visible cannot even get a sign-in link', async () => {
    await createMistake({ title: 'Quiet', owner: { email: 'access.f@example.com' }, leader: { email: 'access.quiet@example.com' } });
    const v = new Visitor();
    await v.get('/login');
    await v.post('/login', { email: 'access.quiet@example.com' });
    const emails = (await json('GET', '/dev/outbox.json')).body.emails.filter((e: any) => e.to === 'access.quiet@example.com');
    expect(emails).toHaveLength(0);
  });
});

describe('signed out', () => {
  it('sees no mistake and changes nothing', async () => {
    const m = await withOwnership('access.g@example.com', 'access.glead@example.com', 'Signed-out check');
    const v = new Visitor();
    await v.get('/');
    for (const path of ['/mistakes', `/mistakes/${m.id}`, '/leading']) {
      const r = await v.get(path);
      expect(r.status, path).toBe(303);
      expect(r.location).toBe('/login?from=page');
    }
    const before = await dumpTables();
    expect((await v.post(`/mistakes/${m.id}/erase`)).status).toBe(401);
    expect((await v.post(`/leading/${m.id}/ack`, { status: 'thanks' })).status).toBe(401);
    expect(await dumpTables()).toEqual(before);
  });
});
