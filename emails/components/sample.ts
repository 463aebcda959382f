// Realistic sample data: one mistake followed through its plan. The check-in modules' PreviewProps (shown by
// `npm run email`, rendered by tests) are built from it.
import { DEFAULT_CADENCE } from '../../src/domain/cadence';
import type { Step } from '../../src/domain/types';
import type { CheckinEmail } from './checkin';
import type { AckLinks, LeaderMailLinks } from './props';

export const origin = 'https://mend.example';
const token = 'q3v9Zr2LmXk7TcYw4bN1sHfA';
const leaderToken = 'L7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L';

export const sampleMistake = {
  title: 'Sent the March invoices with last year’s VAT rate',
  description:
    'I ran the March invoice batch from the old template. It still had the 2025 VAT rate, and I did not check a sample before sending.',
  impact: '42 customers were overcharged. Finance spent two days issuing credit notes and answering calls.',
};

/** A leader's two acknowledgement links for one plan. */
export const sampleAckLinks = (t = leaderToken): AckLinks => ({ thanks: `${origin}/lead/${t}/thanks`, talk: `${origin}/lead/${t}/talk` });
export const sampleMailLinks: LeaderMailLinks = {
  weekly: `${origin}/lead/${leaderToken}/digest/weekly`,
  daily: `${origin}/lead/${leaderToken}/digest/daily`,
  stop: `${origin}/lead/${leaderToken}/unsubscribe`,
};
/** The owner's links of one check-in (reminders and ack notices use them too). */
export const sampleOwnerLinks = {
  answer: `${origin}/l/${token}/answer`,
  snooze: `${origin}/l/${token}/snooze`,
  leaderPreview: `${origin}/l/${token}/preview`,
};

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
    mistake: sampleMistake,
    earlier: earlierFor(step),
    ...(step === 'progress' ? { progress: { index: 2, count: 5 } } : {}),
    cadence: [...DEFAULT_CADENCE],
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

export const sampleWords = {
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
      return { ownership: sampleWords.ownership };
    case 'plan':
      return { ownership: sampleWords.ownership, learning: sampleWords.learning };
    case 'progress':
      return { ...sampleWords, lastStatus: 'on_track' };
  }
}
