// Signing in by email link: one-time, short-lived, stored hashed; the session cookie's attributes; signing out.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, outbox, travel } from '../support/worker';
import { latestLink, Visitor } from './visitor';

let clock = Date.parse('2032-05-03T08:00:00Z');
const tick = async (ms: number) => {
  clock += ms;
  await travel(new Date(clock).toISOString());
};

beforeAll(async () => {
  await travel(new Date(clock).toISOString());
});

describe('sign-in links', () => {
  it('an address with no plan gets the same answer and no email', async () => {
    const v = new Visitor();
    await v.get('/login');
    const before = (await outbox()).length;
    const r = await v.post('/login', { email: 'stranger@example.com' });
    expect(r.status).toBe(202);
    expect(r.html).toContain('If stranger@example.com has a plan in Mend');
    expect((await outbox()).length).toBe(before);
  });

  it('the link opens a page that changes nothing; its button signs in once, and the token is stored only hashed', async () => {
    const owner = 'session.owner@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    expect((await v.post('/login', { email: ' Session.Owner@Example.com ' })).status).toBe(202);
    const link = await latestLink(owner, '/login/');
    const token = link.split('/login/')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const rows = await env.DB.prepare('select * from login_links where email = ?').bind(owner).all<any>();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toContain(token);
    expect(rows.results[0].expires_at - rows.results[0].created_at).toBeLessThanOrEqual(30 * 60_000);

    const before = await dumpTables();
    const opened = await v.get(link);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('<form method="post"');
    await v.request('HEAD', link);
    expect(await dumpTables()).toEqual(before);

    const used = await v.post(link);
    expect(used.status).toBe(303);
    expect(used.location).toBe('/mistakes');
    const cookie = v.setCookies.find((c) => c.startsWith('__Host-mend_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//i);
    const sessionToken = v.cookies.get('__Host-mend_session')!;
    const sessions = await env.DB.prepare('select * from sessions where email = ?').bind(owner).all<any>();
    expect(sessions.results).toHaveLength(1);
    expect(JSON.stringify(sessions.results)).not.toContain(sessionToken);

    const mine = await v.get('/mistakes');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Your mistakes');

    // Single use: a second press, even from another browser, is refused.
    const other = new Visitor();
    expect((await other.get(link)).status).toBe(410);
    await other.get('/login');
    expect((await other.post(link)).status).toBe(410);
  });

  it('a link expires after its short life', async () => {
    const owner = 'slow.reader@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    await v.post('/login', { email: owner });
    const link = await latestLink(owner, '/login/');
    await v.get(link);
    await tick(31 * 60_000);
    const late = await v.post(link);
    expect(late.status).toBe(410);
    expect(late.html).toContain('expired');
    expect(v.cookies.has('__Host-mend_session')).toBe(false);
  });

  it('tampered or unknown links get a clear 404 page', async () => {
    const v = new Visitor();
    expect((await v.get('/login/short')).status).toBe(404);
    expect((await v.get(`/login/${'A'.repeat(32)}`)).status).toBe(404);
    expect((await v.get(`/confirm/${'A'.repeat(32)}`)).status).toBe(404);
  });

  it('asking again and again sends at most 5 links a day; the rest are refused in words', async () => {
    // An hour of its own: in development every request is one client, with 10 sign-in requests an hour.
    await tick(3_600_000);
    const owner = 'eager@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await v.post('/login', { email: owner })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expect((await outbox()).filter((e) => e.to === owner && e.subject.includes('sign in'))).toHaveLength(5);
  });
});

describe('sessions', () => {
  it('signing out ends the session on the server and clears the cookie', async () => {
    const owner = 'leaving@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.signIn(owner);
    const token = v.cookies.get('__Host-mend_session')!;
    await v.get('/mistakes');
    const out = await v.post('/logout');
    expect(out.status).toBe(200);
    expect(v.cookies.has('__Host-mend_session')).toBe(false);
    expect((await env.DB.prepare('select count(*) as n from sessions where email = ?').bind(owner).first<any>()).n).toBe(0);
    // The old cookie, replayed, opens nothing.
    const replay = new Visitor();
    replay.cookies.set('__Host-mend_session', token);
    const r = await replay.get('/mistakes');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/login?from=page');
  });

  it('a session ends after a day without use, and a week after sign-in however often it is used', async () => {
    const owner = 'idle.owner@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const idle = new Visitor();
    await idle.signIn(owner);
    expect((await idle.get('/mistakes')).status).toBe(200);
    await tick(25 * 3_600_000);
    expect((await idle.get('/mistakes')).status).toBe(303);

    const busy = new Visitor();
    await busy.signIn(owner);
    // Used every 20 hours: each use moves the idle limit on, until the week is up.
    for (let hours = 23; hours < 7 * 24; hours += 23) {
      await tick(23 * 3_600_000);
      expect((await busy.get('/mistakes')).status, `after ${hours} hours`).toBe(200);
    }
    await tick(23 * 3_600_000);
    expect((await busy.get('/mistakes')).status).toBe(303);
  });

  it('a made-up session cookie is nobody', async () => {
    const v = new Visitor();
    v.cookies.set('__Host-mend_session', 'x'.repeat(32));
    expect((await v.get('/mistakes')).status).toBe(303);
    expect((await v.get('/leading')).status).toBe(303);
  });
});
