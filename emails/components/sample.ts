// Realistic sample data for the preview server (`npm run email`) and for tests: one mistake followed through its plan.
import type { CheckinEmail, Step } from '../../src/mail/messages';

const origin = 'https://mend.example';
const token = 'q3v9Zr2LmXk7TcYw4bN1sHfA';

export function sampleCheckin(step: Step, overrides: Partial<CheckinEmail> = {}): CheckinEmail {
  const day = { own: 0, learn: 2, plan: 4, progress: 14 }[step];
  return {
    kind: 'checkin',
    step,
    day,
    late: false,
    snoozed: false,
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake: {
      title: 'Sent the March invoices with last year’s VAT rate',
      description:
        'I ran the March invoice batch from the old template. It still had the 2025 VAT rate, and I did not check a sample before sending.',
      impact: '42 customers were overcharged. Finance spent two days issuing credit notes and answering calls.',
    },
    earlier: earlierFor(step),
    ...(step === 'progress' ? { progress: { index: 2, count: 5 } } : {}),
    links: {
      answer: `${origin}/a/${token}`,
      snooze: `${origin}/s/${token}`,
      leaderPreview: `${origin}/preview/${token}`,
      ...(step === 'progress'
        ? {
            statuses: {
              on_track: `${origin}/c/${token}/on_track`,
              blocked: `${origin}/c/${token}/blocked`,
              done: `${origin}/c/${token}/done`,
            },
          }
        : {}),
    },
    ...overrides,
  };
}

const words = {
  ownership:
    'I sent 212 invoices with the wrong VAT rate. 42 customers paid too much and finance lost two days fixing it.\n\nThe template choice was mine, and so was skipping the sample check because I wanted the batch out before the weekend.',
  learning:
    'Our batch run has no check between "generate" and "send", and the old templates are still selectable.\nI learned that I treat the end of a week as a deadline even when nobody set one.',
  plan: 'By 15 April: archive old invoice templates so they cannot be selected.\nBy 30 April: add a sample review step (5 invoices, checked by a second person) before any batch is sent.\nEvery batch from now: I check the rates table against the finance calendar first.',
};

/** What the owner has written by the time each step is sent. */
function earlierFor(step: Step): CheckinEmail['earlier'] {
  switch (step) {
    case 'own':
      return {};
    case 'learn':
      return { ownership: words.ownership };
    case 'plan':
      return { ownership: words.ownership, learning: words.learning };
    case 'progress':
      return { ...words, lastStatus: 'on_track' };
  }
}
