// A whole 90-day plan, lived through time travel: every check-in email from the outbox, every link followed
// as a person would, every answer read back through the API.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { json, linkTo, newEmailsTo, page, travel, type OutboxEmail } from '../support/worker';

const OWNER = 'plan.owner@example.com';
const seen = new Set<string>();

async function checkinEmailAt(to: string, expectSubject: RegExp): Promise<OutboxEmail> {
  await travel(to);
  const emails = (await newEmailsTo(OWNER, seen)).filter((e) => expectSubject.test(e.subject));
  expect(emails, `one check-in email at ${to}`).toHaveLength(1);
  return emails[0]!;
}

async function answerWithForm(email: OutboxEmail, text: string) {
  const form = await page('GET', linkTo(email, 'answer'));
  expect(form.status).toBe(200);
  expect(await form.text()).toMatch(/<form method="post"[^>]*>[\s\S]*<textarea[^>]*name="text"/);
  const saved = await page('POST', linkTo(email, 'answer'), { text });
  expect(saved.status).toBe(200);
  expect(await saved.text()).toContain(text.replace(/&/g, '&amp;'));
}

async function click(email: OutboxEmail, status: 'on_track' | 'blocked' | 'done') {
  const url = linkTo(email, status);
  expect(url).toContain(status);
  const confirm = await page('GET', url);
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toMatch(/<form[^>]*method="post"/);
  expect((await page('POST', url, { source: 'email' })).status).toBe(200);
}

describe('a 90-day plan', () => {
  it('sends every check-in on time and records every answer', async () => {
    await travel('2030-01-07T08:00:00Z');
    const mistake = await createMistake({
      owner: { email: OWNER, name: 'Pat', timeZone: 'Europe/London' },
      leader: null,
      startAt: '2030-01-07T10:00:00Z',
    });
    expect(mistake.checkins.map((c: any) => [c.step, c.day, c.dueAt, c.status])).toEqual([
      ['own', 0, '2030-01-07T10:00:00.000Z', 'scheduled'],
      ['learn', 2, '2030-01-09T09:00:00.000Z', 'scheduled'],
      ['plan', 4, '2030-01-11T09:00:00.000Z', 'scheduled'],
      ['progress', 7, '2030-01-14T09:00:00.000Z', 'scheduled'],
      ['progress', 14, '2030-01-21T09:00:00.000Z', 'scheduled'],
      ['progress', 30, '2030-02-06T09:00:00.000Z', 'scheduled'],
      ['progress', 60, '2030-03-08T09:00:00.000Z', 'scheduled'],
      ['progress', 90, '2030-04-08T08:00:00.000Z', 'scheduled'], // Sunday 7 April -> Monday, 09:00 BST
    ]);

    // Nothing goes out before its time.
    await travel('2030-01-07T09:59:00Z');
    expect(await newEmailsTo(OWNER, seen)).toHaveLength(0);

    const own = await checkinEmailAt('2030-01-07T10:00:00Z', /what happened/);
    await answerWithForm(own, 'I merged the VAT change without running the invoice fixtures. That was my call & my miss.');
    const learn = await checkinEmailAt('2030-01-09T09:00:00Z', /what did you learn/);
    expect(learn.text).toContain('That was my call & my miss.');
    await answerWithForm(learn, 'Fixtures must run on every billing change; the team learned to pair on money code.');
    const plan = await checkinEmailAt('2030-01-11T09:00:00Z', /what will change/);
    await answerWithForm(plan, 'CI gate on billing fixtures by 2030-01-20; pairing rota from next sprint.');

    const statuses = ['on_track', 'blocked', 'on_track', 'on_track'] as const;
    const days = ['2030-01-14T09:00:00Z', '2030-01-21T09:00:00Z', '2030-02-06T09:00:00Z', '2030-03-08T09:00:00Z'];
    for (const [i, at] of days.entries()) {
      const progress = await checkinEmailAt(at, /how is it going/);
      expect(progress.text).toContain('CI gate on billing fixtures');
      await click(progress, statuses[i]!);
      // Not counted until it has stood its settle time.
      const pending = await json('GET', `/api/mistakes/${mistake.id}`);
      expect(pending.body.updates.at(-1)).toMatchObject({ kind: 'status', status: statuses[i], via: 'link', settled: false });
      await travel(new Date(Date.parse(at) + 3 * 60_000).toISOString());
    }

    const last = await checkinEmailAt('2030-04-08T08:00:00Z', /how is it going/);
    await click(last, 'done');
    await travel('2030-04-08T08:05:00Z');

    const final = await json('GET', `/api/mistakes/${mistake.id}`);
    expect(final.status).toBe(200);
    expect(final.body.status).toBe('resolved');
    expect(final.body.checkins.map((c: any) => c.status)).toEqual(Array(8).fill('answered'));
    expect(final.body.updates.map((u: any) => [u.kind, u.status ?? u.text.slice(0, 12), u.via, u.settled])).toEqual([
      ['ownership', 'I merged the', 'form', true],
      ['learning', 'Fixtures mus', 'form', true],
      ['plan', 'CI gate on b', 'form', true],
      ['status', 'on_track', 'link', true],
      ['status', 'blocked', 'link', true],
      ['status', 'on_track', 'link', true],
      ['status', 'on_track', 'link', true],
      ['status', 'done', 'link', true],
    ]);

    // Once resolved, nothing more is sent to the owner.
    await travel('2030-06-01T09:00:00Z');
    expect((await newEmailsTo(OWNER, seen)).filter((e) => /how is it going/.test(e.subject))).toHaveLength(0);
  });
});
