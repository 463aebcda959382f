// The leader's acknowledgements follow the settle rule: a mail scanner opening (and submitting) every link of an
// email records nothing; a person's single click counts once settled and the owner hears of it once; a choice
// changed on the page is believed. The owner's preview shows the introduction before it goes, and nothing before
// the ownership statement.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linkTo, newEmailsTo, page, travel } from '../support/worker';
import { answerWithForm } from './support';

const OWNER = 'ack.owner@example.com';
const LEADER = 'ack.leader@example.com';
const ownerSeen = new Set<string>();
const leaderSeen = new Set<string>();

const acksOf = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body.updates.filter((u: any) => u.kind === 'ack');

describe('leader acknowledgements', () => {
  it('scanners record nothing; a person’s click counts once; a change on the page is believed', async () => {
    await travel('2030-01-07T08:00:00Z');
    const m = await createMistake({
      title: 'Forgot to invite the design team to the launch review',
      owner: { email: OWNER, name: 'Ola', timeZone: 'UTC' },
      leader: { email: LEADER, name: 'Lee', timeZone: 'UTC' },
      startAt: '2030-01-07T08:00:00Z',
    });
    await travel('2030-01-07T08:01:00Z');
    const own = (await newEmailsTo(OWNER, ownerSeen)).find((e) => /what happened/.test(e.subject))!;

    // Before the ownership statement, the preview says nothing has gone, and shows nothing of the plan's words.
    const before = await page('GET', linkTo(own, 'preview'));
    expect(before.status).toBe(200);
    expect(await before.text()).toMatch(/Nothing has gone to Lee yet/);

    await answerWithForm(own, 'I built the invite list from last quarter’s review; the design team was left out by my hand.');
    // Written, not yet sent: the preview shows the introduction as it will go, and changes nothing.
    const tables = await dumpTables();
    const pending = await page('GET', linkTo(own, 'preview'));
    const html = await pending.text();
    expect(html).toMatch(/has not heard about/);
    expect(html).toContain('the design team was left out by my hand');
    expect(await dumpTables()).toEqual(tables);

    // The introduction goes once the statement has stood unchanged for 10 minutes.
    await travel('2030-01-07T08:12:00Z');
    const [intro] = await newEmailsTo(LEADER, leaderSeen);
    const thanks = linkTo(intro!, 'thanks');
    const talk = linkTo(intro!, 'talk');

    // A scanner: GET and HEAD of every link change nothing...
    const quiet = await dumpTables();
    for (const url of [thanks, talk, linkTo(intro!, 'daily'), linkTo(intro!, 'unsubscribe')]) {
      expect((await page('GET', url)).status).toBe(200);
      expect((await page('HEAD', url)).status).toBe(200);
    }
    expect(await dumpTables()).toEqual(quiet);
    // ...and one that submits every auto-submitting form records two different choices from one email: neither counts.
    expect((await page('POST', thanks, { source: 'email' })).status).toBe(200);
    expect((await page('POST', talk, { source: 'email' })).status).toBe(200);
    await travel('2030-01-07T08:15:00Z');
    expect((await acksOf(m.id)).map((a: any) => a.settled)).toEqual([false, false]);
    expect(await newEmailsTo(OWNER, ownerSeen)).toHaveLength(0);

    // A person, from the next email: one click, counted once it has stood; clicking again records nothing new.
    await travel('2030-01-09T09:00:00Z');
    const learn = (await newEmailsTo(OWNER, ownerSeen)).find((e) => /what did you learn/.test(e.subject))!;
    await answerWithForm(learn, 'Invite lists come from the team directory, not from the last meeting.');
    await travel('2030-01-14T09:00:00Z');
    const digest = (await newEmailsTo(LEADER, leaderSeen)).find((e) => /digest/i.test(e.subject))!;
    const confirm = await page('GET', linkTo(digest, 'thanks'));
    expect(await confirm.text()).toMatch(/<form id="ack" method="post"[\s\S]*<script nonce="[^"]+">/);
    expect((await page('POST', linkTo(digest, 'thanks'), { source: 'email' })).status).toBe(200);
    expect((await page('POST', linkTo(digest, 'thanks'), { source: 'email' })).status).toBe(200);
    await travel('2030-01-14T09:03:00Z');
    const notices = (await newEmailsTo(OWNER, ownerSeen)).filter((e) => /Thank you for telling me/.test(e.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(OWNER);
    expect((await acksOf(m.id)).filter((a: any) => a.settled)).toEqual([
      expect.objectContaining({ author: 'leader', status: 'thanks', via: 'link' }),
    ]);

    // Changed on the page itself ("meant the other one?"): believed at once. The owner heard from this plan
    // today already, so the notice waits: one ack notice per plan a day. Their timeline shows it.
    const changed = await page('POST', linkTo(digest, 'talk'), { source: 'page' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toMatch(/this is the one that counts/);
    await travel('2030-01-14T09:04:00Z');
    expect((await newEmailsTo(OWNER, ownerSeen)).filter((e) => /would like to talk/.test(e.subject))).toHaveLength(0);
    expect((await acksOf(m.id)).filter((a: any) => a.settled).map((a: any) => a.status)).toContain('talk');
    await travel('2030-01-14T10:00:00Z');
    expect(await newEmailsTo(OWNER, ownerSeen)).toHaveLength(0);
  });

  it('refuses an owner link on the leader routes and a leader link on the owner routes', async () => {
    const owner = (await newEmailsTo(OWNER, new Set())).find((e) => /what happened/.test(e.subject))!;
    const ownerToken = /\/l\/([^/]+)\//.exec(linkTo(owner, 'answer'))![1]!;
    expect((await page('GET', `https://localhost/lead/${ownerToken}/thanks`)).status).toBe(404);
    const intro = (await newEmailsTo(LEADER, new Set())).find((e) => /wants you to know/.test(e.subject))!;
    const leaderToken = /\/lead\/([^/]+)\//.exec(linkTo(intro, 'thanks'))![1]!;
    expect((await page('GET', `https://localhost/l/${leaderToken}/preview`)).status).toBe(404);
    expect((await page('GET', `https://localhost/l/${leaderToken}/answer`)).status).toBe(404);
  });
});
