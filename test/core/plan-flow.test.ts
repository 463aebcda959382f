// A whole 90-day plan, lived through time travel: every check-in email from the outbox, every link followed
// as a person would, every answer read back through the API. Lived once from each day of the week, in a zone
// whose clocks change inside every run, so weekends and Mondays are always met whatever day the suite runs on.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { json, linkTo, newEmailsTo, forwardClock, page, travel, type OutboxEmail } from '../support/worker';

interface Run {
  weekday: string;
  /** The plan's pinned start (day 0), 10:00 UTC. */
  startAt: string;
  /** Each check-in's due time, in cadence order: own 0, learn 2, plan 4, progress 7, 14, 30, 60 and 90. */
  dueAt: string[];
  /** Weeks after the plan ended: nothing more has gone by then. */
  quietAt: string;
}

// From test/support/time-oracle.py (python3 test/support/time-oracle.py plan-flow): the Time contract worked
// out with Python's zoneinfo, not with the code under test. Each run starts after the one before has ended,
// because one file's storage (and its one clock, which only goes forward) is shared by its tests.
const RUNS: Run[] = [
  {
    weekday: 'Monday', // London changes its clocks on 2030-03-31
    startAt: '2030-01-07T10:00:00.000Z',
    dueAt: [
      '2030-01-07T10:00:00.000Z', // own day 0: Mon 07 Jan 10:00 GMT
      '2030-01-09T09:00:00.000Z', // learn day 2: Wed 09 Jan 09:00 GMT
      '2030-01-11T09:00:00.000Z', // plan day 4: Fri 11 Jan 09:00 GMT
      '2030-01-14T09:00:00.000Z', // progress day 7: Mon 14 Jan 09:00 GMT
      '2030-01-21T09:00:00.000Z', // progress day 14: Mon 21 Jan 09:00 GMT
      '2030-02-06T09:00:00.000Z', // progress day 30: Wed 06 Feb 09:00 GMT
      '2030-03-08T09:00:00.000Z', // progress day 60: Fri 08 Mar 09:00 GMT
      '2030-04-08T08:00:00.000Z', // progress day 90: Mon 08 Apr 09:00 BST, from the weekend
    ],
    quietAt: '2030-06-01T09:00:00.000Z',
  },
  {
    weekday: 'Tuesday', // London changes its clocks on 2030-10-27
    startAt: '2030-08-13T10:00:00.000Z',
    dueAt: [
      '2030-08-13T10:00:00.000Z', // own day 0: Tue 13 Aug 11:00 BST
      '2030-08-15T08:00:00.000Z', // learn day 2: Thu 15 Aug 09:00 BST
      '2030-08-19T08:00:00.000Z', // plan day 4: Mon 19 Aug 09:00 BST, from the weekend
      '2030-08-20T08:00:00.000Z', // progress day 7: Tue 20 Aug 09:00 BST
      '2030-08-27T08:00:00.000Z', // progress day 14: Tue 27 Aug 09:00 BST
      '2030-09-12T08:00:00.000Z', // progress day 30: Thu 12 Sep 09:00 BST
      '2030-10-14T08:00:00.000Z', // progress day 60: Mon 14 Oct 09:00 BST, from the weekend
      '2030-11-11T09:00:00.000Z', // progress day 90: Mon 11 Nov 09:00 GMT
    ],
    quietAt: '2031-01-04T09:00:00.000Z',
  },
  {
    weekday: 'Wednesday', // London changes its clocks on 2031-03-30
    startAt: '2031-02-05T10:00:00.000Z',
    dueAt: [
      '2031-02-05T10:00:00.000Z', // own day 0: Wed 05 Feb 10:00 GMT
      '2031-02-07T09:00:00.000Z', // learn day 2: Fri 07 Feb 09:00 GMT
      '2031-02-10T09:00:00.000Z', // plan day 4: Mon 10 Feb 09:00 GMT, from the weekend
      '2031-02-12T09:00:00.000Z', // progress day 7: Wed 12 Feb 09:00 GMT
      '2031-02-19T09:00:00.000Z', // progress day 14: Wed 19 Feb 09:00 GMT
      '2031-03-07T09:00:00.000Z', // progress day 30: Fri 07 Mar 09:00 GMT
      '2031-04-07T08:00:00.000Z', // progress day 60: Mon 07 Apr 09:00 BST, from the weekend
      '2031-05-06T08:00:00.000Z', // progress day 90: Tue 06 May 09:00 BST
    ],
    quietAt: '2031-06-29T09:00:00.000Z',
  },
  {
    weekday: 'Thursday', // London changes its clocks on 2031-10-26
    startAt: '2031-08-14T10:00:00.000Z',
    dueAt: [
      '2031-08-14T10:00:00.000Z', // own day 0: Thu 14 Aug 11:00 BST
      '2031-08-18T08:00:00.000Z', // learn day 2: Mon 18 Aug 09:00 BST, from the weekend
      '2031-08-18T08:00:00.000Z', // plan day 4: Mon 18 Aug 09:00 BST
      '2031-08-21T08:00:00.000Z', // progress day 7: Thu 21 Aug 09:00 BST
      '2031-08-28T08:00:00.000Z', // progress day 14: Thu 28 Aug 09:00 BST
      '2031-09-15T08:00:00.000Z', // progress day 30: Mon 15 Sep 09:00 BST, from the weekend
      '2031-10-13T08:00:00.000Z', // progress day 60: Mon 13 Oct 09:00 BST
      '2031-11-12T09:00:00.000Z', // progress day 90: Wed 12 Nov 09:00 GMT
    ],
    quietAt: '2032-01-05T09:00:00.000Z',
  },
  {
    weekday: 'Friday', // London changes its clocks on 2032-03-28
    startAt: '2032-02-06T10:00:00.000Z',
    dueAt: [
      '2032-02-06T10:00:00.000Z', // own day 0: Fri 06 Feb 10:00 GMT
      '2032-02-09T09:00:00.000Z', // learn day 2: Mon 09 Feb 09:00 GMT, from the weekend
      '2032-02-10T09:00:00.000Z', // plan day 4: Tue 10 Feb 09:00 GMT
      '2032-02-13T09:00:00.000Z', // progress day 7: Fri 13 Feb 09:00 GMT
      '2032-02-20T09:00:00.000Z', // progress day 14: Fri 20 Feb 09:00 GMT
      '2032-03-08T09:00:00.000Z', // progress day 30: Mon 08 Mar 09:00 GMT, from the weekend
      '2032-04-06T08:00:00.000Z', // progress day 60: Tue 06 Apr 09:00 BST
      '2032-05-06T08:00:00.000Z', // progress day 90: Thu 06 May 09:00 BST
    ],
    quietAt: '2032-06-29T09:00:00.000Z',
  },
  {
    weekday: 'Saturday', // London changes its clocks on 2032-10-31
    startAt: '2032-08-14T10:00:00.000Z',
    dueAt: [
      '2032-08-14T10:00:00.000Z', // own day 0: Sat 14 Aug 11:00 BST
      '2032-08-16T08:00:00.000Z', // learn day 2: Mon 16 Aug 09:00 BST
      '2032-08-18T08:00:00.000Z', // plan day 4: Wed 18 Aug 09:00 BST
      '2032-08-23T08:00:00.000Z', // progress day 7: Mon 23 Aug 09:00 BST, from the weekend
      '2032-08-30T08:00:00.000Z', // progress day 14: Mon 30 Aug 09:00 BST, from the weekend
      '2032-09-13T08:00:00.000Z', // progress day 30: Mon 13 Sep 09:00 BST
      '2032-10-13T08:00:00.000Z', // progress day 60: Wed 13 Oct 09:00 BST
      '2032-11-12T09:00:00.000Z', // progress day 90: Fri 12 Nov 09:00 GMT
    ],
    quietAt: '2033-01-05T09:00:00.000Z',
  },
  {
    weekday: 'Sunday', // London changes its clocks on 2033-03-27
    startAt: '2033-02-06T10:00:00.000Z',
    dueAt: [
      '2033-02-06T10:00:00.000Z', // own day 0: Sun 06 Feb 10:00 GMT
      '2033-02-08T09:00:00.000Z', // learn day 2: Tue 08 Feb 09:00 GMT
      '2033-02-10T09:00:00.000Z', // plan day 4: Thu 10 Feb 09:00 GMT
      '2033-02-14T09:00:00.000Z', // progress day 7: Mon 14 Feb 09:00 GMT, from the weekend
      '2033-02-21T09:00:00.000Z', // progress day 14: Mon 21 Feb 09:00 GMT, from the weekend
      '2033-03-08T09:00:00.000Z', // progress day 30: Tue 08 Mar 09:00 GMT
      '2033-04-07T08:00:00.000Z', // progress day 60: Thu 07 Apr 09:00 BST
      '2033-05-09T08:00:00.000Z', // progress day 90: Mon 09 May 09:00 BST, from the weekend
    ],
    quietAt: '2033-07-02T09:00:00.000Z',
  },
];

const CADENCE: [string, number][] = [['own', 0], ['learn', 2], ['plan', 4], ['progress', 7], ['progress', 14], ['progress', 30], ['progress', 60], ['progress', 90]];
const MINUTE = 60_000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs).toISOString();

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

describe.each(RUNS)('a 90-day plan from a $weekday', (run) => {
  const OWNER = `plan.owner.${run.weekday.toLowerCase()}@example.com`;
  const seen = new Set<string>();
  /** The owner's emails not yet looked at: two check-ins can fall due at the same moment. */
  const inbox: OutboxEmail[] = [];

  const reach = forwardClock();

  async function checkinEmailAt(to: string, expectSubject: RegExp): Promise<OutboxEmail> {
    await reach(to);
    inbox.push(...(await newEmailsTo(OWNER, seen)));
    const emails = inbox.filter((e) => expectSubject.test(e.subject));
    expect(emails, `one check-in email at ${to}`).toHaveLength(1);
    // Sent by the scheduled work at that very moment, not at an earlier or a later one.
    expect(emails[0]!.createdAt).toBe(new Date(Date.parse(to)).toISOString());
    inbox.splice(inbox.indexOf(emails[0]!), 1);
    return emails[0]!;
  }

  it('sends every check-in on time and records every answer', async () => {
    await reach(at(run.startAt, -120 * MINUTE));
    const mistake = await createMistake({
      owner: { email: OWNER, name: 'Pat', timeZone: 'Europe/London' },
      leader: null,
      startAt: run.startAt,
    });
    expect(mistake.checkins.map((c: any) => [c.step, c.day, c.dueAt, c.status])).toEqual(
      CADENCE.map(([step, day], i) => [step, day, run.dueAt[i], 'scheduled']),
    );

    // Nothing goes out before its time.
    await reach(at(run.startAt, -MINUTE));
    expect(await newEmailsTo(OWNER, seen)).toHaveLength(0);

    const own = await checkinEmailAt(run.dueAt[0]!, /what happened/);
    await answerWithForm(own, 'I merged the VAT change without running the invoice fixtures. That was my call & my miss.');
    const learn = await checkinEmailAt(run.dueAt[1]!, /what did you learn/);
    expect(learn.text).toContain('That was my call & my miss.');
    await answerWithForm(learn, 'Fixtures must run on every billing change; the team learned to pair on money code.');
    const plan = await checkinEmailAt(run.dueAt[2]!, /what will change/);
    await answerWithForm(plan, 'CI gate on billing fixtures by 2030-01-20; pairing rota from next sprint.');

    const statuses = ['on_track', 'blocked', 'on_track', 'on_track'] as const;
    for (const [i, due] of run.dueAt.slice(3, 7).entries()) {
      const progress = await checkinEmailAt(due, /how is it going/);
      expect(progress.text).toContain('CI gate on billing fixtures');
      await click(progress, statuses[i]!);
      // Not counted until it has stood its settle time.
      const pending = await json('GET', `/api/mistakes/${mistake.id}`);
      expect(pending.body.updates.at(-1)).toMatchObject({ kind: 'status', status: statuses[i], via: 'link', settled: false });
      await reach(at(due, 3 * MINUTE));
    }

    const last = await checkinEmailAt(run.dueAt[7]!, /how is it going/);
    await click(last, 'done');
    await reach(at(run.dueAt[7]!, 5 * MINUTE));

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
    await reach(run.quietAt);
    inbox.push(...(await newEmailsTo(OWNER, seen)));
    expect(inbox.filter((e) => /how is it going/.test(e.subject))).toHaveLength(0);
  }, 60_000);
});
