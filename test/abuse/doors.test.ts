// The abuse limits at the web's two doors (PRODUCT.md, "Abuse limits"): sign-up (POST /) and sign-in (POST /login).
// In local development every request is one client, so each test starts in an hour (or day) of its own.
import { describe, expect, it } from 'vitest';
import { quietEventLogs } from '../support/quiet-logs';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, linksIn, outbox, runScheduled, travel } from '../support/worker';
import { latestEmailWith, logForm, Visitor } from '../web/visitor';

quietEventLogs();

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
const emailsTo = async (match: (to: string) => boolean, subject: RegExp) => (await outbox()).filter((e) => match(e.to) && subject.test(e.subject));
const CONFIRM = /Confirm your address/;
const SIGN_IN = /sign in/i;

describe('sign-up (POST /)', { timeout: 30_000 }, () => {
  it('14 sign-ups from one client in an hour: 10 × 202, 4 × 429 with nothing stored or sent; an hour on, it may again', async () => {
    await travel('2030-02-04T09:00:00Z');
    const v = new Visitor();
    await v.get('/');
    const statuses: number[] = [];
    let before: Awaited<ReturnType<typeof dumpTables>> | null = null;
    let refusal = null;
    for (let n = 0; n < 14; n++) {
      if (n === 10) before = await dumpTables();
      const sent = await v.post('/', logForm({ owner_email: `flood.${n}@example.com`, leader_email: `flood.lead.${n}@example.com` }));
      statuses.push(sent.status);
      if (sent.status === 429) refusal = sent;
    }
    expect(tally(statuses)).toEqual({ 202: 10, 429: 4 });
    // The four refusals stored nothing and sent nothing (the outbox is one of the tables).
    expect(await dumpTables()).toEqual(before);
    expect(await emailsTo((to) => to.startsWith('flood.'), CONFIRM)).toHaveLength(10);
    // The page says what happened and when to try again, and gives the form back as it was sent.
    expect(refusal!.html).toContain('Mend accepts at most 10 new plans an hour from one connection');
    expect(refusal!.html).toContain('Nothing was saved and no email went out.');
    expect(refusal!.html).toMatch(/Try again in (59|60) minutes\./);
    expect(Number(refusal!.response.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(refusal!.html).toContain('flood.13@example.com');

    await travel('2030-02-04T10:00:01Z');
    expect((await v.post('/', logForm({ owner_email: 'flood.later@example.com' }))).status).toBe(202);
  });

  it('one address named in 5 sign-ups gets 3 confirmation emails; the other 2 are refused; a day on, one more may go', async () => {
    await travel('2030-02-05T09:00:00Z');
    const v = new Visitor();
    await v.get('/');
    const owner = 'named.five@example.com';
    const statuses: number[] = [];
    let refusal = null;
    for (let n = 0; n < 5; n++) {
      const sent = await v.post('/', logForm({ owner_email: owner, title: `Sign-up ${n} naming one address` }));
      statuses.push(sent.status);
      if (sent.status === 429) refusal = sent;
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(await emailsTo((to) => to === owner, CONFIRM)).toHaveLength(3);
    expect((await json('GET', `/api/mistakes?owner=${owner}`)).body.mistakes).toHaveLength(3);
    expect(refusal!.html).toContain('That address has been sent 3 confirmation emails today');
    expect(refusal!.html).toMatch(/Try again in about 24 hours\./);

    await travel('2030-02-06T09:00:01Z');
    expect((await v.post('/', logForm({ owner_email: owner }))).status).toBe(202);
    expect(await emailsTo((to) => to === owner, CONFIRM)).toHaveLength(4);
  });

  it('one owner address holds at most 20 plans running or waiting; the API is not limited', async () => {
    await travel('2030-02-08T09:00:00Z');
    const owner = 'twenty.plans@example.com';
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await createMistake({ owner: { email: owner, name: 'Tw', timeZone: 'UTC' }, leader: null, title: `Plan ${n}` })).id);
    const v = new Visitor();
    await v.get('/');
    const before = await dumpTables();
    const refused = await v.post('/', logForm({ owner_email: owner }));
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('That address already has 20 plans that are running or waiting for confirmation');
    expect(refused.html).toContain('Close or finish one first.');
    expect(refused.response.headers.get('retry-after')).toBeNull();
    expect(await dumpTables()).toEqual(before);

    // The API token holder is not limited.
    expect((await json('POST', '/api/mistakes', { title: 'Plan 21', description: 'Through the API.', owner: { email: owner } })).status).toBe(201);
    // Closing two makes room for one from the web.
    for (const id of ids.slice(0, 2)) expect((await json('POST', `/api/mistakes/${id}/close`)).status).toBe(200);
    expect((await v.post('/', logForm({ owner_email: owner }))).status).toBe(202);
  });

  it('an owner names at most 5 new leader addresses a day through the web; one named before is always fine', async () => {
    await travel('2030-02-10T09:00:00Z');
    const owner = 'many.leaders@example.com';
    await createMistake({ owner: { email: owner, name: 'Ml', timeZone: 'UTC' }, leader: { email: 'known.leader@example.com', name: 'Kim' } });
    const v = new Visitor();
    await v.signIn(owner);
    await v.get('/');
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) statuses.push((await v.post('/', logForm({ owner_email: owner, leader_email: `new.leader.${n}@example.com` }))).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    const refused = await v.post('/', logForm({ owner_email: owner, leader_email: 'new.leader.7@example.com' }));
    expect(refused.html).toContain('That address has named 5 new leaders today');
    expect((await v.post('/', logForm({ owner_email: owner, leader_email: 'known.leader@example.com' }))).status).toBe(303);
    expect((await v.post('/', logForm({ owner_email: owner, leader_email: 'new.leader.3@example.com' }))).status).toBe(303);
  });
});

describe('sign-in (POST /login)', { timeout: 30_000 }, () => {
  it('14 sign-in requests from one client in an hour: 10 × 202, 4 × 429 and no email for those', async () => {
    await travel('2030-02-12T09:00:00Z');
    const known = 'signin.known@example.com';
    await createMistake({ owner: { email: known, name: 'Sk', timeZone: 'UTC' }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    const statuses: number[] = [];
    let refusal = null;
    for (let n = 0; n < 14; n++) {
      const asked = await v.post('/login', { email: n % 2 ? known : `signin.stranger.${n}@example.com` });
      statuses.push(asked.status);
      if (asked.status === 429) refusal = asked;
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429, 429, 429, 429]);
    // The known address was asked for five times, and got five links; strangers get none.
    expect(await emailsTo((to) => to === known, SIGN_IN)).toHaveLength(5);
    expect(await emailsTo((to) => to.startsWith('signin.stranger'), /./)).toHaveLength(0);
    expect(refusal!.html).toContain('Mend accepts at most 10 sign-in requests an hour from one connection');
    expect(refusal!.html).toContain('No email went out.');
    expect(refusal!.html).toMatch(/Try again in (59|60) minutes\./);
  });

  it('one address gets at most 5 sign-in emails a day; the sixth request is refused the same way for an unknown address', async () => {
    await travel('2030-02-13T09:00:00Z');
    const known = 'five.links@example.com';
    await createMistake({ owner: { email: known, name: 'Fl', timeZone: 'UTC' }, leader: null });
    const v = new Visitor();
    await v.get('/login');
    const knownStatuses: number[] = [];
    for (let n = 0; n < 6; n++) knownStatuses.push((await v.post('/login', { email: known })).status);
    expect(knownStatuses).toEqual([202, 202, 202, 202, 202, 429]);
    // An hour on (the client's own count is fresh), an address Mend does not know is refused at the same count.
    await travel('2030-02-13T10:00:01Z');
    const strangerStatuses: number[] = [];
    for (let n = 0; n < 6; n++) strangerStatuses.push((await v.post('/login', { email: 'not.a.user@example.com' })).status);
    expect(strangerStatuses).toEqual(knownStatuses);
    expect(await emailsTo((to) => to === known, SIGN_IN)).toHaveLength(5);
    const refusal = await v.post('/login', { email: known.toUpperCase() });
    expect(refusal.status).toBe(429);
    expect(refusal.html).toContain('Sign-in links for that address have been asked for 5 times today');
  });
});

describe('“this was not me”', { timeout: 30_000 }, () => {
  it('stops all Mend mail to the address, after a press (a GET changes nothing), until the address uses a link of its own', async () => {
    await travel('2030-02-15T09:00:00Z');
    const address = 'not.me@example.com';
    const v = new Visitor();
    await v.get('/');
    expect((await v.post('/', logForm({ owner_email: address }))).status).toBe(202);
    const { email, link: confirmLink } = await latestEmailWith(address, '/confirm/');
    const notMe = linksIn(email.text).find((l) => l.endsWith('/not-me'))!;
    expect(notMe).toBe(`${confirmLink}/not-me`);
    expect(email.html).toContain('This was not me');

    const before = await dumpTables();
    const page = await v.get(notMe);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Send this address nothing more');
    expect(await dumpTables()).toEqual(before);
    const pressed = await v.post(notMe);
    expect(pressed.status).toBe(200);
    expect(pressed.html).toContain('Mend sends this address nothing more');

    // Nothing reaches the address any more: a sign-in link, a new sign-up, a plan started through the API.
    const seen = (await outbox()).filter((e) => e.to === address).length;
    expect((await v.post('/login', { email: address })).status).toBe(202);
    expect((await v.post('/', logForm({ owner_email: address, title: 'Someone tries again' }))).status).toBe(202);
    await createMistake({ owner: { email: address, name: 'Nm', timeZone: 'UTC' }, leader: null });
    await runScheduled(Date.parse('2030-02-15T09:05:00Z'));
    expect((await outbox()).filter((e) => e.to === address)).toHaveLength(seen);

    // The address itself asks for mail again by using the confirmation link it holds: mail flows again.
    await v.get(confirmLink);
    expect((await v.post(confirmLink)).status).toBe(303);
    const fresh = new Visitor();
    await fresh.signIn(address);
    expect((await outbox()).filter((e) => e.to === address).length).toBeGreaterThan(seen);
  });
});
