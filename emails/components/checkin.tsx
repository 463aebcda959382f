// Pieces every check-in email shares: the opening (greeting, late or snoozed), the footer links (snooze, leader
// preview), the plan's cadence in words, and the subject line. Named exports only: the preview server lists every file
// in emails/ with a default export as an email.
import type { ReactNode } from 'react';
import { Link, Text } from 'react-email';
import * as z from 'zod';
import type { Step } from '../../src/domain/types';
import { cadence, mistakeStory, progressStatus, step, url } from './props';
import { link, small, text } from './styles';

/** The props of every check-in email (emails/checkin.tsx picks the template by step). */
export const checkinSchema = z.object({
  kind: z.literal('checkin'),
  step,
  /** Days since the plan started (the cadence day of this check-in). */
  day: z.number().int().min(0),
  /** More than a day after its due time (after a pause or an outage): the copy says so plainly. */
  late: z.boolean(),
  /** Sent again after the owner asked to be reminded in 2 days. */
  snoozed: z.boolean(),
  ownerName: z.string().nullable(),
  leaderName: z.string().nullable(),
  mistake: mistakeStory,
  /** What the owner has already written, shown back for context (latest of each kind). */
  earlier: z.object({
    ownership: z.string().optional(),
    learning: z.string().optional(),
    plan: z.string().optional(),
    lastStatus: progressStatus.optional(),
  }),
  /** Progress check-ins: this one's position among progress check-ins, e.g. 2 of 5. */
  progress: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
  /** The plan's own check-ins, so the copy describes what comes next in this plan, never a default one. */
  cadence,
  links: z.object({
    /** The answer form (textarea): ownership, learning, plan, or a progress note. */
    answer: url,
    /** "Remind me in 2 days". */
    snooze: url,
    /** The owner's preview of what their leader sees (only when there is a leader). */
    leaderPreview: url.optional(),
    /** Progress only: one-click status pages; each URL contains the status name. */
    statuses: z.object({ on_track: url, blocked: url, done: url }).optional(),
  }),
});
export type CheckinEmail = z.infer<typeof checkinSchema>;

export function daysOf(email: CheckinEmail, step: Step): number[] {
  return email.cadence.filter((c) => c.step === step).map((c) => c.day);
}

/** "7", "7 and 14", "7, 14, 30, 60 and 90". */
export function listDays(days: number[]): string {
  if (days.length <= 1) return days.join('');
  return `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line for subjects: titles may hold any characters, but a header must not hold line breaks. */
export function subjectTitle(title: string): string {
  const flat = title.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79).trimEnd()}…` : flat;
}

/** "Reminder: " when the owner asked to be reminded, so the two emails are told apart in the inbox. */
export function subjectPrefix(email: CheckinEmail): string {
  return email.snoozed ? 'Reminder: ' : '';
}

export function ownerReason(email: CheckinEmail): ReactNode {
  return (
    <>
      You get this email because you logged “{email.mistake.title}” in Mend, which checks in with you as you follow it
      through.
    </>
  );
}

/** Greeting, then a plain word about timing when this is a reminder or arrives late. */
export function Opening({ email }: { email: CheckinEmail }) {
  return (
    <>
      <Text style={text}>{email.ownerName ? `Hi ${email.ownerName},` : 'Hi,'}</Text>
      {email.snoozed ? <Text style={text}>This is the reminder you asked for.</Text> : null}
      {email.late ? (
        <Text style={text}>
          This check-in reaches you later than planned, after a pause or a delay on Mend’s side. Answer as things stand
          today.
        </Text>
      ) : null}
    </>
  );
}

/** "Remind me in 2 days" and, when there is a leader, the preview of what they see. */
export function CheckinLinks({ email }: { email: CheckinEmail }) {
  const { links } = email;
  return (
    <>
      <Text style={{ ...small, marginTop: '8px' }}>
        Not the right moment?{' '}
        <Link href={links.snooze} style={link}>
          Remind me in 2 days
        </Link>
      </Text>
      {links.leaderPreview ? (
        <Text style={small}>
          <Link href={links.leaderPreview} style={link}>
            See what your leader sees
          </Link>
        </Text>
      ) : null}
    </>
  );
}

/** "You can also reply": the reply is recorded as the answer. */
export function ReplyNote({ what }: { what: string }) {
  return <Text style={small}>You can also reply to this email: your reply is recorded as {what}.</Text>;
}
