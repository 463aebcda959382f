import { describe, expect, it } from 'vitest';
import type { CheckinEmail } from '../../emails/checkin';
import { sampleCheckin } from '../../emails/components/sample';
import type { Step } from '../../src/domain/types';
import { renderEmail } from '../../src/mail/render';

const STEPS: Step[] = ['own', 'learn', 'plan', 'progress'];

/** Every URL in a message's links, the leader preview and the status pages included. */
function allLinks(message: CheckinEmail): string[] {
  const { answer, snooze, leaderPreview, statuses } = message.links;
  return [answer, snooze, ...(leaderPreview ? [leaderPreview] : []), ...Object.values(statuses ?? {})];
}

/** How a URL appears in an href attribute of React's output. */
function asHref(url: string): string {
  return `href="${url.replaceAll('&', '&amp;')}"`;
}

// Copy that tells someone how to feel, cheers them on, or points them at the people who were hurt.
const FORBIDDEN = [
  /\bshould(n[’']t)? feel\b/i,
  /\b(don[’']t|do not|never) feel\b/i,
  /\bfeel (better|bad|guilty|ashamed|proud|good|okay|ok|fine|sorry)\b/i,
  /\b(don[’']t|do not) worry\b/i,
  /\bcheer up\b/i,
  /\bbe positive\b/i,
  /\b(great|good) job\b/i,
  /\byou[’']ve got this\b/i,
  /\bproud of you\b/i,
  /\b(reach out|get in touch|contact|email|write|apologi[sz]e|talk) (to )?(them|the people|those|everyone)\b/i,
];

function variants(step: Step): CheckinEmail[] {
  const base = sampleCheckin(step);
  return [
    base,
    { ...base, late: true },
    { ...base, snoozed: true },
    { ...base, late: true, snoozed: true },
    { ...base, leaderName: null, ownerName: null, links: { ...base.links, leaderPreview: undefined } },
    { ...base, earlier: {} },
  ];
}

describe.each(STEPS)('check-in email: %s', (step) => {
  it('names the mistake in the subject, on one line', async () => {
    const message = sampleCheckin(step);
    const { subject } = await renderEmail(message);
    expect(subject).toContain(message.mistake.title);
    expect(subject).not.toMatch(/[\r\n]/);

    const multiline = await renderEmail({ ...message, mistake: { ...message.mistake, title: 'Two\r\nlines' } });
    expect(multiline.subject).toContain('Two lines');
    expect(multiline.subject).not.toMatch(/[\r\n]/);
  });

  it('carries every link in both the HTML and the text part', async () => {
    const base = sampleCheckin(step);
    // A query string with '&' checks that links survive escaping in HTML and are literal in text.
    const message: CheckinEmail = { ...base, links: { ...base.links, answer: `${base.links.answer}?from=email&step=${step}` } };
    const { html, text } = await renderEmail(message);
    for (const url of allLinks(message)) {
      expect(html).toContain(asHref(url));
      expect(text).toContain(url);
    }
    expect(text).toContain(`Remind me in 2 days: ${message.links.snooze}`);
    expect(text).toContain(`See what your leader sees: ${message.links.leaderPreview}`);
  });

  it('has a readable plain-text part: no markup, no hidden preview text', async () => {
    const { text } = await renderEmail(sampleCheckin(step));
    expect(text).not.toMatch(/<\/?[a-z!][^>]*>/i);
    expect(text).not.toMatch(/&(amp|lt|gt|quot|#x?[0-9a-f]+);/i);
    expect(text).not.toMatch(/[\u200b-\u200d\ufeff]/); // react-email's preview padding stays out
    expect(text).not.toMatch(/\n{3,}/);
    expect(text).toMatch(/^Mend\n/);
  });

  it('escapes user text in HTML and keeps it literal in text', async () => {
    const evil = '<script>alert(1)</script> & "quotes" \'too\'';
    const base = sampleCheckin(step);
    const message: CheckinEmail = {
      ...base,
      ownerName: `Pri<b>ya</b> & co`,
      leaderName: `Sam <img src=x onerror=alert(1)>`,
      mistake: { title: `Title ${evil}`, description: `Description ${evil}`, impact: `Impact ${evil}` },
      earlier: { ownership: `Ownership ${evil}`, learning: `Learning ${evil}`, plan: `Plan ${evil}` },
    };
    const { subject, html, text } = await renderEmail(message);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ');
    expect(subject).toContain(`Title ${evil}`);
    expect(text).toContain(`Title ${evil}`);
    expect(text).toContain('Hi Pri<b>ya</b> & co,');
    const shown = { own: ['Description', 'Impact'], learn: ['Ownership'], plan: ['Learning'], progress: ['Plan'] }[step];
    for (const label of shown) {
      expect(text).toContain(`${label} ${evil}`);
    }
  });

  it('says plainly when it arrives late, or is the reminder they asked for', async () => {
    const plain = await renderEmail(sampleCheckin(step));
    expect(plain.text).not.toMatch(/later than planned/);
    expect(plain.text).not.toMatch(/reminder you asked for/);
    expect(plain.subject).not.toMatch(/^Reminder/);

    const late = await renderEmail(sampleCheckin(step, { late: true }));
    expect(late.text).toMatch(/reaches you later than planned/);
    expect(late.html).toMatch(/reaches you later than planned/);
    expect(late.text).not.toMatch(/\b(sorry|apolog|fault|finally|overdue|behind)\b/i); // no guilt either way

    const snoozed = await renderEmail(sampleCheckin(step, { snoozed: true }));
    expect(snoozed.text).toMatch(/This is the reminder you asked for\./);
    expect(snoozed.subject).toMatch(/^Reminder: /);
  });

  it('never tells anyone how to feel, nor to contact the people affected', async () => {
    for (const message of variants(step)) {
      const { subject, text } = await renderEmail(message);
      for (const pattern of FORBIDDEN) {
        expect(`${subject}\n${text}`).not.toMatch(pattern);
      }
      expect(text).toContain('Mend never emails the people affected');
    }
  });

  it('leaves the leader out when there is none', async () => {
    const base = sampleCheckin(step);
    const message: CheckinEmail = { ...base, leaderName: null, links: { ...base.links, leaderPreview: undefined } };
    const { html, text } = await renderEmail(message);
    expect(text).not.toContain('See what your leader sees');
    expect(html).not.toContain('See what your leader sees');
    expect(text).not.toContain('Sam Okafor');
  });
});

describe('step-specific copy', () => {
  it('own: asks the three questions, explains the plan, and when the leader sees the statement', async () => {
    const { text } = await renderEmail(sampleCheckin('own'));
    expect(text).toContain('What happened?');
    expect(text).toContain('What did it cost others?');
    expect(text).toContain('What part was yours?');
    expect(text).toContain('In 2 days: what you (and your team) learned.');
    expect(text).toContain('In 4 days: what will change, concretely, and by when.');
    expect(text).toContain('days 7, 14, 30, 60 and 90');
    expect(text).toContain('Sam Okafor sees your ownership statement only once you have written it');
  });

  it('own: describes a custom cadence, not the default one', async () => {
    const { text } = await renderEmail(
      sampleCheckin('own', {
        cadence: [
          { step: 'own', day: 0 },
          { step: 'learn', day: 1 },
          { step: 'plan', day: 3 },
          { step: 'progress', day: 10 },
          { step: 'progress', day: 21 },
        ],
      }),
    );
    expect(text).toContain('In 1 day: what you (and your team) learned.');
    expect(text).toContain('In 3 days: what will change');
    expect(text).toContain('days 10 and 21');
    expect(text).not.toContain('60');
  });

  it('learn and plan show the earlier answer back', async () => {
    const learn = sampleCheckin('learn');
    expect((await renderEmail(learn)).text).toContain(learn.earlier.ownership!.split('\n')[0]);
    const plan = sampleCheckin('plan');
    expect((await renderEmail(plan)).text).toContain(plan.earlier.learning!.split('\n')[0]);
  });

  it('progress: three one-click statuses, a note, the plan back and its position', async () => {
    const message = sampleCheckin('progress');
    const { subject, html, text } = await renderEmail(message);
    const statuses = message.links.statuses!;
    expect(statuses.on_track).toContain('on_track');
    expect(text).toContain(`On track: ${statuses.on_track}`);
    expect(text).toContain(`Blocked: ${statuses.blocked}`);
    expect(text).toContain(`Done: ${statuses.done}`);
    for (const url of Object.values(statuses)) expect(html).toContain(asHref(url));
    expect(text).toContain(`Add a note: ${message.links.answer}`);
    expect(text).toContain('> ' + message.earlier.plan!.split('\n')[0]);
    expect(text).toContain('check-in 2 of 5');
    expect(subject).toContain('check-in 2 of 5');

    const last = await renderEmail(sampleCheckin('progress', { day: 90, progress: { index: 5, count: 5 } }));
    expect(last.text).toContain('This is the last check-in of your plan.');
  });
});

describe('render time', () => {
  it('prints the average ms of a render (HTML and text) per template', async () => {
    const rounds = 20;
    const lines: string[] = [];
    for (const step of STEPS) {
      const message = sampleCheckin(step);
      await renderEmail(message); // warm up
      const started = performance.now();
      for (let i = 0; i < rounds; i++) await renderEmail(message);
      const ms = (performance.now() - started) / rounds;
      lines.push(`${step}: ${ms.toFixed(2)} ms`);
    }
    console.log(`render time, average of ${rounds} (workerd, vitest; React's development build):\n${lines.join('\n')}`);
  });
});
