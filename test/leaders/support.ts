// Driving a plan with a leader the way its people would: answers through the email's own links, clicks as a
// person makes them (the GET page, then its form's POST), scheduled runs at chosen moments.
import { expect } from 'vitest';
import { linkTo, page, runScheduled, type OutboxEmail } from '../support/worker';

export const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs).toISOString();
export const MINUTE = 60_000;

export async function answerWithForm(email: OutboxEmail, text: string): Promise<void> {
  const saved = await page('POST', linkTo(email, 'answer'), { text });
  expect(saved.status).toBe(200);
}

/** A person's one click: the GET shows a page whose form the browser submits. */
export async function clickAsPerson(url: string): Promise<void> {
  const confirm = await page('GET', url);
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toMatch(/<form[^>]*method="post"/);
  expect((await page('POST', url, { source: 'email' })).status).toBe(200);
}

/** The settle time (120 s) plus a little: the run after it counts a click. */
export async function runAfterSettle(clickedAt: string): Promise<void> {
  await runScheduled(at(clickedAt, 2 * MINUTE + 5_000));
}

export function headerOf(email: OutboxEmail, name: string): string | undefined {
  const entry = Object.entries(email.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/** The https URL inside List-Unsubscribe: <https://…>. */
export function unsubscribeUrl(email: OutboxEmail): string {
  const value = headerOf(email, 'List-Unsubscribe') ?? '';
  const url = /<(https?:\/\/[^>]+)>/.exec(value)?.[1];
  if (!url) throw new Error(`no List-Unsubscribe URL on "${email.subject}"`);
  return url;
}
