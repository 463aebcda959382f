import { Heading, Text } from 'react-email';
import * as z from 'zod';
import { Layout } from './components/Layout';
import { AckButtons, Greeting, LeaderReason, oneLine } from './components/leader';
import { ackLinks, frequency, leaderMailLinks, mistakeTitle, ownerNamed } from './components/props';
import { sampleAckLinks, sampleMailLinks, sampleMistake, sampleWords } from './components/sample';
import { Quote } from './components/Quote';
import { heading, text } from './components/styles';

/** A counted `blocked` status, told to the leader at the next scheduled run. */
export const schema = z.object({
  kind: z.literal('leader_alert'),
  ...ownerNamed,
  mistake: mistakeTitle,
  day: z.number().int().min(0),
  /** "Thursday 17 January" (leader's zone). */
  on: z.string(),
  /** The note written with the status, if any. */
  note: z.string().nullable(),
  /** The plan the owner set, shown for context. */
  plan: z.string().nullable(),
  frequency,
  links: ackLinks.extend(leaderMailLinks.shape),
});
export type LeaderAlertEmail = z.infer<typeof schema>;

export function subject(email: LeaderAlertEmail): string {
  return `${oneLine(email.ownerName, 60)} marked the plan for “${oneLine(email.mistake.title)}” as blocked`;
}

/** A counted `blocked` status, sent at the next scheduled run: what was said, plainly, and a way to talk. */
export default function LeaderAlert(email: LeaderAlertEmail) {
  const { ownerName, mistake } = email;
  return (
    <Layout
      preview={`Something is in the way of the plan for “${mistake.title}”.`}
      audience="leader"
      reason={<LeaderReason ownerName={ownerName} frequency={email.frequency} links={email.links} />}
    >
      <Greeting name={email.leaderName} />
      <Heading as="h1" style={heading}>
        The plan for “{mistake.title}” is blocked
      </Heading>
      <Text style={text}>
        On {email.on}, day {email.day} of the plan, {ownerName} marked it as blocked: something is in the way of the
        changes they set out. Mend tells you now rather than at the next digest, so that a conversation can happen
        while it helps.
      </Text>
      {email.note ? <Quote label={`What ${ownerName} wrote`} text={email.note} /> : <Text style={text}>They added no note.</Text>}
      {email.plan ? <Quote label="The plan they set" text={email.plan} /> : null}
      <Text style={text}>
        If you would like to talk it through with {ownerName}, “Let’s talk” lets them know. “Thank you for telling me”
        lets them know you have read it.
      </Text>
      <AckButtons links={email.links} ownerName={ownerName} />
    </Layout>
  );
}

export const PreviewProps: LeaderAlertEmail = {
  kind: 'leader_alert',
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: { title: sampleMistake.title },
  day: 14,
  on: 'Monday 21 January',
  note: 'Finance wants the sample review to sit with them, and they have no one free until March.',
  plan: sampleWords.plan,
  frequency: 'weekly',
  links: { ...sampleAckLinks(), ...sampleMailLinks },
};
LeaderAlert.PreviewProps = PreviewProps;
