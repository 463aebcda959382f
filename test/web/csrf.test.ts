// CSRF: every form carries a token bound to this browser's cookie and session; without it, or with another
// browser's, or from another site, a POST changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, travel } from '../support/worker';
import { latestLink, logForm, Visitor } from './visitor';

// The file's one clock, pinned (a Saturday evening), so the pages it reads never depend on the machine's date.
beforeAll(async () => {
  await travel('2033-06-11T19:30:00Z');
});

async function signedInOwner(owner: string) {
  const mistake = await createMistake({ owner: { email: owner }, leader: null });
  const v = new Visitor();
  await v.signIn(owner);
  await v.get(`/mistakes/${mistake.id}`);
  return { v, id: mistake.id as string };
}

const statusOf = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body.status;

describe('CSRF on every form', () => {
  it('a POST without the token changes nothing', async () => {
    const { v, id } = await signedInOwner('csrf.none@example.com');
    const before = await dumpTables();
    const r = await v.request('POST', `/mistakes/${id}/pause`, { form: {} });
    expect(r.status).toBe(403);
    expect(r.html).toContain('Nothing was changed');
    expect(await dumpTables()).toEqual(before);
    expect(await statusOf(id)).toBe('active');
  });

  it("another browser's token does not work here, even for the same address", async () => {
    const { v, id } = await signedInOwner('csrf.other@example.com');
    const other = new Visitor();
    await other.signIn('csrf.other@example.com');
    await other.get(`/mistakes/${id}`);
    expect((await v.post(`/mistakes/${id}/pause`, { csrf: other.csrf! })).status).toBe(403);
    expect(await statusOf(id)).toBe('active');
  });

  it('a token from before signing in is not valid after it', async () => {
    const owner = 'csrf.before@example.com';
    const mistake = await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    const anonymous = v.csrf!;
    await v.signIn(owner);
    expect((await v.post(`/mistakes/${mistake.id}/pause`, { csrf: anonymous })).status).toBe(403);
    expect(await statusOf(mistake.id)).toBe('active');
  });

  it('a POST from another site is refused whatever it carries', async () => {
    const { v, id } = await signedInOwner('csrf.origin@example.com');
    expect((await v.post(`/mistakes/${id}/pause`, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await v.post(`/mistakes/${id}/pause`, {}, { origin: 'null' })).status).toBe(403);
    expect(await statusOf(id)).toBe('active');
    const ok = await v.post(`/mistakes/${id}/pause`, {}, { origin: 'https://localhost' });
    expect(ok.status).toBe(303);
    expect(await statusOf(id)).toBe('paused');
  });

  it('the log-a-mistake form comes back filled in, and records nothing', async () => {
    const v = new Visitor();
    await v.get('/');
    const before = await dumpTables();
    const r = await v.post('/', logForm({ owner_email: 'csrf.log@example.com', csrf: 'forged' }));
    expect(r.status).toBe(403);
    expect(r.html).toContain('Missed the hand-over of the on-call rota');
    expect(r.html).toContain('csrf.log@example.com');
    expect(await dumpTables()).toEqual(before);
    // The page it came back on carries a good token: sending it again works.
    expect((await v.post('/', logForm({ owner_email: 'csrf.log@example.com' }))).status).toBe(202);
  });

  it('the one-time link forms need the token too, and a refused press leaves the link usable', async () => {
    const owner = 'csrf.link@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    await v.post('/login', { email: owner });
    const link = await latestLink(owner, '/login/');
    const forged = new Visitor();
    expect((await forged.request('POST', link, { form: {} })).status).toBe(403);
    expect(forged.cookies.has('__Host-mend_session')).toBe(false);
    await v.get(link);
    expect((await v.post(link)).status).toBe(303);
  });

  it('sign-out needs the token', async () => {
    const { v } = await signedInOwner('csrf.logout@example.com');
    expect((await v.post('/logout', { csrf: 'nope' })).status).toBe(403);
    expect((await v.get('/mistakes')).status).toBe(200);
  });
});
