// Realistic sample data for the leader's emails and the owner's reminder and ack notice: the preview server
// (`npm run email`) shows them, and tests render them.
import type {
  AckLinks,
  LeaderAlertEmail,
  LeaderClosingEmail,
  LeaderDigestEmail,
  LeaderIntroEmail,
  LeaderMailLinks,
  OwnerAckNoticeEmail,
  OwnerReminderEmail,
} from '../../src/mail/leader-messages';

const origin = 'https://mend.example';
const token = 'L7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L';

const ack = (t = token): AckLinks => ({ thanks: `${origin}/lead/${t}/thanks`, talk: `${origin}/lead/${t}/talk` });
const mail: LeaderMailLinks = {
  weekly: `${origin}/lead/${token}/digest/weekly`,
  daily: `${origin}/lead/${token}/digest/daily`,
  stop: `${origin}/lead/${token}/unsubscribe`,
};

const mistake = {
  title: 'Sent the March invoices with last year’s VAT rate',
  description:
    'I ran the March invoice batch from the old template. It still had the 2025 VAT rate, and I did not check a sample before sending.',
  impact: '42 customers were overcharged. Finance spent two days issuing credit notes and answering calls.',
};

const words = {
  ownership:
    'I sent 212 invoices with the wrong VAT rate. 42 customers paid too much and finance lost two days fixing it.\n\nThe template choice was mine, and so was skipping the sample check because I wanted the batch out before the weekend.',
  learning:
    'Our batch run has no check between "generate" and "send", and the old templates are still selectable.\nI learned that I treat the end of a week as a deadline even when nobody set one.',
  plan: 'By 15 April: archive old invoice templates so they cannot be selected.\nBy 30 April: add a sample review step (5 invoices, checked by a second person) before any batch is sent.',
};

export function sampleIntro(overrides: Partial<LeaderIntroEmail> = {}): LeaderIntroEmail {
  return {
    kind: 'leader_intro',
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake,
    ownership: words.ownership,
    plan: [
      { step: 'learn', day: 2, on: 'Wednesday 9 January' },
      { step: 'plan', day: 4, on: 'Friday 11 January' },
      { step: 'progress', day: 7, on: 'Monday 14 January' },
      { step: 'progress', day: 14, on: 'Monday 21 January' },
      { step: 'progress', day: 30, on: 'Wednesday 6 February' },
    ],
    paused: false,
    frequency: 'weekly',
    nextDigest: 'Monday 14 January, 09:00',
    links: { ...ack(), ...mail },
    ...overrides,
  };
}

export function sampleDigest(overrides: Partial<LeaderDigestEmail> = {}): LeaderDigestEmail {
  return {
    kind: 'leader_digest',
    leaderName: 'Sam Okafor',
    frequency: 'weekly',
    date: 'Monday 21 January',
    since: 'Monday 14 January',
    entries: [
      {
        title: 'Missed the security review for the payments release',
        ownerName: 'Tomás',
        attention: 'blocked',
        lastStatus: 'blocked',
        day: 16,
        planDays: 90,
        news: [
          { kind: 'status', status: 'blocked', on: 'Thursday 17 January' },
          { kind: 'note', text: 'The review board meets monthly; I cannot get the release on its agenda before February.', on: 'Thursday 17 January' },
        ],
        unanswered: [],
        nextCheckin: 'Wednesday 6 February',
        links: ack('B7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L'),
      },
      {
        title: mistake.title,
        ownerName: 'Priya',
        attention: 'waiting',
        lastStatus: null,
        day: 14,
        planDays: 90,
        news: [
          { kind: 'learning', text: words.learning, on: 'Wednesday 16 January' },
        ],
        unanswered: [{ step: 'plan', day: 4, sentOn: 'Friday 18 January', daysWaiting: 3 }],
        nextCheckin: 'Monday 21 January',
        links: ack(),
      },
      {
        title: 'Double-booked the customer workshop room',
        ownerName: 'Ana',
        attention: 'steady',
        lastStatus: 'on_track',
        day: 35,
        planDays: 90,
        news: [],
        unanswered: [],
        nextCheckin: 'Monday 11 March',
        links: ack('C7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L'),
      },
    ],
    links: mail,
    ...overrides,
  };
}

export function sampleAlert(overrides: Partial<LeaderAlertEmail> = {}): LeaderAlertEmail {
  return {
    kind: 'leader_alert',
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake: { title: mistake.title },
    day: 14,
    on: 'Monday 21 January',
    note: 'Finance wants the sample review to sit with them, and they have no one free until March.',
    plan: words.plan,
    frequency: 'weekly',
    links: { ...ack(), ...mail },
    ...overrides,
  };
}

export function sampleClosing(overrides: Partial<LeaderClosingEmail> = {}): LeaderClosingEmail {
  return {
    kind: 'leader_closing',
    ending: 'done',
    endedOn: 'Wednesday 6 February',
    days: 30,
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake,
    ownership: words.ownership,
    learning: words.learning,
    plan: words.plan,
    timeline: [
      { day: 0, step: 'own', outcome: 'answered', on: 'Monday 7 January', notes: [] },
      { day: 2, step: 'learn', outcome: 'answered', on: 'Wednesday 9 January', notes: [] },
      { day: 4, step: 'plan', outcome: 'answered', on: 'Friday 11 January', notes: [] },
      { day: 7, step: 'progress', outcome: 'on_track', on: 'Monday 14 January', notes: ['Old templates archived.'] },
      { day: 14, step: 'progress', outcome: 'blocked', on: 'Monday 21 January', notes: ['No reviewer free in finance until March.'] },
      { day: 30, step: 'progress', outcome: 'done', on: 'Wednesday 6 February', notes: ['Sample review runs from the team instead.'] },
    ],
    frequency: 'weekly',
    links: { ...ack(), ...mail },
    ...overrides,
  };
}

export function sampleReminder(overrides: Partial<OwnerReminderEmail> = {}): OwnerReminderEmail {
  return {
    kind: 'owner_reminder',
    step: 'learn',
    day: 2,
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake: { title: mistake.title },
    sentOn: 'Wednesday 9 January',
    links: {
      answer: `${origin}/l/${token}/answer`,
      snooze: `${origin}/l/${token}/snooze`,
      leaderPreview: `${origin}/l/${token}/preview`,
    },
    ...overrides,
  };
}

export function sampleAckNotice(overrides: Partial<OwnerAckNoticeEmail> = {}): OwnerAckNoticeEmail {
  return {
    kind: 'owner_ack_notice',
    ack: 'talk',
    ownerName: 'Priya',
    leaderName: 'Sam Okafor',
    mistake: { title: mistake.title },
    on: 'Monday 21 January',
    links: { leaderPreview: `${origin}/l/${token}/preview` },
    ...overrides,
  };
}
