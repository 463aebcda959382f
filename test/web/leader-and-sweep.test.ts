// The leader's page in the digest's order, the owner told by email of an acknowledgement made on the page, and
// the hourly sweep that erases web sign-ups nobody confirmed.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { json, newEmailsTo, travel } from '../support/worker';
import { latestEmailWith, logForm, Visitor } from './visitor';

let clock = Date.parse('2034-01-02T07:00:00Z'); // a Monday, on the hour
const to = async (ms: number) => {
  clock = ms;
  return travel(new Date(clock).toISOString());
};

beforeAll(async () => {
  await travel(new Date(clock).toISOString());
});

async function owned(owner: string, leader: string, title: string) {
  const m = await createMistake({ title, owner: { email: owner, name: title }, leader: { email: leader }, startAt: new Date(clock).toISOString(), cadence: [{ step: 'own', day: 0 }, { step: 'progress', day: 1 }] });
  await json('POST', `/api/mistakes/${m.id}/updates`, { checkinId: m.checkins[0].id, text: `Owned: ${title}` });
  return m;
}

describe("the leader's page", () => {
  it('puts blocked first, then silent, then the rest, then plans that ended', async () => {
    const lead = 'order.lead@example.com';
    await owned('order.quiet@example.com', lead, 'Quiet one');
    const fine = await owned('order.fine@example.com', lead, 'Fine one');
    const blocked = await owned('order.blocked@example.com', lead, 'Blocked one');
    const ended = await owned('order.ended@example.com', lead, 'Ended one');
    // Day 1's progress check-ins go out; three days later one is still unanswered.
    await to(clock + 86_400_000 + 3 * 3_600_000);
    for (const [m, status] of [[fine, 'on_track'], [blocked, 'blocked'], [ended, 'done']] as const) {
      const progress = (await json('GET', `/api/mistakes/${m.id}`)).body.checkins[1];
      expect((await json('POST', `/api/mistakes/${m.id}/updates`, { checkinId: progress.id, status })).status).toBe(201);
    }
    await to(clock + 3 * 86_400_000);
    const l = new Visitor();
    await l.signIn(lead);
    const html = (await l.get('/leading')).html;
    const order = ['Blocked one', 'Quiet one', 'Fine one', 'Ended one'].map((t) => html.indexOf(`>${t}<`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('No answer for a while');
    expect(html).toContain('Plans that have ended');
  });

  it('an acknowledgement on the page reaches the owner by email at the next run', async () => {
    const lead = 'notice.lead@example.com';
    const owner = 'notice.owner@example.com';
    const m = await owned(owner, lead, 'Told by email');
    const seen = new Set<string>();
    await newEmailsTo(owner, seen);
    const l = new Visitor();
    await l.signIn(lead);
    await l.get('/leading');
    expect((await l.post(`/leading/${m.id}/ack`, { status: 'thanks' })).status).toBe(303);
    await to(clock + 120_000);
    const fresh = await newEmailsTo(owner, seen);
    expect(fresh.some((e) => /thank you for telling me/i.test(e.text))).toBe(true);
  });
});

describe('the hourly sweep', () => {
  it('erases a web sign-up nobody confirmed within a week, and keeps confirmed ones', async () => {
    const v = new Visitor();
    await v.get('/');
    await v.post('/', logForm({ owner_email: 'never.confirmed@example.com', leader_email: '' , leader_name: ''}));
    await v.post('/', logForm({ owner_email: 'did.confirm@example.com', leader_email: '', leader_name: '' }));
    const { link } = await latestEmailWith('did.confirm@example.com', '/confirm/');
    await v.get(link);
    await v.post(link);
    const count = async (email: string) => (await env.DB.prepare('select count(*) as n from mistakes where owner_email = ?').bind(email).first<any>()).n;
    // Six days on, at the top of an hour: still kept.
    await to(Math.ceil((clock + 6 * 86_400_000) / 3_600_000) * 3_600_000);
    expect(await count('never.confirmed@example.com')).toBe(1);
    await to(clock + 2 * 86_400_000);
    expect(await count('never.confirmed@example.com')).toBe(0);
    expect(await count('did.confirm@example.com')).toBe(1);
    expect((await env.DB.prepare("select count(*) as n from login_links where email = 'never.confirmed@example.com'").first<any>()).n).toBe(0);
  });
});
