// Replies to check-in emails, end to end: the check-in email in the outbox, a reply to its Reply-To delivered to
// the Worker's email() handler, the answer read back through the API, and the receipt in the owner's inbox.
import { describe, expect, it } from 'vitest';
import { replyAddressOf, replyPlans } from '../support/reply-plans';
import { authenticatedAs, deliverEmail, gmailReply } from '../support/inbound-mail';
import { dumpTables, json, linksIn, outbox, page, travel } from '../support/worker';

type Expected = { from: string; text: string; status: 'on_track' | 'blocked' | 'done' | null; note: string };
const emls = import.meta.glob<string>('../fixtures/mail/*.eml', { query: '?raw', import: 'default', eager: true });
const expectations = import.meta.glob<Expected>('../fixtures/mail/*.expected.json', { import: 'default', eager: true });

const FIXTURE_ADDRESS = /reply\+(c_[a-z0-9_]+)@in\.mend\.example/gi;
const fixtures = Object.entries(emls).map(([path, raw]) => {
  const name = path.replace(/^.*\//, '').replace(/\.eml$/, '');
  const expected = expectations[`../fixtures/mail/${name}.expected.json`]!;
  // The fixtures' addresses name the step they answer: c_own…, c_learn…, c_plan…, or a progress check-in.
  const tag = [...raw.matchAll(FIXTURE_ADDRESS)][0]![1]!;
  const step = tag.startsWith('c_own') ? 'own' : tag.startsWith('c_learn') ? 'learn' : tag.startsWith('c_plan') ? 'plan' : 'progress';
  return { name, raw, expected, step } as const;
});

const KIND = { own: 'ownership', learn: 'learning', plan: 'plan', progress: 'note' } as const;

const { planWithCheckin } = replyPlans('2030-03-04T08:00:00Z');

const mistakeOf = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body;
const receiptsFor = async (mistakeId: string) => (await outbox()).filter((e) => e.mistakeId === mistakeId && e.subject.startsWith('Recorded:'));

describe('the Reply-To of a check-in email', () => {
  it('is a reply address with its own token: no personal data, not the link token, lower-case', async () => {
    const { mistake, email } = await planWithCheckin('reply.to@example.com', 'own');
    const address = replyAddressOf(email);
    expect(address).toBe(address.toLowerCase());
    expect(address).not.toContain('reply.to');
    expect(address).not.toContain(mistake.id);
    const [link] = linksIn(email.text).filter((l) => l.includes('/l/'));
    const linkToken = /\/l\/([^/]+)\//.exec(link!)![1]!;
    expect(address).not.toContain(linkToken.toLowerCase());
    // The reply token opens no page: it records a reply from the owner's address and nothing else.
    const replyToken = address.slice('reply+'.length, address.indexOf('@'));
    expect((await page('GET', `https://localhost/l/${replyToken}/answer`)).status).toBe(404);
  });
});

describe('replies in the shapes real clients write, end to end', () => {
  it.each(fixtures)('$name ($step)', async ({ raw, expected, step }) => {
    const { mistake, email, startAt } = await planWithCheckin(expected.from, step);
    const address = replyAddressOf(email);
    // As Email Routing hands it over: the sender's domain passed DMARC, so a "done" counts as one.
    const delivery = await deliverEmail({ from: expected.from, to: address }, authenticatedAs(raw.replace(FIXTURE_ADDRESS, address), expected.from));
    expect(delivery.rejected).toBeNull();

    const view = await mistakeOf(mistake.id);
    const updates = view.updates.filter((u: any) => u.via === 'email');
    const wanted =
      step === 'progress'
        ? [{ kind: 'status', status: expected.status }, ...(expected.note ? [{ kind: 'note', text: expected.note }] : [])]
        : [{ kind: KIND[step], text: expected.text }];
    expect(updates.map((u: any) => ({ kind: u.kind, ...(u.status ? { status: u.status } : {}), ...(u.text !== undefined ? { text: u.text } : {}) }))).toEqual(wanted);
    expect(updates.every((u: any) => u.settled && Date.parse(u.at) >= Date.parse(startAt))).toBe(true);
    expect(view.checkins[0].status).toBe('answered');
    expect(await receiptsFor(mistake.id)).toHaveLength(1);
  });
});

describe('a reply to a progress check-in', () => {
  it('that starts "Blocked:" records the status and the note, and the receipt shows both with a link to edit', async () => {
    const owner = 'blocked.owner@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'progress');
    const to = replyAddressOf(email);
    const body = 'Blocked: finance has not signed off the review step.\nI asked for a slot on Thursday — Zoë knows.';
    expect((await deliverEmail({ from: owner, to }, gmailReply({ from: owner, to, body, messageId: '<blocked-1@mail.example>' }))).rejected).toBeNull();

    const view = await mistakeOf(mistake.id);
    expect(view.updates).toEqual([
      expect.objectContaining({ kind: 'status', status: 'blocked', via: 'email', settled: true }),
      expect.objectContaining({ kind: 'note', text: 'finance has not signed off the review step.\nI asked for a slot on Thursday — Zoë knows.', via: 'email' }),
    ]);

    const [receipt] = await receiptsFor(mistake.id);
    expect(receipt!.to).toBe(owner);
    expect(receipt!.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'In-Reply-To': '<blocked-1@mail.example>' });
    expect(receipt!.text).toContain('Blocked');
    expect(receipt!.text).toContain('finance has not signed off the review step.');
    expect(receipt!.text).toContain('Zoë knows.');
    const edit = linksIn(receipt!.text).find((l) => l.endsWith('/answer'))!;
    const form = await page('GET', edit);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form method="post"[^>]*>[\s\S]*<textarea[^>]*name="text"/);
  });

  it('that is only a status, from an authenticated sender, records the status alone', async () => {
    const owner = 'done.owner@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'progress');
    const to = replyAddressOf(email);
    const raw = authenticatedAs(gmailReply({ from: owner, to, body: 'Done ✅', messageId: '<done-1@mail.example>' }), owner);
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    const view = await mistakeOf(mistake.id);
    expect(view.updates.map((u: any) => [u.kind, u.status, u.text])).toEqual([['status', 'done', undefined]]);
    expect(view.status).toBe('resolved');
  });
});

describe('the receipt', () => {
  it('shows what was recorded, and its link opens the form holding those words', async () => {
    const owner = 'receipt.owner@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    const body = 'I shipped the export without checking a sample. Three customers paid twice & support spent a day on it.';
    await deliverEmail({ from: owner, to }, gmailReply({ from: owner, to, body, messageId: '<own-1@mail.example>' }));
    const [receipt] = await receiptsFor(mistake.id);
    expect(receipt!.subject).toContain('Shipped the invoice export with the wrong totals');
    expect(receipt!.text).toContain(body);
    expect(receipt!.text).toContain('ownership statement');
    const form = await page('GET', linksIn(receipt!.text).find((l) => l.endsWith('/answer'))!);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(body.replace(/&/g, '&amp;'));
  });
});

describe('a reply delivered twice', () => {
  it('is recorded once and acknowledged once', async () => {
    const owner = 'twice.owner@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'learn');
    const to = replyAddressOf(email);
    const raw = gmailReply({ from: owner, to, body: 'Fixtures must run on every billing change.', messageId: '<twice@mail.example>' });
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    const after = await dumpTables();
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    expect(await dumpTables()).toEqual(after);
    expect((await mistakeOf(mistake.id)).updates).toHaveLength(1);
    expect(await receiptsFor(mistake.id)).toHaveLength(1);
  });

  it('is recorded once even when the first ended the plan', async () => {
    const owner = 'twice.done@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'progress');
    const to = replyAddressOf(email);
    const raw = authenticatedAs(gmailReply({ from: owner, to, body: 'Done. The last service moved.', messageId: '<twice-done@mail.example>' }), owner);
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    expect((await mistakeOf(mistake.id)).updates.map((u: any) => u.kind)).toEqual(['status', 'note']);
  });
});

describe('reply addresses whose case a mail server changed', () => {
  it('still find their check-in', async () => {
    const owner = 'Case.Owner@Example.com';
    const { mistake, email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email).toUpperCase();
    const raw = gmailReply({ from: owner.toUpperCase(), to, body: 'It was my change and my miss.', messageId: '<case@mail.example>' });
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    expect((await mistakeOf(mistake.id)).updates).toEqual([expect.objectContaining({ kind: 'ownership', text: 'It was my change and my miss.', via: 'email' })]);
  });
});

describe('what is refused, changing nothing', () => {
  async function refused(envelope: { from: string; to: string }, raw: string | Uint8Array, reason: RegExp, rawSize?: number) {
    const before = await dumpTables();
    const delivery = await deliverEmail(envelope, raw, rawSize);
    expect(delivery.rejected).toMatch(reason);
    expect(await dumpTables()).toEqual(before);
  }

  it('a sender other than the owner, even with the owner in the envelope', async () => {
    const owner = 'forged.owner@example.com';
    const { email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    const raw = (from: string) => gmailReply({ from, to, body: 'Not me.', messageId: '<forged@mail.example>' });
    await refused({ from: 'someone@else.example', to }, raw('someone@else.example'), /only from the address it was sent to/);
    await refused({ from: owner, to }, raw('someone@else.example'), /only from the address it was sent to/);
  });

  it('an unknown reply address, and an address that is no reply address', async () => {
    const owner = 'unknown.owner@example.com';
    const to = `reply+${'a'.repeat(32)}@localhost`;
    await refused({ from: owner, to }, gmailReply({ from: owner, to, body: 'Hello', messageId: '<unknown@mail.example>' }), /does not recognise this reply address/);
    const other = 'hello@localhost';
    await refused({ from: owner, to: other }, gmailReply({ from: owner, to: other, body: 'Hello', messageId: '<other@mail.example>' }), /does not belong to a Mend check-in/);
  });

  it('a message over 1 MB, before it is read', async () => {
    const owner = 'large.owner@example.com';
    const { email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    const raw = gmailReply({ from: owner, to, body: 'x'.repeat(1024 * 1024), messageId: '<large@mail.example>' });
    await refused({ from: owner, to }, raw, /larger than 1 MB/);
    // A platform that under-reports the size is caught while reading.
    await refused({ from: owner, to }, raw, /larger than 1 MB/, 1000);
  });

  it('a reply with nothing of the owner\'s own, only the quote', async () => {
    const owner = 'empty.owner@example.com';
    const { email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    await refused({ from: owner, to }, gmailReply({ from: owner, to, body: '', messageId: '<empty@mail.example>' }), /no words of your own/);
  });

  it('a reply to a closed plan', async () => {
    const owner = 'closed.owner@example.com';
    const { mistake, email } = await planWithCheckin(owner, 'progress');
    const to = replyAddressOf(email);
    expect((await json('POST', `/api/mistakes/${mistake.id}/close`)).status).toBe(200);
    await refused({ from: owner, to }, gmailReply({ from: owner, to, body: 'On track', messageId: '<closed@mail.example>' }), /plan was closed/);
  });

  it('an out-of-office notice is neither recorded nor bounced', async () => {
    const owner = 'away.owner@example.com';
    const { email } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    const raw = gmailReply({ from: owner, to, body: 'I am away until Monday.', messageId: '<away@mail.example>' }).replace('MIME-Version: 1.0', 'Auto-Submitted: auto-replied\r\nMIME-Version: 1.0');
    const before = await dumpTables();
    expect((await deliverEmail({ from: owner, to }, raw)).rejected).toBeNull();
    expect(await dumpTables()).toEqual(before);
  });

  // Last: it moves the file's clock past every token's expiry.
  it('a reply after the reply address expired', async () => {
    const owner = 'late.owner@example.com';
    const { email, startAt } = await planWithCheckin(owner, 'own');
    const to = replyAddressOf(email);
    await travel(new Date(Date.parse(startAt) + 46 * 24 * 3600_000).toISOString());
    await refused({ from: owner, to }, gmailReply({ from: owner, to, body: 'Late answer.', messageId: '<late@mail.example>' }), /has expired/);
  });
});
