// Privacy: an owner or a leader never reads another's mistake through any door (emails and their links, link
// pages, web pages and forms, the API), and erasing a mistake (DELETE /api/mistakes/:id, or the web's erase)
// leaves no row anywhere that names it or its people: every column of every table is searched for the mistake's
// ids, its people's addresses and names, and every word they wrote. The one exception is the suppression list:
// a person's request to get no more mail (or a hard bounce, a complaint) outlives the erasure, or the next plan
// naming the address would mail them again; it holds the bare address and why, nothing else.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenMinter } from '../../src/links/tokens';
import { DEAD_LETTER_QUEUE } from '../../src/jobs/send-queue';
import { FakeResend } from '../delivery/fake-resend';
import { deliveryEnv, drain, fetchWith, invokeQueue, runScheduledWith, SimulatedQueue } from '../delivery/harness';
import { APP, dumpTables, json, outbox, page, travel } from '../support/worker';
import { Visitor } from '../web/visitor';
import { count, quietEventLogs, report } from './support';
import { buildWorld, linkEnding, urlsOf, type Plan, type PlanTexts, type World } from './world';

const MONDAY = Date.parse('2031-11-03T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHARED_LEADER = 'priv.shared.lead@example.com';

/** Every text of a plan carries its own word, so a word found where it should not be names the plan. */
function textsOf(word: string): PlanTexts {
  return {
    title: `${word} title: shipped the export unreviewed`,
    description: `${word} description: forty invoices went out twice.`,
    impact: `${word} impact: support refunded forty customers.`,
    ownerName: `${word} Ownerperson`,
    leaderName: word === 'Cardamom' ? 'Cardamom Leaderperson' : 'Sharedleader Person',
    ownership: `${word} ownership: I skipped the review.`,
    learning: `${word} learning: money code gets two reviewers.`,
    plan: `${word} plan: a billing deploy freeze after Thursday noon.`,
    note: `${word} note: the review rota is not agreed yet.`,
  };
}

const SPECS = [
  { owner: 'priv.amaranth@example.com', leader: SHARED_LEADER, texts: textsOf('Amaranth') },
  { owner: 'priv.bergamot@example.com', leader: SHARED_LEADER, texts: textsOf('Bergamot') },
  { owner: 'priv.cardamom@example.com', leader: 'priv.cardamom.lead@example.com', texts: textsOf('Cardamom') },
];
const WORDS = ['Amaranth', 'Bergamot', 'Cardamom'];
const minter = new TokenMinter(env.SIGNING_KEY);

let world: World;
let loud: () => void;
const plan = (word: string) => world.plans[WORDS.indexOf(word)]!;

beforeAll(async () => {
  loud = quietEventLogs();
  world = await buildWorld(new Date(MONDAY).toISOString(), SPECS, {
    owner: 'priv.web@example.com',
    leader: 'priv.web.lead@example.com',
    texts: { title: 'Dill title: a web sign-up', description: 'Dill description', impact: 'Dill impact', ownerName: 'Dill Ownerperson', leaderName: 'Dill Leaderperson' },
  });
});

afterAll(() => {
  loud();
  report('privacy');
});

/** Which plans a person may read: those they own, and those that name them as leader. */
function readableBy(address: string): { owns: Set<string>; leads: Set<string> } {
  const owns = new Set(world.plans.filter((p) => p.spec.owner === address).map((p) => p.id));
  const leads = new Set(world.plans.filter((p) => p.spec.leader === address).map((p) => p.id));
  return { owns, leads };
}

const wordOf = (p: Plan) => WORDS[world.plans.indexOf(p)]!;

async function signedIn(address: string): Promise<Visitor> {
  const v = new Visitor();
  await v.signIn(address);
  return v;
}

describe('nobody reads another’s mistake', () => {
  it('every email speaks only of mistakes its recipient owns or leads, and its tokens act only for them', async () => {
    for (const email of await outbox()) {
      const { owns, leads } = readableBy(email.to);
      const readable = new Set([...owns, ...leads]);
      for (const p of world.plans.filter((x) => !readable.has(x.id))) {
        expect(`${email.html}\n${email.text}\n${email.subject}`, `"${email.subject}" to ${email.to}`).not.toContain(wordOf(p));
      }
      for (const url of urlsOf(email)) {
        const m = /\/(l|lead)\/([A-Za-z0-9_-]{32})\//.exec(new URL(url).pathname);
        if (!m) continue;
        const row = await env.DB.prepare('select role, mistake_id from tokens where id = ?').bind(await minter.digest(m[2]!)).first<{ role: string; mistake_id: string }>();
        expect(row, url).not.toBeNull();
        // An owner's token goes only to that mistake's owner, a leader's only to its leader.
        expect((row!.role === 'owner' ? owns : leads).has(row!.mistake_id), `${url} in "${email.subject}" to ${email.to}`).toBe(true);
        count('email links checked');
      }
    }
  });

  it('link pages (the owner’s preview of the shared leader’s digest included) show their own mistake only', async () => {
    for (const p of world.plans) {
      for (const email of p.emails.values()) {
        for (const url of urlsOf(email)) {
          const m = /\/(l|lead)\/([A-Za-z0-9_-]{32})\//.exec(new URL(url).pathname);
          if (!m) continue;
          // A digest holds links for each of its plans: a page shows the plan its token names, and no other.
          const row = await env.DB.prepare('select mistake_id from tokens where id = ?').bind(await minter.digest(m[2]!)).first<{ mistake_id: string }>();
          const others = world.plans.filter((x) => x.id !== row!.mistake_id).map(wordOf);
          const response = await page('GET', url);
          const html = await response.text();
          for (const word of others) expect(html, `${url} (from "${email.subject}")`).not.toContain(word);
          count('link pages checked');
        }
      }
    }
  });

  it('the web: an owner gets “not found” for every page and form of another’s mistake; a leader sees only the plans that name them', async () => {
    const a = plan('Amaranth');
    const before = await dumpTables();
    const bergamot = await signedIn(SPECS[1]!.owner);
    const list = await bergamot.get('/mistakes');
    expect(list.html).toContain('Bergamot title');
    expect(list.html).not.toMatch(/Amaranth|Cardamom/);
    const gets = ['', '/close', '/erase', ...a.checkinIds.map((c) => `/checkins/${c}/answer`)];
    for (const rest of gets) {
      const seen = await bergamot.get(`/mistakes/${a.id}${rest}`);
      expect(seen.status, rest).toBe(404);
      expect(seen.html).not.toContain('Amaranth');
      count('web routes refused');
    }
    await bergamot.get('/mistakes');
    const posts = ['/confirm', '/pause', '/resume', '/close', '/erase', ...a.checkinIds.flatMap((c) => [`/checkins/${c}/answer`, `/checkins/${c}/snooze`])];
    for (const rest of posts) {
      const seen = await bergamot.post(`/mistakes/${a.id}${rest}`, { text: 'not mine', status: 'done' });
      expect(seen.status, rest).toBe(404);
      expect(seen.html).not.toContain('Amaranth');
      count('web routes refused');
    }
    const leading = await bergamot.get('/leading');
    expect(leading.html).not.toMatch(/Amaranth|Cardamom/);

    const cardamomLead = await signedIn(SPECS[2]!.leader);
    const led = await cardamomLead.get('/leading');
    expect(led.html).toContain('Cardamom title');
    expect(led.html).not.toMatch(/Amaranth|Bergamot/);
    for (const p of [a, plan('Bergamot')]) {
      const ack = await cardamomLead.post(`/leading/${p.id}/ack`, { status: 'talk' });
      expect(ack.status).toBe(404);
      expect(ack.html).not.toMatch(/Amaranth|Bergamot/);
    }
    const shared = await signedIn(SHARED_LEADER);
    const both = await shared.get('/leading');
    expect(both.html).toContain('Amaranth title');
    expect(both.html).toContain('Bergamot title');
    expect(both.html).not.toContain('Cardamom');
    // Only sessions (and the sign-in door's counts) came into being: nothing of any mistake changed.
    const after = await dumpTables();
    const signingIn = { sessions: [], login_links: [], outbox: [], deliveries: [], limit_hits: [] };
    expect({ ...after, ...signingIn }).toEqual({ ...before, ...signingIn });
  });

  it('the API needs its token for every mistake; the outbox does not exist outside development', async () => {
    const a = plan('Amaranth');
    const refused: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Basic ${btoa('x:test-api-token')}` }];
    for (const headers of refused) {
      for (const path of [`/api/mistakes/${a.id}`, `/api/mistakes?owner=${SPECS[0]!.owner}`, `/api/mistakes?leader=${SHARED_LEADER}`, '/api/dead-letters']) {
        const r = await fetchWith(env as unknown as Env, new Request(`${APP}${path}`, { headers }));
        expect(r.status).toBe(401);
        expect(await r.text()).not.toContain('Amaranth');
      }
    }
    const production = { ...env, MEND_ENV: 'production' } as unknown as Env;
    for (const path of ['/dev/outbox', '/dev/outbox.json']) {
      const r = await fetchWith(production, new Request(`${APP}${path}`));
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('Amaranth');
    }
  });
});

// ---- erasure ----------------------------------------------------------------------------------------------

interface Hit {
  table: string;
  column: string;
  needle: string;
  value: string;
}

/** Every cell of every table that contains one of the needles (case-insensitively). */
async function scan(needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const lowered = needles.filter((n) => n.length >= 4).map((n) => n.toLowerCase());
  for (const [table, rows] of Object.entries(await dumpTables())) {
    for (const row of rows as Record<string, unknown>[]) {
      for (const [column, cell] of Object.entries(row)) {
        if (cell === null || cell === undefined) continue;
        const value = String(cell).toLowerCase();
        for (const needle of lowered) if (value.includes(needle)) hits.push({ table, column, needle, value: String(cell).slice(0, 120) });
      }
    }
  }
  count('cells scanned', Object.values(await dumpTables()).reduce((n, rows) => n + rows.length * Object.keys((rows[0] as object) ?? {}).length, 0));
  return hits;
}

/** What names a mistake: its ids (check-ins, updates, deliveries too), its owner, and every word written. */
async function needlesOf(id: string, texts: object, people: string[]): Promise<string[]> {
  const view = (await json('GET', `/api/mistakes/${id}`)).body;
  expect(view.id).toBe(id);
  return [
    id,
    ...view.checkins.map((c: any) => c.id),
    ...view.updates.map((u: any) => u.id),
    ...(view.deliveries ?? []).map((d: any) => d.id),
    ...view.updates.filter((u: any) => u.text).map((u: any) => u.text),
    ...Object.values(texts).filter((t): t is string => typeof t === 'string'),
    ...people,
  ];
}

describe('erasure leaves nothing that names the mistake or its people', () => {
  it('DELETE /api/mistakes/:id of a plan that sent every kind of email, whose leader leads another plan: no row names it, its owner or their words', async () => {
    const a = plan('Amaranth');
    const { leaderName: _stays, ...texts } = a.texts;
    const needles = await needlesOf(a.id, texts, [a.spec.owner, `world-${a.id}`]);
    // The owner signed in on the web too (a session, a used sign-in link, its email).
    await signedIn(a.spec.owner);
    expect((await scan(needles)).length).toBeGreaterThan(0);
    expect((await json('DELETE', `/api/mistakes/${a.id}`)).status).toBe(200);
    expect(await scan(needles)).toEqual([]);
    // The shared leader stays, with the other plan and its digest.
    expect((await scan([SHARED_LEADER])).length).toBeGreaterThan(0);
    expect((await scan(['Bergamot title'])).length).toBeGreaterThan(0);
  });

  it('the web erase of the last plan naming a leader who asked to stop: nothing names the plan, its owner or the leader, but the stop on the suppression list', async () => {
    const b = plan('Bergamot');
    // The shared leader stops Mend's mail (kept on the suppression list), and has a session of their own.
    const stop = linkEnding(b.emails.get('leader.intro')!, 'unsubscribe');
    expect((await page('POST', stop)).status).toBe(200);
    await signedIn(SHARED_LEADER);
    const needles = await needlesOf(b.id, b.texts, [b.spec.owner, `world-${b.id}`]);
    const leaderNeedles = [SHARED_LEADER, b.texts.leaderName];

    const owner = await signedIn(b.spec.owner);
    await owner.get(`/mistakes/${b.id}/erase`);
    const erased = await owner.post(`/mistakes/${b.id}/erase`);
    expect(erased.status).toBe(303);
    expect(erased.location).toBe('/mistakes?done=erased');
    // Nothing of theirs is left, so they are signed out; the page they land on says what happened.
    const landing = await owner.get('/mistakes?done=erased');
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('Erased');

    expect(await scan(needles)).toEqual([]);
    const left = await scan(leaderNeedles);
    expect(left.map(({ table, column, needle }) => ({ table, column, needle }))).toEqual([{ table: 'suppressions', column: 'email', needle: SHARED_LEADER }]);
    const suppression = (await dumpTables()).suppressions!.find((r: any) => r.email === SHARED_LEADER) as Record<string, unknown>;
    expect(Object.keys(suppression).sort()).toEqual(['at', 'email', 'reason']);
    expect(suppression.reason).toBe('unsubscribed');
  });

  it('DELETE of a person’s last plan, with a leader it alone names: nothing names the plan, its owner or its leader (sessions, sign-in links and digests included)', async () => {
    const c = plan('Cardamom');
    // Both signed in on the web: sessions, used sign-in links and their emails.
    await signedIn(c.spec.owner);
    await signedIn(c.spec.leader);
    const needles = await needlesOf(c.id, c.texts, [c.spec.owner, c.spec.leader, `world-${c.id}`]);
    expect((await scan(needles)).length).toBeGreaterThan(0);
    expect((await json('DELETE', `/api/mistakes/${c.id}`)).status).toBe(200);
    expect(await scan(needles)).toEqual([]);
  });
});

describe('erasure reaches mail in the send queue and its dead letters', () => {
  const P = { owner: 'priv.pimento@example.com', word: 'Pimento' };
  const Q = { owner: 'priv.quince@example.com', word: 'Quince' };
  const R = { owner: 'priv.rosemary@example.com', word: 'Rosemary' };
  const LEADER = 'priv.queue.lead@example.com';
  const start = MONDAY + 14 * DAY;

  async function live(spec: { owner: string; word: string }, leader = LEADER, at = start) {
    const r = await json('POST', '/api/mistakes', {
      title: `${spec.word} title`,
      description: `${spec.word} description`,
      owner: { email: spec.owner, name: `${spec.word} Ownerperson`, timeZone: 'UTC' },
      leader: { email: leader, name: 'Queue Leaderperson', timeZone: 'UTC' },
      startAt: new Date(at).toISOString(),
      skipWeekends: false,
      cadence: [
        { step: 'own', day: 0 },
        { step: 'progress', day: 0 },
        { step: 'progress', day: 3 },
      ],
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; checkins: { id: string }[] };
  }

  /** The send queue gave up on everything it holds: the dead-letter queue's consumer gets it all. */
  async function deadLetter(queue: SimulatedQueue) {
    const messages = queue.pending.map((m, i) => ({ id: `dead-${i}-${m.id}`, attempts: 1, body: m.body }));
    queue.pending = [];
    await invokeQueue(deliveryEnv(new SimulatedQueue('mend-send')), DEAD_LETTER_QUEUE, messages);
    return messages.length;
  }

  it('a check-in waiting in the send queue when its mistake is erased leaves no dead letter when it dies there', async () => {
    const r = await live(R);
    const queue = new SimulatedQueue('mend-send');
    await runScheduledWith(deliveryEnv(queue), start + MINUTE);
    // Its own and progress check-ins.
    const waiting = await Promise.all(queue.pending.map((m) => env.DB.prepare('select to_email from deliveries where id = ?').bind((m.body as { deliveryId: string }).deliveryId).first<{ to_email: string }>()));
    expect(waiting.map((d) => d!.to_email)).toEqual([R.owner, R.owner]);
    const needles = await needlesOf(r.id, { t: R.word }, [R.owner]);
    expect((await json('DELETE', `/api/mistakes/${r.id}`)).status).toBe(200);
    expect(await deadLetter(queue)).toBe(2);
    expect(await scan(needles)).toEqual([]);
    expect((await json('GET', '/api/dead-letters')).body.deadLetters).toEqual([]);
  });


  /** Two plans naming one leader, their words written; the leader's Tuesday digest waits in the send queue. */
  async function digestInQueue(first: { owner: string; word: string }, second: { owner: string; word: string }, leader: string, at: number) {
    const p = await live(first, leader, at);
    const q = await live(second, leader, at);
    await travel(new Date(at + 2 * MINUTE).toISOString());
    const sent = await outbox();
    for (const [m, spec] of [[p, first], [q, second]] as const) {
      const own = sent.find((e) => e.id === `checkin:${m.checkins[0]!.id}:1`)!;
      expect((await page('POST', linkEnding(own, 'answer'), { text: `${spec.word} ownership` })).status).toBe(200);
    }
    await travel(new Date(at + 13 * MINUTE).toISOString()); // the statements have stood 10 minutes
    const intro = (await outbox()).find((e) => e.id === `intro:${p.id}`)!;
    expect((await page('POST', linkEnding(intro, 'daily'))).status).toBe(200);
    for (const [m, spec] of [[p, first], [q, second]] as const) {
      const progress = sent.find((e) => e.id === `checkin:${m.checkins[1]!.id}:1`)!;
      expect((await page('POST', linkEnding(progress, 'answer'), { status: 'on_track', text: `${spec.word} note` })).status).toBe(200);
    }
    // Tuesday 09:00 through Resend: the digest (both plans' words) goes to the send queue.
    const queue = new SimulatedQueue('mend-send');
    await runScheduledWith(deliveryEnv(queue), at + DAY + HOUR);
    expect(queue.pending.length).toBe(1);
    return { p, q, queue };
  }

  it('a leader’s digest that spoke of the erased plan, dead-lettered: the dead letter goes with the plan', async () => {
    const { p, q, queue } = await digestInQueue(P, Q, LEADER, start);
    expect(await deadLetter(queue)).toBe(1);
    const letters = (await json('GET', '/api/dead-letters')).body.deadLetters;
    expect(letters.map((l: any) => l.kind)).toEqual(['leader.digest']);

    const needlesP = await needlesOf(p.id, { t: P.word }, [P.owner]);
    expect((await json('DELETE', `/api/mistakes/${p.id}`)).status).toBe(200);
    expect(await scan(needlesP)).toEqual([]);
    // Q's own emails stay; the dead digest that also spoke of P went with P.
    expect((await scan([Q.word])).length).toBeGreaterThan(0);
    expect((await json('DELETE', `/api/mistakes/${q.id}`)).status).toBe(200);
    expect(await scan([LEADER, 'Queue Leaderperson', Q.word, Q.owner])).toEqual([]);
  });

  it('a leader’s digest still in the send queue when a plan it speaks of is erased is not sent', async () => {
    const S = { owner: 'priv.saffron@example.com', word: 'Saffron' };
    const T = { owner: 'priv.tarragon@example.com', word: 'Tarragon' };
    const { p: s, queue } = await digestInQueue(S, T, 'priv.queue.lead2@example.com', start + 7 * DAY);
    expect((await json('DELETE', `/api/mistakes/${s.id}`)).status).toBe(200);
    const resend = new FakeResend();
    const restore = resend.install();
    try {
      await drain({ queue, deadLetters: new SimulatedQueue('mend-send-dead'), env: (q) => deliveryEnv(q) });
    } finally {
      restore();
    }
    expect(resend.sent).toEqual([]);
    expect(await scan([S.word, S.owner, s.id])).toEqual([]);
  });
});

describe('erasure keeps what still belongs to someone', () => {
  it('an owner who also leads another plan keeps their session and sign-in when their own plan is erased', async () => {
    const u = 'priv.umbra@example.com';
    const startAt = '2032-06-01T08:00:00Z';
    const own = await json('POST', '/api/mistakes', { title: 'Umbra title', description: 'Umbra description', owner: { email: u }, leader: null, startAt });
    const led = await json('POST', '/api/mistakes', { title: 'Verbena title', description: 'Verbena description', owner: { email: 'priv.verbena@example.com' }, leader: { email: u }, startAt });
    expect([own.status, led.status]).toEqual([201, 201]);
    // The plan they lead shows on their page once its ownership statement is written.
    expect((await json('POST', `/api/mistakes/${led.body.id}/updates`, { checkinId: led.body.checkins[0].id, text: 'Verbena ownership' })).status).toBe(201);
    const v = await signedIn(u);
    expect((await json('DELETE', `/api/mistakes/${own.body.id}`)).status).toBe(200);
    expect(await scan(['Umbra title', 'Umbra description', own.body.id])).toEqual([]);
    const leading = await v.get('/leading');
    expect(leading.status).toBe(200);
    expect(leading.html).toContain('Verbena title');
    expect((await scan([u])).some((h) => h.table === 'sessions')).toBe(true);
  });
});
