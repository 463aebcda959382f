import { Heading, Text } from 'react-email';
import * as z from 'zod';
import { Layout } from './components/Layout';
import { AckButtons, frequencyWords, Greeting, LeaderReason, oneLine } from './components/leader';
import { ackLinks, frequency, leaderMailLinks, mistakeStory, ownerNamed, step } from './components/props';
import { sampleAckLinks, sampleMailLinks, sampleMistake, sampleWords } from './components/sample';
import { Quote } from './components/Quote';
import { heading, list, listItem, subheading, text } from './components/styles';

/** The leader's introduction to a plan, sent once the owner has written their ownership statement. */
export const schema = z.object({
  kind: z.literal('leader_intro'),
  ...ownerNamed,
  mistake: mistakeStory,
  ownership: z.string(),
  /** The check-ins still to come (learning, plan, progress), with their dates ("Wednesday 9 January") in the leader's zone. */
  plan: z.array(z.object({ step, day: z.number().int().min(0), on: z.string() })),
  paused: z.boolean(),
  frequency,
  /** "Monday 14 January, 09:00" (leader's zone): the first moment the next digest can go. */
  nextDigest: z.string(),
  links: ackLinks.extend(leaderMailLinks.shape),
  /** Rendered for the owner's preview: the links go nowhere and the copy says so. */
  preview: z.boolean().optional(),
});
export type LeaderIntroEmail = z.infer<typeof schema>;

export function subject(email: LeaderIntroEmail): string {
  return `${oneLine(email.ownerName, 60)} wants you to know about “${oneLine(email.mistake.title)}”`;
}

const STEP_WORDS = {
  learn: 'what they, and their team, learned',
  plan: 'what will change, concretely, and by when',
  progress: 'how it is going: on track, blocked or done, with a note if they want',
} as const;

/** Sent once the owner has written their ownership statement: the statement, the plan, and when more comes. */
export default function LeaderIntro(email: LeaderIntroEmail) {
  const { mistake, ownerName } = email;
  const upcoming = email.plan.filter((p) => p.step !== 'own');
  return (
    <Layout
      preview={`${ownerName} has written about “${mistake.title}” and is following it through with a plan.`}
      audience="leader"
      reason={<LeaderReason ownerName={ownerName} frequency={email.frequency} links={email.links} />}
    >
      <Greeting name={email.leaderName} />
      <Heading as="h1" style={heading}>
        {ownerName} wants you to know about a mistake
      </Heading>
      <Text style={text}>
        {ownerName} logged “{mistake.title}” in Mend and named you as the person they want to keep informed. Here it
        is in their own words.
      </Text>
      <Quote label="What happened, as they logged it" text={mistake.description} />
      {mistake.impact ? <Quote label="The impact they noted" text={mistake.impact} /> : null}
      <Quote label={`${ownerName}’s ownership statement`} text={email.ownership} />

      <Heading as="h2" style={subheading}>
        What the plan is
      </Heading>
      {upcoming.length > 0 ? (
        <>
          <Text style={text}>Mend checks in with {ownerName} on these dates:</Text>
          <ul style={list}>
            {upcoming.map((p, i) => (
              <li key={i} style={listItem}>
                {p.on} (day {p.day}): {STEP_WORDS[p.step as keyof typeof STEP_WORDS]}.
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text style={text}>The check-ins of this plan have already gone out.</Text>
      )}
      {email.paused ? <Text style={text}>{ownerName} has paused the plan for now; the dates move when it resumes.</Text> : null}

      <Heading as="h2" style={subheading}>
        When you will hear more
      </Heading>
      <Text style={text}>
        You get {frequencyWords(email.frequency)} (your time) when there is something new, starting {email.nextDigest}{' '}
        at the earliest. If {ownerName} marks the plan as blocked, you hear about it at once. When the plan is done, you
        get the whole story in one email.
      </Text>
      <AckButtons links={email.links} ownerName={ownerName} {...(email.preview ? { preview: true } : {})} />
    </Layout>
  );
}

export const PreviewProps: LeaderIntroEmail = {
  kind: 'leader_intro',
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: sampleMistake,
  ownership: sampleWords.ownership,
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
  links: { ...sampleAckLinks(), ...sampleMailLinks },
};
LeaderIntro.PreviewProps = PreviewProps;
