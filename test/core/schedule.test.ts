// The dispatcher and the schedule: overlapping runs, pause and resume, snooze, late catch-up.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { json, linkTo, newEmailsTo, page, runScheduled, travel } from '../support/worker';

const seen = new Set<string>();
const get = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body;

describe('overlapping scheduled runs', () => {
  it('send each due check-in exactly once', async () => {
    const owners = Array.from({ length: 12 }, (_, i) => `overlap${i}@example.com`);
    for (const email of owners) await createMistake({ owner: { email }, leader: null, startAt: '2032-01-05T10:00:00Z' });
    await Promise.all([runScheduled('2032-01-05T10:00:00Z'), runScheduled('2032-01-05T10:00:00Z'), runScheduled('2032-01-05T10:00:30Z')]);
    for (const owner of owners) expect(await newEmailsTo(owner, seen), owner).toHaveLength(1);
    // Running again at the same moment sends nothing more.
    await runScheduled('2032-01-05T10:01:00Z');
    for (const owner of owners) expect(await newEmailsTo(owner, seen)).toHaveLength(0);
    const sends = await env.DB.prepare("select count(*) as n from deliveries where kind = 'checkin.own' and to_email like 'overlap%'").first<{ n: number }>();
    expect(sends?.n).toBe(12);
  });
});

describe('pause and resume', () => {
  it('holds unsent check-ins, then shifts them by the length of the pause', async () => {
    const owner = 'pause@example.com';
    const m = await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: null, startAt: '2032-02-02T10:00:00Z' });
    await runScheduled('2032-02-02T10:00:00Z');
    expect(await newEmailsTo(owner, seen)).toHaveLength(1);
    const before = await get(m.id);

    const paused = await travel('2032-02-03T12:00:00Z').then(() => json('POST', `/api/mistakes/${m.id}/pause`));
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect((await json('POST', `/api/mistakes/${m.id}/pause`)).status).toBe(409);

    // While paused, nothing goes out even long after it was due.
    await travel('2032-02-10T12:00:00Z');
    expect(await newEmailsTo(owner, seen)).toHaveLength(0);

    const resumed = await json('POST', `/api/mistakes/${m.id}/resume`);
    expect(resumed.status).toBe(200);
    const shift = Date.parse(resumed.body.checkins[1].dueAt) - Date.parse(before.checkins[1].dueAt);
    const pauseLength = 7 * 86_400_000;
    expect(Math.abs(shift - pauseLength)).toBeLessThan(60_000);
    for (let i = 1; i < before.checkins.length; i++) {
      expect(Date.parse(resumed.body.checkins[i].dueAt) - Date.parse(before.checkins[i].dueAt)).toBe(shift);
    }
    expect(resumed.body.checkins[0]).toMatchObject({ status: 'sent', dueAt: before.checkins[0].dueAt });
    expect((await json('POST', `/api/mistakes/${m.id}/resume`)).status).toBe(409);
  });
});

describe('snooze', () => {
  it('"remind me in 2 days" moves that check-in only, and it comes again then', async () => {
    const owner = 'snooze@example.com';
    const m = await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: null, startAt: '2032-03-01T10:00:00Z' });
    await travel('2032-03-01T10:00:00Z');
    const [own] = await newEmailsTo(owner, seen);
    const before = await get(m.id);

    const form = await page('GET', linkTo(own!, 'snooze'));
    expect(form.status).toBe(200);
    expect((await get(m.id)).checkins).toEqual(before.checkins); // the GET changed nothing
    await travel('2032-03-01T11:00:00Z');
    expect((await page('POST', linkTo(own!, 'snooze'))).status).toBe(200);
    const after = await get(m.id);
    expect(Date.parse(after.checkins[0].dueAt)).toBeGreaterThanOrEqual(Date.parse('2032-03-03T11:00:00Z'));
    expect(Date.parse(after.checkins[0].dueAt)).toBeLessThan(Date.parse('2032-03-03T11:01:00Z'));
    expect(after.checkins[0].status).toBe('scheduled');
    expect(after.checkins.slice(1)).toEqual(before.checkins.slice(1));

    // Learn is due on the 3rd at 09:00, before the snoozed own check-in comes back at 11:00.
    await travel('2032-03-03T10:59:00Z');
    expect((await newEmailsTo(owner, seen)).map((e) => e.subject)).toEqual([expect.stringMatching(/what did you learn/)]);
    await travel('2032-03-03T11:01:00Z');
    const [again] = await newEmailsTo(owner, seen);
    expect(again?.subject).toMatch(/^Reminder: .*what happened/);
  });
});

describe('a check-in found more than a day late', () => {
  it('skips progress check-ins overtaken by a later one, and sends own/learn/plan late with fitting words', async () => {
    const owner = 'late@example.com';
    const m = await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: null, startAt: '2032-04-05T10:00:00Z' });
    // An outage: the first scheduled run comes on day 20.
    await runScheduled('2032-04-25T09:30:00Z');
    const emails = await newEmailsTo(owner, seen);
    const bySubject = (re: RegExp) => emails.filter((e) => re.test(e.subject));
    expect(emails).toHaveLength(4);
    for (const re of [/what happened/, /what did you learn/, /what will change/, /how is it going\? \(check-in 2 of 5\)/]) {
      expect(bySubject(re), String(re)).toHaveLength(1);
    }
    expect(bySubject(/what did you learn/)[0]!.text).toMatch(/later than planned/i);
    const after = await get(m.id);
    expect(after.checkins.map((c: any) => `${c.day}:${c.status}`)).toEqual([
      '0:sent', '2:sent', '4:sent', '7:skipped', '14:sent', '30:scheduled', '60:scheduled', '90:scheduled',
    ]);
  });
});

describe('production without a Resend key', () => {
  it('reports why nothing is sent', async () => {
    const health = await json('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ env: 'development', mail: 'outbox' });
  });
});
