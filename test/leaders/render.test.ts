// The leader's emails and the owner's reminder and ack notice: one-line subjects, every link in both parts, user
// text escaped, and copy that never asks the leader to judge or tells anyone how to feel.
import { describe, expect, it } from 'vitest';
import { PreviewProps as alert } from '../../emails/leader-alert';
import { PreviewProps as closing } from '../../emails/leader-closing';
import { PreviewProps as digest } from '../../emails/leader-digest';
import { PreviewProps as intro } from '../../emails/leader-intro';
import { PreviewProps as ackNotice } from '../../emails/owner-ack-notice';
import { PreviewProps as reminder } from '../../emails/owner-reminder';
import type { EmailMessage } from '../../src/mail/registry';
import { renderEmail } from '../../src/mail/render';

type LeaderEmail = Extract<EmailMessage, { kind: `leader_${string}` | `owner_${string}` }>;
// Each kind's preview props, with a test's changes on top.
const sampleIntro = (o: Partial<typeof intro> = {}) => ({ ...intro, ...o });
const sampleDigest = (o: Partial<typeof digest> = {}) => ({ ...digest, ...o });
const sampleAlert = (o: Partial<typeof alert> = {}) => ({ ...alert, ...o });
const sampleClosing = (o: Partial<typeof closing> = {}) => ({ ...closing, ...o });
const sampleReminder = (o: Partial<typeof reminder> = {}) => ({ ...reminder, ...o });
const sampleAckNotice = (o: Partial<typeof ackNotice> = {}) => ({ ...ackNotice, ...o });

const HOSTILE = 'Two\r\nlines <script>alert(1)</script> & “quotes”';

const samples: [string, () => LeaderEmail, (hostile: string) => LeaderEmail][] = [
  ['leader_intro', sampleIntro, (h) => sampleIntro({ mistake: { title: h, description: h, impact: h }, ownership: h, ownerName: h })],
  [
    'leader_digest',
    sampleDigest,
    (h) => {
      const d = sampleDigest();
      return { ...d, entries: d.entries.map((e) => ({ ...e, title: h, ownerName: h, news: [{ kind: 'note', text: h, on: 'Monday 1 April' }] })) };
    },
  ],
  ['leader_alert', sampleAlert, (h) => sampleAlert({ mistake: { title: h }, note: h, plan: h, ownerName: h })],
  ['leader_closing', sampleClosing, (h) => sampleClosing({ mistake: { title: h, description: h, impact: h }, ownership: h, learning: h, plan: h })],
  ['owner_reminder', sampleReminder, (h) => sampleReminder({ mistake: { title: h }, ownerName: h })],
  ['owner_ack_notice', sampleAckNotice, (h) => sampleAckNotice({ mistake: { title: h }, leaderName: h })],
];

/** Copy that tells the reader how to feel, cheers, asks the leader to judge, or points at the people affected. */
const NEVER = [
  /\bhow (do|did|does) (you|it) feel\b/i,
  /\b(should|must|will)(n[’']t)? feel\b/i,
  /\bfeel (better|bad|guilty|ashamed|proud|good|okay|ok|fine|sorry|free)\b/i,
  /\b(don[’']t|do not) (worry|be upset)\b/i,
  /\b(great|good) job\b|\bproud of\b|\bcheer up\b/i,
  /\b(judge|assess|evaluate|grade|approve)\b|\brate (it|this|them|their|how)\b/i,
  /\bplease review\b|\bdecide whether\b|\bwas (this|it) enough\b/i,
  /\b(contact|email|write to|reach out to|apologi[sz]e to) (them|the people|those affected|everyone)\b/i,
];

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

describe.each(samples)('%s', (_kind, sample, hostile) => {
  it('renders a one-line subject, HTML and text with the same links', async () => {
    const email = await renderEmail(sample());
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    const links = hrefs(email.html).filter((h) => h.startsWith('https://'));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(email.text).toContain(link);
  });

  it('escapes what people wrote and keeps headers on one line', async () => {
    const email = await renderEmail(hostile(HOSTILE));
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain('<script>alert(1)</script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain('<script>alert(1)</script>');
  });

  it('never tells anyone how to feel or asks the leader to judge', async () => {
    const email = await renderEmail(sample());
    for (const pattern of NEVER) {
      expect(email.text, String(pattern)).not.toMatch(pattern);
      expect(email.subject, String(pattern)).not.toMatch(pattern);
    }
  });
});

describe('leader copy', () => {
  it('says when the leader will hear more, and offers the two acknowledgements, in every leader email', async () => {
    for (const message of [sampleIntro(), sampleDigest(), sampleAlert(), sampleClosing()]) {
      const { text } = await renderEmail(message);
      expect(text).toMatch(/Thank you for telling me: https:/);
      expect(text).toMatch(/Let’s talk: https:/);
      expect(text).toMatch(/Stop these emails: https:/);
      expect(text).toMatch(/digest/);
    }
  });

  it('the alert is factual and offers a conversation', async () => {
    const { text } = await renderEmail(sampleAlert());
    expect(text).toMatch(/marked it as blocked/);
    expect(text).toMatch(/talk it through/);
  });
});
