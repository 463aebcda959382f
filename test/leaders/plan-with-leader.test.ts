// A plan with a leader, lived through scheduled runs: the introduction only after the ownership statement, the
// Monday digest in the leader's zone, silence when nothing is new, the blocked alert, the leader's "let's talk"
// told to the owner, the owner's preview, and the closing report on done.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linkTo, newEmailsTo, page, travel, type OutboxEmail } from '../support/worker';
import { answerWithForm, clickAsPerson, headerOf, unsubscribeUrl } from './support';

const OWNER = 'flow.owner@example.com';
const OTHER_OWNER = 'flow.other@example.com';
const LEADER = 'flow.leader@example.com';
const TITLE = 'Shipped the invoice export with the wrong totals';
const OTHER_TITLE = 'Double-booked the customer workshop room';

const OWNERSHIP = 'I merged the VAT change without running the invoice fixtures. Three customers were over-billed; that was my call.';
const LEARNING = 'Fixtures must run on every billing change; we learned to pair on money code.';
const PLAN = 'CI gate on billing fixtures by 2030-01-20; a pairing rota from the next sprint.';
const NOTE = 'The CI runners cannot reach the fixtures bucket; platform has no slot until February.';

const ownerSeen = new Set<string>();
const otherSeen = new Set<string>();
const leaderSeen = new Set<string>();

async function one(emails: OutboxEmail[], subject: RegExp): Promise<OutboxEmail> {
  const found = emails.filter((e) => subject.test(e.subject));
  expect(found, `one email matching ${subject}`).toHaveLength(1);
  return found[0]!;
}

describe('a plan with a leader', () => {
  it('goes from introduction to closing report, each email once and at the right local time', async () => {
    await travel('2030-01-07T08:00:00Z'); // Monday
    const mistake = await createMistake({
      title: TITLE,
      owner: { email: OWNER, name: 'Olu', timeZone: 'Europe/London' },
      leader: { email: LEADER, name: 'Lee', timeZone: 'America/New_York' },
    });
    await createMistake({
      title: OTHER_TITLE,
      owner: { email: OTHER_OWNER, name: 'Ana', timeZone: 'Europe/London' },
      leader: { email: LEADER },
    });
    await travel('2030-01-07T08:01:00Z');
    const own = await one(await newEmailsTo(OWNER, ownerSeen), /what happened/);
    const otherOwn = await one(await newEmailsTo(OTHER_OWNER, otherSeen), /what happened/);

    // No ownership statement yet: the leader hears nothing.
    await travel('2030-01-07T08:30:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

    await answerWithForm(own, OWNERSHIP);
    await answerWithForm(otherOwn, 'I booked the room for two teams on the same morning without checking the calendar.');
    await travel('2030-01-07T08:31:00Z');
    const intros = await newEmailsTo(LEADER, leaderSeen);
    expect(intros).toHaveLength(2);
    const intro = await one(intros, new RegExp(TITLE));
    expect(intro.text).toContain(OWNERSHIP);
    expect(intro.text).toMatch(/learned/);
    expect(intro.text).not.toContain(OTHER_TITLE);
    expect(headerOf(intro, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(unsubscribeUrl(intro)).toMatch(/^https:\/\/localhost\/lead\/[A-Za-z0-9_-]{32}\/unsubscribe$/);

    // Monday 09:00 in New York is 14:00Z: nothing is new since the introductions, so no digest.
    await travel('2030-01-07T14:00:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

    await travel('2030-01-09T09:00:00Z');
    await answerWithForm(await one(await newEmailsTo(OWNER, ownerSeen), /what did you learn/), LEARNING);
    await travel('2030-01-11T09:00:00Z');
    await answerWithForm(await one(await newEmailsTo(OWNER, ownerSeen), /what will change/), PLAN);

    // The next Monday: 08:59 in New York sends nothing; 09:00 sends the digest with the new words in full.
    await travel('2030-01-14T13:59:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
    await travel('2030-01-14T14:00:00Z');
    const digest = await one(await newEmailsTo(LEADER, leaderSeen), /digest/i);
    expect(digest.text).toContain(LEARNING);
    expect(digest.text).toContain(PLAN);
    expect(digest.text).toContain(TITLE);
    expect(digest.text).toContain(OTHER_TITLE);
    expect(digest.text).toMatch(/day 7 of 90/);
    // The ownership statement went in the introduction; it is not "new" again.
    expect(digest.text).not.toContain(OWNERSHIP);
    expect(headerOf(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // The Monday after, nothing new: nothing sent.
    await travel('2030-01-21T14:00:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

    // Blocked, by one click on the day-14 check-in: the alert goes at the first run after it settles.
    const day14 = await one(await newEmailsTo(OWNER, ownerSeen), /how is it going\?.*2 of 5/);
    await travel('2030-01-22T10:00:00Z');
    await clickAsPerson(linkTo(day14, 'blocked'));
    await answerWithForm(day14, NOTE);
    await travel('2030-01-22T10:01:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
    await travel('2030-01-22T10:02:10Z');
    const alert = await one(await newEmailsTo(LEADER, leaderSeen), /blocked/);
    expect(alert.subject).toContain(TITLE);
    expect(alert.text).toContain(PLAN);
    expect(headerOf(alert, 'List-Unsubscribe')).toBeDefined();
    await travel('2030-01-22T11:00:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

    // The leader asks to talk: recorded (by the leader, shown in the API) and the owner is told, once.
    await clickAsPerson(linkTo(alert, 'talk'));
    const pending = await json('GET', `/api/mistakes/${mistake.id}`);
    expect(pending.body.updates.at(-1)).toMatchObject({ kind: 'ack', author: 'leader', status: 'talk', settled: false });
    await travel('2030-01-22T11:02:10Z');
    const notice = await one(await newEmailsTo(OWNER, ownerSeen), /would like to talk/);
    expect(notice.text).toContain('Lee');
    const acked = await json('GET', `/api/mistakes/${mistake.id}`);
    expect(acked.body.updates.filter((u: any) => u.kind === 'ack')).toEqual([
      expect.objectContaining({ kind: 'ack', author: 'leader', status: 'talk', via: 'link', settled: true }),
    ]);
    await travel('2030-01-22T12:00:00Z');
    expect((await newEmailsTo(OWNER, ownerSeen)).filter((e) => /talk/.test(e.subject))).toHaveLength(0);

    // The next digest puts the blocked plan first, before the one waiting for an answer.
    await travel('2030-01-28T14:00:00Z');
    const second = await one(await newEmailsTo(LEADER, leaderSeen), /digest/i);
    expect(second.subject).toMatch(/1 blocked/);
    expect(second.text).toContain(NOTE);
    expect(second.text.indexOf(TITLE)).toBeLessThan(second.text.indexOf(OTHER_TITLE));
    expect(second.text).not.toContain(LEARNING);

    // The owner's preview: this plan as the leader sees it now, nobody else's, and nothing changes.
    const before = await dumpTables();
    const preview = await page('GET', linkTo(day14, 'preview'));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('What your leader sees');
    expect(html).toContain(TITLE);
    expect(html).not.toContain(OTHER_TITLE);
    expect(await dumpTables()).toEqual(before);

    // Done, by one click on the day-30 check-in: the closing report tells the whole story.
    await travel('2030-02-06T10:00:00Z');
    const day30 = await one(await newEmailsTo(OWNER, ownerSeen), /how is it going\?.*3 of 5/);
    await clickAsPerson(linkTo(day30, 'done'));
    await travel('2030-02-06T10:02:10Z');
    const closing = await one(await newEmailsTo(LEADER, leaderSeen), /whole story/);
    expect(closing.subject).toContain(TITLE);
    for (const words of [OWNERSHIP, LEARNING, PLAN, NOTE]) expect(closing.text).toContain(words);
    expect(closing.text).toMatch(/Day 14, progress check-in: blocked/);
    expect(closing.text).toMatch(/Day 30, progress check-in: done/);

    // After the story is told: nothing more about this plan, and the introduction went once.
    await travel('2030-02-11T14:00:00Z');
    const later = await newEmailsTo(LEADER, leaderSeen);
    expect(later.filter((e) => e.text.includes(TITLE))).toHaveLength(0);
    const all = (await json('GET', `/api/mistakes/${mistake.id}`)).body;
    expect(all.status).toBe('resolved');
  });
});
