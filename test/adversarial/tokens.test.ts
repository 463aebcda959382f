// Tokens: every link of every kind of email (check-ins, the leader's introduction, digest, alert and closing
// report, the owner's reminder, ack notice and reply receipt, a fresh link, web sign-in and confirmation) and
// every reply address, tampered at each character, truncated, extended, used through another door, after the
// plan was closed, after it was erased, and after it expired: a 4xx (or a rejected reply) and no row changed.
// And what they are made of: at least 128 bits, bound in the database to one role in one mistake, no personal
// data; secrets compared in constant time.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchWith } from '../delivery/harness';
import { TokenMinter } from '../../src/links/tokens';
import { gmailReply } from '../support/inbound-mail';
import { APP, json, linksIn, outbox, page, travel, worker, type OutboxEmail } from '../support/worker';
import { Visitor } from '../web/visitor';
import { count, deliverRaw, fingerprint, quietEventLogs, report } from './support';
import { buildWorld, linkEnding, replyAddressOf, urlsOf, type World } from './world';

const MONDAY = Date.parse('2031-09-01T08:00:00Z');
const DAY = 86_400_000;
const A = { owner: 'tok.a.owner@example.com', leader: 'tok.a.lead@example.com' };
const B = { owner: 'tok.b.owner@example.com', leader: 'tok.b.lead@example.com' };
const WEB = { owner: 'tok.web.owner@example.com', leader: 'tok.web.lead@example.com' };
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

const minter = new TokenMinter(env.SIGNING_KEY);
let world: World;
let loud: () => void;
/** A browser with a CSRF token, so sign-in and confirmation links are refused for their token, not the form. */
let browser: Visitor;

type Door = 'owner' | 'leader' | 'login' | 'confirm';
interface Link {
  url: string;
  door: Door;
  token: string;
  /** The path after the token ('' for sign-in and confirmation links). */
  rest: string;
  email: OutboxEmail;
}

function parse(url: string, email: OutboxEmail): Link | null {
  const path = new URL(url).pathname;
  const m = /^\/(l|lead|login|confirm)\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return null;
  const door = ({ l: 'owner', lead: 'leader', login: 'login', confirm: 'confirm' } as const)[m[1] as 'l' | 'lead' | 'login' | 'confirm'];
  return { url, door, token: m[2]!, rest: m[3] ?? '', email };
}

const linksOf = (emails: OutboxEmail[]) => emails.flatMap((e) => urlsOf(e).map((u) => parse(u, e)).filter((l): l is Link => l !== null));

const prefix = (door: Door) => ({ owner: '/l/', leader: '/lead/', login: '/login/', confirm: '/confirm/' })[door];
const urlWith = (link: Link, token: string) => `${APP}${prefix(link.door)}${token}${link.rest}`;

/** The character at i replaced by another of the same alphabet (so the shape still passes). */
function tamper(token: string, i: number, alphabet = BASE64URL): string {
  const at = alphabet.indexOf(token[i]!);
  const other = alphabet[(at + 1 + (i % 7)) % alphabet.length]!;
  return token.slice(0, i) + other + token.slice(i + 1);
}

/** Truncated, extended, case-flipped, padded, encoded: the shapes a broken mail client makes of a link. */
function mangled(token: string): string[] {
  const flipped = token.replace(/[a-zA-Z]/, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  return [token.slice(0, 31), token.slice(0, 16), token.slice(0, 1), `${token}A`, `${token}=`, `${token}%00`, `${token}.`, ` ${token}`, flipped, token.split('').reverse().join('')];
}

/** A form POST, and a GET unless `post` only (through a browser with a valid CSRF token for the web doors). */
async function getAndPost(door: Door, url: string, postOnly = false): Promise<number[]> {
  const statuses: number[] = [];
  const web = door === 'login' || door === 'confirm';
  if (!postOnly) statuses.push(web ? (await browser.get(url)).status : (await page('GET', url)).status);
  statuses.push(web ? (await browser.post(url)).status : (await page('POST', url, { source: 'email', text: 'tampered', status: 'blocked' })).status);
  count('requests with tokens tampered', statuses.length);
  return statuses;
}

beforeAll(async () => {
  loud = quietEventLogs();
  world = await buildWorld(new Date(MONDAY).toISOString(), [A, B], {
    ...WEB,
    texts: { title: 'Web sign-up for the token tests', description: 'Waiting for confirmation.', impact: '', ownerName: 'Wen', leaderName: 'Wei' },
  });
  browser = new Visitor();
  await browser.get('/login');
});

afterAll(() => {
  loud();
  report('tokens');
});

describe('what a token is made of', () => {
  it('every link carries ≥128 bits, bound to one role in one mistake, and no personal data; every reply address too', async () => {
    const links = linksOf(world.all);
    const kinds = new Set(world.all.map((e) => e.id.split(':')[0]));
    expect([...kinds].sort()).toEqual(['ack', 'alert', 'checkin', 'closing', 'digest', 'intro', 'receipt', 'reminder', 'web-confirm', 'web-sign-in']);
    const where = new Map<string, string>();
    const people = [A.owner, A.leader, B.owner, B.leader, WEB.owner, 'Olu', 'Lee', 'Wen', 'Wei'];
    for (const link of links) {
      // 32 characters of base64url: 192 bits.
      expect(link.token, link.url).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(link.token.length * Math.log2(64)).toBeGreaterThanOrEqual(128);
      // The token is random letters and may spell anything ("wen"): what carries no personal data is the rest.
      const around = link.url.replace(link.token, '<token>').toLowerCase();
      for (const p of people) expect(around, link.url).not.toContain(p.toLowerCase());
      expect(link.url).not.toContain('@');
      // A token belongs to one email (every email mints its own).
      expect(where.get(link.token) ?? link.email.id, link.url).toBe(link.email.id);
      where.set(link.token, link.email.id);
      if (link.door === 'owner' || link.door === 'leader') {
        const row = await env.DB.prepare('select * from tokens where id = ?').bind(await minter.digest(link.token)).first<any>();
        expect(row, link.url).not.toBeNull();
        expect(row.role).toBe(link.door);
        if (link.email.mistakeId) expect(row.mistake_id).toBe(link.email.mistakeId);
        if (link.door === 'leader') expect(row.leader_id).not.toBeNull();
        expect(row.expires_at).toBeGreaterThan(MONDAY);
      } else {
        const row = await env.DB.prepare('select * from login_links where id = ?').bind(await minter.digest(`web-link:${link.token}`)).first<any>();
        expect(row, link.url).not.toBeNull();
        expect(row.purpose).toBe(link.door);
      }
    }
    // The token itself is never stored (only its HMAC), but in the email itself (the local outbox).
    const { outbox: _sent, ...stored } = await fingerprint();
    const dump = JSON.stringify(stored);
    for (const link of links) expect(dump).not.toContain(link.token);

    for (const email of world.all.filter((e) => e.id.startsWith('checkin:'))) {
      const address = replyAddressOf(email);
      const token = /^reply\+([a-z2-7]+)@/.exec(address)![1]!;
      // 32 characters of base32: 160 bits.
      expect(token.length * Math.log2(32)).toBeGreaterThanOrEqual(128);
      const row = await env.DB.prepare('select * from tokens where id = ?').bind(await minter.digest(`reply:${token}`)).first<any>();
      expect(row.role).toBe('owner');
      expect(row.mistake_id).toBe(email.mistakeId);
      expect(row.checkin_id).not.toBeNull();
      expect(dump).not.toContain(token);
    }
  });

  it('session and CSRF cookies carry 192 bits, the CSRF form token 256', async () => {
    const v = new Visitor();
    await v.signIn(A.owner);
    await v.get('/mistakes');
    for (const [name, value] of v.cookies) {
      expect(name).toMatch(/^__Host-mend_(session|csrf)$/);
      expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    expect(v.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('secrets are compared in constant time: the API token and CSRF through timingSafeEqual, the webhook by standardwebhooks; none with ===', () => {
    const sources = import.meta.glob<string>('../../src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });
    const plain = /(\b[\w.]*(?:[tT]oken|[sS]ecret|[sS]ignature|[cC]srf|[aA]piKey)\s*[!=]==?)|([!=]==?\s*[\w.]*(?:[tT]oken|[sS]ecret|[sS]ignature|[cC]srf|[aA]piKey)\b(?![.(\w]))/;
    const offenders = Object.entries(sources).flatMap(([file, text]) =>
      text.split('\n').flatMap((line, i) => {
        // Comparisons with null, undefined or a literal (a role, a kind) compare no secret.
        const code = line.replace(/\/\/.*$/, '').replace(/\s*[!=]==?\s*(null|undefined|'[^']*'|"[^"]*"|\d+)/g, '');
        return plain.test(code) ? [`${file}:${i + 1}: ${line.trim()}`] : [];
      }),
    );
    expect(offenders).toEqual([]);
    expect(sources['../../src/routes/api.ts']).toMatch(/constantTimeEqual\(given, expected\)/);
    expect(sources['../../src/session/csrf.ts']).toMatch(/return constantTimeEqual\(/);
    expect(sources['../../src/http/compare.ts']).toMatch(/crypto\.subtle\.timingSafeEqual/);
    expect(sources['../../src/mail/svix.ts']).toMatch(/hook\.verify\(/);
  });
});

describe('tampered tokens', () => {
  it('each character of every link of every email changed: a 4xx, nothing recorded', async () => {
    const links = linksOf(world.all);
    const seen = new Set<string>();
    for (const link of links) {
      const key = `${link.door}${link.token}${link.rest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const before = await fingerprint();
      for (let i = 0; i < link.token.length; i++) {
        // POSTs (where a change could happen) at every character, GETs at every fourth.
        const statuses = await getAndPost(link.door, urlWith(link, tamper(link.token, i)), i % 4 !== 0);
        count('tokens tampered');
        for (const s of statuses) expect(s, `${link.url} with character ${i} changed`).toBeGreaterThanOrEqual(400);
        for (const s of statuses) expect(s).toBeLessThan(500);
      }
      for (const variant of mangled(link.token)) {
        const statuses = await getAndPost(link.door, urlWith(link, encodeURIComponent(variant)));
        count('tokens tampered');
        for (const s of statuses) expect(s, `${link.url} as ${variant}`).toBeGreaterThanOrEqual(400);
        for (const s of statuses) expect(s).toBeLessThan(500);
      }
      expect(await fingerprint(), `tampering with ${link.url} changed rows`).toEqual(before);
    }
    count('links tampered', seen.size);
  }, 600_000);

  it('each character of every reply address changed: rejected, nothing recorded', async () => {
    for (const email of world.all.filter((e) => e.id.startsWith('checkin:'))) {
      const address = replyAddressOf(email);
      const token = /^reply\+([a-z2-7]+)@/.exec(address)![1]!;
      const owner = email.to;
      const before = await fingerprint();
      for (let i = 0; i < token.length; i++) {
        const to = `reply+${tamper(token, i, BASE32)}@localhost`;
        const delivery = await deliverRaw({ from: owner, to }, gmailReply({ from: owner, to, body: 'on track, tampered', messageId: `<t${i}-${email.id}@x>` }));
        count('reply addresses tampered');
        expect(delivery.rejected, to).not.toBeNull();
      }
      for (const variant of [token.slice(0, 31), `${token}a`, token.slice(1), `${token.slice(0, 16)}`]) {
        const to = `reply+${variant}@localhost`;
        const delivery = await deliverRaw({ from: owner, to }, gmailReply({ from: owner, to, body: 'done', messageId: `<m-${variant}@x>` }));
        count('reply addresses tampered');
        expect(delivery.rejected, to).not.toBeNull();
      }
      expect(await fingerprint()).toEqual(before);
    }
  }, 60_000);

  it('a session cookie changed at each character signs nobody in', async () => {
    const v = new Visitor();
    await v.signIn(A.owner);
    await v.get('/mistakes');
    const name = [...v.cookies.keys()].find((k) => k.endsWith('session'))!;
    const session = v.cookies.get(name)!;
    const mistake = world.plans[0]!.id;
    const before = await fingerprint();
    for (let i = 0; i < session.length; i++) {
      const cookie = [...v.cookies].map(([k, value]) => `${k}=${k === name ? tamper(session, i) : value}`).join('; ');
      const list = await worker.fetch(new Request(`${APP}/mistakes`, { headers: { cookie }, redirect: 'manual' }));
      expect(list.status).toBe(303);
      const body = new URLSearchParams({ csrf: v.csrf! }).toString();
      const close = await worker.fetch(new Request(`${APP}/mistakes/${mistake}/close`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' }));
      expect(close.status).toBe(401);
      count('session cookies tampered');
      count('requests with tokens tampered', 2);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe('tokens on every page of their door', () => {
  it('each owner’s and leader’s token, on every page of its door (not only those its email links to): never a 5xx', async () => {
    const links = linksOf(world.all);
    const pages: Record<'owner' | 'leader', string[]> = {
      owner: ['/answer', '/snooze', '/preview', '/on_track', '/blocked', '/done', '/fresh'],
      leader: ['/thanks', '/talk', '/digest/weekly', '/digest/daily', '/unsubscribe'],
    };
    const seen = new Set<string>();
    for (const link of links) {
      if (link.door !== 'owner' && link.door !== 'leader') continue;
      if (seen.has(link.token)) continue;
      seen.add(link.token);
      for (const rest of pages[link.door]) {
        for (const method of ['GET', 'HEAD', 'POST'] as const) {
          const response = await page(method, `${APP}${prefix(link.door)}${link.token}${rest}`, method === 'POST' ? { source: 'email', text: 'From another page', status: 'on_track' } : undefined);
          count('token × page requests');
          expect(response.status, `${method} ${link.door} token of "${link.email.subject}" on ${rest}`).toBeLessThan(500);
        }
      }
    }
  }, 60_000);
});

describe('tokens in logs', () => {
  it('a request that fails on our side logs its path without the token, whatever the door', async () => {
    const link = (door: Door) => linksOf(world.all).find((l) => l.door === door)!;
    // A database that refuses everything: every request fails on our side and is logged.
    const broken = { prepare: () => { throw new Error('D1 is down'); }, batch: () => { throw new Error('D1 is down'); } };
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    try {
      for (const door of ['owner', 'leader', 'login', 'confirm'] as const) {
        const { url, token } = link(door);
        const response = await fetchWith({ ...env, DB: broken } as unknown as Env, new Request(url, { method: 'POST' }));
        expect(response.status).toBe(500);
        expect(logged.length).toBeGreaterThan(0);
        for (const line of logged) expect(line, door).not.toContain(token);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('tokens through the wrong door', () => {
  it('an owner’s token on a leader’s page, a leader’s on an owner’s, sign-in and confirmation swapped, reply tokens as links: 4xx, nothing recorded', async () => {
    const links = linksOf(world.all);
    const byDoor = (door: Door) => [...new Set(links.filter((l) => l.door === door).map((l) => l.token))];
    const replyTokens = world.all.filter((e) => e.id.startsWith('checkin:')).map((e) => /^reply\+([a-z2-7]+)@/.exec(replyAddressOf(e))![1]!);
    const doors: [Door, string[], string[]][] = [
      ['leader', [...byDoor('owner'), ...byDoor('login'), ...byDoor('confirm'), ...replyTokens], ['/thanks', '/talk', '/digest/daily', '/unsubscribe']],
      ['owner', [...byDoor('leader'), ...byDoor('login'), ...byDoor('confirm'), ...replyTokens], ['/answer', '/preview', '/snooze', '/on_track', '/done', '/fresh']],
      ['login', [...byDoor('owner'), ...byDoor('leader'), ...byDoor('confirm')], ['']],
      ['confirm', [...byDoor('owner'), ...byDoor('leader'), ...byDoor('login')], ['']],
    ];
    const before = await fingerprint();
    for (const [door, tokens, rests] of doors) {
      for (const token of tokens) {
        for (const rest of rests) {
          const statuses = await getAndPost(door, `${APP}${prefix(door)}${token}${rest}`);
          count('tokens used through another door');
          for (const s of statuses) expect(s, `${prefix(door)}${token}${rest}`).toBeGreaterThanOrEqual(400);
          for (const s of statuses) expect(s).toBeLessThan(500);
        }
      }
    }
    // Link tokens as reply addresses, and as session cookies.
    for (const token of [...byDoor('owner'), ...byDoor('leader')].slice(0, 6)) {
      const to = `reply+${token.toLowerCase()}@localhost`;
      expect((await deliverRaw({ from: A.owner, to }, gmailReply({ from: A.owner, to, body: 'done', messageId: `<door-${token}@x>` }))).rejected).not.toBeNull();
      const signedIn = await worker.fetch(new Request(`${APP}/mistakes`, { headers: { cookie: `__Host-mend_session=${token}` }, redirect: 'manual' }));
      expect(signedIn.status).toBe(303);
      count('tokens used through another door', 2);
    }
    expect(await fingerprint()).toEqual(before);
  }, 60_000);

  it('one mistake’s check-in, reply address or owner never answers another’s', async () => {
    const [a, b] = world.plans;
    const before = await fingerprint();
    // The API: B's check-in through A's mistake.
    const r = await json('POST', `/api/mistakes/${a!.id}/updates`, { checkinId: b!.checkinIds[3], text: 'crossed' });
    expect(r.status).toBe(404);
    // A reply to A's check-in from B's owner, and B's reply address with A's owner.
    for (const [email, from] of [
      [a!.emails.get('checkin.progress.last')!, B.owner],
      [b!.emails.get('checkin.progress.last')!, A.owner],
    ] as const) {
      const to = replyAddressOf(email);
      const delivery = await deliverRaw({ from, to }, gmailReply({ from, to, body: 'blocked: crossed wires', messageId: `<cross-${email.id}@x>` }));
      expect(delivery.rejected).toMatch(/only from the address/);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

/** A plan with a leader whose own and progress check-ins have gone, and whose leader was introduced. */
async function livePlan(owner: string, leader: string, at: number) {
  const r = await json('POST', '/api/mistakes', {
    title: `Live plan of ${owner}`,
    description: 'For the token tests.',
    owner: { email: owner, name: 'Liv', timeZone: 'UTC' },
    leader: { email: leader, name: 'Lea', timeZone: 'UTC' },
    startAt: new Date(at).toISOString(),
    skipWeekends: false,
    cadence: [
      { step: 'own', day: 0 },
      { step: 'progress', day: 0 },
      { step: 'progress', day: 9 },
    ],
  });
  expect(r.status).toBe(201);
  await travel(new Date(at + 60_000).toISOString());
  const emails = () => outbox().then((all) => all.filter((e) => e.mistakeId === r.body.id));
  const own = (await emails()).find((e) => e.id === `checkin:${r.body.checkins[0].id}:1`)!;
  expect((await page('POST', linkEnding(own, 'answer'), { text: 'Mine.' })).status).toBe(200);
  await travel(new Date(at + 12 * 60_000).toISOString()); // the statement has stood 10 minutes: the introduction
  return { id: r.body.id as string, emails: await emails() };
}

/** Every link of these emails, GET and POST: all 4xx but the few the product honours on purpose. */
async function expectDead(emails: OutboxEmail[], allowed: (link: Link) => boolean, what: string) {
  const links = linksOf(emails);
  expect(links.length).toBeGreaterThan(5);
  const before = await fingerprint();
  for (const link of links.filter((l) => !allowed(l))) {
    const statuses = await getAndPost(link.door, link.url);
    count(`links used ${what}`);
    for (const s of statuses) expect(s, `${link.url} ${what}`).toBeGreaterThanOrEqual(400);
    for (const s of statuses) expect(s).toBeLessThan(500);
  }
  for (const email of emails.filter((e) => e.headers['Reply-To'])) {
    const to = replyAddressOf(email);
    const delivery = await deliverRaw({ from: email.to, to }, gmailReply({ from: email.to, to, body: 'on track', messageId: `<${what}-${email.id}@x>` }));
    count(`reply addresses used ${what}`);
    expect(delivery.rejected, `a reply ${what}`).not.toBeNull();
  }
  expect(await fingerprint(), `links used ${what} changed rows`).toEqual(before);
  return links;
}

describe('tokens of a closed, an erased and an expired plan', () => {
  it('after close: every link 4xx and nothing recorded; only the leader’s “stop” still works (stopping mail can harm no one)', async () => {
    const plan = await livePlan('tok.closed@example.com', 'tok.closed.lead@example.com', MONDAY + 7 * DAY);
    expect((await json('POST', `/api/mistakes/${plan.id}/close`)).status).toBe(200);
    const links = await expectDead(plan.emails, (l) => l.rest === '/unsubscribe', 'after close');
    const stop = links.find((l) => l.rest === '/unsubscribe')!;
    expect((await page('POST', stop.url)).status).toBe(200);
  });

  it('after DELETE: every link, the leader’s “stop” included, 4xx and nothing recorded', async () => {
    const plan = await livePlan('tok.erased@example.com', 'tok.erased.lead@example.com', MONDAY + 7 * DAY + 3_600_000);
    expect((await json('DELETE', `/api/mistakes/${plan.id}`)).status).toBe(200);
    await expectDead(plan.emails, () => false, 'after delete');
  });

  it('after they expire: every link 4xx; an owner can ask for a fresh link (202), a leader can still stop mail; the fresh link works and resists tampering', async () => {
    // 45 days after the world's week, and a week after the web sign-up nobody confirmed (it is erased).
    await travel(new Date(MONDAY + 50 * DAY).toISOString());
    const emails = world.all;
    const links = await expectDead(emails, (l) => l.rest === '/unsubscribe' || l.rest === '/fresh', 'after expiry');
    expect(links.some((l) => l.door === 'login') && links.some((l) => l.door === 'confirm')).toBe(true);

    // The owner's expired link offers a fresh one; it comes by email once per hour, whatever the presses.
    const expired = world.plans[0]!.emails.get('checkin.progress')!;
    const token = parse(linkEnding(expired, 'answer'), expired)!.token;
    const offer = await page('GET', linkEnding(expired, 'answer'));
    expect(offer.status).toBe(410);
    expect(await offer.text()).toContain('/fresh');
    expect((await page('POST', `${APP}/l/${token}/fresh`)).status).toBe(202);
    expect((await page('POST', `${APP}/l/${token}/fresh`)).status).toBe(202);
    const fresh = (await outbox()).filter((e) => e.id.startsWith('fresh:'));
    expect(fresh).toHaveLength(1);
    const freshLink = parse(linkEnding(fresh[0]!, 'answer'), fresh[0]!)!;
    expect((await page('GET', freshLink.url)).status).toBe(200);
    // A leader's expired link still stops their mail, and only that.
    const stop = links.find((l) => l.door === 'leader' && l.rest === '/unsubscribe')!;
    expect((await page('GET', stop.url)).status).toBe(200);

    const before = await fingerprint();
    for (let i = 0; i < 32; i++) {
      for (const s of await getAndPost('owner', urlWith(freshLink, tamper(freshLink.token, i)))) expect(s).toBe(404);
      count('tokens tampered');
    }
    const to = replyAddressOf(fresh[0]!);
    const replyToken = /^reply\+([a-z2-7]+)@/.exec(to)![1]!;
    for (let i = 0; i < 32; i++) {
      const wrong = `reply+${tamper(replyToken, i, BASE32)}@localhost`;
      expect((await deliverRaw({ from: fresh[0]!.to, to: wrong }, gmailReply({ from: fresh[0]!.to, to: wrong, body: 'on track', messageId: `<f${i}@x>` }))).rejected).not.toBeNull();
      count('reply addresses tampered');
    }
    expect(await fingerprint()).toEqual(before);
  }, 60_000);
});
