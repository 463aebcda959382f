// A plan with a leader, lived through scheduled runs: the introduction only after the ownership statement, the
// Monday digest in the leader's zone, silence when nothing is new, the blocked alert, the leader's "let's talk"
// told to the owner, the owner's preview, and the closing report on done. Lived once from each day of the week,
// so the digest meets a plan whose learning and plan fall before, on and after its Monday.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linkTo, newEmailsTo, forwardClock, page, travel, type OutboxEmail } from '../support/worker';
import { answerWithForm, at, clickAsPerson, headerOf, MINUTE, unsubscribeUrl } from './support';

type News = 'learning' | 'plan' | 'note' | 'blocked';

interface Run {
  weekday: string;
  /** Both plans' pinned start (day 0): 08:00 UTC. */
  startAt: string;
  /** The owner's check-ins (London), in cadence order: own 0, learn 2, plan 4, progress 7, 14, 30, 60 and 90. */
  dueAt: string[];
  /** The owner clicks "blocked" on the day-14 check-in (and writes a note): a day and an hour after it went. */
  blockedAt: string;
  /** The owner clicks "done" on the day-30 check-in, an hour after it went. */
  doneAt: string;
  /**
   * Every Monday 09:00 in New York (the leader's zone) from the introduction to the first one after done:
   * what is new for the digest then (none: no digest), and the plan's day; `after: 'done'` for the last.
   */
  mondays: ({ at: string; news: News[]; day?: number } | { at: string; after: 'done' })[];
}

// From test/support/time-oracle.py (python3 test/support/time-oracle.py leader): the Time contract and the
// digest rule worked out with Python's zoneinfo, not with the code under test. Each run starts after the one
// before has ended, because one file's storage (and its one clock, which only goes forward) is shared.
const RUNS: Run[] = [
  {
    weekday: 'Monday',
    startAt: '2030-01-07T08:00:00.000Z',
    dueAt: [
      '2030-01-07T08:00:00.000Z', // own day 0: Mon 07 Jan 08:00 GMT
      '2030-01-09T09:00:00.000Z', // learn day 2: Wed 09 Jan 09:00 GMT
      '2030-01-11T09:00:00.000Z', // plan day 4: Fri 11 Jan 09:00 GMT
      '2030-01-14T09:00:00.000Z', // progress day 7: Mon 14 Jan 09:00 GMT
      '2030-01-21T09:00:00.000Z', // progress day 14: Mon 21 Jan 09:00 GMT
      '2030-02-06T09:00:00.000Z', // progress day 30: Wed 06 Feb 09:00 GMT
      '2030-03-08T09:00:00.000Z', // progress day 60: Fri 08 Mar 09:00 GMT
      '2030-04-08T08:00:00.000Z', // progress day 90: Mon 08 Apr 09:00 BST
    ],
    blockedAt: '2030-01-22T10:00:00.000Z', // Tue 22 Jan
    doneAt: '2030-02-06T10:00:00.000Z', // Wed 06 Feb
    mondays: [
      { at: '2030-01-07T14:00:00.000Z', news: [] }, // Mon 07 Jan 09:00 EST: nothing new
      { at: '2030-01-14T14:00:00.000Z', news: ['learning', 'plan'], day: 7 }, // Mon 14 Jan 09:00 EST
      { at: '2030-01-21T14:00:00.000Z', news: [] }, // Mon 21 Jan 09:00 EST: nothing new
      { at: '2030-01-28T14:00:00.000Z', news: ['note', 'blocked'], day: 21 }, // Mon 28 Jan 09:00 EST
      { at: '2030-02-04T14:00:00.000Z', news: [] }, // Mon 04 Feb 09:00 EST: nothing new
      { at: '2030-02-11T14:00:00.000Z', after: 'done' }, // Mon 11 Feb 09:00 EST
    ],
  },
  {
    weekday: 'Tuesday', // clocks change on 2030-03-10, 2030-03-31
    startAt: '2030-03-05T08:00:00.000Z',
    dueAt: [
      '2030-03-05T08:00:00.000Z', // own day 0: Tue 05 Mar 08:00 GMT
      '2030-03-07T09:00:00.000Z', // learn day 2: Thu 07 Mar 09:00 GMT
      '2030-03-11T09:00:00.000Z', // plan day 4: Mon 11 Mar 09:00 GMT
      '2030-03-12T09:00:00.000Z', // progress day 7: Tue 12 Mar 09:00 GMT
      '2030-03-19T09:00:00.000Z', // progress day 14: Tue 19 Mar 09:00 GMT
      '2030-04-04T08:00:00.000Z', // progress day 30: Thu 04 Apr 09:00 BST
      '2030-05-06T08:00:00.000Z', // progress day 60: Mon 06 May 09:00 BST
      '2030-06-03T08:00:00.000Z', // progress day 90: Mon 03 Jun 09:00 BST
    ],
    blockedAt: '2030-03-20T10:00:00.000Z', // Wed 20 Mar
    doneAt: '2030-04-04T09:00:00.000Z', // Thu 04 Apr
    mondays: [
      { at: '2030-03-11T13:00:00.000Z', news: ['learning', 'plan'], day: 6 }, // Mon 11 Mar 09:00 EDT
      { at: '2030-03-18T13:00:00.000Z', news: [] }, // Mon 18 Mar 09:00 EDT: nothing new
      { at: '2030-03-25T13:00:00.000Z', news: ['note', 'blocked'], day: 20 }, // Mon 25 Mar 09:00 EDT
      { at: '2030-04-01T13:00:00.000Z', news: [] }, // Mon 01 Apr 09:00 EDT: nothing new
      { at: '2030-04-08T13:00:00.000Z', after: 'done' }, // Mon 08 Apr 09:00 EDT
    ],
  },
  {
    weekday: 'Wednesday',
    startAt: '2030-05-01T08:00:00.000Z',
    dueAt: [
      '2030-05-01T08:00:00.000Z', // own day 0: Wed 01 May 09:00 BST
      '2030-05-03T08:00:00.000Z', // learn day 2: Fri 03 May 09:00 BST
      '2030-05-06T08:00:00.000Z', // plan day 4: Mon 06 May 09:00 BST
      '2030-05-08T08:00:00.000Z', // progress day 7: Wed 08 May 09:00 BST
      '2030-05-15T08:00:00.000Z', // progress day 14: Wed 15 May 09:00 BST
      '2030-05-31T08:00:00.000Z', // progress day 30: Fri 31 May 09:00 BST
      '2030-07-01T08:00:00.000Z', // progress day 60: Mon 01 Jul 09:00 BST
      '2030-07-30T08:00:00.000Z', // progress day 90: Tue 30 Jul 09:00 BST
    ],
    blockedAt: '2030-05-16T09:00:00.000Z', // Thu 16 May
    doneAt: '2030-05-31T09:00:00.000Z', // Fri 31 May
    mondays: [
      { at: '2030-05-06T13:00:00.000Z', news: ['learning', 'plan'], day: 5 }, // Mon 06 May 09:00 EDT
      { at: '2030-05-13T13:00:00.000Z', news: [] }, // Mon 13 May 09:00 EDT: nothing new
      { at: '2030-05-20T13:00:00.000Z', news: ['note', 'blocked'], day: 19 }, // Mon 20 May 09:00 EDT
      { at: '2030-05-27T13:00:00.000Z', news: [] }, // Mon 27 May 09:00 EDT: nothing new
      { at: '2030-06-03T13:00:00.000Z', after: 'done' }, // Mon 03 Jun 09:00 EDT
    ],
  },
  {
    weekday: 'Thursday',
    startAt: '2030-07-04T08:00:00.000Z',
    dueAt: [
      '2030-07-04T08:00:00.000Z', // own day 0: Thu 04 Jul 09:00 BST
      '2030-07-08T08:00:00.000Z', // learn day 2: Mon 08 Jul 09:00 BST
      '2030-07-08T08:00:00.000Z', // plan day 4: Mon 08 Jul 09:00 BST
      '2030-07-11T08:00:00.000Z', // progress day 7: Thu 11 Jul 09:00 BST
      '2030-07-18T08:00:00.000Z', // progress day 14: Thu 18 Jul 09:00 BST
      '2030-08-05T08:00:00.000Z', // progress day 30: Mon 05 Aug 09:00 BST
      '2030-09-02T08:00:00.000Z', // progress day 60: Mon 02 Sep 09:00 BST
      '2030-10-02T08:00:00.000Z', // progress day 90: Wed 02 Oct 09:00 BST
    ],
    blockedAt: '2030-07-19T09:00:00.000Z', // Fri 19 Jul
    doneAt: '2030-08-05T09:00:00.000Z', // Mon 05 Aug
    mondays: [
      { at: '2030-07-08T13:00:00.000Z', news: ['learning', 'plan'], day: 4 }, // Mon 08 Jul 09:00 EDT
      { at: '2030-07-15T13:00:00.000Z', news: [] }, // Mon 15 Jul 09:00 EDT: nothing new
      { at: '2030-07-22T13:00:00.000Z', news: ['note', 'blocked'], day: 18 }, // Mon 22 Jul 09:00 EDT
      { at: '2030-07-29T13:00:00.000Z', news: [] }, // Mon 29 Jul 09:00 EDT: nothing new
      { at: '2030-08-05T13:00:00.000Z', after: 'done' }, // Mon 05 Aug 09:00 EDT
    ],
  },
  {
    weekday: 'Friday', // clocks change on 2030-10-27
    startAt: '2030-09-27T08:00:00.000Z',
    dueAt: [
      '2030-09-27T08:00:00.000Z', // own day 0: Fri 27 Sep 09:00 BST
      '2030-09-30T08:00:00.000Z', // learn day 2: Mon 30 Sep 09:00 BST
      '2030-10-01T08:00:00.000Z', // plan day 4: Tue 01 Oct 09:00 BST
      '2030-10-04T08:00:00.000Z', // progress day 7: Fri 04 Oct 09:00 BST
      '2030-10-11T08:00:00.000Z', // progress day 14: Fri 11 Oct 09:00 BST
      '2030-10-28T09:00:00.000Z', // progress day 30: Mon 28 Oct 09:00 GMT
      '2030-11-26T09:00:00.000Z', // progress day 60: Tue 26 Nov 09:00 GMT
      '2030-12-26T09:00:00.000Z', // progress day 90: Thu 26 Dec 09:00 GMT
    ],
    blockedAt: '2030-10-12T09:00:00.000Z', // Sat 12 Oct
    doneAt: '2030-10-28T10:00:00.000Z', // Mon 28 Oct
    mondays: [
      { at: '2030-09-30T13:00:00.000Z', news: ['learning'], day: 3 }, // Mon 30 Sep 09:00 EDT
      { at: '2030-10-07T13:00:00.000Z', news: ['plan'], day: 10 }, // Mon 07 Oct 09:00 EDT
      { at: '2030-10-14T13:00:00.000Z', news: ['note', 'blocked'], day: 17 }, // Mon 14 Oct 09:00 EDT
      { at: '2030-10-21T13:00:00.000Z', news: [] }, // Mon 21 Oct 09:00 EDT: nothing new
      { at: '2030-10-28T13:00:00.000Z', after: 'done' }, // Mon 28 Oct 09:00 EDT
    ],
  },
  {
    weekday: 'Saturday',
    startAt: '2030-12-07T08:00:00.000Z',
    dueAt: [
      '2030-12-07T08:00:00.000Z', // own day 0: Sat 07 Dec 08:00 GMT
      '2030-12-09T09:00:00.000Z', // learn day 2: Mon 09 Dec 09:00 GMT
      '2030-12-11T09:00:00.000Z', // plan day 4: Wed 11 Dec 09:00 GMT
      '2030-12-16T09:00:00.000Z', // progress day 7: Mon 16 Dec 09:00 GMT
      '2030-12-23T09:00:00.000Z', // progress day 14: Mon 23 Dec 09:00 GMT
      '2031-01-06T09:00:00.000Z', // progress day 30: Mon 06 Jan 09:00 GMT
      '2031-02-05T09:00:00.000Z', // progress day 60: Wed 05 Feb 09:00 GMT
      '2031-03-07T09:00:00.000Z', // progress day 90: Fri 07 Mar 09:00 GMT
    ],
    blockedAt: '2030-12-24T10:00:00.000Z', // Tue 24 Dec
    doneAt: '2031-01-06T10:00:00.000Z', // Mon 06 Jan
    mondays: [
      { at: '2030-12-09T14:00:00.000Z', news: ['learning'], day: 2 }, // Mon 09 Dec 09:00 EST
      { at: '2030-12-16T14:00:00.000Z', news: ['plan'], day: 9 }, // Mon 16 Dec 09:00 EST
      { at: '2030-12-23T14:00:00.000Z', news: [] }, // Mon 23 Dec 09:00 EST: nothing new
      { at: '2030-12-30T14:00:00.000Z', news: ['note', 'blocked'], day: 23 }, // Mon 30 Dec 09:00 EST
      { at: '2031-01-06T14:00:00.000Z', after: 'done' }, // Mon 06 Jan 09:00 EST
    ],
  },
  {
    weekday: 'Sunday', // clocks change on 2031-03-09
    startAt: '2031-02-02T08:00:00.000Z',
    dueAt: [
      '2031-02-02T08:00:00.000Z', // own day 0: Sun 02 Feb 08:00 GMT
      '2031-02-04T09:00:00.000Z', // learn day 2: Tue 04 Feb 09:00 GMT
      '2031-02-06T09:00:00.000Z', // plan day 4: Thu 06 Feb 09:00 GMT
      '2031-02-10T09:00:00.000Z', // progress day 7: Mon 10 Feb 09:00 GMT
      '2031-02-17T09:00:00.000Z', // progress day 14: Mon 17 Feb 09:00 GMT
      '2031-03-04T09:00:00.000Z', // progress day 30: Tue 04 Mar 09:00 GMT
      '2031-04-03T08:00:00.000Z', // progress day 60: Thu 03 Apr 09:00 BST
      '2031-05-05T08:00:00.000Z', // progress day 90: Mon 05 May 09:00 BST
    ],
    blockedAt: '2031-02-18T10:00:00.000Z', // Tue 18 Feb
    doneAt: '2031-03-04T10:00:00.000Z', // Tue 04 Mar
    mondays: [
      { at: '2031-02-03T14:00:00.000Z', news: [] }, // Mon 03 Feb 09:00 EST: nothing new
      { at: '2031-02-10T14:00:00.000Z', news: ['learning', 'plan'], day: 8 }, // Mon 10 Feb 09:00 EST
      { at: '2031-02-17T14:00:00.000Z', news: [] }, // Mon 17 Feb 09:00 EST: nothing new
      { at: '2031-02-24T14:00:00.000Z', news: ['note', 'blocked'], day: 22 }, // Mon 24 Feb 09:00 EST
      { at: '2031-03-03T14:00:00.000Z', news: [] }, // Mon 03 Mar 09:00 EST: nothing new
      { at: '2031-03-10T13:00:00.000Z', after: 'done' }, // Mon 10 Mar 09:00 EDT
    ],
  },
];

const TITLE = 'Shipped the invoice export with the wrong totals';
const OTHER_TITLE = 'Double-booked the customer workshop room';

const OWNERSHIP = 'I merged the VAT change without running the invoice fixtures. Three customers were over-billed; that was my call.';
const LEARNING = 'Fixtures must run on every billing change; we learned to pair on money code.';
const PLAN = 'CI gate on billing fixtures by 2030-01-20; a pairing rota from the next sprint.';
const NOTE = 'The CI runners cannot reach the fixtures bucket; platform has no slot until February.';
const WORDS: Record<'learning' | 'plan', string> = { learning: LEARNING, plan: PLAN };

async function one(emails: OutboxEmail[], subject: RegExp): Promise<OutboxEmail> {
  const found = emails.filter((e) => subject.test(e.subject));
  expect(found, `one email matching ${subject}`).toHaveLength(1);
  return found[0]!;
}

describe.each(RUNS)('a plan with a leader, from a $weekday', (run) => {
  const who = run.weekday.toLowerCase();
  const OWNER = `flow.owner.${who}@example.com`;
  const OTHER_OWNER = `flow.other.${who}@example.com`;
  const LEADER = `flow.leader.${who}@example.com`;
  const ownerSeen = new Set<string>();
  const otherSeen = new Set<string>();
  const leaderSeen = new Set<string>();
  /** The owner's emails not yet looked at: learn and plan can fall due on the same morning. */
  const ownerInbox: OutboxEmail[] = [];

  const reach = forwardClock();

  async function ownerEmail(subject: RegExp): Promise<OutboxEmail> {
    ownerInbox.push(...(await newEmailsTo(OWNER, ownerSeen)));
    const email = await one(ownerInbox, subject);
    ownerInbox.splice(ownerInbox.indexOf(email), 1);
    return email;
  }

  it('goes from introduction to closing report, each email once and at the right local time', async () => {
    await reach(run.startAt);
    const mistake = await createMistake({
      title: TITLE,
      owner: { email: OWNER, name: 'Olu', timeZone: 'Europe/London' },
      leader: { email: LEADER, name: 'Lee', timeZone: 'America/New_York' },
      startAt: run.startAt,
    });
    expect(mistake.checkins.map((c: any) => c.dueAt)).toEqual(run.dueAt);
    await createMistake({
      title: OTHER_TITLE,
      owner: { email: OTHER_OWNER, name: 'Ana', timeZone: 'Europe/London' },
      leader: { email: LEADER },
      startAt: run.startAt,
    });
    await reach(at(run.startAt, MINUTE));
    const own = await ownerEmail(/what happened/);
    const otherOwn = await one(await newEmailsTo(OTHER_OWNER, otherSeen), /what happened/);

    // No ownership statement yet: the leader hears nothing.
    await reach(at(run.startAt, 30 * MINUTE));
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

    await answerWithForm(own, OWNERSHIP);
    await answerWithForm(otherOwn, 'I booked the room for two teams on the same morning without checking the calendar.');
    await reach(at(run.startAt, 31 * MINUTE));
    // The statement stands unchanged for 10 minutes before the leader reads it.
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
    await reach(at(run.startAt, 41 * MINUTE));
    const intros = await newEmailsTo(LEADER, leaderSeen);
    expect(intros).toHaveLength(2);
    const intro = await one(intros, new RegExp(TITLE));
    expect(intro.text).toContain(OWNERSHIP);
    expect(intro.text).toMatch(/learned/);
    expect(intro.text).not.toContain(OTHER_TITLE);
    expect(headerOf(intro, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(unsubscribeUrl(intro)).toMatch(/^https:\/\/localhost\/lead\/[A-Za-z0-9_-]{32}\/unsubscribe$/);

    let day14: OutboxEmail | undefined;

    const learn = async () => answerWithForm(await ownerEmail(/what did you learn/), LEARNING);
    const plan = async () => answerWithForm(await ownerEmail(/what will change/), PLAN);
    const progress14 = async () => {
      day14 = await ownerEmail(/how is it going\?.*2 of 5/);
    };

    // Blocked, by one click on the day-14 check-in: the alert goes at the first run after it settles.
    const blocked = async () => {
      await clickAsPerson(linkTo(day14!, 'blocked'));
      await answerWithForm(day14!, NOTE);
      await reach(at(run.blockedAt, MINUTE));
      expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
      await reach(at(run.blockedAt, 2 * MINUTE + 10_000));
      const alert = await one(await newEmailsTo(LEADER, leaderSeen), /blocked/);
      expect(alert.subject).toContain(TITLE);
      expect(alert.text).toContain(PLAN);
      expect(headerOf(alert, 'List-Unsubscribe')).toBeDefined();
      await reach(at(run.blockedAt, 60 * MINUTE));
      expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);

      // The leader asks to talk: recorded (by the leader, shown in the API) and the owner is told, once.
      await clickAsPerson(linkTo(alert, 'talk'));
      const pending = await json('GET', `/api/mistakes/${mistake.id}`);
      expect(pending.body.updates.at(-1)).toMatchObject({ kind: 'ack', author: 'leader', status: 'talk', settled: false });
      await reach(at(run.blockedAt, 62 * MINUTE + 10_000));
      const notice = await ownerEmail(/would like to talk/);
      expect(notice.text).toContain('Lee');
      const acked = await json('GET', `/api/mistakes/${mistake.id}`);
      expect(acked.body.updates.filter((u: any) => u.kind === 'ack')).toEqual([
        expect.objectContaining({ kind: 'ack', author: 'leader', status: 'talk', via: 'link', settled: true }),
      ]);
      await reach(at(run.blockedAt, 120 * MINUTE));
      ownerInbox.push(...(await newEmailsTo(OWNER, ownerSeen)));
      expect(ownerInbox.filter((e) => /talk/.test(e.subject))).toHaveLength(0);
    };

    // Done, by one click on the day-30 check-in: the closing report tells the whole story.
    const done = async () => {
      const day30 = await ownerEmail(/how is it going\?.*3 of 5/);
      await clickAsPerson(linkTo(day30, 'done'));
      await reach(at(run.doneAt, 2 * MINUTE + 10_000));
      const closing = await one(await newEmailsTo(LEADER, leaderSeen), /whole story/);
      expect(closing.subject).toContain(TITLE);
      for (const words of [OWNERSHIP, LEARNING, PLAN, NOTE]) expect(closing.text).toContain(words);
      expect(closing.text).toMatch(/Day 14, progress check-in: blocked/);
      expect(closing.text).toMatch(/Day 30, progress check-in: done/);
    };

    // A Monday 09:00 in New York: 08:59 sends nothing; 09:00 the digest when something is new, else nothing.
    const monday = (m: Run['mondays'][number]) => async () => {
      if ('after' in m) {
        // After the story is told: nothing more about this plan, and the introduction went once.
        const later = await newEmailsTo(LEADER, leaderSeen);
        expect(later.filter((e) => e.text.includes(TITLE))).toHaveLength(0);
        const all = (await json('GET', `/api/mistakes/${mistake.id}`)).body;
        expect(all.status).toBe('resolved');
        return;
      }
      if (m.news.length === 0) {
        expect(await newEmailsTo(LEADER, leaderSeen), `no digest at ${m.at}: nothing is new`).toHaveLength(0);
        return;
      }
      const digest = await one(await newEmailsTo(LEADER, leaderSeen), /digest/i);
      expect(digest.text).toContain(TITLE);
      expect(digest.text).toContain(OTHER_TITLE);
      expect(digest.text).toMatch(new RegExp(`day ${m.day} of 90`));
      expect(headerOf(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // The ownership statement went in the introduction; it is not "new" again.
      expect(digest.text).not.toContain(OWNERSHIP);
      if (m.news.includes('note')) {
        // The digest after the blocked click puts the blocked plan first, before the one waiting for an answer.
        expect(digest.subject).toMatch(/1 blocked/);
        expect(digest.text).toContain(NOTE);
        expect(digest.text.indexOf(TITLE)).toBeLessThan(digest.text.indexOf(OTHER_TITLE));
        expect(digest.text).not.toContain(LEARNING);

        // The owner's preview: this plan as the leader sees it now, nobody else's, and nothing changes.
        const before = await dumpTables();
        const preview = await page('GET', linkTo(day14!, 'preview'));
        expect(preview.status).toBe(200);
        const html = await preview.text();
        expect(html).toContain('What your leader sees');
        expect(html).toContain(TITLE);
        expect(html).not.toContain(OTHER_TITLE);
        expect(await dumpTables()).toEqual(before);
        return;
      }
      // The new words in full, and only those: what went in an earlier digest is not repeated.
      for (const kind of ['learning', 'plan'] as const) {
        if (m.news.includes(kind)) expect(digest.text).toContain(WORDS[kind]);
        else expect(digest.text).not.toContain(WORDS[kind]);
      }
    };

    // Everything from here on, in the order of the clock.
    const steps: [string, () => Promise<void>][] = [
      [run.dueAt[1]!, learn],
      [run.dueAt[2]!, plan],
      [run.dueAt[4]!, progress14],
      [run.blockedAt, blocked],
      [run.doneAt, done],
      ...run.mondays.flatMap((m): [string, () => Promise<void>][] => [
        [
          at(m.at, -MINUTE),
          async () => expect(await newEmailsTo(LEADER, leaderSeen), `nothing a minute before ${m.at}`).toHaveLength(0),
        ],
        [m.at, monday(m)],
      ]),
    ];
    steps.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
    for (const [when, step] of steps) {
      await reach(when);
      await step();
    }
  }, 120_000);
});
