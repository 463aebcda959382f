// Digests in the leader's own zone: a daily leader hears on weekdays only; two overlapping runs send one digest;
// two leaders never see each other's plans; a plan that comes to its end gets its closing report.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linkTo, newEmailsTo, page, runScheduled, travel, type OutboxEmail } from '../support/worker';
import { answerWithForm, clickAsPerson } from './support';

/** An owner's written answer through the API (recorded at the clock's now, counted at once). */
async function ownerWrites(mistakeId: string, step: string, text: string) {
  const view = await json('GET', `/api/mistakes/${mistakeId}`);
  const checkin = view.body.checkins.find((c: any) => c.step === step);
  const r = await json('POST', `/api/mistakes/${mistakeId}/updates`, { checkinId: checkin.id, text });
  expect(r.status).toBe(201);
}

async function ownAnswered(owner: string, seen: Set<string>, text: string) {
  const own = (await newEmailsTo(owner, seen)).find((e) => /what happened/.test(e.subject));
  expect(own, `the own check-in reached ${owner}`).toBeDefined();
  await answerWithForm(own!, text);
}

const digestsIn = (emails: OutboxEmail[]) => emails.filter((e) => /digest/i.test(e.subject));

describe('digests', () => {
  it('a daily leader in Tokyo hears at 09:00 their time on weekdays only', async () => {
    const owner = 'daily.owner@example.com';
    const leader = 'daily.leader@example.com';
    const ownerSeen = new Set<string>();
    const leaderSeen = new Set<string>();
    await travel('2030-03-03T23:00:00Z'); // Monday 08:00 in Tokyo
    const m = await createMistake({
      title: 'Published the salary bands draft to the whole company',
      owner: { email: owner, timeZone: 'Europe/London' },
      leader: { email: leader, name: 'Kenji', timeZone: 'Asia/Tokyo' },
      startAt: '2030-03-03T23:00:00Z',
    });
    await travel('2030-03-03T23:01:00Z');
    await ownAnswered(owner, ownerSeen, 'I picked the all-staff list instead of the HR list; the draft was mine to check.');
    await travel('2030-03-03T23:12:00Z'); // the statement has stood 10 minutes
    const [intro] = await newEmailsTo(leader, leaderSeen);
    expect(intro?.text).toMatch(/weekly digest on Mondays/);

    // "Daily" from the introduction: the GET shows a button and changes nothing; the press switches.
    const daily = linkTo(intro!, 'daily');
    const before = await dumpTables();
    expect((await page('GET', daily)).status).toBe(200);
    expect(await dumpTables()).toEqual(before);
    expect((await page('POST', daily)).status).toBe(200);
    expect((await json('GET', `/api/mistakes/${m.id}`)).body.leader.digest).toBe('daily');

    // Thursday evening in Tokyo the owner writes; Friday 08:59 Tokyo nothing, 09:00 the digest.
    await travel('2030-03-07T12:00:00Z');
    await ownerWrites(m.id, 'own', 'Edited: I picked the all-staff list instead of the HR list, and sent it without a second look.');
    await travel('2030-03-07T23:59:00Z');
    expect(await newEmailsTo(leader, leaderSeen)).toHaveLength(0);
    await travel('2030-03-08T00:00:00Z');
    const friday = digestsIn(await newEmailsTo(leader, leaderSeen));
    expect(friday).toHaveLength(1);
    expect(friday[0]!.subject).toMatch(/daily|Friday 8 March/);
    expect(friday[0]!.text).toContain('sent it without a second look');

    // Saturday morning in Tokyo the owner writes again: nothing Saturday or Sunday, Monday 09:00 Tokyo brings it.
    await travel('2030-03-09T01:00:00Z');
    await ownerWrites(m.id, 'own', 'Edited again: the list choice and the missing check were both mine.');
    await travel('2030-03-10T00:00:00Z');
    await travel('2030-03-10T12:00:00Z');
    expect(await newEmailsTo(leader, leaderSeen)).toHaveLength(0);
    await travel('2030-03-11T00:00:00Z');
    const monday = digestsIn(await newEmailsTo(leader, leaderSeen));
    expect(monday).toHaveLength(1);
    expect(monday[0]!.text).toContain('both mine');

    // Two runs at the same moment (overlapping invocations) send one digest.
    await travel('2030-03-11T05:00:00Z');
    await ownerWrites(m.id, 'own', 'Edited once more, for Tuesday.');
    await Promise.all([runScheduled('2030-03-12T00:00:00Z'), runScheduled('2030-03-12T00:00:00Z')]);
    const tuesday = digestsIn(await newEmailsTo(leader, leaderSeen));
    expect(tuesday).toHaveLength(1);
    const claims = await env.DB.prepare("select count(*) as n from digests where period = '2030-03-12'").first('n');
    expect(claims).toBe(1);
  });

  it('two leaders never see each other’s plans', async () => {
    const people = [
      { owner: 'pair.owner.a@example.com', leader: 'pair.leader.a@example.com', title: 'Lost the signed NDA for the Acme pilot' },
      { owner: 'pair.owner.b@example.com', leader: 'pair.leader.b@example.com', title: 'Approved the wrong supplier invoice' },
    ];
    await travel('2030-04-01T08:00:00Z'); // Monday
    const seen = new Map(people.flatMap((p) => [[p.owner, new Set<string>()], [p.leader, new Set<string>()]]));
    const ids: string[] = [];
    for (const p of people) {
      const m = await createMistake({ title: p.title, owner: { email: p.owner, timeZone: 'UTC' }, leader: { email: p.leader, timeZone: 'UTC' }, startAt: '2030-04-01T08:00:00Z' });
      ids.push(m.id);
    }
    await travel('2030-04-01T08:01:00Z');
    for (const p of people) await ownAnswered(p.owner, seen.get(p.owner)!, `About “${p.title}”: the call was mine.`);
    await travel('2030-04-03T09:00:00Z');
    for (const [i, p] of people.entries()) await ownerWrites(ids[i]!, 'learn', `What I learned from “${p.title}”.`);
    await travel('2030-04-08T09:00:00Z');

    for (const [i, p] of people.entries()) {
      const other = people[1 - i]!;
      const emails = await newEmailsTo(p.leader, seen.get(p.leader)!);
      expect(emails.map((e) => e.subject)).toEqual([expect.stringContaining(p.title), expect.stringMatching(/digest/i)]);
      for (const e of emails) {
        expect(e.text).toContain(p.title);
        expect(e.text).not.toContain(other.title);
        expect(e.html).not.toContain(other.title);
      }
      // A leader's link acts on their own plan only: the page names theirs, never the other.
      const thanks = await page('GET', linkTo(emails[1]!, 'thanks'));
      const html = await thanks.text();
      expect(html).toContain(p.title);
      expect(html).not.toContain(other.title);
      const listed = await json('GET', `/api/mistakes?leader=${encodeURIComponent(p.leader)}`);
      expect(listed.body.mistakes.map((m: any) => m.title)).toEqual([p.title]);
    }
  });

  it('a plan that comes to its end, without done, gets its closing report at the next digest time', async () => {
    const owner = 'end.owner@example.com';
    const leader = 'end.leader@example.com';
    const ownerSeen = new Set<string>();
    const leaderSeen = new Set<string>();
    await travel('2030-05-06T08:00:00Z'); // Monday
    await createMistake({
      title: 'Missed the renewal date on the analytics contract',
      owner: { email: owner, timeZone: 'UTC' },
      leader: { email: leader, name: 'Lee', timeZone: 'UTC' },
      startAt: '2030-05-06T08:00:00Z',
      cadence: [
        { step: 'own', day: 0 },
        { step: 'progress', day: 7 },
      ],
    });
    await travel('2030-05-06T08:01:00Z');
    await ownAnswered(owner, ownerSeen, 'The renewal reminder was in my calendar and I dismissed it.');
    await travel('2030-05-13T09:00:00Z');
    const last = (await newEmailsTo(owner, ownerSeen)).find((e) => /how is it going/.test(e.subject))!;
    expect(last.text).toMatch(/last check-in/);
    await clickAsPerson(linkTo(last, 'on_track'));
    await travel('2030-05-13T09:05:00Z');
    expect(await newEmailsTo(leader, leaderSeen)).toHaveLength(1); // the introduction; the Monday digest had nothing new at 09:00

    // A week after the last check-in went out, the plan has ended: the closing report instead of a digest.
    await travel('2030-05-20T09:00:00Z');
    const emails = await newEmailsTo(leader, leaderSeen);
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/has come to its end: the whole story/)]);
    expect(emails[0]!.text).toContain('The renewal reminder was in my calendar');
    expect(emails[0]!.text).toMatch(/Day 7, progress check-in: on track/);
    await travel('2030-05-27T09:00:00Z');
    expect(await newEmailsTo(leader, leaderSeen)).toHaveLength(0);
  });
  it('a leader with no zone of their own hears at 09:00 in the owner’s zone', async () => {
    const owner = 'zone.owner@example.com';
    const leader = 'zone.leader@example.com';
    const ownerSeen = new Set<string>();
    const leaderSeen = new Set<string>();
    await travel('2030-06-03T12:00:00Z'); // Monday, 08:00 in New York (EDT)
    const m = await createMistake({ owner: { email: owner, timeZone: 'America/New_York' }, leader: { email: leader }, startAt: '2030-06-03T12:00:00Z' });
    await travel('2030-06-03T12:01:00Z');
    await ownAnswered(owner, ownerSeen, 'I told the client the wrong launch date in writing.');
    await travel('2030-06-05T12:00:00Z');
    await ownerWrites(m.id, 'learn', 'Dates go out only from the release calendar, which I did not open.');
    // Monday 10 June: 09:00 UTC is 05:00 in New York, nothing; 13:00 UTC is 09:00 there.
    await travel('2030-06-10T09:00:00Z');
    expect(digestsIn(await newEmailsTo(leader, leaderSeen))).toHaveLength(0);
    await travel('2030-06-10T12:59:00Z');
    expect(digestsIn(await newEmailsTo(leader, leaderSeen))).toHaveLength(0);
    await travel('2030-06-10T13:00:00Z');
    const digests = digestsIn(await newEmailsTo(leader, leaderSeen));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('release calendar');
  });
});
