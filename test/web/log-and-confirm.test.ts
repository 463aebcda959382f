// Logging a mistake from the web form: nothing is scheduled or sent to a leader until the owner confirms the
// address from the emailed link; confirming starts the plan from that moment and signs the owner in.
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpTables, json, outbox, runScheduled, travel } from '../support/worker';
import { latestEmailWith, logForm, Visitor } from './visitor';

// The file's one clock, pinned: Saturday evening (20:30 in Berlin, the form's zone), whatever the machine's date.
const T0 = '2033-03-05T19:30:00Z';

beforeAll(async () => {
  await travel(T0);
});

async function mistakesOf(owner: string) {
  return (await json('GET', `/api/mistakes?owner=${encodeURIComponent(owner)}`)).body.mistakes as any[];
}

describe('the log-a-mistake page', () => {
  it('offers every field, a time zone, the cadence choices and says who is never emailed', async () => {
    const v = new Visitor();
    const page = await v.get('/');
    expect(page.status).toBe(200);
    for (const name of ['title', 'description', 'impact', 'owner_email', 'owner_name', 'owner_tz', 'leader_email', 'leader_name', 'leader_tz', 'cadence', 'progress_days', 'skip_weekends']) {
      expect(page.html).toContain(`name="${name}"`);
    }
    expect(page.html).toMatch(/<label for="owner_email">/);
    expect(page.html).toContain('Europe/Berlin');
    expect(page.html).toContain('never emailed');
    // The page's own style and script carry the nonce its policy names (one set-up per request).
    const csp = page.response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(page.html).toContain(`<style nonce="${nonce}">`);
    expect(page.html).toContain(`<script nonce="${nonce}">`);
    expect(page.html).not.toContain('&#39;');
  });

  it('a sent form holds the plan until the owner confirms, and emails only the owner', async () => {
    const v = new Visitor();
    await v.get('/');
    const owner = 'confirm.me@example.com';
    const sent = await v.post('/', logForm({ owner_email: owner, leader_email: 'confirm.lead@example.com' }));
    expect(sent.status).toBe(202);
    expect(sent.html).toContain('Check your inbox');

    const [mistake] = await mistakesOf(owner);
    expect(mistake.status).toBe('pending');
    expect(mistake.owner.timeZone).toBe('Europe/Berlin');
    expect(mistake.cadence).toHaveLength(8);

    const { email, link } = await latestEmailWith(owner, '/confirm/');
    expect(email.subject).toContain('Confirm your address');
    expect(email.text).not.toContain('confirm.lead@example.com');
    expect((await outbox()).filter((e) => e.to === 'confirm.lead@example.com')).toHaveLength(0);

    // Scheduled work hours later (Sunday 08:00 UTC), in an hour's first minute so its housekeeping sweep runs
    // too (the link lives 24 h): still nothing goes out for a plan nobody confirmed, and nothing it needs is
    // swept away.
    await runScheduled('2033-03-06T08:00:00Z');
    expect((await outbox()).filter((e) => e.mistakeId === mistake.id && !e.subject.includes('Confirm'))).toHaveLength(0);

    // Opening the link (as a mail scanner would) changes nothing.
    const before = await dumpTables();
    const opened = await v.get(link);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Confirm and start the plan');
    expect(await dumpTables()).toEqual(before);

    const confirmed = await v.post(link);
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe(`/mistakes/${mistake.id}?done=started`);
    const started = (await json('GET', `/api/mistakes/${mistake.id}`)).body;
    expect(started.status).toBe('active');
    expect(Date.parse(started.startAt)).toBeGreaterThan(Date.parse(mistake.startAt) - 1);
    expect(started.checkins[0].dueAt).toBe(started.startAt);

    // The owner is signed in and sees the timeline; the first check-in goes at the next run.
    const timeline = await v.get(confirmed.location!);
    expect(timeline.status).toBe(200);
    expect(timeline.html).toContain('Your plan has started');
    await runScheduled(new Date(Date.parse(T0) + 10 * 60_000).toISOString());
    expect((await outbox()).some((e) => e.to === owner && /what happened/.test(e.subject))).toBe(true);

    // The link works once.
    const again = await v.post(link);
    expect(again.status).toBe(410);
  });

  it('a form with mistakes comes back with every word kept and nothing recorded', async () => {
    const v = new Visitor();
    await v.get('/');
    const before = await dumpTables();
    const r = await v.post('/', logForm({ owner_email: 'not-an-address', title: '', description: 'Kept <b>words</b>', cadence: 'custom', progress_days: '7, soon' }));
    expect(r.status).toBe(400);
    expect(r.html).toContain('Kept &lt;b&gt;words&lt;/b&gt;');
    expect(r.html).toContain('aria-invalid="true"');
    expect(r.html).toMatch(/Must be an email address/);
    expect(r.html).toMatch(/Whole numbers of days/);
    expect(await dumpTables()).toEqual(before);
  });

  it('a custom cadence and weekends are kept as chosen', async () => {
    const v = new Visitor();
    await v.get('/');
    const owner = 'custom.days@example.com';
    const r = await v.post('/', logForm({ owner_email: owner, leader_email: '', leader_name: '', cadence: 'custom', own_day: '0', learn_day: '1', plan_day: '', progress_days: '10 20', skip_weekends: '' }));
    expect(r.status).toBe(202);
    const [m] = await mistakesOf(owner);
    expect(m.cadence).toEqual([
      { step: 'own', day: 0 },
      { step: 'learn', day: 1 },
      { step: 'progress', day: 10 },
      { step: 'progress', day: 20 },
    ]);
    expect(m.skipWeekends).toBe(false);
    expect(m.leader).toBeNull();
  });

  it('signed in as the owner, a new mistake starts at once without another email', async () => {
    const v = new Visitor();
    const owner = 'already.in@example.com';
    await v.get('/');
    await v.post('/', logForm({ owner_email: owner }));
    const { link } = await latestEmailWith(owner, '/confirm/');
    await v.get(link);
    await v.post(link);
    const emailsBefore = (await outbox()).length;
    await v.get('/');
    const second = await v.post('/', logForm({ owner_email: owner, title: 'A second one' }));
    expect(second.status).toBe(303);
    const mistakes = await mistakesOf(owner);
    expect(mistakes.map((m) => m.status)).toEqual(['active', 'active']);
    expect((await outbox()).length).toBe(emailsBefore);
  });
});
