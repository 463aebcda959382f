// Every door to an HTML page sends the same protective headers: a content security policy whose fresh nonce is
// the only way the page's own inline style and script run, no framing, no sniffing, no caching. The pages behind
// email links (/l/*, /lead/*, the owner's preview) get them as the web pages do.
import { describe, expect, it } from 'vitest';
import { answerWithForm } from '../leaders/support';
import { createMistake } from '../support/mistakes';
import { APP, linkTo, newEmailsTo, page, travel } from '../support/worker';

const seen = new Set<string>();

/** Checks the headers and returns the nonce, after checking every inline style and script carries it. */
async function expectProtected(url: string, expectedStatus = 200): Promise<string> {
  const response = await page('GET', url);
  expect(response.status).toBe(expectedStatus);
  const csp = response.headers.get('content-security-policy') ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `${url}: ${csp}`).toBeTruthy();
  expect(csp).toContain(`style-src 'nonce-${nonce}'`);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const html = await response.text();
  const inline = [...html.matchAll(/<(script|style)\b([^>]*)>/g)];
  expect(inline.length).toBeGreaterThan(0);
  for (const [tag, , attributes] of inline) expect(attributes, tag).toContain(`nonce="${nonce}"`);
  return nonce!;
}

describe('page headers at every door', () => {
  it('the web pages: a fresh nonce for each response', async () => {
    const first = await expectProtected(`${APP}/login`);
    const second = await expectProtected(`${APP}/login`);
    expect(first).not.toBe(second);
    await expectProtected(`${APP}/`);
  });

  it('the owner’s email links and the preview of what the leader sees', async () => {
    await travel('2032-05-03T08:00:00Z');
    const owner = 'headers.owner@example.com';
    const leader = 'headers.leader@example.com';
    await createMistake({
      owner: { email: owner, timeZone: 'UTC' },
      leader: { email: leader, timeZone: 'UTC' },
      startAt: '2032-05-03T08:00:00Z',
      cadence: [{ step: 'own', day: 0 }, { step: 'progress', day: 1 }],
    });
    await travel('2032-05-03T08:01:00Z');
    const own = (await newEmailsTo(owner, seen)).find((e) => /what happened/.test(e.subject))!;
    await expectProtected(linkTo(own, 'answer'));
    await expectProtected(linkTo(own, 'preview'));
    await answerWithForm(own, 'I shipped it without the review the team agreed on; that was mine.');

    await travel('2032-05-04T09:01:00Z');
    const progress = (await newEmailsTo(owner, seen)).find((e) => /how is it going/.test(e.subject))!;
    // The one-click page, whose inline script submits its form.
    await expectProtected(linkTo(progress, 'on_track'));
    await expectProtected(`${APP}/l/not-a-token/on_track`, 404);

    // The leader's links: the acknowledgement page has the same auto-submitting script.
    const [intro] = await newEmailsTo(leader, seen);
    await expectProtected(linkTo(intro!, 'thanks'));
    await expectProtected(linkTo(intro!, 'unsubscribe'));
    await expectProtected(`${APP}/lead/not-a-token/thanks`, 404);
  });
});
