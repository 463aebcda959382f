// What keeps a session to the person it belongs to (issue 13, finding 1 and 2): signing out everywhere, a new
// session on every emailed link, a sign-in page that names its address, one link voiding the others, a /login
// that answers before it looks anything up, and cookies and HSTS that follow APP_URL, not the request.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { createMistake } from '../support/mistakes';
import { travel } from '../support/worker';
import { latestLink, logForm, Visitor } from './visitor';

const SESSION = '__Host-mend_session';

beforeAll(async () => {
  await travel('2032-09-06T08:00:00Z');
});

async function signedIn(owner: string): Promise<Visitor> {
  const v = new Visitor();
  await v.signIn(owner);
  expect((await v.get('/mistakes')).status).toBe(200);
  return v;
}

describe('sign out everywhere', () => {
  it('ends every session of the address, in every browser', async () => {
    const owner = 'everywhere@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const laptop = await signedIn(owner);
    const phone = await signedIn(owner);
    const page = await laptop.get('/mistakes');
    expect(page.html).toContain('action="/logout/everywhere"');
    const out = await laptop.post('/logout/everywhere');
    expect(out.status).toBe(200);
    expect(out.html).toContain('signed out everywhere');
    expect((await phone.get('/mistakes')).status).toBe(303);
    expect((await laptop.get('/mistakes')).status).toBe(303);
    expect((await env.DB.prepare('select count(*) as n from sessions where email = ?').bind(owner).first<any>()).n).toBe(0);
  });
});

describe('confirming a web sign-up', () => {
  it('closes the session this browser had before, as signing in does', async () => {
    const earlier = 'earlier.user@example.com';
    await createMistake({ owner: { email: earlier }, leader: null });
    const shared = await signedIn(earlier);
    const before = shared.cookies.get(SESSION)!;

    const newcomer = 'newcomer@example.com';
    await shared.get('/');
    const logged = await shared.post('/', logForm({ owner_email: newcomer, leader_email: '', leader_name: '' }));
    expect(logged.status, logged.html.match(/class="error"[^<]*<[^>]*>[^<]*/g)?.join(' ')).toBe(202);
    const confirm = await latestLink(newcomer, '/confirm/');
    await shared.get(confirm);
    expect((await shared.post(confirm)).status).toBe(303);

    const replay = new Visitor();
    replay.cookies.set(SESSION, before);
    expect((await replay.get('/mistakes')).status).toBe(303);
    expect((await env.DB.prepare('select count(*) as n from sessions where email = ?').bind(earlier).first<any>()).n).toBe(0);
  });
});

describe('sign-in links', () => {
  it('open a page that names the address they sign in', async () => {
    const owner = 'named.address@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    await v.post('/login', { email: owner });
    const opened = await v.get(await latestLink(owner, '/login/'));
    expect(opened.html).toMatch(/<strong data-signs-in="?[^>]*>named\.address@example\.com<\/strong>/);
  });

  it('used once, void the address’s other open links', async () => {
    const owner = 'two.links@example.com';
    await createMistake({ owner: { email: owner }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    await v.post('/login', { email: owner });
    const first = await latestLink(owner, '/login/');
    await v.post('/login', { email: owner });
    const second = await latestLink(owner, '/login/');
    expect(second).not.toBe(first);
    await v.get(second);
    expect((await v.post(second)).status).toBe(303);
    const other = new Visitor();
    expect((await other.get(first)).status).toBe(410);
  });
});

describe('POST /login', () => {
  /** The D1 statements the Worker ran before its response, and after it (waitUntil), for one sign-in request. */
  async function statementsFor(email: string) {
    let calls = 0;
    const counted = new Proxy(env.DB, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (name === 'prepare' || name === 'batch' || name === 'exec') calls++;
          return value.apply(target, args);
        };
      },
    });
    const v = new Visitor();
    await v.get('/login');
    const ctx = createExecutionContext();
    const request = new Request('https://localhost/login', {
      method: 'POST',
      headers: { cookie: [...v.cookies].map(([k, val]) => `${k}=${val}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: v.csrf!, email }).toString(),
    });
    const response = await worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, { ...env, DB: counted } as Env, ctx);
    const before = calls;
    await waitOnExecutionContext(ctx);
    return { status: response.status, html: await response.text(), before, after: calls - before };
  }

  it('does the same work before answering for a known and an unknown address; the lookup and email come after', async () => {
    const known = 'known.timing@example.com';
    await createMistake({ owner: { email: known }, leader: null });
    const a = await statementsFor(known);
    const b = await statementsFor('unknown.timing@example.com');
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.before).toBe(b.before);
    // The known address's lookup and email did happen, after the response.
    expect(a.after).toBeGreaterThan(b.after);
    expect(await latestLink(known, '/login/')).toContain('/login/');
  });
});

describe('https comes from APP_URL', () => {
  it('a page asked for over plain http still gets HSTS and a Secure __Host- cookie', async () => {
    const v = new Visitor('http://localhost');
    const page = await v.get('/login');
    expect(page.response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    const csrf = v.setCookies.find((c) => c.startsWith('__Host-mend_csrf='));
    expect(csrf).toMatch(/;\s*Secure/i);
  });

  it('over http (APP_URL http://localhost:8787, as npm start) there is no HSTS and no __Host- prefix', async () => {
    const response = await worker.fetch!(new Request('https://localhost:8787/login') as Request<unknown, IncomingRequestCfProperties>, { ...env, APP_URL: 'http://localhost:8787' } as Env, createExecutionContext());
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.getSetCookie().some((c) => c.startsWith('mend_csrf=') && !/;\s*Secure/i.test(c))).toBe(true);
  });
});
