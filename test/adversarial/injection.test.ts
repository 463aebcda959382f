// Injection: markup, script, quotes and line breaks written into every text a person gives Mend (title,
// description, impact, the owner's and the leader's names, ownership, learning, plan, a note, a reply, the web
// form) stay text: in every email (HTML and plain-text parts), in every header, and on every page. Each field
// carries its own tag, so a tag found where markup should be names the field that broke out.
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailReply } from '../support/inbound-mail';
import { APP, json, outbox, page, travel, worker, type OutboxEmail } from '../support/worker';
import { Visitor } from '../web/visitor';
import { count, deliverRaw, quietEventLogs, report } from './support';
import { buildWorld, linkEnding, replyAddressOf, urlsOf, type World } from './world';

const MONDAY = '2031-10-06T08:00:00Z';
const OWNER = 'inject.owner@example.com';
const LEADER = 'inject.lead@example.com';
const WEB_OWNER = 'inject.web@example.com';

/** The markup a field carries, tagged with the field's name. Multi-line fields get header-shaped lines too. */
function payload(tag: string, lines: boolean): string {
  const markup = `${tag}<script>alert('${tag}')</script><img src=x onerror=alert('${tag}')>"'><b id="${tag}">${tag}-bold</b><a href="javascript:alert('${tag}')">${tag}-link</a>&amp;&lt;<!--${tag}-->`;
  return lines ? `${markup}\r\nBcc: ${tag}@evil.example\r\nX-Injected: ${tag}\r\n\r\n<html><body onload=alert('${tag}')>${tag}\n${tag}-end` : markup;
}

/** Short enough for a name (100 characters). */
const namePayload = (tag: string) => `${tag}"><img src=x onerror=alert(1)><script>${tag}</script><b id="${tag}">`;

const TAGS = ['TITLE', 'DESC', 'IMPACT', 'ONAME', 'LNAME', 'OWNS', 'LEARNS', 'PLANS', 'NOTES', 'WEBHEAD', 'WEBBODY', 'WEBCOST', 'WEBOWNR', 'WEBLEAD', 'REPLYNOTE'];
const texts = {
  title: payload('TITLE', false),
  description: payload('DESC', true),
  impact: payload('IMPACT', true),
  ownerName: namePayload('ONAME'),
  leaderName: namePayload('LNAME'),
  ownership: payload('OWNS', true),
  learning: payload('LEARNS', true),
  plan: payload('PLANS', true),
  note: payload('NOTES', true),
};

let world: World;
let loud: () => void;
const pagesChecked = new Set<string>();

beforeAll(async () => {
  loud = quietEventLogs();
  expect(texts.title.length).toBeLessThanOrEqual(200);
  expect(texts.ownerName.length).toBeLessThanOrEqual(100);
  world = await buildWorld(MONDAY, [{ owner: OWNER, leader: LEADER, texts }], {
    owner: WEB_OWNER,
    leader: 'inject.web.lead@example.com',
    texts: { title: payload('WEBHEAD', false), description: payload('WEBBODY', true), impact: payload('WEBCOST', true), ownerName: namePayload('WEBOWNR'), leaderName: namePayload('WEBLEAD') },
  });
});

afterAll(() => {
  loud();
  report('injection');
});

const KNOWN_SCRIPTS = [
  'document.getElementById("click").submit();',
  'document.getElementById("ack").submit();',
  "document.getElementById('form-errors').focus();",
];

/**
 * Markup that came from a person would show here as an element, an attribute or a URL. Returns what broke out.
 * Scripts are allowed only when the page's own (the one-click submit, the form's focus, the zone detector with
 * its nonce); srcdoc documents (the leader preview, the dev outbox) are checked the same way.
 */
function brokenOut(html: string, where: string, allowScripts: boolean): string[] {
  const found: string[] = [];
  const document = parseDocument(html);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    const name = element.name.toLowerCase();
    const text = DomUtils.textContent(element);
    if (name === 'script') {
      const known = KNOWN_SCRIPTS.includes(text.trim()) || (element.attribs.nonce !== undefined && !TAGS.some((t) => text.includes(t)));
      if (!allowScripts || !known) found.push(`${where}: <script>${text.slice(0, 80)}`);
    }
    for (const [attribute, value] of Object.entries(element.attribs)) {
      if (attribute.toLowerCase().startsWith('on')) found.push(`${where}: <${name} ${attribute}>`);
      if (/^\s*javascript:/i.test(value)) found.push(`${where}: <${name} ${attribute}="${value.slice(0, 60)}">`);
      if (TAGS.includes(value)) found.push(`${where}: <${name} ${attribute}="${value}">`);
      if (attribute === 'srcdoc') found.push(...brokenOut(value, `${where} (srcdoc)`, false));
    }
    if (name === 'img' && element.attribs.src === 'x') found.push(`${where}: <img src=x>`);
    if (name === 'body' && element.attribs.onload) found.push(`${where}: <body onload>`);
  }
  return found;
}

const HEADER_NAMES = new Set(['reply-to', 'list-unsubscribe', 'list-unsubscribe-post', 'message-id', 'in-reply-to', 'references', 'auto-submitted', 'x-auto-response-suppress']);

function checkEmail(email: OutboxEmail & { from?: string }): void {
  const where = `${email.id} "${email.subject.slice(0, 60)}"`;
  expect(brokenOut(email.html, where, false)).toEqual([]);
  // Headers: one line each, only Mend's own names, nothing a person wrote turned into a header.
  for (const value of [email.subject, email.to, email.from ?? '', ...Object.keys(email.headers), ...Object.values(email.headers)]) {
    expect(value, `${where}: a header value`).not.toMatch(/[\r\n]/);
  }
  for (const name of Object.keys(email.headers)) expect(HEADER_NAMES.has(name.toLowerCase()), `${where}: header ${name}`).toBe(true);
  expect(email.to).toMatch(/^[^\s<>,"]+@[^\s<>,"]+$/);
  expect(email.from).toBe('Mend <mend@localhost>');
  expect(email.subject).not.toMatch(/Bcc|X-Injected/);
  // The plain-text part shows what was written, as written: the markup is text there too.
  for (const tag of TAGS) {
    if (email.text.includes(`${tag}-bold`)) expect(email.text, `${where}: ${tag} in the text part`).toContain(`<b id="${tag}">${tag}-bold</b>`);
  }
  // Its links are Mend's own (a person's "javascript:" is never a link).
  for (const url of urlsOf(email)) expect(url.startsWith(`${APP}/`), `${where}: ${url}`).toBe(true);
  count('emails checked');
}

async function checkPage(response: Response, where: string, allowScripts = true): Promise<string> {
  expect(response.status, where).toBeLessThan(500);
  for (const [name, value] of response.headers) {
    expect(value, `${where}: header ${name}`).not.toMatch(/[\r\n]/);
    for (const tag of TAGS) expect(value, `${where}: header ${name}`).not.toContain(tag);
  }
  const html = await response.text();
  expect(brokenOut(html, where, allowScripts)).toEqual([]);
  pagesChecked.add(where.replace(/[A-Za-z0-9_-]{32}/g, ':token').replace(/[0-9a-f-]{36}/g, ':id'));
  count('pages checked');
  return html;
}

describe('injected text in emails', () => {
  it('(the checker itself sees markup that broke out)', () => {
    expect(brokenOut(`<p>${payload('TITLE', true)}</p>`, 'raw', true).length).toBeGreaterThanOrEqual(4);
    expect(brokenOut(`<iframe srcdoc="${'<b id=TITLE>'.replace(/</g, '&lt;')}"></iframe>`, 'framed', true)).toEqual(['framed (srcdoc): <b id="TITLE">']);
    expect(brokenOut(`<p>${payload('TITLE', true).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</p>`, 'escaped', true)).toEqual([]);
  });

  it('every field of every kind of email: markup stays text in the HTML and the text part, no header grows', async () => {
    const emails = (await json<{ emails: (OutboxEmail & { from: string })[] }>('GET', '/dev/outbox.json')).body.emails;
    const kinds = new Set(emails.map((e) => e.id.split(':')[0]));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    for (const email of emails) checkEmail(email);
    // The payloads reached the emails (so the checks above looked at them), each as text.
    const all = emails.map((e) => e.html).join('\n');
    for (const tag of ['TITLE', 'DESC', 'IMPACT', 'ONAME', 'LNAME', 'OWNS', 'LEARNS', 'PLANS', 'NOTES', 'WEBHEAD']) {
      expect(all, tag).toContain(`&lt;b id=&quot;${tag}&quot;&gt;`);
      count('injections tried');
    }
  });

  it('a reply carrying markup and a forged Message-ID: the receipt keeps both out of its markup and headers', async () => {
    const plan = world.plans[0]!;
    const to = replyAddressOf(plan.emails.get('checkin.progress.last')!);
    const messageId = '<x@y>\r\nBcc: REPLYNOTE@evil.example';
    const raw = gmailReply({ from: OWNER, to, body: `on track\n${payload('REPLYNOTE', true)}`, messageId: '<inject-reply@mail.example>' }).replace(
      'Message-ID: <inject-reply@mail.example>',
      `Message-ID: ${messageId.replace('\r\n', '\r\n ')}`,
    );
    const delivery = await deliverRaw({ from: OWNER, to }, raw);
    // The plan is done, so the reply is refused; refused with a one-line reason that names nothing.
    expect(delivery.rejected).toBeTypeOf('string');
    expect(delivery.rejected).not.toMatch(/[\r\n]|REPLYNOTE/);
    count('injections tried');

    // A live plan takes the reply and answers with a receipt.
    const live = await json('POST', '/api/mistakes', {
      title: payload('TITLE', false),
      description: payload('DESC', true),
      owner: { email: OWNER, name: texts.ownerName, timeZone: 'UTC' },
      startAt: '2031-10-10T10:00:00Z',
      cadence: [{ step: 'progress', day: 0 }],
    });
    await travel('2031-10-10T10:01:00Z');
    const checkin = (await outbox()).find((e) => e.id === `checkin:${live.body.checkins[0].id}:1`)!;
    const liveTo = replyAddressOf(checkin);
    const accepted = await deliverRaw({ from: OWNER, to: liveTo }, raw.replaceAll(to, liveTo));
    expect(accepted.rejected).toBeNull();
    const receipt = (await json<{ emails: (OutboxEmail & { from: string })[] }>('GET', '/dev/outbox.json')).body.emails.find((e) => e.id.startsWith('receipt:') && e.mistakeId === live.body.id)!;
    checkEmail(receipt);
    expect(receipt.html).toContain('&lt;b id=&quot;REPLYNOTE&quot;&gt;');
    expect(receipt.headers['In-Reply-To'] ?? '').not.toContain('Bcc');
  });

  it('line breaks are refused in one-line fields (title, names): 400 naming the field, nothing stored', async () => {
    for (const [field, body] of [
      ['title', { title: 'Fine\r\nBcc: x@evil.example', description: 'd', owner: { email: 'inject.crlf@example.com' } }],
      ['owner.name', { title: 't', description: 'd', owner: { email: 'inject.crlf@example.com', name: 'A\nB' } }],
      ['leader.name', { title: 't', description: 'd', owner: { email: 'inject.crlf@example.com' }, leader: { email: 'inject.crlf.lead@example.com', name: 'A\rB' } }],
      ['owner.email', { title: 't', description: 'd', owner: { email: 'inject\r\n@example.com' } }],
      ['leader.email', { title: 't', description: 'd', owner: { email: 'inject.crlf@example.com' }, leader: { email: 'a@example.com\r\nBcc: b@example.com' } }],
    ] as const) {
      const r = await json('POST', '/api/mistakes', body);
      expect(r.status, field).toBe(400);
      expect(Object.keys(r.body.error.fields)).toContain(field);
      count('injections tried');
    }
  });
});

describe('injected text on pages', () => {
  it('the owner’s and the leader’s link pages, the preview (its srcdoc included) and the answer echo', async () => {
    const plan = world.plans[0]!;
    for (const [kind, email] of plan.emails) {
      for (const url of urlsOf(email)) {
        if (url.includes('/login/') || url.includes('/confirm/')) continue;
        await checkPage(await page('GET', url), `GET ${kind} ${new URL(url).pathname}`);
      }
    }
    // What a POST shows back: the recorded answer, the click, the ack, a refused answer with the text kept.
    const own = plan.emails.get('checkin.own')!;
    await checkPage(await page('POST', linkEnding(own, 'answer'), { text: payload('OWNS', true) }), 'POST answer');
    await checkPage(await page('POST', linkEnding(own, 'answer'), { text: `${payload('OWNS', true)}${'x'.repeat(10_001)}` }), 'POST answer too long');
    await checkPage(await page('POST', linkEnding(plan.emails.get('checkin.progress')!, 'on_track'), { source: 'page' }), 'POST one-click');
    await checkPage(await page('POST', linkEnding(plan.emails.get('leader.intro')!, 'thanks'), { source: 'page' }), 'POST leader ack');
    count('injections tried', 4);
  });

  it('the web pages: the owner’s list, timeline, answer, close and erase pages, the leader’s page, confirmation, and forms sent back with errors', async () => {
    const plan = world.plans[0]!;
    const owner = new Visitor();
    await owner.signIn(OWNER);
    for (const path of ['/', '/mistakes', `/mistakes/${plan.id}`, `/mistakes/${plan.id}/close`, `/mistakes/${plan.id}/erase`, ...plan.checkinIds.map((c) => `/mistakes/${plan.id}/checkins/${c}/answer`)]) {
      const seen = await owner.get(path);
      expect(seen.status, path).toBe(200);
      await checkPage(new Response(seen.html, { headers: seen.response.headers }), `web ${path}`);
    }
    const timeline = await owner.get(`/mistakes/${plan.id}`);
    for (const tag of ['TITLE', 'DESC', 'IMPACT', 'OWNS', 'LEARNS', 'PLANS', 'NOTES']) expect(timeline.html, tag).toContain(`&lt;b id=&quot;${tag}&quot;&gt;`);

    const leader = new Visitor();
    await leader.signIn(LEADER);
    const leading = await leader.get('/leading');
    await checkPage(new Response(leading.html, { headers: leading.response.headers }), 'web /leading');
    expect(leading.html).toContain('&lt;b id=&quot;OWNS&quot;&gt;');

    const confirmUrl = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]{32}/.exec(world.webSignUp.email.text)![0];
    const confirm = await new Visitor().get(confirmUrl);
    await checkPage(new Response(confirm.html, { headers: confirm.response.headers }), 'web /confirm/:token');
    expect(confirm.html, confirm.html.slice(confirm.html.indexOf('<main'), confirm.html.indexOf('<main') + 1500)).toContain('&lt;b id=&quot;WEBHEAD&quot;&gt;');

    // Forms refused with their values kept: everything typed comes back as text.
    const v = new Visitor();
    await v.get('/');
    const log = await v.post('/', {
      title: payload('WEBHEAD', true),
      description: payload('WEBBODY', true),
      impact: payload('WEBCOST', true),
      owner_email: `"><script>alert('WEBOWNR')</script>`,
      owner_name: payload('WEBOWNR', true),
      owner_tz: `"><script>x</script>`,
      leader_email: `x"onmouseover="alert('WEBLEAD')`,
      leader_name: payload('WEBLEAD', true),
      cadence: `"><script>x</script>`,
      skip_weekends: 'on',
    });
    expect(log.status).toBe(400);
    await checkPage(new Response(log.html, { headers: log.response.headers }), 'web POST / refused');
    await v.get('/login');
    const login = await v.post('/login', { email: `x"><script>alert('WEBOWNR')</script><b id="WEBOWNR">` });
    expect(login.status).toBe(400);
    await checkPage(new Response(login.html, { headers: login.response.headers }), 'web POST /login refused');
    await owner.get(`/mistakes/${plan.id}/checkins/${plan.checkinIds[1]}/answer`);
    const answer = await owner.post(`/mistakes/${plan.id}/checkins/${plan.checkinIds[1]}/answer`, { text: `${payload('LEARNS', true)}${'x'.repeat(10_001)}` });
    expect(answer.status).toBe(400);
    await checkPage(new Response(answer.html, { headers: answer.response.headers }), 'web POST answer refused');
    count('injections tried', 12);
  });

  it('the local outbox page shows every email framed, with nothing breaking out', async () => {
    await checkPage(await worker.fetch(new Request(`${APP}/dev/outbox`)), 'GET /dev/outbox', false);
    console.info(`[adversarial] injection: page kinds checked ${pagesChecked.size}`);
  });
});
