// Property-based fuzzing (fast-check) of every public door: the API, the owner's and the leader's link pages,
// the web forms (with and without a session and a CSRF token), Resend's webhook and the email() handler.
// Whatever arrives: never a 5xx; the API (and the webhook) answer errors in the one documented shape; and a
// rejected request, or any GET or HEAD, changes no row of any table.
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailReply } from '../support/inbound-mail';
import { API_TOKEN, APP, json, linksIn, outbox, page, travel } from '../support/worker';
import { deliveryEnv, fetchWith, SimulatedQueue, WEBHOOK_SECRET } from '../delivery/harness';
import { Visitor } from '../web/visitor';
import { anyText, count, deliverRaw, figures, fingerprint, fuzzSeed, Guard, quietEventLogs, report, segment } from './support';
import { linkEnding, replyAddressOf } from './world';

const T0 = Date.parse('2031-06-02T08:00:00Z'); // a Monday
const MINUTE = 60_000;
const OWNER = 'fuzz.owner@example.com';
const LEADER = 'fuzz.lead@example.com';
const OTHER = 'fuzz.other@example.com';
const OTHER_LEADER = 'fuzz.other.lead@example.com';

const guard = new Guard();
let loud: () => void;

interface Browser {
  cookie: string;
  csrf: string;
}

/** What the fuzzers aim at: real tokens, ids and sessions, beside everything else. */
const w = {
  mistakeId: '',
  otherId: '',
  checkinIds: [] as string[],
  otherCheckinIds: [] as string[],
  ownerToken: '',
  progressToken: '',
  otherOwnerToken: '',
  leaderToken: '',
  otherLeaderToken: '',
  loginToken: '',
  confirmToken: '',
  replyAddress: '',
  replyToken: '',
  /** Mistakes the API and web fuzzers may pause, close or erase (made again when erased); the link world stays. */
  targets: [] as { id: string; checkinIds: string[] }[],
  owner: null as Browser | null,
  leader: null as Browser | null,
  anonymous: null as Browser | null,
};

const tokenOf = (url: string) => /\/(?:l|lead|login|confirm)\/([^/]+)/.exec(new URL(url).pathname)?.[1] ?? '';

function browserOf(v: Visitor): Browser {
  return { cookie: [...v.cookies].map(([k, value]) => `${k}=${value}`).join('; '), csrf: v.csrf ?? '' };
}

async function plan(owner: string, leader: string) {
  const r = await json('POST', '/api/mistakes', {
    title: `Fuzzed plan of ${owner}`,
    description: 'Words that must stay where they belong.',
    owner: { email: owner, name: 'Fuzz', timeZone: 'UTC' },
    leader: { email: leader, name: 'Lead', timeZone: 'UTC' },
    startAt: new Date(T0).toISOString(),
    skipWeekends: false,
    cadence: [
      { step: 'own', day: 0 },
      { step: 'progress', day: 0 },
      { step: 'progress', day: 30 },
    ],
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; checkins: { id: string }[] };
}

const emailOf = async (id: string) => (await outbox()).find((e) => e.id === id)!;

beforeAll(async () => {
  loud = quietEventLogs();
  await travel(new Date(T0).toISOString());
  const mine = await plan(OWNER, LEADER);
  const theirs = await plan(OTHER, OTHER_LEADER);
  w.mistakeId = mine.id;
  w.otherId = theirs.id;
  w.checkinIds = mine.checkins.map((c) => c.id);
  w.otherCheckinIds = theirs.checkins.map((c) => c.id);
  await travel(new Date(T0 + MINUTE).toISOString());
  const own = await emailOf(`checkin:${w.checkinIds[0]}:1`);
  const progress = await emailOf(`checkin:${w.checkinIds[1]}:1`);
  const otherOwn = await emailOf(`checkin:${w.otherCheckinIds[0]}:1`);
  w.ownerToken = tokenOf(linkEnding(own, 'answer'));
  w.progressToken = tokenOf(linkEnding(progress, 'answer'));
  w.otherOwnerToken = tokenOf(linkEnding(otherOwn, 'answer'));
  w.replyAddress = replyAddressOf(own);
  w.replyToken = /reply\+([a-z2-7]+)@/.exec(w.replyAddress)![1]!;
  for (const email of [own, otherOwn]) expect((await page('POST', linkEnding(email, 'answer'), { text: 'It was my doing.' })).status).toBe(200);
  await travel(new Date(T0 + 12 * MINUTE).toISOString()); // the statements have stood 10 minutes
  w.leaderToken = tokenOf(linkEnding(await emailOf(`intro:${w.mistakeId}`), 'thanks'));
  w.otherLeaderToken = tokenOf(linkEnding(await emailOf(`intro:${w.otherId}`), 'thanks'));

  const owner = new Visitor();
  await owner.signIn(OWNER);
  await owner.get(`/mistakes/${w.mistakeId}`);
  w.owner = browserOf(owner);
  const leader = new Visitor();
  await leader.signIn(LEADER);
  await leader.get('/leading');
  w.leader = browserOf(leader);
  const anonymous = new Visitor();
  await anonymous.get('/');
  w.anonymous = browserOf(anonymous);
  // An unused sign-in link, and a web sign-up's confirmation link.
  expect((await anonymous.post('/login', { email: OWNER })).status).toBe(202);
  const links = (await outbox()).flatMap((e) => linksIn(e.text));
  w.loginToken = tokenOf(links.find((l) => l.includes('/login/'))!);
  const signUp = new Visitor();
  await signUp.get('/');
  const logged = await signUp.post('/', {
    title: 'A web sign-up',
    description: 'Waiting for its owner to confirm.',
    owner_email: 'fuzz.web@example.com',
    cadence: 'default',
    skip_weekends: 'on',
  });
  expect(logged.status).toBe(202);
  w.confirmToken = tokenOf((await outbox()).flatMap((e) => linksIn(e.text)).find((l) => l.includes('/confirm/'))!);
  await keepTargets();
  for (const t of [w.ownerToken, w.progressToken, w.leaderToken, w.loginToken, w.confirmToken]) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
});

afterAll(() => {
  loud();
  report('fuzz');
  console.info(`[adversarial] fuzz statuses: ${[...guard.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.info(`[adversarial] fuzz by door: ${[...guard.classes].sort().map(([d, n]) => `${d} ${n}`).join(', ')}`);
});

// ---- shared generators ----------------------------------------------------------------------------------

/** A 32-character token with one character changed. */
const tampered = (token: string) =>
  fc.tuple(fc.nat({ max: 31 }), fc.constantFrom(...'ABCxyz019_-'.split(''))).map(([i, ch]) => {
    const replacement = token[i] === ch ? (ch === 'A' ? 'B' : 'A') : ch;
    return token.slice(0, i) + replacement + token.slice(i + 1);
  });

/** Tokens for a door: its own kind often (`right`), every other kind, and broken ones. */
const anyToken = (right: string[] = []) =>
  fc.oneof(
    ...(right.length ? [{ weight: 4, arbitrary: fc.constantFrom(...right) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(w.ownerToken, w.progressToken, w.otherOwnerToken, w.leaderToken, w.otherLeaderToken, w.loginToken, w.confirmToken, w.replyToken) },
    { weight: 1, arbitrary: fc.constantFrom(w.ownerToken, w.leaderToken, w.loginToken, w.confirmToken).chain(tampered) },
    { weight: 1, arbitrary: fc.constantFrom(w.ownerToken, w.leaderToken).map((t) => t.slice(0, 31)) },
    { weight: 1, arbitrary: fc.constantFrom(w.ownerToken, w.leaderToken).map((t) => `${t}A`) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), minLength: 32, maxLength: 32 }) },
    { weight: 1, arbitrary: segment },
  );

/** Read when each run is generated: the targets may have been made again. */
const target = () => fc.nat().map((i) => w.targets[i % w.targets.length]!);

const anyId = () =>
  fc.oneof(
    target().map((t) => t.id),
    fc.uuid().map(String),
    segment,
    fc.constant('x'.repeat(65)),
  );

const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
/** Pages take GET, HEAD and POST; the rest now and then. */
const pageMethods = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'POST') }, { weight: 1, arbitrary: methods });
/** A path as the Worker sees it once the URL is normalised ('/l/%2e%2e/' is '/'). */
const seenPath = (path: string) => new URL(`${APP}${path}`).pathname;

const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data',
  'application/xml',
  'garbage/;;;',
);

/** A body: JSON of any shape, a form, text, bytes, or far too much. */
const bodies = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('text', 'status', 'source', 'csrf', 'email', 'title'), anyText), anyText, { maxKeys: 5 }).map((d) => new URLSearchParams(d).toString()) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant('--xyz\r\nContent-Disposition: form-data; name="text"\r\n\r\nhello\r\n--xyz--\r\n') },
  { weight: 1, arbitrary: fc.constant('{"title":"' + 'x'.repeat(70_000) + '"}') },
);

const queries = fc.dictionary(fc.oneof(fc.constantFrom('owner', 'leader', 'done', 'from', 'time'), anyText), anyText, { maxKeys: 3 });

function requestOf(method: string, path: string, query: Record<string, string>, headers: Record<string, string | undefined>, body: string | Uint8Array | undefined): Request {
  const q = new URLSearchParams(query).toString();
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h.set(k, v);
  const hasBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
  return new Request(`${APP}${path}${q ? `?${q}` : ''}`, { method, headers: h, redirect: 'manual', ...(hasBody ? { body } : {}) });
}

/** Header values must be ByteStrings: a fuzzed value that a client could not send is sent Latin-1 safe. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

// ---- the email() handler --------------------------------------------------------------------------------------

describe('replies to the email() handler', () => {
  const recipients = () =>
    fc.oneof(
      fc.constant(w.replyAddress),
      fc.constant(w.replyAddress.toUpperCase()),
      fc.constantFrom(w.replyToken).chain((t) => fc.nat({ max: 31 }).map((i) => `reply+${t.slice(0, i)}${t[i] === 'a' ? 'b' : 'a'}${t.slice(i + 1)}@localhost`)),
      fc.constant(`reply+${w.ownerToken}@localhost`),
      fc.constant(`reply+${w.replyToken.slice(0, 31)}@localhost`),
      anyText.map((s) => `reply+${s}@localhost`),
      anyText,
    );
  const senders = fc.oneof(fc.constantFrom(OWNER, OWNER.toUpperCase(), OTHER, LEADER, '', '<>', 'MAILER-DAEMON@example.com'), anyText);
  const headerBlocks = fc.record(
    {
      from: fc.oneof(fc.constantFrom(`Owner <${OWNER}>`, OWNER, `"${OWNER}" <${OTHER}>`, `=?utf-8?B?${btoa('Ünïcode')}?= <${OWNER}>`), anyText),
      subject: anyText,
      messageId: fc.oneof(fc.constantFrom('<a@b>', '', '<>', '<a\r\nBcc: x@y>', '<' + 'x'.repeat(600) + '>'), anyText),
      contentType: fc.constantFrom('text/plain; charset=utf-8', 'text/html', 'multipart/alternative; boundary="b"', 'multipart/mixed', 'text/plain; charset=x-unknown', 'application/octet-stream', 'message/rfc822'),
      encoding: fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-weird'),
      autoSubmitted: fc.constantFrom(undefined, 'no', 'auto-replied'),
      body: fc.oneof(anyText, fc.constantFrom('on track', 'blocked\nthe runner is down', 'done', '=ZZ=0', '--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b--', '<div><blockquote>quoted</blockquote></div>')),
    },
    { requiredKeys: ['body'] },
  );

  it('any message, from anyone, to any address: recorded only from the owner to a live reply address; a rejected one changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(recipients(), senders, fc.oneof(headerBlocks, fc.uint8Array({ maxLength: 400 })), fc.boolean(), async (to, from, message, gmail) => {
        let raw: string | Uint8Array;
        if (message instanceof Uint8Array) raw = message;
        else if (gmail) raw = gmailReply({ from: from || OWNER, to, body: message.body, messageId: message.messageId ?? '<m@x>' });
        else {
          const lines = [
            ...(message.from !== undefined ? [`From: ${message.from}`] : []),
            `To: ${to}`,
            ...(message.subject !== undefined ? [`Subject: ${message.subject}`] : []),
            ...(message.messageId !== undefined ? [`Message-ID: ${message.messageId}`] : []),
            ...(message.contentType ? [`Content-Type: ${message.contentType}`] : []),
            ...(message.encoding ? [`Content-Transfer-Encoding: ${message.encoding}`] : []),
            ...(message.autoSubmitted ? [`Auto-Submitted: ${message.autoSubmitted}`] : []),
            '',
            message.body,
          ];
          raw = lines.join('\r\n');
        }
        const before = await fingerprint();
        const delivery = await deliverRaw({ from, to }, raw);
        count('replies fuzzed');
        const after = await fingerprint();
        if (delivery.rejected !== null) expect(after, `rejected (${delivery.rejected}) but changed rows`).toEqual(before);
        const changed = JSON.stringify(after) !== JSON.stringify(before);
        if (changed) {
          // Only the owner's own reply to the check-in's address: the token in the address and the owner's From.
          count('fuzzed replies recorded');
          expect(to.toLowerCase()).toBe(w.replyAddress.toLowerCase());
          const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
          expect(text.toLowerCase()).toContain(OWNER);
        }
        guard.invalidate();
      }),
      { numRuns: 150, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

// ---- the owner's and the leader's link pages ------------------------------------------------------------

const formBodies = fc.oneof(
  fc.record({ text: fc.option(anyText, { nil: undefined }), status: fc.option(fc.oneof(fc.constantFrom('on_track', 'blocked', 'done'), anyText), { nil: undefined }), source: fc.option(fc.oneof(fc.constantFrom('page', 'email'), anyText), { nil: undefined }) }).map((f) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined) params.set(k, v);
    return params.toString();
  }),
  bodies,
);

describe('link pages', () => {
  const ownerSuffixes = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('answer', 'snooze', 'preview', 'on_track', 'blocked', 'done') },
    { weight: 1, arbitrary: fc.constantFrom('fresh', '', 'answer/extra', 'ON_TRACK', 'answer/') },
    { weight: 1, arbitrary: segment },
  );
  const leaderSuffixes = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('thanks', 'talk', 'digest/weekly', 'digest/daily', 'unsubscribe') },
    { weight: 1, arbitrary: fc.constantFrom('digest/hourly', '', 'thanks/', 'digest') },
    { weight: 1, arbitrary: segment },
  );

  it('/l/:token/…: any token, page, method and form', async () => {
    await fc.assert(
      fc.asyncProperty(pageMethods, anyToken([w.ownerToken, w.progressToken, w.otherOwnerToken]), ownerSuffixes, contentTypes, fc.option(formBodies, { nil: undefined }), async (method, token, suffix, type, body) => {
        const response = await guard.send(requestOf(method, `/l/${token}/${suffix}`, {}, { 'content-type': type ?? 'application/x-www-form-urlencoded' }, body), { door: 'owner links' });
        // Only an owner's own token opens an owner's page.
        if (![w.ownerToken, w.progressToken, w.otherOwnerToken].includes(token) && seenPath(`/l/${token}/`).startsWith('/l/')) {
          expect(response.status, `/l/${token}/${suffix}`).toBeGreaterThanOrEqual(400);
        }
      }),
      { numRuns: 300, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);

  it('/lead/:token/…: any token, page, method and form', async () => {
    await fc.assert(
      fc.asyncProperty(pageMethods, anyToken([w.leaderToken, w.otherLeaderToken]), leaderSuffixes, contentTypes, fc.option(formBodies, { nil: undefined }), async (method, token, suffix, type, body) => {
        const response = await guard.send(requestOf(method, `/lead/${token}/${suffix}`, {}, { 'content-type': type ?? 'application/x-www-form-urlencoded' }, body), { door: 'leader links' });
        if (![w.leaderToken, w.otherLeaderToken].includes(token) && seenPath(`/lead/${token}/`).startsWith('/lead/')) {
          expect(response.status, `/lead/${token}/${suffix}`).toBeGreaterThanOrEqual(400);
        }
      }),
      { numRuns: 200, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

// ---- the web forms -----------------------------------------------------------------------------------------

describe('web pages and forms', () => {
  const webPaths = () =>
    fc.oneof(
      fc.constantFrom('/', '/login', '/logout', '/mistakes', '/leading', '/confirm', '/login/'),
      anyToken([w.loginToken]).map((t) => `/login/${t}`),
      anyToken([w.confirmToken]).map((t) => `/confirm/${t}`),
      anyId().map((id) => `/mistakes/${id}`),
      fc.tuple(anyId(), fc.oneof(fc.constantFrom('confirm', 'pause', 'resume', 'close', 'erase'), segment)).map(([id, a]) => `/mistakes/${id}/${a}`),
      fc.tuple(target(), target(), fc.boolean(), fc.nat(), fc.constantFrom('answer', 'snooze', 'x')).map(([t, u, own, i, a]) => `/mistakes/${t.id}/checkins/${(own ? t : u).checkinIds[i % 2]}/${a}`),
      fc.tuple(anyId(), segment, fc.constantFrom('answer', 'snooze')).map(([id, c, a]) => `/mistakes/${id}/checkins/${c}/${a}`),
      anyId().map((id) => `/leading/${id}/ack`),
    );

  /** Who is asking: nobody, the owner, the leader, or a forged cookie; with the right CSRF token or not. */
  const sessions = () =>
    fc.record({
      who: fc.constantFrom('owner', 'leader', 'anonymous', 'none', 'forged'),
      csrf: fc.constantFrom('right', 'wrong', 'missing', 'other'),
      origin: fc.constantFrom(undefined, APP, 'https://evil.example', 'null'),
    });

  const logFields = fc.record(
    {
      title: anyText,
      description: anyText,
      impact: anyText,
      owner_email: fc.oneof(fc.constantFrom(OWNER, 'fuzz.web.new@example.com'), anyText),
      owner_name: anyText,
      owner_tz: fc.oneof(fc.constantFrom('UTC', 'Europe/Paris'), anyText),
      leader_email: fc.oneof(fc.constantFrom(OWNER, LEADER, ''), anyText),
      leader_name: anyText,
      leader_tz: anyText,
      cadence: fc.oneof(fc.constantFrom('default', 'short', 'long', 'custom'), anyText),
      own_day: anyText,
      learn_day: anyText,
      plan_day: anyText,
      progress_days: fc.oneof(fc.constantFrom('7, 14, 30', '1;2;3', '999'), anyText),
      skip_weekends: fc.constantFrom('on', 'off', ''),
      email: fc.oneof(fc.constantFrom(OWNER, LEADER), anyText),
      text: anyText,
      status: fc.oneof(fc.constantFrom('on_track', 'blocked', 'done', 'thanks', 'talk'), anyText),
    },
    { requiredKeys: [] },
  );

  it('any page, method, session, CSRF token, origin and form', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'DELETE'), webPaths(), queries, sessions(), fc.oneof(logFields, fc.constant(null)), fc.option(bodies, { nil: undefined }), async (method, path, query, s, fields, raw) => {
        const browser = s.who === 'owner' ? w.owner! : s.who === 'leader' ? w.leader! : s.who === 'anonymous' ? w.anonymous! : null;
        const cookie = s.who === 'forged' ? '__Host-mend_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; __Host-mend_csrf=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' : (browser?.cookie ?? undefined);
        const csrf = s.csrf === 'right' ? browser?.csrf : s.csrf === 'wrong' ? 'x'.repeat(43) : s.csrf === 'other' ? (s.who === 'owner' ? w.leader!.csrf : w.owner!.csrf) : undefined;
        let body: string | Uint8Array | undefined = raw;
        let type: string | undefined = 'application/x-www-form-urlencoded';
        if (fields) {
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.set(k, v);
          if (csrf !== undefined) params.set('csrf', csrf);
          body = params.toString();
        } else if (raw !== undefined && typeof raw === 'string' && raw.startsWith('--xyz')) {
          type = 'multipart/form-data; boundary=xyz';
        }
        const response = await guard.send(requestOf(method, path, query, { cookie, origin: s.origin, 'content-type': type }, body), { door: 'web' });
        // A POST that did not come from our own page in this browser changes nothing (the guard checks it too).
        if (method === 'POST' && (s.csrf !== 'right' || !browser || s.origin === 'https://evil.example' || s.origin === 'null')) {
          expect(response.status, `${path} took a foreign form`).not.toBe(303);
        }
        if (method === 'POST' && response.status < 400 && (path === '/logout' || path.startsWith('/login/'))) await keepSessions();
        if (method === 'POST' && response.status < 400) await keepTargets();
      }),
      { numRuns: 350, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

// ---- the API ----------------------------------------------------------------------------------------------

const authorizations = fc.oneof(
  { weight: 4, arbitrary: fc.constant(`Bearer ${API_TOKEN}`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `bearer ${API_TOKEN}`,
      `Bearer  ${API_TOKEN} `,
      `Bearer ${API_TOKEN}x`,
      `Bearer ${API_TOKEN.slice(0, -1)}`,
      `Basic ${btoa(`user:${API_TOKEN}`)}`,
      `Token ${API_TOKEN}`,
      `Bearer ${'a'.repeat(10_000)}`,
    ),
  },
  { weight: 1, arbitrary: anyText.map((s) => `Bearer ${headerSafe(s.slice(0, 500))}`) },
);

const apiPaths = () =>
  fc.oneof(
    fc.constant('/api/mistakes'),
    anyId().map((id) => `/api/mistakes/${id}`),
    fc.tuple(anyId(), fc.oneof(fc.constantFrom('pause', 'resume', 'close', 'updates'), segment)).map(([id, a]) => `/api/mistakes/${id}/${a}`),
    fc.constantFrom('/api/openapi.json', '/api/health', '/api/dead-letters', '/api', '/api/', '/api/mistakes/', '/api//mistakes'),
    segment.map((s) => `/api/${s}`),
  );

/** Mostly the valid value, sometimes anything else. */
const usually = <T, U>(valid: fc.Arbitrary<T>, bent: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: bent });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** A valid new mistake with some fields replaced, dropped or made nasty (about one in six is accepted). */
const newMistakeBodies = fc
  .record({
    title: usually(fc.constantFrom('Sent the wrong file', 'Forgot the <b>review</b> & the "demo"', '𝕏 missed the 💥 deadline'), fc.oneof(anyText, fc.jsonValue({ maxDepth: 1 }))),
    description: usually(fc.constantFrom('It had last year’s prices.', 'Line one\nLine two\r\n<script>x</script>'), fc.oneof(anyText, fc.constant('d'.repeat(5001)))),
    impact: maybe(usually(fc.string({ maxLength: 80 }), fc.oneof(anyText, fc.integer()))),
    owner: usually(
      fc.record({
        email: usually(fc.constantFrom('fuzz.new@example.com', 'FUZZ.New@Example.com '), fc.oneof(fc.emailAddress(), anyText)),
        name: maybe(usually(fc.constantFrom('Ada', 'Zoë "Z" <z>'), anyText)),
        timeZone: maybe(usually(fc.constantFrom('UTC', 'Europe/Paris', 'Pacific/Kiritimati', 'America/St_Johns'), fc.oneof(fc.constantFrom('Mars/Olympus', 'Etc/GMT+14', '+05:00', 'utc'), anyText))),
      }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    leader: maybe(
      usually(
        fc.record({ email: usually(fc.constantFrom('fuzz.new.lead@example.com', 'fuzz.lead@example.com'), fc.oneof(fc.emailAddress(), anyText, fc.constant('fuzz.new@example.com'))), name: fc.option(anyText, { nil: null }) }),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    ),
    startAt: maybe(
      usually(
        fc.oneof(
          fc.constantFrom('2031-06-03T09:00:00Z', '2031-06-03T09:00:00.123+05:30', '9999-12-31T23:59:59+14:00', '0001-01-01T00:00:00Z'),
          fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        fc.oneof(fc.constantFrom('2031-02-30T00:00:00Z', '2031-06-03', 'yesterday', '2031-06-03T09:00:00'), anyText),
      ),
    ),
    skipWeekends: maybe(usually(fc.boolean(), fc.constantFrom('true', 0, null))),
    cadence: maybe(
      usually(
        fc.uniqueArray(fc.record({ step: fc.constantFrom('own', 'learn', 'plan', 'progress'), day: fc.integer({ min: 0, max: 365 }) }), { minLength: 1, maxLength: 20, selector: (c) => `${c.step}:${c.day}` }),
        fc.oneof(
          fc.array(fc.record({ step: fc.oneof(fc.constantFrom('own', 'progress'), anyText), day: fc.oneof(fc.integer({ min: -2, max: 400 }), fc.double(), fc.constant('7')) }), { maxLength: 25 }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      ),
    ),
  })
  .map((b) => JSON.stringify(b));

describe('the API', () => {
  it('any method, path, query, headers and body: never a 5xx, errors in the one shape, refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(methods, apiPaths(), queries, authorizations, contentTypes, fc.option(bodies, { nil: undefined }), async (method, path, query, auth, type, body) => {
        const request = requestOf(method, path, query, { authorization: auth, 'content-type': type }, body);
        // What the Worker sees once the URL is normalised ('/api/%2e%2e' is '/').
        const seen = new URL(request.url).pathname;
        const api = seen.startsWith('/api/') || seen === '/api';
        const response = await guard.send(request, { json: api, door: 'api' });
        // RFC 9110: the scheme is case-insensitive, and the token may be followed by spaces.
        const authorised = auth !== undefined && new RegExp(`^bearer\\s+${API_TOKEN}\\s*$`, 'i').test(auth);
        if (api && !authorised && !['/api/openapi.json', '/api/health'].includes(seen) && response.status !== 404) {
          expect(response.status, `${method} ${path} without the token`).toBe(401);
        }
        if (method !== 'GET' && method !== 'HEAD' && response.status < 400) await keepTargets();
      }),
      { numRuns: 350, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);

  it('POST /api/mistakes with every field bent: a 201 in the contract shape or a 400 naming the fields', async () => {
    await fc.assert(
      fc.asyncProperty(newMistakeBodies, async (body) => {
        const response = await guard.send(requestOf('POST', '/api/mistakes', {}, { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' }, body), { json: true, door: 'api' });
        const answer = (await response.json()) as any;
        if (response.status === 201) {
          count('fuzzed mistakes accepted');
          expect(answer.status).toBe('active');
          expect(Array.isArray(answer.checkins) && answer.checkins.length > 0).toBe(true);
          for (const c of answer.checkins) expect(Number.isNaN(Date.parse(c.dueAt))).toBe(false);
        } else {
          expect([400, 413]).toContain(response.status);
          if (response.status === 400) expect(Object.keys(answer.error.fields ?? {}).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 250, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);

  it('a field of the wrong type is named as such, not as missing; a body that is no object says so', async () => {
    const valid = { title: 'Sent the wrong file', description: 'It had last year’s prices.', owner: { email: 'fuzz.types@example.com' } };
    const cases: [unknown, string, RegExp][] = [
      [{ ...valid, title: 5 }, 'title', /string/],
      [{ ...valid, owner: 'fuzz.types@example.com' }, 'owner', /object/],
      [{ ...valid, skipWeekends: 'yes' }, 'skipWeekends', /boolean/],
      [{ ...valid, cadence: [{ step: 'own', day: '2' }] }, 'cadence.0.day', /number/],
      [{ ...valid, title: undefined }, 'title', /^Required\.$/],
      [[valid], '_', /JSON object/],
      ['a string', '_', /JSON object/],
    ];
    for (const [body, field, message] of cases) {
      const response = await guard.send(requestOf('POST', '/api/mistakes', {}, { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' }, JSON.stringify(body)), { json: true, door: 'api' });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { fields: Record<string, string> } };
      expect(error.fields[field], JSON.stringify(body)).toMatch(message);
    }
  });

  it('POST /api/mistakes/:id/updates with any check-in, text and status', async () => {
    const checkins = fc.oneof(fc.tuple(target(), fc.nat()).map(([t, i]) => t.checkinIds[i % t.checkinIds.length]!), anyText, fc.integer());
    await fc.assert(
      fc.asyncProperty(
        target(),
        fc.record({ checkinId: fc.option(checkins, { nil: undefined }), text: fc.option(fc.oneof(anyText, fc.constant('t'.repeat(10_001)), fc.integer()), { nil: undefined }), status: fc.option(fc.oneof(fc.constantFrom('on_track', 'blocked', 'done'), anyText), { nil: undefined }) }),
        async (t, body) => {
          const id = t.id;
          const response = await guard.send(requestOf('POST', `/api/mistakes/${id}/updates`, {}, { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' }, JSON.stringify(body)), { json: true, door: 'api' });
          // A check-in of the other mistake is never answered through this one.
          const foreign = w.targets.some((u) => u !== t && u.checkinIds.includes(String(body.checkinId)));
          if (foreign) expect(response.status).toBeGreaterThanOrEqual(400);
          await keepTargets();
        },
      ),
      { numRuns: 120, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

/** The fuzzers may pause, close or erase the targets; they come back so the next runs still aim at something. */
async function keepTargets(): Promise<void> {
  const owners = [OWNER, OTHER];
  const kept = [];
  for (const t of w.targets) if ((await json('GET', `/api/mistakes/${t.id}`)).status === 200) kept.push(t);
  for (const owner of owners.slice(kept.length)) {
    const r = await json('POST', '/api/mistakes', {
      title: `Fuzz target of ${owner}`,
      description: 'Here to be paused, closed and erased.',
      owner: { email: owner },
      leader: { email: owner === OWNER ? LEADER : OTHER_LEADER },
      startAt: new Date(T0).toISOString(),
      cadence: [{ step: 'own', day: 0 }, { step: 'progress', day: 9 }],
    });
    kept.push({ id: r.body.id as string, checkinIds: r.body.checkins.map((c: any) => c.id as string) });
  }
  if (kept.length !== w.targets.length || kept.some((t, i) => t !== w.targets[i])) guard.invalidate();
  w.targets = kept;
}

/** A sign-out or a used sign-in link ended a fuzzing browser's session: it signs in again. */
async function keepSessions(): Promise<void> {
  for (const [who, email, home] of [['owner', OWNER, '/mistakes'], ['leader', LEADER, '/leading']] as const) {
    const r = await guard.send(requestOf('GET', home, {}, { cookie: w[who]!.cookie }, undefined));
    if (r.status === 200) continue;
    const v = new Visitor();
    await v.signIn(email);
    await v.get(home);
    w[who] = browserOf(v);
    guard.invalidate();
  }
}

// ---- Resend's webhook --------------------------------------------------------------------------------------

describe('POST /webhooks/resend', () => {
  const events = fc.oneof(
    fc.record({
      type: fc.oneof(fc.constantFrom('email.sent', 'email.delivered', 'email.bounced', 'email.complained', 'email.failed', 'email.suppressed', 'email.opened'), anyText),
      created_at: fc.option(anyText, { nil: undefined }),
      data: fc.option(
        fc.record({
          email_id: fc.option(fc.oneof(fc.uuid().map(String), anyText, fc.constant('')), { nil: undefined }),
          to: fc.option(fc.array(fc.oneof(fc.constantFrom(OWNER, LEADER), anyText), { maxLength: 3 }), { nil: undefined }),
          bounce: fc.option(fc.record({ type: fc.oneof(fc.constantFrom('Permanent', 'Transient', 'Undetermined'), anyText), subType: fc.option(anyText, { nil: undefined }) }), { nil: undefined }),
          failed: fc.option(fc.record({ reason: fc.oneof(anyText, fc.integer()) }), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    }),
    fc.jsonValue({ maxDepth: 3 }),
  );

  const signatures = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('valid', 'two') }, { weight: 6, arbitrary: fc.constantFrom('tampered', 'missing', 'random', 'stale', 'other-secret') });
  const env = deliveryEnv(new SimulatedQueue('mend-send'));

  it('signed, unsigned, stale, tampered and replayed, with any body: 2xx only for a verified event, else 4xx in the one shape', async () => {
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(events, signatures, fc.boolean(), fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyText }), async (event, signature, replay, configured, rawOverride) => {
        const raw = rawOverride ?? JSON.stringify(event);
        const id = replay && ids.length ? ids[ids.length - 1]! : `msg_${crypto.randomUUID()}`;
        ids.push(id);
        const at = signature === 'stale' ? Date.now() - 10 * MINUTE : Date.now();
        const secret = signature === 'other-secret' ? `whsec_${btoa('another-secret-of-32-bytes-long!')}` : WEBHOOK_SECRET;
        let sig = new Webhook(secret).sign(id, new Date(at), raw);
        if (signature === 'tampered') sig = sig.slice(0, -2) + (sig.endsWith('A=') ? 'B=' : 'A=');
        if (signature === 'random') sig = `v1,${btoa(crypto.randomUUID())}`;
        if (signature === 'two') sig = `v1,AAAA ${sig}`;
        const headers: Record<string, string | undefined> = {
          'content-type': 'application/json',
          'svix-id': headerSafe(id),
          'svix-timestamp': String(Math.floor(at / 1000)),
          'svix-signature': signature === 'missing' ? undefined : sig,
        };
        const request = requestOf('POST', '/webhooks/resend', {}, headers, raw);
        const response = await guard.send(request, { json: true, door: 'webhook', ...(configured ? { fetch: (r: Request) => fetchWith(env, r) } : {}) });
        if (!configured) expect(response.status).toBe(401);
        else if (!['valid', 'two'].includes(signature)) expect(response.status).toBe(401);
      }),
      { numRuns: 200, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);

  it('any other method or path under /webhooks', async () => {
    await fc.assert(
      fc.asyncProperty(methods, fc.oneof(fc.constant('/webhooks/resend'), segment.map((s) => `/webhooks/${s}`)), fc.option(bodies, { nil: undefined }), async (method, path, body) => {
        const request = requestOf(method, path, {}, { 'content-type': 'application/json' }, body);
        if (!new URL(request.url).pathname.startsWith('/webhooks/')) return;
        const response = await guard.send(request, { json: true, door: 'webhook' });
        expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 60, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

describe('local development routes', () => {
  it('GET /dev/outbox(.json) with anything; POST /dev/travel with any body that is not a trip forward', async () => {
    const trips = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ to: fc.oneof(anyText, fc.constantFrom('2000-01-01T00:00:00Z', 'tomorrow', '2031-13-01T00:00:00Z')) }),
      fc.record({ days: fc.oneof(fc.constantFrom(0, -1, 401, 1e308, Number.NaN), anyText) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(null), trips), methods, queries, async (trip, method, query) => {
        if (trip === null) {
          await guard.send(requestOf(method === 'POST' ? 'GET' : method, '/dev/outbox', query, {}, undefined), { door: 'dev' });
          await guard.send(requestOf('GET', '/dev/outbox.json', query, {}, undefined), { door: 'dev', json: true });
          return;
        }
        // A valid trip would move the file's one clock: only refusals are sent. The clock is past T0 (never the
        // machine's date), so a trip to any moment after T0 might be valid and is left out.
        const body = JSON.stringify(trip);
        const parsed = trip as { to?: unknown; days?: unknown };
        if (typeof parsed?.to === 'string' && Date.parse(parsed.to) > T0) return;
        if (typeof parsed?.days === 'number' && parsed.days > 0 && parsed.days <= 400) return;
        const response = await guard.send(requestOf('POST', '/dev/travel', {}, { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' }, body), { door: 'dev', json: true });
        expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 60, seed: fuzzSeed(), endOnFailure: true },
    );
  }, 120_000);
});

describe('everything else', () => {
  it('any path at all: a 4xx page or JSON, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(methods, fc.array(segment, { minLength: 0, maxLength: 4 }), queries, fc.option(bodies, { nil: undefined }), async (method, parts, query, body) => {
        const path = `/${parts.join('/')}`;
        if (path.startsWith('/dev/travel')) return;
        await guard.send(requestOf(method, path, query, { 'content-type': 'application/json' }, body), { door: 'any path' });
      }),
      { numRuns: 120, seed: fuzzSeed(), endOnFailure: true },
    );
    expect(figures['5xx seen'] ?? 0).toBe(0);
  }, 120_000);
});
