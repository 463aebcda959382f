// What the domain hands to mail/ for the leader's emails (introduction, digest, alert, closing report) and the
// two owner emails that come from the leader's side of a plan (the reminder and the acknowledgement notice).
// Plain data: dates arrive already written out in the reader's zone, so templates hold no time-zone logic.
import type { ProgressStatus, Step } from './messages';

export type LeaderAck = 'thanks' | 'talk';
export type DigestFrequency = 'weekly' | 'daily';

/** The two one-click acknowledgements for one plan. */
export interface AckLinks {
  thanks: string;
  talk: string;
}

/** Links about the leader's mail as a whole: the digest frequency and stopping it. */
export interface LeaderMailLinks {
  weekly: string;
  daily: string;
  stop: string;
}

/** Who the plan belongs to, as the leader knows them. */
export interface OwnerNamed {
  /** The owner's name, or their address when they gave no name. */
  ownerName: string;
  /** The leader's name, or null (the greeting is then plain). */
  leaderName: string | null;
}

export interface PlanStep {
  step: Step;
  day: number;
  /** "Wednesday 9 January" in the leader's zone. */
  on: string;
}

export interface LeaderIntroEmail extends OwnerNamed {
  kind: 'leader_intro';
  mistake: { title: string; description: string; impact: string | null };
  ownership: string;
  /** The check-ins still to come (learning, plan, progress), with their dates in the leader's zone. */
  plan: PlanStep[];
  paused: boolean;
  frequency: DigestFrequency;
  /** "Monday 14 January, 09:00" (leader's zone): the first moment the next digest can go. */
  nextDigest: string;
  links: AckLinks & LeaderMailLinks;
  /** Rendered for the owner's preview: the links go nowhere and the copy says so. */
  preview?: boolean;
}

/** Why a plan is where it is in the digest's order. */
export type Attention = 'blocked' | 'waiting' | 'paused' | 'steady';

export interface DigestNews {
  kind: 'ownership' | 'learning' | 'plan' | 'status' | 'note';
  status?: ProgressStatus;
  text?: string;
  /** "Tuesday 8 January" in the leader's zone. */
  on: string;
}

export interface DigestUnanswered {
  step: Step;
  day: number;
  /** "Monday 7 January" (leader's zone). */
  sentOn: string;
  daysWaiting: number;
}

export interface DigestEntry {
  title: string;
  ownerName: string;
  attention: Attention;
  lastStatus: ProgressStatus | null;
  /** Days since the plan started, and the plan's last cadence day. */
  day: number;
  planDays: number;
  news: DigestNews[];
  unanswered: DigestUnanswered[];
  /** "Monday 21 January" (leader's zone) for the next check-in, or null when none is left. */
  nextCheckin: string | null;
  links: AckLinks;
}

export interface LeaderDigestEmail {
  kind: 'leader_digest';
  leaderName: string | null;
  frequency: DigestFrequency;
  /** "Monday 14 January" (leader's zone). */
  date: string;
  /** Since when "new" counts: the last digest's date, or null for a first digest. */
  since: string | null;
  entries: DigestEntry[];
  links: LeaderMailLinks;
  preview?: boolean;
}

export interface LeaderAlertEmail extends OwnerNamed {
  kind: 'leader_alert';
  mistake: { title: string };
  day: number;
  /** "Thursday 17 January" (leader's zone). */
  on: string;
  /** The note written with the status, if any. */
  note: string | null;
  /** The plan the owner set, shown for context. */
  plan: string | null;
  frequency: DigestFrequency;
  links: AckLinks & LeaderMailLinks;
}

export interface TimelineEntry {
  day: number;
  step: Step;
  /** What happened to this check-in: its status for progress, "answered", "no answer", "skipped". */
  outcome: 'answered' | 'on_track' | 'blocked' | 'done' | 'no_answer' | 'skipped' | 'cancelled';
  /** "Monday 14 January" (leader's zone) of the answer, or of the send when unanswered. */
  on: string | null;
  notes: string[];
}

export interface LeaderClosingEmail extends OwnerNamed {
  kind: 'leader_closing';
  /** `done`: the owner marked it done; `ended`: the plan's last check-in went out and its time passed. */
  ending: 'done' | 'ended';
  /** "Friday 12 April" (leader's zone). */
  endedOn: string;
  days: number;
  mistake: { title: string; description: string; impact: string | null };
  ownership: string | null;
  learning: string | null;
  plan: string | null;
  timeline: TimelineEntry[];
  frequency: DigestFrequency;
  links: AckLinks & LeaderMailLinks;
  preview?: boolean;
}

/** The one reminder for an own, learn or plan check-in left unanswered for two days. */
export interface OwnerReminderEmail {
  kind: 'owner_reminder';
  step: Exclude<Step, 'progress'>;
  day: number;
  ownerName: string | null;
  leaderName: string | null;
  mistake: { title: string };
  /** "Monday 7 January" (owner's zone): when the check-in went out. */
  sentOn: string;
  links: { answer: string; snooze: string; leaderPreview?: string };
}

/** Tells the owner that their leader acknowledged (a counted "thank you" or "let's talk"). */
export interface OwnerAckNoticeEmail {
  kind: 'owner_ack_notice';
  ack: LeaderAck;
  ownerName: string | null;
  leaderName: string;
  mistake: { title: string };
  /** "Tuesday 15 January" (owner's zone). */
  on: string;
  links: { leaderPreview: string };
}

export type LeaderEmail =
  | LeaderIntroEmail
  | LeaderDigestEmail
  | LeaderAlertEmail
  | LeaderClosingEmail
  | OwnerReminderEmail
  | OwnerAckNoticeEmail;
