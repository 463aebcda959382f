import { Heading, Text } from 'react-email';
import * as z from 'zod';
import { Layout } from './components/Layout';
import { AckButtons, Greeting, LeaderReason, oneLine, STEP_LABEL } from './components/leader';
import { ackLinks, frequency, leaderMailLinks, mistakeStory, ownerNamed, step } from './components/props';
import { sampleAckLinks, sampleMailLinks, sampleMistake, sampleWords } from './components/sample';
import { Quote } from './components/Quote';
import { heading, list, listItem, subheading, text } from './components/styles';

const timelineEntry = z.object({
  day: z.number().int().min(0),
  step,
  /** What happened to this check-in: its status for progress, "answered", "no answer", "skipped". */
  outcome: z.enum(['answered', 'on_track', 'blocked', 'done', 'no_answer', 'skipped', 'cancelled']),
  /** "Monday 14 January" (leader's zone) of the answer, or of the send when unanswered. */
  on: z.string().nullable(),
  notes: z.array(z.string()),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

/** The closing report: the whole story, once, when the owner marks the plan done or the plan ends. */
export const schema = z.object({
  kind: z.literal('leader_closing'),
  ...ownerNamed,
  /** `done`: the owner marked it done; `ended`: the plan's last check-in went out and its time passed. */
  ending: z.enum(['done', 'ended']),
  /** "Friday 12 April" (leader's zone). */
  endedOn: z.string(),
  days: z.number().int().min(0),
  mistake: mistakeStory,
  ownership: z.string().nullable(),
  learning: z.string().nullable(),
  plan: z.string().nullable(),
  timeline: z.array(timelineEntry),
  frequency,
  links: ackLinks.extend(leaderMailLinks.shape),
  preview: z.boolean().optional(),
});
export type LeaderClosingEmail = z.infer<typeof schema>;

export function subject(email: LeaderClosingEmail): string {
  const how = email.ending === 'done' ? 'is done' : 'has come to its end';
  return `The plan for “${oneLine(email.mistake.title)}” ${how}: the whole story`;
}

const OUTCOME: Record<TimelineEntry['outcome'], string> = {
  answered: 'answered',
  on_track: 'on track',
  blocked: 'blocked',
  done: 'done',
  no_answer: 'no answer',
  skipped: 'skipped (a later check-in came first)',
  cancelled: 'not sent (the plan ended first)',
};

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  return (
    <li style={listItem}>
      Day {entry.day}, {STEP_LABEL[entry.step].toLowerCase()}: {OUTCOME[entry.outcome]}
      {entry.on ? ` (${entry.on})` : ''}.
      {entry.notes.map((note, i) => (
        <Quote key={i} label="Note" text={note} />
      ))}
    </li>
  );
}

/** The whole story in one email: what happened, the ownership statement, the learning, the plan, the progress. */
export default function LeaderClosing(email: LeaderClosingEmail) {
  const { ownerName, mistake } = email;
  return (
    <Layout
      preview={`From what happened to where it ended: ${email.days} days of follow-through on “${mistake.title}”.`}
      audience="leader"
      reason={<LeaderReason ownerName={ownerName} frequency={email.frequency} links={email.links} />}
    >
      <Greeting name={email.leaderName} />
      <Heading as="h1" style={heading}>
        {email.ending === 'done' ? `${ownerName} marked the plan done` : 'The plan has come to its end'}
      </Heading>
      <Text style={text}>
        {email.ending === 'done'
          ? `On ${email.endedOn}, day ${email.days}, ${ownerName} marked the plan for “${mistake.title}” done: the changes are in place and the check-ins have stopped.`
          : `The last check-in of the plan for “${mistake.title}” went out and its time has passed (${email.endedOn}, day ${email.days}). Mend sends no more about it.`}{' '}
        Here is the whole story, in {ownerName}’s own words.
      </Text>

      <Heading as="h2" style={subheading}>
        What happened
      </Heading>
      <Quote label="As they logged it" text={mistake.description} />
      {mistake.impact ? <Quote label="The impact they noted" text={mistake.impact} /> : null}

      <Heading as="h2" style={subheading}>
        Ownership
      </Heading>
      {email.ownership ? <Quote label="Their ownership statement" text={email.ownership} /> : <Text style={text}>Not written.</Text>}

      <Heading as="h2" style={subheading}>
        What they learned
      </Heading>
      {email.learning ? <Quote label="In their words" text={email.learning} /> : <Text style={text}>Not written.</Text>}

      <Heading as="h2" style={subheading}>
        The path forward
      </Heading>
      {email.plan ? <Quote label="What would change, and by when" text={email.plan} /> : <Text style={text}>Not written.</Text>}

      <Heading as="h2" style={subheading}>
        Progress, check-in by check-in
      </Heading>
      {email.timeline.length > 0 ? (
        <ul style={list}>
          {email.timeline.map((entry, i) => (
            <TimelineItem key={i} entry={entry} />
          ))}
        </ul>
      ) : (
        <Text style={text}>No check-ins went out.</Text>
      )}
      <AckButtons links={email.links} ownerName={ownerName} {...(email.preview ? { preview: true } : {})} />
    </Layout>
  );
}

export const PreviewProps: LeaderClosingEmail = {
  kind: 'leader_closing',
  ending: 'done',
  endedOn: 'Wednesday 6 February',
  days: 30,
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: sampleMistake,
  ownership: sampleWords.ownership,
  learning: sampleWords.learning,
  plan: sampleWords.plan,
  timeline: [
    { day: 0, step: 'own', outcome: 'answered', on: 'Monday 7 January', notes: [] },
    { day: 2, step: 'learn', outcome: 'answered', on: 'Wednesday 9 January', notes: [] },
    { day: 4, step: 'plan', outcome: 'answered', on: 'Friday 11 January', notes: [] },
    { day: 7, step: 'progress', outcome: 'on_track', on: 'Monday 14 January', notes: ['Old templates archived.'] },
    { day: 14, step: 'progress', outcome: 'blocked', on: 'Monday 21 January', notes: ['No reviewer free in finance until March.'] },
    { day: 30, step: 'progress', outcome: 'done', on: 'Wednesday 6 February', notes: ['Sample review runs from the team instead.'] },
  ],
  frequency: 'weekly',
  links: { ...sampleAckLinks(), ...sampleMailLinks },
};
LeaderClosing.PreviewProps = PreviewProps;
