// Debian's Chromium (apt-get install chromium), driven by playwright-core: never a downloaded browser.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../screenshots/', import.meta.url).pathname;

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Playwright gives the browser a fresh, throwaway --user-data-dir of its own (it refuses one passed in args). */
export async function launchChromium(): Promise<Chromium> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * Screenshots of the page `page` shows, at desktop width (this page) and at phone width: a phone context with
 * the same cookies opens the same address (a GET never changes anything), or, for a page that answered a POST,
 * is given the same HTML. axe-core checks the page at phone width too (a layout can fail there alone).
 */
export async function screenshots(page: Page, name: string, phone: BrowserContext, from: 'get' | 'post' = 'get'): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await phone.clearCookies();
  await phone.addCookies(await page.context().cookies());
  const small = await phone.newPage();
  if (from === 'get') await small.goto(page.url());
  else await small.setContent(await page.content());
  await small.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await expectAccessible(small, `${name} (phone)`);
  await small.close();
}

/** Every visible form control has an accessible name (a <label>, aria-label or aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  // A string, run in the page: this project's type-check has no DOM library.
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 120))`);
}

/** The text of the element that has keyboard focus, and whether its focus outline shows. */
export async function focused(page: Page): Promise<{ text: string; outline: string }> {
  return page.evaluate(`({ text: (document.activeElement?.textContent ?? '').trim(), outline: getComputedStyle(document.activeElement).outlineStyle })`);
}

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The name of the page of every axe-core check in this test file, in order, for its report. */
export const accessibilityChecked: string[] = [];

/**
 * axe-core's WCAG A and AA rules over the page as it stands: no violation, or a failure that names each one
 * (rule, impact, the selectors of the elements, and axe's help text). Legacy mode runs axe.run in the page
 * itself: our pages have no frames, and the default mode opens a blank page in the context for every check.
 * `frames: false` leaves frames out (the outbox page frames the emails, which are not web pages).
 */
export async function expectAccessible(page: Page, name: string, options: { frames?: boolean } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).setLegacyMode().withTags(WCAG_TAGS);
  if (options.frames === false) builder.options({ iframes: false });
  const results = await builder.analyze();
  accessibilityChecked.push(name);
  const found = results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? n.impact ?? 'unknown impact'}) at ${n.target.map(String).join(' >> ')}: ${v.help} [${v.helpUrl}]`),
  );
  if (found.length) throw new Error(`axe-core found ${found.length} WCAG violation(s) on "${name}" (${page.url()}):\n  ${found.join('\n  ')}`);
}
