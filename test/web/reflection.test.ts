// Reflection notes, through the Worker's own handlers: the page that answers the form's POST (email link and
// timeline) shows each note to the owner, the API carries them for answers by form, reply or API, the leader
// never meets them, and the introduction waits until the ownership statement has stood for 10 minutes.
import { describe, expect, it } from 'vitest';
import { REFLECTION_WHY } from '../../src/pages/reflection-notes';
import { deliverEmail, gmailReply } from '../support/inbound-mail';
import { createMistake } from '../support/mistakes';
import { json, linkTo, newEmailsTo, page, travel, type OutboxEmail } from '../support/worker';
import { Visitor } from './visitor';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const api = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body;

const BLAMING = 'I pushed the release on Friday, but the ops team didn’t warn me about the freeze. It was just a small slip.';
const HONEST = 'I pushed the release during the freeze without checking the calendar. Two teams lost their evening because of me.';

// One clock for the file, only forward: each test starts on its own Monday 08:00 UTC in 2034.
let week = 0;
async function planStartingMonday(owner: string, leader: string | null) {
  const start = Date.parse('2034-01-02T08:00:00Z') + week++ * 7 * 86_400_000;
  await travel(iso(start));
  const m = await createMistake({
    owner: { email: owner, name: 'Ola', timeZone: 'UTC' },
    leader: leader ? { email: leader, name: 'Lee', timeZone: 'UTC' } : null,
    startAt: iso(start),
  });
  await travel(iso(start + MINUTE));
  return { m, start };
}

const notesIn = (html: string) => [...html.matchAll(/data-reflection="([a-z]+)"/g)].map((x) => x[1]);

describe('reflection notes for the owner', () => {
  it('the Saved page of the email’s answer form shows each note, its words, why it matters and a link to edit', async () => {
    const owner = 'reflect.link@example.com';
    const seen = new Set<string>();
    const { m } = await planStartingMonday(owner, null);
    const own = (await newEmailsTo(owner, seen)).find((e) => /what happened/i.test(e.subject))!;
    const answer = linkTo(own, 'answer');

    const saved = await page('POST', answer, { text: BLAMING });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(notesIn(html)).toEqual(['blame', 'minimising']);
    expect(html).toContain('didn’t warn me');
    expect(html).toContain('just a small slip');
    expect(html).toContain(REFLECTION_WHY.blame);
    expect(html).toContain(REFLECTION_WHY.minimising);
    expect(html).toContain(`href="${answer}"`);
    // Saved as written: the notes change nothing of the words.
    expect((await api(m.id)).updates.map((u: any) => u.text)).toEqual([BLAMING]);

    const honest = await (await page('POST', answer, { text: HONEST })).text();
    expect(honest).toContain('Saved');
    expect(notesIn(honest)).toEqual([]);
    expect((await api(m.id)).reflection).toEqual([]);
  });

  it('the timeline the web form returns to shows the notes on the latest words', async () => {
    const owner = 'reflect.web@example.com';
    const { m } = await planStartingMonday(owner, null);
    const v = new Visitor();
    await v.signIn(owner);
    const own = m.checkins[0].id;
    await v.get(`/mistakes/${m.id}/checkins/${own}/answer`);
    const posted = await v.post(`/mistakes/${m.id}/checkins/${own}/answer`, { text: 'Mistakes were made <b>during</b> the release.' });
    expect(posted.status).toBe(303);
    const timeline = await v.get(posted.location!);
    expect(notesIn(timeline.html)).toEqual(['unowned']);
    expect(timeline.html).toContain('Mistakes were made &lt;b&gt;during&lt;/b&gt; the release');
    expect(timeline.html).toContain(REFLECTION_WHY.unowned);
    expect(timeline.html).toContain(`href="/mistakes/${m.id}/checkins/${own}/answer"`);

    await v.get(`/mistakes/${m.id}/checkins/${own}/answer`);
    await v.post(`/mistakes/${m.id}/checkins/${own}/answer`, { text: HONEST });
    expect(notesIn((await v.get(`/mistakes/${m.id}`)).html)).toEqual([]);
  });

  it('the API carries the notes on the latest ownership and learning, whether written by form, reply or API', async () => {
    const owner = 'reflect.api@example.com';
    const seen = new Set<string>();
    const { m, start } = await planStartingMonday(owner, null);
    const own = (await newEmailsTo(owner, seen)).find((e) => /what happened/i.test(e.subject))!;
    await page('POST', linkTo(own, 'answer'), { text: 'It wasn’t my fault; the requirements changed three times.' });
    expect((await api(m.id)).reflection).toEqual([
      { kind: 'unowned', quote: 'It wasn’t my fault; the requirements changed three times', on: 'ownership' },
      { kind: 'blame', quote: 'wasn’t my fault', on: 'ownership' },
    ]);

    // The learning check-in (day 2), answered by reply.
    await travel(iso(start + 2 * 86_400_000 + 2 * 60 * MINUTE));
    const learn = (await newEmailsTo(owner, seen)).find((e) => /what did you learn/.test(e.subject))!;
    const to = (learn.headers['Reply-To'] ?? learn.headers['reply-to'])!;
    const body = 'I learned that I’m sure nobody minded the wait, as long as it got fixed.';
    expect((await deliverEmail({ from: owner, to }, gmailReply({ from: owner, to, body, messageId: '<learn-1@mail.example>' }))).rejected).toBeNull();
    const afterReply = await api(m.id);
    expect(afterReply.updates.find((u: any) => u.kind === 'learning').via).toBe('email');
    expect(afterReply.reflection.filter((n: any) => n.on === 'learning')).toEqual([{ kind: 'feelings', quote: 'I’m sure nobody minded', on: 'learning' }]);

    // The same learning check-in answered again through the API: the notes follow the latest words.
    const learnCheckin = afterReply.checkins.find((c: any) => c.step === 'learn').id;
    const r = await json('POST', `/api/mistakes/${m.id}/updates`, { checkinId: learnCheckin, text: 'Lessons have been learned.' });
    expect(r.status).toBe(201);
    expect(r.body.reflection.filter((n: any) => n.on === 'learning')).toEqual([{ kind: 'unowned', quote: 'Lessons have been learned', on: 'learning' }]);
  });
});

describe('the leader and the notes', () => {
  it('the introduction waits until the statement has stood unchanged for 10 minutes', async () => {
    const owner = 'reflect.wait@example.com';
    const leader = 'reflect.wait.lead@example.com';
    const ownerSeen = new Set<string>();
    const leaderSeen = new Set<string>();
    const { start } = await planStartingMonday(owner, leader);
    const own = (await newEmailsTo(owner, ownerSeen)).find((e) => /what happened/i.test(e.subject))!;
    const minute0 = start + 2 * MINUTE;

    await travel(iso(minute0));
    await page('POST', linkTo(own, 'answer'), { text: BLAMING });
    await travel(iso(minute0 + 7 * MINUTE));
    const revised = 'I pushed the release during the freeze. I didn’t check the calendar, and that was my job.';
    await page('POST', linkTo(own, 'answer'), { text: revised });

    await travel(iso(minute0 + 12 * MINUTE));
    expect(await newEmailsTo(leader, leaderSeen)).toEqual([]);

    // The travelled clock keeps running in real time between calls, so "17 minutes" is a little past it.
    await travel(iso(minute0 + 17.5 * MINUTE));
    const intro = await newEmailsTo(leader, leaderSeen);
    expect(intro).toHaveLength(1);
    expect(intro[0]!.text).toContain('that was my job');
    expect(intro[0]!.text).not.toContain('didn’t warn me');
  });

  it('never shows or sends a note to the leader: not in the introduction, the digest or the owner’s preview', async () => {
    const owner = 'reflect.private@example.com';
    const leader = 'reflect.private.lead@example.com';
    const ownerSeen = new Set<string>();
    const leaderSeen = new Set<string>();
    const { start } = await planStartingMonday(owner, leader);
    const own = (await newEmailsTo(owner, ownerSeen)).find((e) => /what happened/i.test(e.subject))!;
    await page('POST', linkTo(own, 'answer'), { text: BLAMING });
    const preview = await (await page('GET', linkTo(own, 'preview'))).text();
    expect(preview).toContain('didn’t warn me');

    // The learning, with its own notes, reaches the leader in the next Monday's digest.
    await travel(iso(start + 2 * 86_400_000 + 2 * 60 * MINUTE));
    const learn = (await newEmailsTo(owner, ownerSeen)).find((e) => /what did you learn/.test(e.subject))!;
    const learnSaved = await (await page('POST', linkTo(learn, 'answer'), { text: 'Mistakes were made, and no harm done.' })).text();
    expect(notesIn(learnSaved)).toEqual(['unowned', 'feelings']);
    await travel(iso(start + 7 * 86_400_000 + 2 * 60 * MINUTE));

    const toLeader: OutboxEmail[] = await newEmailsTo(leader, leaderSeen);
    expect(toLeader.map((e) => e.subject).length).toBeGreaterThanOrEqual(2);
    expect(toLeader.some((e) => e.text.includes('Mistakes were made'))).toBe(true);
    const v = new Visitor();
    await v.signIn(leader);
    const leading = (await v.get('/leading')).html;
    expect(leading).toContain('didn’t warn me');
    for (const seenByLeader of [preview, leading, ...toLeader.flatMap((e) => [e.html, e.text])]) {
      expect(seenByLeader).not.toContain('data-reflection');
      for (const why of Object.values(REFLECTION_WHY)) expect(seenByLeader).not.toContain(why);
      expect(seenByLeader).not.toContain('Notes on your words');
    }
  });
});
