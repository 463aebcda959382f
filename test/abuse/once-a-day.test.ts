// What one plan can make Mend send in a day: at most one `blocked` alert to the leader (a later one waits for the
// digest) and at most one ack notice to the owner, however often the leader presses. And one leader row per
// address never shows one owner's wording of the leader's name to another owner.
import { describe, expect, it } from 'vitest';
import { answerWithForm } from '../leaders/support';
import { createMistake } from '../support/mistakes';
import { quietEventLogs } from '../support/quiet-logs';
import { json, newEmailsTo, travel, type OutboxEmail } from '../support/worker';
import { Visitor } from '../web/visitor';

quietEventLogs();

const OWNER = 'daily.owner@example.com';
const LEADER = 'daily.leader@example.com';
const ownerSeen = new Set<string>();
const leaderSeen = new Set<string>();
const matching = (emails: OutboxEmail[], subject: RegExp) => emails.filter((e) => subject.test(e.subject));

async function blocked(id: string, checkinId: string, text: string): Promise<void> {
  expect((await json('POST', `/api/mistakes/${id}/updates`, { checkinId, status: 'blocked', text })).status).toBe(201);
}

describe('one plan, one day', { timeout: 30_000 }, () => {
  let mistakeId = '';

  it('three blocked answers in one morning send the leader one alert; the digest shows the plan blocked; the next day may alert again', async () => {
    await travel('2030-03-04T08:00:00Z'); // Monday
    const m = await createMistake({
      title: 'Missed the supplier’s contract deadline',
      owner: { email: OWNER, name: 'Ola', timeZone: 'UTC' },
      leader: { email: LEADER, name: 'Lee', timeZone: 'UTC' },
      cadence: [
        { step: 'own', day: 0 },
        { step: 'progress', day: 1 },
        { step: 'progress', day: 14 },
      ],
    });
    mistakeId = m.id;
    await travel('2030-03-04T08:01:00Z');
    const own = matching(await newEmailsTo(OWNER, ownerSeen), /what happened/)[0]!;
    await answerWithForm(own, 'I let the renewal date slip past; the reminder was mine to set and I did not.');
    // The introduction waits until the statement has stood unchanged for 10 minutes.
    await travel('2030-03-04T08:12:30Z');
    expect(matching(await newEmailsTo(LEADER, leaderSeen), /wants you to know/)).toHaveLength(1);

    await travel('2030-03-05T09:00:00Z');
    const progress = (await json('GET', `/api/mistakes/${m.id}`)).body.checkins.find((c: any) => c.step === 'progress' && c.day === 1);
    for (const hour of ['09:10', '10:10', '11:10']) {
      await travel(`2030-03-05T${hour}:00Z`);
      await blocked(m.id, progress.id, `Legal has not answered yet (${hour}).`);
      await travel(`2030-03-05T${hour}:30Z`);
    }
    const alerts = matching(await newEmailsTo(LEADER, leaderSeen), /blocked/i);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('Legal has not answered yet (09:10)');

    // The next Monday's digest has the plan, blocked, at the top.
    await travel('2030-03-06T09:15:00Z');
    await blocked(m.id, progress.id, 'Still waiting on legal (Wednesday).');
    await travel('2030-03-06T09:16:00Z');
    expect(matching(await newEmailsTo(LEADER, leaderSeen), /blocked/i)).toHaveLength(1);
    await travel('2030-03-11T09:00:30Z');
    const digest = matching(await newEmailsTo(LEADER, leaderSeen), /digest/i);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toMatch(/1 blocked/);
  });

  it('a leader pressing thanks and talk again and again on the web sends the owner one notice that day', async () => {
    await travel('2030-03-12T09:00:00Z');
    const lead = new Visitor();
    await lead.signIn(LEADER);
    await lead.get('/leading');
    const statuses: number[] = [];
    for (const status of ['thanks', 'talk', 'thanks', 'talk', 'thanks', 'talk']) statuses.push((await lead.post(`/leading/${mistakeId}/ack`, { status })).status);
    expect(statuses).toEqual(Array(6).fill(303));
    await travel('2030-03-12T09:05:00Z');
    const notices = matching(await newEmailsTo(OWNER, ownerSeen), /Thank you for telling me|would like to talk/);
    expect(notices).toHaveLength(1);
    // Every press is on the owner's timeline all the same.
    expect((await json('GET', `/api/mistakes/${mistakeId}`)).body.updates.filter((u: any) => u.kind === 'ack')).toHaveLength(6);

    await travel('2030-03-13T09:10:00Z');
    // A day on, the session has been idle past its 24 hours: the leader signs in again.
    await lead.signIn(LEADER);
    await lead.get('/leading');
    expect((await lead.post(`/leading/${mistakeId}/ack`, { status: 'thanks' })).status).toBe(303);
    await travel('2030-03-13T09:12:00Z');
    expect(matching(await newEmailsTo(OWNER, ownerSeen), /Thank you for telling me/)).toHaveLength(1);
  });
});

describe('one leader row per address', { timeout: 30_000 }, () => {
  it('each owner sees the leader named as they typed it, never as another owner did', async () => {
    await travel('2030-04-01T08:00:00Z');
    const shared = 'shared.leader@example.com';
    await createMistake({ owner: { email: 'first.owner@example.com', name: 'Fo', timeZone: 'UTC' }, leader: { email: shared, name: 'Boss Lin the Tyrant' } });
    const b = await createMistake({ owner: { email: 'second.owner@example.com', name: 'So', timeZone: 'UTC' }, leader: { email: shared, name: 'Lin' } });
    const c = await createMistake({ owner: { email: 'third.owner@example.com', name: 'To', timeZone: 'UTC' }, leader: { email: shared } });
    await travel('2030-04-01T08:01:00Z');

    const bView = (await json('GET', `/api/mistakes/${b.id}`)).body;
    expect(bView.leader.name).toBe('Lin');
    expect((await json('GET', `/api/mistakes/${c.id}`)).body.leader.name).toBeNull();
    const bEmails = await newEmailsTo('second.owner@example.com', new Set());
    const cEmails = await newEmailsTo('third.owner@example.com', new Set());
    expect(bEmails.length).toBeGreaterThan(0);
    for (const email of [...bEmails, ...cEmails]) expect(email.text + email.html).not.toContain('Tyrant');
    expect(bEmails.some((e) => e.text.includes('Lin'))).toBe(true);

    const second = new Visitor();
    await second.signIn('second.owner@example.com');
    const timeline = await second.get(`/mistakes/${b.id}`);
    expect(timeline.status).toBe(200);
    expect(timeline.html).toContain('Lin (shared.leader@example.com)');
    expect(timeline.html).not.toContain('Tyrant');
    const third = new Visitor();
    await third.signIn('third.owner@example.com');
    const thirdTimeline = await third.get(`/mistakes/${c.id}`);
    expect(thirdTimeline.html).toContain(shared);
    expect(thirdTimeline.html).not.toContain('Tyrant');
  });
});
