// Links in emails: GET and HEAD change nothing, the settle rule, and clear pages for bad tokens.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linksIn, linkTo, newEmailsTo, page, travel, type OutboxEmail } from '../support/worker';

const seen = new Set<string>();
let clock = Date.parse('2031-03-03T08:00:00Z'); // a Monday

/** A fresh mistake whose first progress check-in has just been emailed. */
async function progressEmail(owner: string): Promise<{ id: string; email: OutboxEmail }> {
  clock += 30 * 86_400_000;
  const start = new Date(clock).toISOString();
  await travel(start);
  const mistake = await createMistake({ owner: { email: owner }, leader: null, startAt: start, cadence: [{ step: 'progress', day: 0 }, { step: 'progress', day: 7 }] });
  await travel(new Date(clock + 1000).toISOString());
  const [email] = await newEmailsTo(owner, seen);
  expect(email?.subject).toMatch(/how is it going/);
  return { id: mistake.id, email: email! };
}

async function updatesOf(id: string) {
  return (await json('GET', `/api/mistakes/${id}`)).body.updates as any[];
}

async function settle() {
  clock += 5 * 60_000;
  await travel(new Date(clock).toISOString());
}

beforeAll(async () => {
  await travel(new Date(clock).toISOString());
});

describe('a GET never changes anything', () => {
  it('GET and HEAD on every link of a check-in email leave every table as it was', async () => {
    const { email } = await progressEmail('scanner.get@example.com');
    const links = linksIn(email.text).filter((l) => l.includes('/l/'));
    expect(links.length).toBeGreaterThanOrEqual(5);
    const before = await dumpTables();
    for (const link of links) {
      for (const method of ['GET', 'HEAD'] as const) {
        const r = await page(method, link);
        expect(r.status, `${method} ${link}`).toBeLessThan(500);
      }
    }
    expect(await dumpTables()).toEqual(before);
  });
});

describe('the settle rule', () => {
  it('a single click counts once it has stood the settle time', async () => {
    const { id, email } = await progressEmail('settle.single@example.com');
    expect((await page('POST', linkTo(email, 'blocked'), { source: 'email' })).status).toBe(200);
    expect((await updatesOf(id)).map((u) => [u.status, u.settled])).toEqual([['blocked', false]]);
    await settle();
    expect((await updatesOf(id)).map((u) => [u.status, u.settled])).toEqual([['blocked', true]]);
    const m = (await json('GET', `/api/mistakes/${id}`)).body;
    expect(m.checkins[0].status).toBe('answered');
  });

  it('three different choices from one email count none', async () => {
    const { id, email } = await progressEmail('settle.scanner@example.com');
    for (const status of ['on_track', 'blocked', 'done']) {
      expect((await page('POST', linkTo(email, status), { source: 'email' })).status).toBe(200);
    }
    await settle();
    const updates = await updatesOf(id);
    expect(updates).toHaveLength(3);
    expect(updates.every((u) => u.settled === false)).toBe(true);
    const m = (await json('GET', `/api/mistakes/${id}`)).body;
    expect(m.status).toBe('active'); // "done" did not count
    expect(m.checkins[0].status).toBe('sent');
    expect(m.checkins[1].status).toBe('scheduled');
  });

  it('POSTing the same choice twice records it once', async () => {
    const { id, email } = await progressEmail('settle.twice@example.com');
    await page('POST', linkTo(email, 'on_track'), { source: 'email' });
    await page('POST', linkTo(email, 'on_track'), { source: 'email' });
    expect(await updatesOf(id)).toHaveLength(1);
  });

  it('a person who changes their mind on the page is believed', async () => {
    const { id, email } = await progressEmail('settle.page@example.com');
    await page('POST', linkTo(email, 'on_track'), { source: 'email' });
    const changed = await page('POST', linkTo(email, 'blocked'), { source: 'page' });
    expect(changed.status).toBe(200);
    const updates = await updatesOf(id);
    expect(updates.map((u) => [u.status, u.settled])).toEqual([
      ['on_track', false],
      ['blocked', true],
    ]);
    await settle();
    expect((await updatesOf(id)).map((u) => [u.status, u.settled])).toEqual([
      ['on_track', false],
      ['blocked', true],
    ]);
  });

  it('done counts only after settling, then cancels what is left', async () => {
    const { id, email } = await progressEmail('settle.done@example.com');
    await page('POST', linkTo(email, 'done'), { source: 'email' });
    expect((await json('GET', `/api/mistakes/${id}`)).body.status).toBe('active');
    await settle();
    const m = (await json('GET', `/api/mistakes/${id}`)).body;
    expect(m.status).toBe('resolved');
    expect(m.checkins.map((c: any) => c.status)).toEqual(['answered', 'cancelled']);
  });
});

describe('bad links', () => {
  it('a tampered token gets a clear 404 page at every position and changes nothing', async () => {
    const { email } = await progressEmail('tamper@example.com');
    const link = linkTo(email, 'on_track');
    const token = link.split('/l/')[1]!.split('/')[0]!;
    const before = await dumpTables();
    for (let i = 0; i < token.length; i++) {
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const r = await page('POST', link.replace(token, flipped), { source: 'email' });
      expect(r.status).toBe(404);
      expect(await r.text()).toContain('do not recognise this link');
    }
    const short = await page('POST', link.replace(token, token.slice(0, 20)), { source: 'email' });
    expect(short.status).toBe(404);
    expect(await dumpTables()).toEqual(before);
  });

  it('an expired token gets a 410 page offering a fresh link, which arrives by email', async () => {
    const owner = 'expired@example.com';
    const { email } = await progressEmail(owner);
    clock += 50 * 86_400_000;
    await travel(new Date(clock).toISOString());
    await newEmailsTo(owner, seen);
    const before = await dumpTables();
    const r = await page('POST', linkTo(email, 'on_track'), { source: 'email' });
    expect(r.status).toBe(410);
    const body = await r.text();
    expect(body).toContain('expired');
    expect(body).toMatch(/<form method="post" action="[^"]+\/fresh"/);
    expect(await dumpTables()).toEqual(before);

    const fresh = await page('POST', linkTo(email, 'on_track').replace(/on_track$/, 'fresh'));
    expect(fresh.status).toBe(202);
    const [again] = await newEmailsTo(owner, seen);
    expect(again?.subject).toMatch(/how is it going/);
    expect(linkTo(again!, 'on_track')).not.toBe(linkTo(email, 'on_track'));
    expect((await page('GET', linkTo(again!, 'on_track'))).status).toBe(200);
  });

  it('links stop working when the mistake is closed or erased', async () => {
    const { id, email } = await progressEmail('closed@example.com');
    expect((await json('POST', `/api/mistakes/${id}/close`)).status).toBe(200);
    const closed = await page('POST', linkTo(email, 'on_track'), { source: 'email' });
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('closed');
    expect((await json('DELETE', `/api/mistakes/${id}`)).status).toBe(200);
    expect((await page('GET', linkTo(email, 'answer'))).status).toBe(404);
    const rows = await env.DB.prepare('select count(*) as n from tokens where mistake_id = ?').bind(id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

describe('scanners opening every link at once', () => {
  it('three different choices POSTed concurrently from one email count none', async () => {
    const { id, email } = await progressEmail('settle.concurrent@example.com');
    const responses = await Promise.all(['on_track', 'blocked', 'done'].map((s) => page('POST', linkTo(email, s), { source: 'email' })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await updatesOf(id)).every((u) => u.settled === false)).toBe(true);
    await settle();
    const m = (await json('GET', `/api/mistakes/${id}`)).body;
    expect(m.updates.map((u: any) => u.settled)).toEqual([false, false, false]);
    expect(m.status).toBe('active');
    expect(m.checkins[0].status).toBe('sent');
  });
});
