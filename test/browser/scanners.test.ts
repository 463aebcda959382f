// A mail scanner that runs scripts (Safe Links' detonation, Mimecast's browser isolation): a real headless
// Chromium opens every link of a progress email at once, so each one-click page's script submits its form, as
// it would for a person. After the settle time (CLICK_SETTLE_SECONDS is 5 on this server) no answer counts,
// and the leader hears nothing. A person who clicks one link gets that answer counted once it has settled.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchChromium, type Chromium } from './chromium';
import { clockNow, FLOOR, nextLocal, travelTo } from './clock';

const base = inject('baseUrl');
const apiToken = inject('apiToken');

interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  mistakeId: string | null;
}

let chrome: Chromium;
let scanner: BrowserContext;
let person: BrowserContext;

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

/**
 * A plan with a leader whose first check-in is a progress one; that email. The plan starts at 14:00 UTC on the
 * first Wednesday after wherever the shared clock stands (and years beyond the real one), and the clock goes
 * there: the same weekday and hour whatever the real date, and whatever ran before on the clock.
 */
async function progressEmail(name: string): Promise<{ mistakeId: string; email: OutboxEmail; now: number }> {
  const start = nextLocal(Math.max(await clockNow(), FLOOR), 'Wednesday', 14, 'UTC');
  await travelTo(start - 60_000); // logged a minute before it starts
  const mistake = await api('POST', '/api/mistakes', {
    title: 'Sent the launch email to the whole customer list a day early',
    description: 'Customers were told about prices that were not live yet.',
    owner: { email: `${name}-owner@example.com`, timeZone: 'UTC' },
    leader: { email: `${name}-lead@example.com`, timeZone: 'UTC' },
    startAt: new Date(start).toISOString(),
    cadence: [
      { step: 'progress', day: 0 },
      { step: 'progress', day: 30 },
    ],
  });
  const now = await travelTo(start + 1_000);
  const emails = ((await (await fetch(`${base}/dev/outbox.json`)).json()) as { emails: OutboxEmail[] }).emails;
  const email = emails.find((e) => e.mistakeId === mistake.id);
  if (!email) throw new Error('the progress email did not arrive');
  return { mistakeId: mistake.id, email, now };
}

/** Every link of the email: its text part and the hrefs of its HTML part. */
function linksOf(email: OutboxEmail): string[] {
  const links = new Set([...email.text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]));
  for (const m of email.html.matchAll(/href="(https?:[^"]+)"/g)) links.add(m[1]!.replace(/&amp;/g, '&'));
  return [...links].filter((l) => l.startsWith(base));
}

beforeAll(async () => {
  chrome = await launchChromium();
  scanner = await chrome.browser.newContext({ javaScriptEnabled: true });
  person = await chrome.browser.newContext({ javaScriptEnabled: true });
});

afterAll(async () => {
  await chrome?.close();
});

describe('a scanner running scripts in a real browser', () => {
  it('opens every link of a progress email: the pages submit themselves, and no answer counts', async () => {
    const { mistakeId, email, now } = await progressEmail('browser-scan');
    const links = linksOf(email);
    const oneClick = links.filter((l) => /\/(on_track|blocked|done)$/.test(l));
    expect(oneClick).toHaveLength(3);

    // Every link at once, each in its own tab, scripts on: the one-click pages post their forms by themselves.
    const landed = await Promise.all(
      links.map(async (link) => {
        const tab = await scanner.newPage();
        await tab.goto(link);
        if (/\/(on_track|blocked|done)$/.test(link)) await tab.getByRole('heading', { name: /^Recorded:/ }).waitFor();
        const heading = await tab.locator('h1').first().textContent();
        await tab.close();
        return heading ?? '';
      }),
    );
    // The scripts ran: each one-click page was submitted and answered with its "Recorded" page.
    expect(landed.filter((h) => h.startsWith('Recorded:'))).toHaveLength(3);

    // The three posts came within the settle time of each other (else each would stand alone, and count).
    const posted = (await api('GET', `/api/mistakes/${mistakeId}`)).updates.map((u: { at: string }) => Date.parse(u.at));
    expect(posted).toHaveLength(3);
    expect(Math.max(...posted) - Math.min(...posted), 'the browser took longer than the settle time to open three tabs').toBeLessThan(5_000);

    // Well past the settle time, with the scheduled work run: nothing counts, nothing moved.
    await travelTo(now + 10 * 60_000);
    const view = await api('GET', `/api/mistakes/${mistakeId}`);
    expect(view.status).toBe('active');
    expect(view.updates.filter((u: { settled: boolean }) => u.settled)).toEqual([]);
    expect(view.checkins[0].status).toBe('sent');
    expect(view.deliveries.map((d: { kind: string }) => d.kind)).toEqual(['checkin.progress']);
    console.info(`BROWSER-SCANNER ${JSON.stringify({ linksOpened: links.length, oneClickSubmitted: 3, counted: 0 })}`);
  });

  it('a person who clicks one link has that answer counted once it has settled', async () => {
    const { mistakeId, email, now } = await progressEmail('browser-person');
    const onTrack = linksOf(email).find((l) => l.endsWith('/on_track'))!;
    const tab = await person.newPage();
    await tab.goto(onTrack);
    await tab.getByRole('heading', { name: 'Recorded: On track' }).waitFor();
    await tab.close();

    await travelTo(now + 10 * 60_000);
    const after = await api('GET', `/api/mistakes/${mistakeId}`);
    expect(after.updates).toEqual([expect.objectContaining({ kind: 'status', status: 'on_track', settled: true })]);
    expect(after.checkins[0].status).toBe('answered');
  });

  it("the email's other pages (answer, snooze, the leader's view) pass axe-core's WCAG A and AA rules", async () => {
    // The one-click pages are checked in web-flow.test.ts, before their script sends them; a GET of these records nothing.
    const { email } = await progressEmail('browser-pages');
    const others = linksOf(email).filter((l) => !/\/(on_track|blocked|done)$/.test(l));
    expect(others).toHaveLength(3);
    const tab = await person.newPage();
    for (const link of others) {
      await tab.goto(link);
      await expectAccessible(tab, `progress email link ${new URL(link).pathname.replace(/[A-Za-z0-9_-]{20,}/g, ':token')}`);
    }
    await tab.close();
  });
});
