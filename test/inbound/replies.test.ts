import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../src/inbound/parse-message';
import { readStatusPrefix } from '../../src/inbound/reply-status';
import { stripReply } from '../../src/inbound/strip-reply';
import { htmlToText } from '../../src/inbound/html-to-text';

type Expected = {
  from: string;
  to: string[];
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  /** exactly what is recorded: stripReply(parseInbound(raw).text) */
  text: string;
  /** readStatusPrefix(text), for progress check-ins */
  status: 'on_track' | 'blocked' | 'done' | null;
  note: string;
};

// Vite inlines the files at transform time, so nothing is read from disk inside workerd.
const emls = import.meta.glob<string>('../fixtures/mail/*.eml', { query: '?raw', import: 'default', eager: true });
const expectations = import.meta.glob<Expected>('../fixtures/mail/*.expected.json', { import: 'default', eager: true });

const fixtures = Object.entries(emls).map(([path, raw]) => {
  const name = path.replace(/^.*\//, '').replace(/\.eml$/, '');
  const expected = expectations[`../fixtures/mail/${name}.expected.json`];
  if (!expected) throw new Error(`${name}.eml has no ${name}.expected.json`);
  return { name, raw, expected };
});

describe('reply fixtures', () => {
  it('has at least 12 fixtures, each with an expectation', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(expectations)).toHaveLength(fixtures.length);
  });

  it.each(fixtures)('$name', async ({ raw, expected }) => {
    const message = await parseInbound(raw);
    expect(message.from).toBe(expected.from);
    expect(message.to).toEqual(expected.to);
    expect(message.subject).toBe(expected.subject);
    if (expected.messageId) expect(message.messageId).toBe(expected.messageId);
    if (expected.inReplyTo) expect(message.inReplyTo).toBe(expected.inReplyTo);

    const text = stripReply(message.text);
    expect(text).toBe(expected.text);

    const { status, rest } = readStatusPrefix(text);
    expect(status ?? null).toBe(expected.status);
    expect(rest).toBe(expected.note);
  });

  // The HTML alternative of each multipart fixture must give the same answer as its text part: this
  // runs htmlToText on real clients' markup (Gmail, Outlook, Apple Mail, Yahoo, Samsung).
  it.each(fixtures.filter((f) => /^Content-Type: multipart\/alternative/im.test(f.raw)))(
    '$name: the HTML part gives the same text',
    async ({ raw, expected }) => {
      const { html } = await PostalMime.parse(raw);
      expect(html).toBeDefined();
      expect(stripReply(htmlToText(html!))).toBe(expected.text);
    },
  );

  it('parses the same message from bytes and from a stream', async () => {
    const { raw, expected } = fixtures.find((f) => f.name === 'utf8-japanese')!;
    const bytes = new TextEncoder().encode(raw);
    const fromBuffer = await parseInbound(bytes.buffer as ArrayBuffer);
    const fromStream = await parseInbound(new Response(bytes).body!);
    expect(stripReply(fromBuffer.text)).toBe(expected.text);
    expect(stripReply(fromStream.text)).toBe(expected.text);
    expect(fromStream.from).toBe(expected.from);
  });
});

describe('parseInbound', () => {
  it('takes the text/plain part when there is one', async () => {
    const raw = [
      'From: a@example.com',
      'To: b@example.com',
      'Subject: hi',
      'Content-Type: multipart/alternative; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'plain words',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html words</p>',
      '--b--',
      '',
    ].join('\r\n');
    expect((await parseInbound(raw)).text.trim()).toBe('plain words');
  });

  it('works without From, To or Subject', async () => {
    const message = await parseInbound('\r\nhello\r\n');
    expect(message).toMatchObject({ from: '', to: [], subject: '' });
    expect(message.text.trim()).toBe('hello');
  });

  it('flattens address groups in To', async () => {
    const message = await parseInbound('From: A <A@X.example>\r\nTo: team: b@x.example, C@x.example;\r\n\r\nhi\r\n');
    expect(message.from).toBe('a@x.example');
    expect(message.to).toEqual(['b@x.example', 'c@x.example']);
  });
});

describe('htmlToText', () => {
  it('turns blocks into lines, decodes entities and marks blockquotes', () => {
    const html =
      '<div>One &amp; two</div><div><br></div><div>caf&eacute; &#x1F600;</div>' +
      '<blockquote><div>quoted</div><blockquote>deeper</blockquote></blockquote><p>after</p>';
    expect(htmlToText(html)).toBe('One & two\n\ncafé 😀\n> quoted\n>> deeper\n\nafter');
  });

  it('drops head, style and script, keeps link targets the text does not show', () => {
    const html =
      '<html><head><title>t</title><style>p{}</style></head><body><script>x()</script>' +
      'See <a href="https://example.com/doc">the doc</a> and <a href="https://example.com">example.com</a>' +
      ' or <a href="mailto:a@b.example">a@b.example</a>.</body></html>';
    expect(htmlToText(html)).toBe(
      'See the doc (https://example.com/doc) and example.com or a@b.example.',
    );
  });

  it('keeps pre text as it is and renders lists', () => {
    expect(htmlToText('<pre>a  b\n  c</pre><ul><li>x</li><li>y</li></ul>')).toBe('a  b\n  c\n- x\n- y');
  });

  it('renders Outlook MsoNormal lines with &nbsp; blank lines', () => {
    const html =
      '<p class=MsoNormal>Line 1<o:p></o:p></p><p class=MsoNormal>Line 2</p>' +
      '<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Line 3</p>';
    expect(htmlToText(html)).toBe('Line 1\nLine 2\n\nLine 3');
  });
});

describe('stripReply', () => {
  const strip = (lines: string[]) => stripReply(lines.join('\n'));

  it('normalizes CRLF, trims trailing whitespace and outer blank lines, keeps paragraphs', () => {
    expect(stripReply('\r\n  Hello there   \r\n\r\n\r\nSecond  paragraph\t\r\n\r\n')).toBe(
      '  Hello there\n\n\nSecond  paragraph',
    );
  });

  it('keeps UTF-8 as is', () => {
    expect(stripReply('Ça marche 👍 日本語 ü\n\n> quoted')).toBe('Ça marche 👍 日本語 ü');
  });

  it.each([
    ['Gmail', 'On Mon, 23 Nov 2026 at 09:00, Mend <checkins@mend.example> wrote:'],
    ['Gmail with "via"', 'On Mon, Nov 23, 2026 at 9:00 AM Mend via Mend <checkins@mend.example> wrote:'],
    ['Apple Mail', 'On 23 Nov 2026, at 09:00, Mend <checkins@mend.example> wrote:'],
    ['Yahoo', 'On Monday, November 23, 2026, 09:00:00 AM GMT, Mend <checkins@mend.example> wrote:'],
    ['Thunderbird', 'On 11/23/26 09:00, Mend wrote:'],
    ['French', 'Le lun. 23 nov. 2026 à 09:00, Mend <checkins@mend.example> a écrit :'],
    ['German', 'Am Mo., 23. Nov. 2026 um 09:00 Uhr schrieb Mend <checkins@mend.example>:'],
    ['German (mobile)', 'Mend <checkins@mend.example> schrieb am Mo., 23. Nov. 2026, 09:00:'],
    ['Spanish', 'El lun, 23 nov 2026 a las 9:00, Mend (<checkins@mend.example>) escribió:'],
    ['Italian', 'Il giorno lun 23 nov 2026 alle ore 09:00 Mend <checkins@mend.example> ha scritto:'],
    ['Dutch', 'Op ma 23 nov. 2026 om 09:00 schreef Mend <checkins@mend.example>:'],
    ['Portuguese', 'Em seg., 23 de nov. de 2026 às 09:00, Mend <checkins@mend.example> escreveu:'],
    ['Swedish', 'Den mån 23 nov. 2026 kl 09:00 skrev Mend <checkins@mend.example>:'],
    ['Japanese', '2026年11月23日(月) 9:00 Mend <checkins@mend.example>:'],
    ['Chinese', 'Mend <checkins@mend.example> 于2026年11月23日周一 09:00写道：'],
  ])('cuts at a %s attribution and what follows it, quoted or not', (_client, attribution) => {
    expect(strip(['My answer.', '', attribution, '', '> quoted', '', 'Hi Alex,', 'unquoted history'])).toBe(
      'My answer.',
    );
  });

  it('cuts at an attribution wrapped over two or three lines', () => {
    expect(strip(['Answer', '', 'On Mon, 23 Nov 2026 at 09:00, Mend Check-ins <', 'checkins@mend.example> wrote:', '> q'])).toBe(
      'Answer',
    );
    expect(
      strip(['Answer', '', 'On Monday, 23 November 2026 at 09:00, A Very Long Sender Name From', 'Mend Check-ins', '<checkins@mend.example> wrote:', '', 'history']),
    ).toBe('Answer');
  });

  it('does not take the person\'s own "On …" or "…:" lines for an attribution', () => {
    const own = ['On track: the vendor replied.', 'On Monday I will start the migration.', 'Here is what Sam wrote:', 'quote me'];
    expect(strip(own)).toBe(own.join('\n'));
  });

  it.each([
    ['Outlook desktop', ['From: Mend <checkins@mend.example> ', 'Sent: Monday, November 23, 2026 9:00 AM', 'To: Alex <alex@acme.example>', 'Subject: Own it']],
    ['Outlook desktop, bold from HTML', ['*From:* Mend <checkins@mend.example>', '*Sent:* Monday, November 23, 2026 9:00 AM', '*To:* Alex', '*Subject:* Own it']],
    ['Outlook, French', ['De : Mend <checkins@mend.example>', 'Envoyé : lundi 23 novembre 2026 09:00', 'À : Alex', 'Objet : Own it']],
    ['Outlook, German', ['Von: Mend <checkins@mend.example>', 'Gesendet: Montag, 23. November 2026 09:00', 'An: Alex', 'Betreff: Own it']],
    ['Outlook original message', ['-----Original Message-----', 'From: Mend']],
    ['Outlook original message, German', ['-----Ursprüngliche Nachricht-----', 'Von: Mend']],
    ['Outlook web underscore rule', ['________________________________', 'From: Mend <checkins@mend.example>']],
    ['Gmail forward', ['---------- Forwarded message ---------', 'From: Mend <checkins@mend.example>', 'Date: Mon, 23 Nov 2026 at 09:00']],
    ['Apple forward', ['Begin forwarded message:', '', 'From: Mend <checkins@mend.example>']],
    ['Samsung', ['-------- Original message --------', 'From: Mend <checkins@mend.example> ', 'Date: 23/11/2026 09:00 (GMT+00:00) ']],
    ['signature delimiter', ['-- ', 'Alex Rivera', 'Head of Platform']],
  ])('cuts at %s', (_shape, history) => {
    expect(strip(['Line one', 'Line two', '', ...history, '', 'Older text'])).toBe('Line one\nLine two');
  });

  it('needs two of Sent/Date, To and Subject after "From:" to take it for a header block', () => {
    expect(strip(['From: the team, a thank you.', 'To: everyone who helped.'])).toBe(
      'From: the team, a thank you.\nTo: everyone who helped.',
    );
  });

  it.each([
    'Sent from my iPhone',
    'Sent from my Android',
    'Sent from my Samsung Galaxy smartphone.',
    'Sent from Yahoo Mail on Android',
    'Sent from Yahoo Mail for iPhone',
    'Get Outlook for iOS',
    'Get Outlook for Android<https://aka.ms/AAb9ysg>',
    'Sent from Mail for Windows',
    'Von meinem iPhone gesendet',
    'Envoyé de mon iPhone',
    'Enviado desde mi iPhone',
  ])('drops the mobile signature "%s"', (signature) => {
    expect(strip(['Answer.', '', signature])).toBe('Answer.');
    expect(strip(['Answer.', '', signature, '', 'On 23 Nov 2026, at 09:00, Mend <m@mend.example> wrote:', '', 'history'])).toBe(
      'Answer.',
    );
  });

  it('keeps a "Sent from my …" sentence that the person goes on after', () => {
    expect(strip(['Sent from my laptop because the phone died.', 'We are on track.'])).toBe(
      'Sent from my laptop because the phone died.\nWe are on track.',
    );
  });

  it('removes ">" lines anywhere and keeps inline answers', () => {
    expect(strip(['> What did you learn?', 'That alerts need an owner.', '>', '> And your team?', '', 'The same.'])).toBe(
      'That alerts need an owner.\n\nThe same.',
    );
  });

  it('reads a bottom-posted reply below the quote', () => {
    expect(
      strip(['On 11/23/26 09:00, Mend wrote:', '> How is it going?', '>', '', 'Done!', 'All shipped.', '', '-- ', 'Zoë']),
    ).toBe('Done!\nAll shipped.');
  });

  it('stays fast on hostile input', () => {
    const started = Date.now();
    const hostile = [
      'x' + ' '.repeat(200_000) + 'x',
      '>'.repeat(100_000),
      'On ' + '1 '.repeat(100_000),
      ...Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'Sent from my phone' : '')),
      ...Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'On 1 Jan 2026, A <a@b.example> wrote:' : '> q')),
      'From: ' + 'a'.repeat(100_000),
    ].join('\n');
    stripReply(hostile);
    readStatusPrefix(' '.repeat(100_000) + 'done' + ' '.repeat(100_000) + 'x');
    htmlToText('<div>' + ' &nbsp; '.repeat(50_000) + '<a href="https://x.example">' + 'y '.repeat(50_000) + '</a></div>');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives "" when nothing of the person\'s own is left', () => {
    expect(stripReply('')).toBe('');
    expect(strip(['> only a quote'])).toBe('');
    expect(strip(['Sent from my iPhone', '', '> On 23 Nov 2026, at 09:00, Mend wrote:', '> hi'])).toBe('');
    expect(strip(['On Monday, November 23, 2026, 09:00:00 AM GMT, Mend <m@mend.example> wrote:', '', 'Hi Dana'])).toBe('');
  });
});

describe('readStatusPrefix', () => {
  it.each([
    ['on track', 'on_track', ''],
    ['On track.', 'on_track', ''],
    ['ontrack', 'on_track', ''],
    ['on-track', 'on_track', ''],
    ['ON_TRACK', 'on_track', ''],
    ['On track: vendor paid', 'on_track', 'vendor paid'],
    ['On track, vendor paid', 'on_track', 'vendor paid'],
    ['On track... mostly', 'on_track', 'mostly'],
    ['Blocked', 'blocked', ''],
    ['blocked -', 'blocked', ''],
    ['blocked - waiting on legal', 'blocked', 'waiting on legal'],
    ['Blocked — waiting on legal', 'blocked', 'waiting on legal'],
    ['Blocked: waiting on legal', 'blocked', 'waiting on legal'],
    ['Blocked, waiting on legal', 'blocked', 'waiting on legal'],
    ['Done!', 'done', ''],
    ['done.', 'done', ''],
    ['DONE', 'done', ''],
    ['Done ✅', 'done', ''],
    ['Done ✅ shipped it', 'done', 'shipped it'],
    ['all done', 'done', ''],
    ['All done! Shipped.', 'done', 'Shipped.'],
    ['Finished.', 'done', ''],
    ['Completed: the last service moved', 'done', 'the last service moved'],
    ['Status: blocked', 'blocked', ''],
    ['  \n\nOn track\n\nNotes here\nand here  \n', 'on_track', 'Notes here\nand here'],
  ])('%j reads as %s', (text, status, rest) => {
    expect(readStatusPrefix(text)).toEqual({ status, rest });
  });

  it.each([
    'done with the first part, now blocked on X',
    'Done, except for the docs',
    'Done-ish',
    'Done?',
    'Not done yet.',
    'Blocked on legal',
    'On tracking the metrics: fine',
    'finished the runbook, starting on the drill',
    'Completely stuck.',
    'We are on track.',
    '',
  ])('%j has no status and is all note', (text) => {
    expect(readStatusPrefix(text)).toEqual({ rest: text.trim() });
  });

  it('keeps the note\'s own lines after a status line', () => {
    expect(readStatusPrefix('Blocked:\nlegal has not signed off.\n\nAsked again today.')).toEqual({
      status: 'blocked',
      rest: 'legal has not signed off.\n\nAsked again today.',
    });
  });
});
