// What the domain hands to mail/: plain data for each kind of email. Templates in emails/ turn these into
// HTML and text; nothing here knows about React or a transport.

import type { LeaderEmail } from './leader-messages';

export type Step = 'own' | 'learn' | 'plan' | 'progress';
export type ProgressStatus = 'on_track' | 'blocked' | 'done';

export interface CheckinLinks {
  /** The answer form (textarea): ownership, learning, plan, or a progress note. */
  answer: string;
  /** "Remind me in 2 days". */
  snooze: string;
  /** The owner's preview of what their leader sees (only when there is a leader). */
  leaderPreview?: string;
  /** Progress only: one-click status pages; each URL contains the status name. */
  statuses?: Record<ProgressStatus, string>;
}

export interface CheckinEmail {
  kind: 'checkin';
  step: Step;
  /** Days since the plan started (the cadence day of this check-in). */
  day: number;
  /** More than a day after its due time (after a pause or an outage): the copy says so plainly. */
  late: boolean;
  /** Sent again after the owner asked to be reminded in 2 days. */
  snoozed: boolean;
  ownerName: string | null;
  leaderName: string | null;
  mistake: { title: string; description: string; impact: string | null };
  /** What the owner has already written, shown back for context (latest of each kind). */
  earlier: { ownership?: string; learning?: string; plan?: string; lastStatus?: ProgressStatus };
  /** Progress check-ins: this one's position among progress check-ins, e.g. 2 of 5. */
  progress?: { index: number; count: number };
  /**
   * The plan's check-ins in order (step and cadence day), so the copy can describe what comes next. When absent the
   * templates describe the default plan (own 0, learn 2, plan 4, progress 7/14/30/60/90); pass it for a custom cadence.
   */
  cadence?: { step: Step; day: number }[];
  links: CheckinLinks;
}

/** The receipt for an owner's reply to a check-in email: what was recorded from it, and where to edit it. */
export interface ReplyReceiptEmail {
  kind: 'reply_receipt';
  /** The step of the check-in the reply answered, and its cadence day. */
  step: Step;
  day: number;
  ownerName: string | null;
  leaderName: string | null;
  mistake: { title: string };
  /** A status read from the start of a progress reply. */
  status?: ProgressStatus;
  /** The words recorded (quoted history and signatures removed); absent when the reply was a status alone. */
  text?: string;
  links: {
    /** The answer form of the same check-in. */
    edit: string;
    /** A "done" read from a reply whose sender nobody could authenticate: the one-click page that records it. */
    confirmDone?: string;
  };
}

/** Web sign-up: the owner confirms the address before anything is scheduled or sent to a leader. */
export interface WebConfirmEmail {
  kind: 'web_confirm';
  ownerName: string | null;
  leaderName: string | null;
  mistakeTitle: string;
  /** The plan's check-ins in order, so the email can say what starts once confirmed. */
  cadence: { step: Step; day: number }[];
  confirmUrl: string;
  expiresInHours: number;
}

/** Web sign-in: a one-time link to the owner's and leader's pages. */
export interface WebSignInEmail {
  kind: 'web_sign_in';
  signInUrl: string;
  expiresInMinutes: number;
}

export type EmailMessage = CheckinEmail | WebConfirmEmail | WebSignInEmail | ReplyReceiptEmail | LeaderEmail;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
