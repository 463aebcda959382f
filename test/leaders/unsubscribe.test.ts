// Every leader email carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). A GET or HEAD of the URL shows
// a page and changes nothing; a POST stops leader mail to that address at once and for good.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linkTo, newEmailsTo, page, travel, worker } from '../support/worker';
import { answerWithForm, clickAsPerson, headerOf, unsubscribeUrl } from './support';

const OWNER = 'stop.owner@example.com';
const LEADER = 'stop.leader@example.com';
const ownerSeen = new Set<string>();
const leaderSeen = new Set<string>();

describe('stopping leader mail', () => {
  it('is a POST to the List-Unsubscribe URL; a GET changes nothing', async () => {
    await travel('2030-01-07T08:00:00Z'); // Monday
    const mistake = await createMistake({
      owner: { email: OWNER, name: 'Sol', timeZone: 'UTC' },
      leader: { email: LEADER, name: 'Lee', timeZone: 'UTC' },
      startAt: '2030-01-07T08:00:00Z',
    });
    await travel('2030-01-07T08:01:00Z');
    await answerWithForm((await newEmailsTo(OWNER, ownerSeen))[0]!, 'I deleted the shared folder; restoring it cost the team a day. My mistake.');
    await travel('2030-01-07T08:12:00Z'); // the statement has stood 10 minutes
    const [intro] = await newEmailsTo(LEADER, leaderSeen);
    expect(intro).toBeDefined();
    expect(headerOf(intro!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = unsubscribeUrl(intro!);
    // The body's "stop" link is the same endpoint.
    expect(linkTo(intro!, 'unsubscribe')).toBe(url);

    // GET and HEAD: a page with a button, nothing changed.
    const before = await dumpTables();
    const shown = await page('GET', url);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toMatch(/<form method="post"[^>]*>[\s\S]*<button/);
    expect((await page('HEAD', url)).status).toBe(200);
    expect(await dumpTables()).toEqual(before);

    // So leader mail still flows: the Monday digest goes with the learning in it.
    await travel('2030-01-09T09:00:00Z');
    const learn = (await newEmailsTo(OWNER, ownerSeen)).find((e) => /what did you learn/.test(e.subject))!;
    await answerWithForm(learn, 'Backups of shared folders are not automatic; I learned to check before cleaning up.');
    await travel('2030-01-14T09:00:00Z');
    expect((await newEmailsTo(LEADER, leaderSeen)).filter((e) => /digest/i.test(e.subject))).toHaveLength(1);

    // The mail client's one-click POST (RFC 8058 body) stops it.
    const stopped = await worker.fetch(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(stopped.status).toBe(200);
    const view = await json('GET', `/api/mistakes/${mistake.id}`);
    expect(view.body.leader.stopped).toBe(true);

    // From now on: no alert, no digest, no closing report, and the owner's own mail still goes.
    const day7 = (await newEmailsTo(OWNER, ownerSeen)).find((e) => /how is it going/.test(e.subject))!;
    await travel('2030-01-15T10:00:00Z');
    await clickAsPerson(linkTo(day7, 'blocked'));
    await travel('2030-01-15T10:05:00Z');
    await answerWithForm(day7, 'Waiting on IT for a restore window.');
    await travel('2030-01-21T09:00:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
    expect((await newEmailsTo(OWNER, ownerSeen)).filter((e) => /how is it going/.test(e.subject))).toHaveLength(1);

    // For good: even after every plan naming the address is erased (and its leader row with them), a new plan
    // naming the same address sends that address nothing.
    expect((await json('DELETE', `/api/mistakes/${mistake.id}`)).status).toBe(200);
    expect(await env.DB.prepare('select count(*) as n from leaders where email = ?').bind(LEADER).first('n')).toBe(0);
    await createMistake({ owner: { email: 'stop.other@example.com', timeZone: 'UTC' }, leader: { email: LEADER }, startAt: '2030-01-21T09:00:00Z' });
    await travel('2030-01-21T09:01:00Z');
    const other = await newEmailsTo('stop.other@example.com', new Set());
    await answerWithForm(other.find((e) => /what happened/.test(e.subject))!, 'I sent the draft contract to the client instead of the final one.');
    await travel('2030-01-21T09:05:00Z');
    await travel('2030-01-28T09:00:00Z');
    expect(await newEmailsTo(LEADER, leaderSeen)).toHaveLength(0);
    const suppressed = await env.DB.prepare('select reason from suppressions where email = ?').bind(LEADER).first<{ reason: string }>();
    expect(suppressed?.reason).toBe('unsubscribed');
  });

  it('refuses a link that is not a leader link, and an unknown token', async () => {
    const unknown = await page('POST', 'https://localhost/lead/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/unsubscribe', { 'List-Unsubscribe': 'One-Click' });
    expect(unknown.status).toBe(404);
    const malformed = await page('GET', 'https://localhost/lead/short/unsubscribe');
    expect(malformed.status).toBe(404);
  });
});
