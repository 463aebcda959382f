// A person with only a browser and the outbox: logs a mistake through the form, confirms it from the outbox,
// signs in by link, answers check-ins, follows the timeline; their leader reads it and acknowledges it.
// Screenshots of every page at phone and desktop width go to test/screenshots/ (git-ignored).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, focused, launchChromium, PHONE, screenshots, unlabelledControls, type Chromium } from './chromium';

const base = inject('baseUrl');
const apiToken = inject('apiToken');

const OWNER = 'ada.owner@example.com';
const LEADER = 'lin.leader@example.com';

let chrome: Chromium;
let owner: BrowserContext;
let phone: BrowserContext;
let page: Page;
let mistakeId = '';

interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
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

async function travel(days: number): Promise<void> {
  const r = await fetch(`${base}/dev/travel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days }) });
  if (r.status !== 200) throw new Error(`travel answered ${r.status}: ${await r.text()}`);
}

async function api(path: string): Promise<any> {
  const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiToken}` } });
  return r.json();
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

beforeAll(async () => {
  chrome = await launchChromium();
  // The owner's browser says Berlin: the form should pick that up by itself.
  owner = await chrome.browser.newContext({ ...DESKTOP, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  phone = await chrome.browser.newContext({ ...PHONE, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  page = await owner.newPage();
});

afterAll(async () => {
  await chrome?.close();
});

describe('a mistake followed through in the browser', () => {
  it('logs a mistake through the form, with the time zone filled in from the browser', async () => {
    await page.goto(`${base}/`);
    expect(await page.locator('#owner_tz').inputValue()).toBe('Europe/Berlin');
    expect(await unlabelledControls(page)).toEqual([]);
    // The first Tab reaches the skip link, and it is visible when focused.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to content');
    await screenshots(page, '01-log-a-mistake', phone);

    await page.getByLabel('A short title').fill('Shipped the March invoices with last year’s VAT rate');
    await page.getByLabel('What happened').fill('I ran the March batch from the old template and did not check a sample before sending.');
    await page.getByLabel('Who or what it affected (optional)').fill('42 customers were overcharged; finance spent two days on credit notes.');
    await page.getByLabel('Your email address').fill(OWNER);
    await page.getByLabel('Your first name (optional)').fill('Ada');
    await page.getByLabel('Their email address').fill(LEADER);
    await page.getByLabel('Their name').fill('Lin');
    await page.getByRole('button', { name: /Log it/ }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await screenshots(page, '02-check-your-inbox', phone, 'post');

    const [m] = (await api(`/api/mistakes?owner=${encodeURIComponent(OWNER)}`)).mistakes;
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
    await screenshots(other, '03-log-with-errors', phone, 'post');
    await other.close();
  });

  it('confirms the address from the email in the outbox', async () => {
    await page.goto(`${base}/dev/outbox`);
    const email = page.frameLocator('iframe[title^="Confirm your address"]').first();
    // Email buttons open a new tab, as they do from a mail client.
    const [tab] = await Promise.all([owner.waitForEvent('page'), email.getByRole('link', { name: 'Confirm and start the plan' }).click()]);
    await page.close();
    page = tab;
    await page.waitForURL(/\/confirm\//);
    await page.getByRole('heading', { name: 'Confirm and start the plan' }).waitFor();
    await screenshots(page, '04-confirm', phone);
    await page.getByRole('button', { name: 'Confirm and start the plan' }).click();
    await page.waitForURL(new RegExp(`/mistakes/${mistakeId}`));
    await page.getByText('Your plan has started').waitFor();
    expect((await api(`/api/mistakes/${mistakeId}`)).status).toBe('active');
    await screenshots(page, '05-timeline-started', phone);
  });

  it('signs in by link after signing out', async () => {
    await travel(1 / 1440); // a minute on: the scheduled work sends the first check-in
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await screenshots(page, '06-signed-out', phone, 'post');

    await page.goto(`${base}/login`);
    await screenshots(page, '07-sign-in', phone);
    await page.getByLabel('Your email address').fill(OWNER);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await screenshots(page, '08-sign-in-sent', phone, 'post');
    await page.goto(await linkIn(OWNER, /sign in/i, /\/login\//));
    await screenshots(page, '09-sign-in-link', phone);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/mistakes$/);
    await screenshots(page, '10-your-mistakes', phone);
  });

  it('answers the first check-in on the page and sees it on the timeline', async () => {
    await page.getByRole('link', { name: /March invoices/ }).click();
    await page.getByRole('link', { name: 'Answer' }).first().click();
    await screenshots(page, '11-answer', phone);
    await page.getByLabel('Your answer').fill('I skipped the sample check because I was rushing; the wrong totals were mine to catch. Finance and 42 customers paid for it.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Your earlier words stay on the timeline.').waitFor();
    const own = (await api(`/api/mistakes/${mistakeId}`)).checkins[0];
    expect(own.status).toBe('answered');
  });

  it('answers the learning check-in through the email link, then edits it on the page', async () => {
    await travel(3);
    await page.goto(await linkIn(OWNER, /what did you learn|learn/i, /\/answer$/));
    await screenshots(page, '12-email-answer-form', phone);
    await page.getByRole('textbox').fill('A sample check before every batch is not optional.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    await screenshots(page, '13-email-answer-saved', phone, 'post');

    await page.goto(`${base}/mistakes/${mistakeId}`);
    await page.getByRole('link', { name: 'Edit your answer' }).nth(1).click();
    await page.getByLabel('Your answer').fill('A sample check before every batch is not optional, and the template has a version now.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The earlier version').waitFor();
    await page.getByText('The earlier version').click();
    await screenshots(page, '14-timeline-edited', phone);
    const learning = (await api(`/api/mistakes/${mistakeId}`)).updates.filter((u: any) => u.kind === 'learning');
    expect(learning.map((u: any) => u.via)).toEqual(['form', 'form']);
  });

  it('records a progress status with one click from the email', async () => {
    await travel(2); // plan
    await page.goto(await linkIn(OWNER, /what will change|change/i, /\/answer$/));
    await page.getByRole('textbox').fill('Sample check in the batch runbook by 1 April; template versioned by 15 April.');
    await page.getByRole('button', { name: 'Save' }).click();
    await travel(5); // past the first progress check-in (day 7, or the Monday after)
    await page.goto(await linkIn(OWNER, /how is it going/i, /\/on_track$/));
    await page.getByRole('heading', { name: /Recorded: On track/ }).waitFor();
    await screenshots(page, '15-one-click-recorded', phone, 'post');
  });

  it("shows the leader every mistake that names them, and takes their acknowledgement", async () => {
    const leader = await chrome.browser.newContext({ ...DESKTOP, timezoneId: 'America/New_York', locale: 'en-US' });
    const lp = await leader.newPage();
    await signIn(lp, LEADER);
    await lp.waitForURL(/\/leading$/);
    await lp.getByText('I skipped the sample check').waitFor();
    expect(await unlabelledControls(lp)).toEqual([]);
    await screenshots(lp, '16-leader', phone);
    await lp.getByRole('button', { name: 'Thank you for telling me' }).click();
    await lp.getByText('Sent: “Thank you for telling me”').waitFor();
    await screenshots(lp, '17-leader-acknowledged', phone);
    await leader.close();

    await page.goto(`${base}/mistakes/${mistakeId}`);
    await page.getByText('Thank you for telling me').waitFor();
    await screenshots(page, '18-timeline-with-ack', phone);
  });

  it('asks before erasing, and the pages stay reachable by keyboard', async () => {
    await page.goto(`${base}/mistakes/${mistakeId}/erase`);
    await screenshots(page, '19-erase-confirm', phone);
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
    await screenshots(page, '20-erased', phone);
    const r = await fetch(`${base}/api/mistakes/${mistakeId}`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(r.status).toBe(404);
  });
});
