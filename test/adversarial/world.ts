// A small world for the adversarial tests, built only through Mend's public doors (the API, the links in the
// emails, replies to the email() handler, the web forms and scheduled runs): plans that have sent every kind of
// email there is, each kept by kind so a test can tamper with its links, look for injected text in it, or check
// that it never reached the wrong person.
//
// Plans are driven in lockstep through one working week (Monday to Friday, every zone UTC), so a leader named
// by two plans gets one digest that speaks of both.
import { expect } from 'vitest';
import { deliverEmail, gmailReply } from '../support/inbound-mail';
import { json, linksIn, outbox, page, travel, type OutboxEmail } from '../support/worker';
import { Visitor } from '../web/visitor';

export type EmailKind =
  | 'checkin.own'
  | 'checkin.learn'
  | 'checkin.plan'
  | 'checkin.progress'
  | 'checkin.progress.last'
  | 'leader.intro'
  | 'owner.ack'
  | 'leader.digest'
  | 'reply.receipt'
  | 'owner.reminder'
  | 'leader.alert'
  | 'leader.closing'
  | 'web.sign_in'
  | 'web.confirm';

export interface PlanTexts {
  title: string;
  description: string;
  impact: string;
  ownerName: string;
  leaderName: string;
  ownership: string;
  learning: string;
  /** Sent as a reply to the plan check-in's email. */
  plan: string;
  /** The note beside the blocked status. */
  note: string;
}

export interface PlanSpec {
  owner: string;
  leader: string;
  texts?: Partial<PlanTexts>;
}

export interface Plan {
  spec: PlanSpec;
  texts: PlanTexts;
  id: string;
  checkinIds: string[];
  emails: Map<EmailKind, OutboxEmail>;
}

export interface WebSignUp {
  owner: string;
  leader: string;
  texts: Pick<PlanTexts, 'title' | 'description' | 'impact' | 'ownerName' | 'leaderName'>;
}

export interface World {
  plans: Plan[];
  /** The web sign-up (a pending mistake) and its confirmation email, and a sign-in email for the first owner. */
  webSignUp: { spec: WebSignUp; email: OutboxEmail; signIn: OutboxEmail };
  /** Every email the world sent. */
  all: OutboxEmail[];
}

export const DEFAULT_TEXTS: PlanTexts = {
  title: 'Deployed the billing change on a Friday evening',
  description: 'The change double-charged forty customers over the weekend.',
  impact: 'Support refunded forty customers on Monday.',
  ownerName: 'Olu',
  leaderName: 'Lee',
  ownership: 'I chose to deploy late without the usual review; the double charges were mine.',
  learning: 'Billing changes need a second pair of eyes and a weekday deploy.',
  plan: 'A deploy freeze for billing after Thursday noon, from next week on.',
  note: 'The review rota is not agreed yet; waiting on the platform team.',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** The one email whose outbox id (its idempotency key) starts with `prefix` and goes to `to`. */
async function emailWhere(test: (e: OutboxEmail) => boolean, what: string): Promise<OutboxEmail> {
  const found = (await outbox()).filter(test);
  expect(found, what).toHaveLength(1);
  return found[0]!;
}

export function linkEnding(email: OutboxEmail, suffix: string): string {
  const link = linksIn(email.text).find((l) => l.endsWith(`/${suffix}`));
  if (!link) throw new Error(`no /${suffix} link in "${email.subject}"`);
  return link;
}

/** A person's one click: the page, then its form. */
async function click(url: string): Promise<void> {
  expect((await page('GET', url)).status).toBe(200);
  expect((await page('POST', url, { source: 'email' })).status).toBe(200);
}

export function replyAddressOf(email: OutboxEmail): string {
  const address = /<(reply\+[a-z2-7]{32}@[^>]+)>/.exec(email.headers['Reply-To'] ?? '')?.[1];
  if (!address) throw new Error(`no Reply-To on "${email.subject}"`);
  return address;
}

/**
 * Builds the world from `monday` (08:00 UTC on a Monday later than the file's clock) to the Friday after.
 * Plans: cadence own 0, learn 1, plan 2, progress 3 and 4, weekends not skipped.
 */
export async function buildWorld(monday: string, specs: PlanSpec[], web: WebSignUp): Promise<World> {
  const start = Date.parse(monday);
  await travel(monday);
  const plans: Plan[] = [];
  for (const spec of specs) {
    const texts = { ...DEFAULT_TEXTS, ...spec.texts };
    const r = await json('POST', '/api/mistakes', {
      title: texts.title,
      description: texts.description,
      impact: texts.impact,
      owner: { email: spec.owner, name: texts.ownerName, timeZone: 'UTC' },
      leader: { email: spec.leader, name: texts.leaderName, timeZone: 'UTC' },
      startAt: monday,
      skipWeekends: false,
      cadence: [
        { step: 'own', day: 0 },
        { step: 'learn', day: 1 },
        { step: 'plan', day: 2 },
        { step: 'progress', day: 3 },
        { step: 'progress', day: 4 },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    plans.push({ spec, texts, id: r.body.id, checkinIds: r.body.checkins.map((c: any) => c.id), emails: new Map() });
  }
  const checkinEmail = (p: Plan, seq: number) => emailWhere((e) => e.id === `checkin:${p.checkinIds[seq]}:1`, `check-in ${seq} of ${p.texts.title}`);
  const byKey = (p: Plan, prefix: string, to: string) =>
    emailWhere((e) => e.id.startsWith(prefix) && e.to === to && (e.mistakeId === p.id || e.mistakeId === null), `${prefix} to ${to}`);

  // Monday 08:01: "own it"; answered on its form. 08:12, once the statement has stood 10 minutes: the leader's
  // introduction.
  await travel(iso(start + MINUTE));
  for (const p of plans) {
    p.emails.set('checkin.own', await checkinEmail(p, 0));
    expect((await page('POST', linkEnding(p.emails.get('checkin.own')!, 'answer'), { text: p.texts.ownership })).status).toBe(200);
  }
  await travel(iso(start + 12 * MINUTE));
  for (const p of plans) {
    p.emails.set('leader.intro', await byKey(p, 'intro:', p.spec.leader));
    // The leader's "let's talk", as a person clicks it; the owner hears of it once it has settled. Daily digests.
    await click(linkEnding(p.emails.get('leader.intro')!, 'talk'));
    expect((await page('POST', linkEnding(p.emails.get('leader.intro')!, 'daily'))).status).toBe(200);
  }
  await travel(iso(start + 17 * MINUTE));
  for (const p of plans) p.emails.set('owner.ack', await byKey(p, 'ack:', p.spec.owner));

  // Tuesday 09:00: "what did you learn" (left unanswered until its reminder).
  await travel(iso(start + DAY + HOUR));
  for (const p of plans) p.emails.set('checkin.learn', await checkinEmail(p, 1));

  // Wednesday 09:00: "what will change", answered by replying; the receipt comes back.
  await travel(iso(start + 2 * DAY + HOUR));
  for (const p of plans) {
    const email = await checkinEmail(p, 2);
    p.emails.set('checkin.plan', email);
    const to = replyAddressOf(email);
    const delivery = await deliverEmail(
      { from: p.spec.owner, to },
      gmailReply({ from: p.spec.owner, to, body: p.texts.plan, messageId: `<world-${p.id}@mail.example>` }),
    );
    expect(delivery.rejected).toBeNull();
    p.emails.set('reply.receipt', await byKey(p, 'receipt:', p.spec.owner));
  }

  // Thursday 09:00: the first progress check-in and the learn check-in's reminder. Learning through the API;
  // progress on the answer form: blocked, with a note. 09:03: the leader's alert.
  // The leader's daily digest tells of the plan written by reply (one per leader, whatever the number of plans).
  await travel(iso(start + 3 * DAY + HOUR));
  for (const p of plans) {
    p.emails.set('leader.digest', await emailWhere((e) => e.id.startsWith('digest:') && e.to === p.spec.leader, `digest to ${p.spec.leader}`));
    p.emails.set('checkin.progress', await checkinEmail(p, 3));
    p.emails.set('owner.reminder', await byKey(p, 'reminder:', p.spec.owner));
    const learnt = await json('POST', `/api/mistakes/${p.id}/updates`, { checkinId: p.checkinIds[1], text: p.texts.learning });
    expect(learnt.status).toBe(201);
    const blocked = await page('POST', linkEnding(p.emails.get('checkin.progress')!, 'answer'), { status: 'blocked', text: p.texts.note });
    expect(blocked.status).toBe(200);
  }
  await travel(iso(start + 3 * DAY + HOUR + 3 * MINUTE));
  for (const p of plans) p.emails.set('leader.alert', await byKey(p, 'alert:', p.spec.leader));

  // Friday 09:00: the last progress check-in; "done" with one click; after it settles, the closing report.
  await travel(iso(start + 4 * DAY + HOUR));
  for (const p of plans) {
    p.emails.set('checkin.progress.last', await checkinEmail(p, 4));
    await click(linkEnding(p.emails.get('checkin.progress.last')!, 'done'));
  }
  await travel(iso(start + 4 * DAY + HOUR + 8 * MINUTE));
  for (const p of plans) p.emails.set('leader.closing', await byKey(p, 'closing:', p.spec.leader));

  // The web: a sign-in link for the first owner, and a sign-up that waits for its owner's confirmation.
  const visitor = new Visitor();
  await visitor.get('/login');
  expect((await visitor.post('/login', { email: specs[0]!.owner })).status).toBe(202);
  const signIn = await emailWhere((e) => e.id.startsWith('web-sign-in:') && e.to === specs[0]!.owner, 'sign-in email');
  const signUp = new Visitor();
  await signUp.get('/');
  const logged = await signUp.post('/', {
    title: web.texts.title,
    description: web.texts.description,
    impact: web.texts.impact,
    owner_email: web.owner,
    owner_name: web.texts.ownerName,
    owner_tz: 'UTC',
    leader_email: web.leader,
    leader_name: web.texts.leaderName,
    leader_tz: '',
    cadence: 'default',
    skip_weekends: 'on',
  });
  expect(logged.status, logged.html.slice(0, 500)).toBe(202);
  const confirm = await emailWhere((e) => e.id.startsWith('web-confirm:') && e.to === web.owner, 'confirmation email');

  return { plans, webSignUp: { spec: web, email: confirm, signIn }, all: await outbox() };
}

/** Every URL an email carries: the links of its text part and the one in List-Unsubscribe. */
export function urlsOf(email: OutboxEmail): string[] {
  const unsubscribe = /<(https?:\/\/[^>]+)>/.exec(email.headers['List-Unsubscribe'] ?? '')?.[1];
  return [...new Set([...linksIn(email.text), ...(unsubscribe ? [unsubscribe] : [])])];
}
