// Mail scanners. Safe Links, Proofpoint, Mimecast and Barracuda open every link of a message soon after it
// arrives (GET, often HEAD as well). Every kind of email Mend sends is produced here by living a plan (owner
// check-ins and reminders, the leader's introduction, alert, digest and closing report, the owner's ack notice,
// a reply's receipt, a fresh link, web confirmation and sign-in), and each email is scanned as it arrives:
// a GET and a HEAD of every link in its text, its HTML and its List-Unsubscribe header must change no row.
// Then scanners that post: every one-click choice of one email posted at the same moment counts none of them,
// and the same choice posted twice at once (a page's auto-submit and a person's click) is recorded once.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deliverEmail, gmailReply } from '../support/inbound-mail';
import { APP, dumpTables, json, linksIn, outbox, page, travel, type OutboxEmail } from '../support/worker';
import { logForm, Visitor } from '../web/visitor';

const DAY = 86_400_000;
const MINUTE = 60_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Every link an email carries: its text part, the hrefs of its HTML, and the List-Unsubscribe URL. */
function everyLink(email: OutboxEmail): string[] {
  const found = new Set<string>(linksIn(email.text));
  for (const m of email.html.matchAll(/href="([^"]+)"/g)) found.add(m[1]!.replace(/&amp;/g, '&'));
  for (const [name, value] of Object.entries(email.headers)) {
    if (name.toLowerCase() === 'list-unsubscribe') for (const m of value.matchAll(/<(https?:[^>]+)>/g)) found.add(m[1]!);
  }
  return [...found].filter((l) => l.startsWith(APP));
}

const kindOf = async (email: OutboxEmail) =>
  (await env.DB.prepare('select kind from deliveries where idempotency_key = ?').bind(email.id).first<{ kind: string }>())?.kind ?? 'unknown';

/** Scans every email that arrived since the last scan, as a scanner would, and checks that no row changed. */
class Scanner {
  private readonly seen = new Set<string>();
  readonly kinds = new Map<string, number>();
  emails = 0;
  opens = 0;
  statuses = new Map<number, number>();

  async scanNew(): Promise<void> {
    const fresh = (await outbox()).filter((e) => !this.seen.has(e.id));
    if (fresh.length === 0) return;
    const before = await dumpTables();
    for (const email of fresh) {
      this.seen.add(email.id);
      this.emails++;
      const kind = await kindOf(email);
      this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
      const links = everyLink(email);
      expect(links.length, `links in "${email.subject}"`).toBeGreaterThan(0);
      for (const link of links) {
        for (const method of ['GET', 'HEAD'] as const) {
          const r = await page(method, link);
          this.opens++;
          this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
          expect(r.status, `${method} ${new URL(link).pathname.replace(/\/[A-Za-z0-9_-]{20,}/g, '/<token>')} of ${kind}`).toBeLessThan(500);
          await r.body?.cancel();
        }
      }
    }
    expect(await dumpTables()).toEqual(before);
  }
}

const kindsSentFor = async (mistakeId: string) =>
  (await env.DB.prepare('select kind from deliveries where mistake_id = ? order by created_at').bind(mistakeId).all<{ kind: string }>()).results.map((r) => r.kind);

const newestTo = async (to: string, kind: string): Promise<OutboxEmail> => {
  for (const email of await outbox()) if (email.to === to && (await kindOf(email)) === kind) return email;
  throw new Error(`no ${kind} email to ${to}`);
};
const linkEnding = (email: OutboxEmail, suffix: string) => {
  const link = linksIn(email.text).find((l) => l.endsWith(`/${suffix}`));
  if (!link) throw new Error(`no /${suffix} link in "${email.subject}"`);
  return link;
};

/** A person's click: the page (a GET), then its form's POST, as their browser submits it. */
async function clickAsPerson(url: string): Promise<void> {
  expect((await page('GET', url)).status).toBe(200);
  expect((await page('POST', url, { source: 'email' })).status).toBe(200);
}

async function createPlan(name: string, startAt: string, cadence: { step: string; day: number }[], leader = true) {
  const r = await json('POST', '/api/mistakes', {
    title: `Sent the payroll file to the wrong bank (${name})`,
    description: 'Salaries were a day late for the whole team.',
    owner: { email: `${name}-owner@example.com`, name: 'Noor', timeZone: 'UTC' },
    ...(leader ? { leader: { email: `${name}-lead@example.com`, name: 'Lee', timeZone: 'UTC' } } : {}),
    startAt,
    skipWeekends: false,
    cadence,
  });
  expect(r.status).toBe(201);
  return r.body as { id: string };
}

describe('mail scanners', () => {
  it('a GET and a HEAD of every link of every kind of email, as it arrives, change nothing', async () => {
    const scanner = new Scanner();
    const start = '2036-01-08T09:00:00Z'; // a Tuesday
    const plan = await createPlan('scan', start, [
      { step: 'own', day: 0 },
      { step: 'learn', day: 1 },
      { step: 'plan', day: 2 },
      { step: 'progress', day: 3 },
      { step: 'progress', day: 6 },
    ]);
    const quiet = await createPlan('quiet', start, [
      { step: 'own', day: 0 },
      { step: 'progress', day: 90 },
    ], false);

    await travel(plus(start, MINUTE));
    await scanner.scanNew();
    // The owner writes the statement through the email's form: once it has stood 10 minutes, the leader is introduced.
    const own = await newestTo('scan-owner@example.com', 'checkin.own');
    expect((await page('POST', linkEnding(own, 'answer'), { text: 'I sent it without the second check. That part was mine.' })).status).toBe(200);
    await travel(plus(start, 12 * MINUTE));
    await scanner.scanNew();

    // The leader thanks them (a person's click); once it stands, the owner hears.
    await clickAsPerson(linkEnding(await newestTo('scan-lead@example.com', 'leader.intro'), 'thanks'));
    await travel(plus(start, 15 * MINUTE));
    await travel(plus(start, 20 * MINUTE));
    await scanner.scanNew();

    await travel(plus(start, DAY + MINUTE)); // learn
    await scanner.scanNew();
    await travel(plus(start, 2 * DAY + MINUTE)); // plan, and the quiet owner's reminder
    await scanner.scanNew();
    await travel(plus(start, 3 * DAY + MINUTE)); // progress, and the reminder about learn
    await scanner.scanNew();

    // Blocked (a person's click): the leader's alert at the run after it stands.
    const progress = await newestTo('scan-owner@example.com', 'checkin.progress');
    await clickAsPerson(linkEnding(progress, 'blocked'));
    await travel(plus(start, 3 * DAY + 5 * MINUTE));
    await scanner.scanNew();

    // A reply to the progress email: recorded, and a receipt with an edit link.
    const replyTo = /<([^>]+)>/.exec(progress.headers['Reply-To']!)![1]!;
    const delivery = await deliverEmail(
      { from: 'scan-owner@example.com', to: replyTo },
      gmailReply({ from: 'scan-owner@example.com', to: replyTo, body: 'Waiting on the bank; I call them tomorrow.', messageId: '<scan-reply@mail.example>' }),
    );
    expect(delivery.rejected).toBeNull();
    await scanner.scanNew();

    // Monday 09:00: the weekly digest. Then done (a person's click): the closing report.
    await travel('2036-01-14T09:00:30Z');
    await scanner.scanNew();
    await clickAsPerson(linkEnding(await newestTo('scan-owner@example.com', 'checkin.progress'), 'done'));
    await travel('2036-01-14T09:05:00Z');
    await scanner.scanNew();

    // The web: a mistake logged from the form (its confirmation email), and a sign-in link.
    const visitor = new Visitor();
    await visitor.get('/');
    expect((await visitor.post('/', logForm({ owner_email: 'scan-web@example.com', leader_email: 'scan-web-lead@example.com' }))).status).toBe(202);
    await scanner.scanNew();
    const signIn = new Visitor();
    await signIn.get('/login');
    expect((await signIn.post('/login', { email: 'scan-owner@example.com' })).status).toBe(202);
    await scanner.scanNew();

    // Links expire: an owner asks for a fresh one, which arrives by email.
    await travel('2036-03-01T09:00:00Z');
    const quietOwn = await newestTo('quiet-owner@example.com', 'checkin.own');
    expect((await page('POST', linkEnding(quietOwn, 'answer').replace(/answer$/, 'fresh'))).status).toBe(202);
    await scanner.scanNew();

    const kinds = [...scanner.kinds.keys()].sort();
    console.info(`SCANNER-FIGURES ${JSON.stringify({ emails: scanner.emails, opens: scanner.opens, kinds: Object.fromEntries(scanner.kinds), statuses: Object.fromEntries(scanner.statuses) })}`);
    expect(kinds).toEqual(
      [
        'checkin.learn',
        'checkin.own',
        'checkin.plan',
        'checkin.progress',
        'fresh_link',
        'leader.alert',
        'leader.closing',
        'leader.digest',
        'leader.intro',
        'owner.ack',
        'owner.reminder',
        'reply_receipt',
        'web.confirm',
        'web.sign_in',
      ].sort(),
    );
    expect(plan.id).toBeTruthy();
    expect(quiet.id).toBeTruthy();
  }, 120_000);

  it('every one-click choice of one email posted at the same moment: none counts, nothing reaches the leader', async () => {
    const start = '2036-06-03T09:00:00Z';
    const plan = await createPlan('race', start, [{ step: 'progress', day: 0 }, { step: 'progress', day: 30 }]);
    await travel(plus(start, MINUTE));
    const email = await newestTo('race-owner@example.com', 'checkin.progress');
    const posted = await Promise.all(['on_track', 'blocked', 'done'].map((s) => page('POST', linkEnding(email, s), { source: 'email' })));
    expect(posted.map((r) => r.status)).toEqual([200, 200, 200]);
    await travel(plus(start, 5 * MINUTE));
    await travel(plus(start, 10 * MINUTE));

    const view = (await json('GET', `/api/mistakes/${plan.id}`)).body;
    expect(view.status).toBe('active');
    expect(view.updates.filter((u: { settled: boolean }) => u.settled)).toEqual([]);
    expect(await kindsSentFor(plan.id)).toEqual(['checkin.progress']);
  });

  it('the same choice posted twice at once (the auto-submit and a person’s click) is recorded once', async () => {
    const start = '2036-07-01T09:00:00Z';
    const plan = await createPlan('twice', start, [{ step: 'own', day: 0 }, { step: 'progress', day: 1 }, { step: 'progress', day: 30 }]);
    await travel(plus(start, MINUTE));
    const own = await newestTo('twice-owner@example.com', 'checkin.own');
    expect((await page('POST', linkEnding(own, 'answer'), { text: 'I skipped the second check.' })).status).toBe(200);
    await travel(plus(start, 10 * MINUTE));
    await travel(plus(start, DAY + MINUTE));
    const progress = await newestTo('twice-owner@example.com', 'checkin.progress');
    const posted = await Promise.all([0, 1].map(() => page('POST', linkEnding(progress, 'blocked'), { source: 'email' })));
    expect(posted.map((r) => r.status)).toEqual([200, 200]);
    await travel(plus(start, DAY + 5 * MINUTE));
    await travel(plus(start, DAY + 10 * MINUTE));

    const view = (await json('GET', `/api/mistakes/${plan.id}`)).body;
    const statuses = view.updates.filter((u: { kind: string; settled: boolean }) => u.kind === 'status' && u.settled);
    expect(statuses).toHaveLength(1);
    expect(statuses[0].status).toBe('blocked');
    expect((await kindsSentFor(plan.id)).filter((k) => k === 'leader.alert')).toHaveLength(1);
  });

  it('leader acks: both choices at once count neither; the same one twice at once counts once, and the owner hears once', async () => {
    const start = '2036-08-05T09:00:00Z';
    const both = await createPlan('ackrace', start, [{ step: 'own', day: 0 }, { step: 'progress', day: 30 }]);
    const twice = await createPlan('acktwice', start, [{ step: 'own', day: 0 }, { step: 'progress', day: 30 }]);
    await travel(plus(start, MINUTE));
    for (const name of ['ackrace', 'acktwice']) {
      const own = await newestTo(`${name}-owner@example.com`, 'checkin.own');
      expect((await page('POST', linkEnding(own, 'answer'), { text: 'I skipped the second check.' })).status).toBe(200);
    }
    await travel(plus(start, 12 * MINUTE)); // the statements have stood 10 minutes
    const raceIntro = await newestTo('ackrace-lead@example.com', 'leader.intro');
    const twiceIntro = await newestTo('acktwice-lead@example.com', 'leader.intro');
    await Promise.all([
      page('POST', linkEnding(raceIntro, 'thanks'), { source: 'email' }),
      page('POST', linkEnding(raceIntro, 'talk'), { source: 'email' }),
      page('POST', linkEnding(twiceIntro, 'thanks'), { source: 'email' }),
      page('POST', linkEnding(twiceIntro, 'thanks'), { source: 'email' }),
    ]);
    await travel(plus(start, 15 * MINUTE));
    await travel(plus(start, 20 * MINUTE));

    const settledAcks = async (id: string) =>
      (await json('GET', `/api/mistakes/${id}`)).body.updates.filter((u: { kind: string; settled: boolean }) => u.kind === 'ack' && u.settled);
    expect(await settledAcks(both.id)).toEqual([]);
    expect(await kindsSentFor(both.id)).not.toContain('owner.ack');
    expect(await settledAcks(twice.id)).toHaveLength(1);
    expect((await kindsSentFor(twice.id)).filter((k) => k === 'owner.ack')).toHaveLength(1);
  });

  it('a person’s single click counts once it has stood the settle time', async () => {
    const start = '2036-09-02T09:00:00Z';
    const plan = await createPlan('person', start, [{ step: 'progress', day: 0 }, { step: 'progress', day: 30 }]);
    await travel(plus(start, MINUTE));
    await clickAsPerson(linkEnding(await newestTo('person-owner@example.com', 'checkin.progress'), 'on_track'));
    const pending = (await json('GET', `/api/mistakes/${plan.id}`)).body.updates.filter((u: { kind: string }) => u.kind === 'status');
    expect(pending).toEqual([expect.objectContaining({ status: 'on_track', settled: false })]);
    await travel(plus(start, 4 * MINUTE));
    const settled = (await json('GET', `/api/mistakes/${plan.id}`)).body.updates.filter((u: { kind: string }) => u.kind === 'status');
    expect(settled).toEqual([expect.objectContaining({ status: 'on_track', settled: true })]);
  });
});
