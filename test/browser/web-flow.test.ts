// A person with only a browser and the outbox: logs a mistake through the form, confirms it from the outbox,
// signs in by link, answers check-ins, follows the timeline; their leader reads it and acknowledges it.
//
// The flow runs once starting on each day of the week, so weekends and Mondays are always met: each run pins
// its own start (08:00 in Europe/Berlin on its weekday, after wherever the shared clock stands and years beyond
// the real clock) and then travels to each check-in's own due time, read from the API, never by counting days.
// Each run has its own owner and leader addresses. Every page a run visits is checked with axe-core (WCAG 2.2
// A and AA); screenshots of every page at phone and desktop width go to test/screenshots/ (git-ignored), from
// the first run only.
import { TZDate } from '@date-fns/tz';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityChecked, DESKTOP, expectAccessible, focused, launchChromium, PHONE, screenshots, unlabelledControls, type Chromium } from './chromium';
import { startOn, travelTo, WEEKDAYS, type Weekday } from './clock';

const base = inject('baseUrl');
const apiToken = inject('apiToken');

const ZONE = 'Europe/Berlin';
const START_HOUR = 8;

const RUNS: { weekday: Weekday; tag: string; shots: boolean }[] = [
  { weekday: 'Monday', tag: 'mon', shots: true },
  { weekday: 'Tuesday', tag: 'tue', shots: false },
  { weekday: 'Wednesday', tag: 'wed', shots: false },
  { weekday: 'Thursday', tag: 'thu', shots: false },
  { weekday: 'Friday', tag: 'fri', shots: false },
  { weekday: 'Saturday', tag: 'sat', shots: false },
  { weekday: 'Sunday', tag: 'sun', shots: false },
];

let chrome: Chromium;
let phone: BrowserContext;

interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
}

interface Checkin {
  id: string;
  step: 'own' | 'learn' | 'plan' | 'progress';
  day: number;
  dueAt: string;
  status: string;
  sentAt: string | null;
}

async function outbox(): Promise<OutboxEmail[]> {
  const r = await fetch(`${base}/dev/outbox.json`);
  return ((await r.json()) as { emails: OutboxEmail[] }).emails;
}

/** The newest link in the newest email to `to` whose subject matches. */
async function linkIn(to: string, subject: RegExp, path: RegExp): Promise<string> {
  const email = (await outbox()).find((e) => e.to === to && subject.test(e.subject));
  if (!email) throw new Error(`no email to ${to} matching ${subject}`);
  const link = [...email.text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]).find((l) => path.test(l));
  if (!link) throw new Error(`no ${path} link in "${email.subject}"`);
  return link;
}

async function api(path: string): Promise<any> {
  const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiToken}` } });
  return r.json();
}

/** The plan's check-ins, as the API shows them, in plan order. */
async function checkinsOf(mistakeId: string): Promise<Checkin[]> {
  return (await api(`/api/mistakes/${mistakeId}`)).checkins;
}

/** Travels to the due time of the check-in for `step` (the first of them), which the scheduled work then sends. */
async function travelToDue(mistakeId: string, step: Checkin['step']): Promise<Checkin> {
  const checkin = (await checkinsOf(mistakeId)).find((c) => c.step === step);
  if (!checkin) throw new Error(`no ${step} check-in`);
  await travelTo(Date.parse(checkin.dueAt));
  const sent = (await checkinsOf(mistakeId)).find((c) => c.id === checkin.id)!;
  expect(sent.status, `the ${step} check-in due ${checkin.dueAt} was sent`).toBe('sent');
  return sent;
}

async function signIn(p: Page, email: string): Promise<void> {
  await p.goto(`${base}/login`);
  await p.getByLabel('Your email address').fill(email);
  await p.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await p.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await p.goto(await linkIn(email, /sign in/i, /\/login\//));
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(/\/(mistakes|leading)$/);
}

// Subjects of the check-in emails (a reminder's starts "Reminder: ", and is not the one meant here).
const LEARN_SUBJECT = /^“[^”]*”: what did you learn\?$/;
const PLAN_SUBJECT = /^“[^”]*”: what will change, and by when\?$/;
const PROGRESS_SUBJECT = /^“[^”]*”: how is it going\?/;

beforeAll(async () => {
  chrome = await launchChromium();
  phone = await chrome.browser.newContext({ ...PHONE, timezoneId: ZONE, locale: 'en-GB' });
});

afterAll(async () => {
  await chrome?.close();
  const pages = new Set(accessibilityChecked);
  const phoneWidth = [...pages].filter((name) => name.endsWith('(phone)')).length;
  console.info(`BROWSER-AXE ${JSON.stringify({ runs: RUNS.length, pages: pages.size - phoneWidth, alsoAtPhoneWidth: phoneWidth, checks: accessibilityChecked.length })}`);
});

describe.each(RUNS)('a mistake followed through in the browser, started on a $weekday', ({ weekday, tag, shots }) => {
  const OWNER = `ada.owner+${tag}@example.com`;
  const LEADER = `lin.leader+${tag}@example.com`;
  let owner: BrowserContext;
  let page: Page;
  let mistakeId = '';

  /** axe-core over the page, in every run; and, in the run that takes them, its screenshots (and axe at phone width). */
  async function look(p: Page, name: string, from: 'get' | 'post' = 'get'): Promise<void> {
    await expectAccessible(p, name);
    if (shots) await screenshots(p, name, phone, from);
  }

  beforeAll(async () => {
    // The owner's browser says Berlin: the form should pick that up by itself.
    owner = await chrome.browser.newContext({ ...DESKTOP, timezoneId: ZONE, locale: 'en-GB' });
    page = await owner.newPage();
  });

  afterAll(async () => {
    await owner?.close();
  });

  it('logs a mistake through the form, with the time zone filled in from the browser', async () => {
    // Its own start, after everything before it on the shared clock: 08:00 in Berlin on this run's weekday.
    const start = await startOn(weekday, START_HOUR, ZONE);
    expect([new TZDate(start, ZONE).getDay(), new TZDate(start, ZONE).getHours()]).toEqual([WEEKDAYS.indexOf(weekday), START_HOUR]);

    await page.goto(`${base}/`);
    expect(await page.locator('#owner_tz').inputValue()).toBe('Europe/Berlin');
    expect(await unlabelledControls(page)).toEqual([]);
    // The first Tab reaches the skip link, and it is visible when focused.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to content');
    await look(page, '01-log-a-mistake');

    await page.getByLabel('A short title').fill('Shipped the March invoices with last year’s VAT rate');
    await page.getByLabel('What happened').fill('I ran the March batch from the old template and did not check a sample before sending.');
    await page.getByLabel('Who or what it affected (optional)').fill('42 customers were overcharged; finance spent two days on credit notes.');
    await page.getByLabel('Your email address').fill(OWNER);
    await page.getByLabel('Your first name (optional)').fill('Ada');
    await page.getByLabel('Their email address').fill(LEADER);
    await page.getByLabel('Their name').fill('Lin');
    await page.getByRole('button', { name: /Log it/ }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await look(page, '02-check-your-inbox', 'post');

    const mine = (await api(`/api/mistakes?owner=${encodeURIComponent(OWNER)}`)).mistakes;
    expect(mine).toHaveLength(1);
    const [m] = mine;
    expect(m.status).toBe('pending');
    expect(m.owner.timeZone).toBe('Europe/Berlin');
    mistakeId = m.id;
    expect((await outbox()).filter((e) => e.to === LEADER)).toHaveLength(0);
  });

  it('a form with a mistake in it comes back with the words kept and the problem named', async () => {
    const other = await owner.newPage();
    await other.goto(`${base}/`);
    await other.getByLabel('What happened').fill('Words I do not want to type twice.');
    await other.getByLabel('Your email address').fill('not an address');
    await other.getByRole('button', { name: /Log it/ }).click();
    await other.getByRole('alert').waitFor();
    expect(await other.getByLabel('What happened').inputValue()).toBe('Words I do not want to type twice.');
    expect(await other.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');
    await look(other, '03-log-with-errors', 'post');
    await other.close();
  });

  it('confirms the address from the email in the outbox', async () => {
    await page.goto(`${base}/dev/outbox`);
    // The outbox page itself; the emails in its frames are not web pages.
    await expectAccessible(page, 'outbox', { frames: false });
    const email = page.frameLocator(`iframe[title^="Confirm your address"]`).first();
    // Email buttons open a new tab, as they do from a mail client.
    const [tab] = await Promise.all([owner.waitForEvent('page'), email.getByRole('link', { name: 'Confirm and start the plan' }).click()]);
    await page.close();
    page = tab;
    await page.waitForURL(/\/confirm\//);
    await page.getByRole('heading', { name: 'Confirm and start the plan' }).waitFor();
    await look(page, '04-confirm');
    await page.getByRole('button', { name: 'Confirm and start the plan' }).click();
    await page.waitForURL(new RegExp(`/mistakes/${mistakeId}`));
    await page.getByText('Your plan has started').waitFor();
    expect((await api(`/api/mistakes/${mistakeId}`)).status).toBe('active');
    await look(page, '05-timeline-started');

    // Day 0 is due at once; every later check-in at 09:00 in Berlin on a weekday: on its day's date, or the
    // Monday after when that date is a Saturday or Sunday.
    const checkins = await checkinsOf(mistakeId);
    const startAt = Date.parse((await api(`/api/mistakes/${mistakeId}`)).startAt);
    expect(Date.parse(checkins[0]!.dueAt)).toBe(startAt);
    const startDate = new TZDate(startAt, ZONE);
    for (const c of checkins.slice(1)) {
      const date = new TZDate(startDate.getFullYear(), startDate.getMonth(), startDate.getDate() + c.day, 9, 0, 0, ZONE);
      const monday = date.getDay() === 6 ? 2 : date.getDay() === 0 ? 1 : 0;
      const expected = new TZDate(date.getFullYear(), date.getMonth(), date.getDate() + monday, 9, 0, 0, ZONE);
      expect(c.dueAt, `day ${c.day} (${c.step})`).toBe(new Date(expected.getTime()).toISOString());
    }
  });

  it('signs in by link after signing out', async () => {
    await travelToDue(mistakeId, 'own'); // the scheduled work sends the first check-in
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await look(page, '06-signed-out', 'post');

    await page.goto(`${base}/login`);
    await look(page, '07-sign-in');
    await page.getByLabel('Your email address').fill(OWNER);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await look(page, '08-sign-in-sent', 'post');
    await page.goto(await linkIn(OWNER, /sign in/i, /\/login\//));
    await look(page, '09-sign-in-link');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/mistakes$/);
    await look(page, '10-your-mistakes');
  });

  it('answers the first check-in on the page and sees it on the timeline', async () => {
    await page.getByRole('link', { name: /March invoices/ }).click();
    await page.waitForURL(new RegExp(`/mistakes/${mistakeId}$`));
    await expectAccessible(page, 'timeline-first-checkin-sent');
    await page.getByRole('link', { name: 'Answer' }).first().click();
    await look(page, '11-answer');
    await page.getByLabel('Your answer').fill('I skipped the sample check because I was rushing; the wrong totals were mine to catch. Finance and 42 customers paid for it.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Your earlier words stay on the timeline.').waitFor();
    await expectAccessible(page, 'timeline-answer-saved');
    const own = (await checkinsOf(mistakeId))[0]!;
    expect(own.status).toBe('answered');
  });

  it('answers the learning check-in through the email link, then edits it on the page', async () => {
    await travelToDue(mistakeId, 'learn');
    await page.goto(await linkIn(OWNER, LEARN_SUBJECT, /\/answer$/));
    await look(page, '12-email-answer-form');
    await page.getByRole('textbox').fill('A sample check before every batch is not optional.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    await look(page, '13-email-answer-saved', 'post');

    // Days on, the session has been idle past its 24 hours: the owner signs in again.
    await signIn(page, OWNER);
    await page.goto(`${base}/mistakes/${mistakeId}`);
    await page.getByRole('link', { name: 'Edit your answer' }).nth(1).click();
    await expectAccessible(page, 'edit-answer-form');
    await page.getByLabel('Your answer').fill('A sample check before every batch is not optional, and the template has a version now.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The earlier version').waitFor();
    await page.getByText('The earlier version').click();
    await look(page, '14-timeline-edited');
    const learning = (await api(`/api/mistakes/${mistakeId}`)).updates.filter((u: any) => u.kind === 'learning');
    expect(learning.map((u: any) => u.via)).toEqual(['form', 'form']);
  });

  it('records a progress status with one click from the email', async () => {
    await travelToDue(mistakeId, 'plan');
    await page.goto(await linkIn(OWNER, PLAN_SUBJECT, /\/answer$/));
    await expectAccessible(page, 'plan-answer-form');
    await page.getByRole('textbox').fill('Sample check in the batch runbook by 1 April; template versioned by 15 April.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    await expectAccessible(page, 'plan-answer-saved');

    await travelToDue(mistakeId, 'progress'); // the first progress check-in (day 7, or the Monday after)
    // Each one-click page as it stands before its script sends the form: here that post never reaches Mend
    // (answered 204 No Content, so the browser stays on the page), and nothing is recorded.
    for (const status of ['on_track', 'blocked', 'done'] as const) {
      const link = await linkIn(OWNER, PROGRESS_SUBJECT, new RegExp(`/${status}$`));
      const tab = await owner.newPage();
      await tab.route((url) => url.href === link, (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 204 }) : route.continue()));
      const posted = tab.waitForRequest((r) => r.method() === 'POST' && r.url() === link);
      // (Playwright never sees "load" for a page whose own navigation was cut short: wait for the post instead.)
      await tab.goto(link, { waitUntil: 'commit' });
      await posted;
      await tab.getByRole('heading', { name: /^Record “/ }).waitFor();
      await expectAccessible(tab, `one-click-${status}`);
      await tab.close();
    }
    expect((await api(`/api/mistakes/${mistakeId}`)).updates.filter((u: any) => u.kind === 'status')).toEqual([]);

    await page.goto(await linkIn(OWNER, PROGRESS_SUBJECT, /\/on_track$/));
    await page.getByRole('heading', { name: /Recorded: On track/ }).waitFor();
    await look(page, '15-one-click-recorded', 'post');
  });

  it('shows the leader every mistake that names them, and takes their acknowledgement', async () => {
    const leader = await chrome.browser.newContext({ ...DESKTOP, timezoneId: 'America/New_York', locale: 'en-US' });
    const lp = await leader.newPage();
    await signIn(lp, LEADER);
    await lp.waitForURL(/\/leading$/);
    await lp.getByText('I skipped the sample check').waitFor();
    expect(await unlabelledControls(lp)).toEqual([]);
    await look(lp, '16-leader');
    await lp.getByRole('button', { name: 'Thank you for telling me' }).click();
    await lp.getByText('Sent: “Thank you for telling me”').waitFor();
    await look(lp, '17-leader-acknowledged');
    await leader.close();

    await signIn(page, OWNER);
    await page.goto(`${base}/mistakes/${mistakeId}`);
    await page.getByText('Thank you for telling me').waitFor();
    await look(page, '18-timeline-with-ack');
  });

  it('asks before erasing, and the pages stay reachable by keyboard', async () => {
    await page.goto(`${base}/mistakes/${mistakeId}/erase`);
    await look(page, '19-erase-confirm');
    // Keyboard only: Tab to the erase button and press Enter.
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused(page)).text === 'Yes, erase it for good';
    }
    expect(found).toBe(true);
    expect((await focused(page)).outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/mistakes\?done=erased$/);
    await look(page, '20-erased');
    const r = await fetch(`${base}/api/mistakes/${mistakeId}`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(r.status).toBe(404);
  });
});
