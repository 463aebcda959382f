// Which replies Mend believes (PRODUCT.md, Replies): the owner's address in the envelope and in From, no automatic
// mail, and where the receiving side checked the sender, a check that passed. A "done" ends the plan, so one
// nobody could authenticate is kept as words until the owner confirms it.
import { describe, expect, it } from 'vitest';
import { authenticatedAs, deliverEmail, gmailReply, receivedWith } from '../support/inbound-mail';
import { replyAddressOf, replyPlans } from '../support/reply-plans';
import { dumpTables, json, linksIn, outbox, page, travel } from '../support/worker';

const { planWithCheckin } = replyPlans('2031-05-05T08:00:00Z');
const mistakeOf = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body;
const receiptsFor = async (mistakeId: string) => (await outbox()).filter((e) => e.mistakeId === mistakeId && e.subject.startsWith('Recorded:'));

async function progressReply(owner: string, body: string, messageId: string) {
  const { mistake, email, startAt } = await planWithCheckin(owner, 'progress');
  const to = replyAddressOf(email);
  return { mistake, to, startAt, raw: gmailReply({ from: owner, to, body, messageId }) };
}

/** Delivers the message and expects it refused with `reason`, every table as it was. */
async function refused(envelope: { from: string; to: string }, raw: string, reason: RegExp) {
  const before = await dumpTables();
  expect((await deliverEmail(envelope, raw)).rejected).toMatch(reason);
  expect(await dumpTables()).toEqual(before);
}

describe('a reply whose sender is not the owner', () => {
  it('is refused when only the From header names the owner (a forged envelope sender)', async () => {
    const owner = 'forged.envelope@example.com';
    const { to, raw } = await progressReply(owner, 'Done.', '<forged-envelope@mail.example>');
    await refused({ from: 'stranger@elsewhere.example', to }, authenticatedAs(raw, owner), /only from the address it was sent to/);
  });
});

describe('a reply the receiving side could not authenticate', () => {
  it('is refused when DMARC failed for the owner’s domain', async () => {
    const owner = 'dmarc.fail@example.com';
    const { to, raw } = await progressReply(owner, 'On track.', '<dmarc-fail@mail.example>');
    const failed = receivedWith(raw, 'dkim=none; spf=softfail smtp.mailfrom=example.com; dmarc=fail (p=NONE) header.from=example.com');
    await refused({ from: owner, to }, failed, /could not confirm this reply came from your address/);
  });

  it('is refused without a DMARC result when neither DKIM nor SPF passed aligned with the owner’s domain', async () => {
    const owner = 'unaligned@example.com';
    const { to, raw } = await progressReply(owner, 'On track.', '<unaligned@mail.example>');
    // Both pass, but for somebody else's domain: that says nothing about example.com.
    const unaligned = receivedWith(raw, 'dkim=pass header.d=bulk-sender.example.net; spf=pass smtp.mailfrom=bounces@bulk-sender.example.net');
    await refused({ from: owner, to }, unaligned, /could not confirm this reply came from your address/);
  });

  it('is refused on the receiver’s own verdict, whatever a header further down claims', async () => {
    const owner = 'stacked@example.com';
    const { to, raw } = await progressReply(owner, 'On track.', '<stacked@mail.example>');
    const forgedPass = receivedWith(raw, 'dmarc=pass header.from=example.com');
    const receiverFail = receivedWith(forgedPass, 'dmarc=fail header.from=example.com', 'ARC-Authentication-Results');
    await refused({ from: owner, to }, receiverFail, /could not confirm/);
  });

  it('is recorded when DKIM passed aligned (a subdomain of the owner’s organisation) without a DMARC result', async () => {
    const owner = 'aligned@example.co.uk';
    const { mistake, to, raw } = await progressReply(owner, 'On track: vendor paid.', '<aligned@mail.example>');
    const aligned = receivedWith(raw, 'dkim=pass header.d=mail.example.co.uk; spf=none', 'ARC-Authentication-Results');
    expect((await deliverEmail({ from: owner, to }, aligned)).rejected).toBeNull();
    expect((await mistakeOf(mistake.id)).updates.map((u: any) => u.status ?? u.text)).toEqual(['on_track', 'vendor paid.']);
  });
});

describe('automatic mail', () => {
  const markers: [string, (raw: string) => string, string?][] = [
    ['Auto-Submitted: auto-replied', (raw) => `Auto-Submitted: auto-replied\r\n${raw}`],
    ['X-Autoreply', (raw) => `X-Autoreply: yes\r\n${raw}`],
    ['X-Autorespond', (raw) => `X-Autorespond: yes\r\n${raw}`],
    ...(['auto_reply', 'bulk', 'junk', 'list'] as const).map((p) => [`Precedence: ${p}`, (raw: string) => `Precedence: ${p}\r\n${raw}`] as [string, (raw: string) => string]),
    ['List-Id', (raw) => `List-Id: Team notes <team.lists.example.com>\r\n${raw}`],
    ['a delivery report (multipart/report)', (raw) => raw.replace('multipart/alternative;', 'multipart/report; report-type=delivery-status;')],
    ['a bounce from MAILER-DAEMON', (raw) => raw, 'MAILER-DAEMON@mx.example.com'],
    ['a bounce with an empty envelope sender', (raw) => raw, ''],
    ...['Automatic reply: your check-in', 'Out of office: back on Monday', 'Autoreply: Re: your check-in'].map(
      (subject) => [`the subject "${subject}"`, (raw: string) => raw.replace('Subject: Re: your check-in', `Subject: ${subject}`)] as [string, (raw: string) => string],
    ),
  ];

  it.each(markers)('%s is dropped: nothing recorded, no receipt, no rejection', async (_, mark, envelopeFrom) => {
    const owner = `auto.${markers.findIndex(([name]) => name === _)}@example.com`;
    const { to, raw } = await progressReply(owner, 'Done.', `<auto-${owner}>`);
    const before = await dumpTables();
    const delivery = await deliverEmail({ from: envelopeFrom ?? owner, to }, authenticatedAs(mark(raw), owner));
    expect(delivery.rejected).toBeNull();
    expect(await dumpTables()).toEqual(before);
  });

  it('Auto-Submitted: no is a person', async () => {
    const owner = 'auto.no@example.com';
    const { mistake, to, raw } = await progressReply(owner, 'On track.', '<auto-no@mail.example>');
    expect((await deliverEmail({ from: owner, to }, authenticatedAs(`Auto-Submitted: no\r\n${raw}`, owner))).rejected).toBeNull();
    expect((await mistakeOf(mistake.id)).updates).toHaveLength(1);
  });
});

describe('a "done" by email', () => {
  it('from an authenticated sender ends the plan', async () => {
    const owner = 'done.authenticated@example.com';
    const { mistake, to, raw } = await progressReply(owner, 'Done. The last service moved.', '<done-auth@mail.example>');
    expect((await deliverEmail({ from: owner, to }, authenticatedAs(raw, owner))).rejected).toBeNull();
    const view = await mistakeOf(mistake.id);
    expect(view.status).toBe('resolved');
    expect(view.updates.map((u: any) => u.status ?? u.text)).toEqual(['done', 'The last service moved.']);
  });

  it('that nobody could authenticate is kept as a note, and the receipt links to a page that confirms it', async () => {
    const owner = 'done.unverified@example.com';
    const { mistake, to, raw, startAt } = await progressReply(owner, 'Done. The last service moved.', '<done-unverified@mail.example>');
    // Results from some other server than the receiving side count for nothing.
    const elsewhere = receivedWith(raw, 'dmarc=pass header.from=example.com', 'Authentication-Results', 'relay.example.org');
    expect((await deliverEmail({ from: owner, to }, elsewhere)).rejected).toBeNull();

    let view = await mistakeOf(mistake.id);
    expect(view.status).toBe('active');
    expect(view.updates.map((u: any) => [u.kind, u.text])).toEqual([['note', 'Done. The last service moved.']]);

    const [receipt] = await receiptsFor(mistake.id);
    expect(receipt!.text).toContain('could not confirm that it came from your own mailbox');
    const confirm = linksIn(receipt!.text).find((l) => l.endsWith('/done'))!;
    expect(confirm).toBeDefined();
    const form = await page('GET', confirm);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form[^>]*method="post"/);
    expect((await page('POST', confirm, {})).status).toBe(200);
    // A one-click answer, like any other: it counts once it has stood its settle time.
    await travel(new Date(Date.parse(startAt) + 24 * 3600_000).toISOString());
    view = await mistakeOf(mistake.id);
    expect(view.updates.filter((u: any) => u.kind === 'status').map((u: any) => [u.status, u.settled])).toEqual([['done', true]]);
    expect(view.status).toBe('resolved');
  });
});
