import { Heading, Link, Text } from 'react-email';
import * as z from 'zod';
import { Button } from './components/Button';
import { Layout } from './components/Layout';
import { oneLine } from './components/leader';
import { mistakeTitle, url } from './components/props';
import { sampleMistake, sampleOwnerLinks } from './components/sample';
import { heading, link, small, text } from './components/styles';

/** The one reminder for an own, learn or plan check-in left unanswered for two days. */
export const schema = z.object({
  kind: z.literal('owner_reminder'),
  step: z.enum(['own', 'learn', 'plan']),
  day: z.number().int().min(0),
  ownerName: z.string().nullable(),
  leaderName: z.string().nullable(),
  mistake: mistakeTitle,
  /** "Monday 7 January" (owner's zone): when the check-in went out. */
  sentOn: z.string(),
  links: z.object({ answer: url, snooze: url, leaderPreview: url.optional() }),
});
export type OwnerReminderEmail = z.infer<typeof schema>;

const ASK = {
  own: {
    question: 'what happened, and what was your part?',
    asked: 'what happened, what it cost others, and what part was yours',
    button: 'Write your ownership statement',
    what: 'your ownership statement',
  },
  learn: { question: 'what did you learn?', asked: 'what you, and your team, learned', button: 'Write what you learned', what: 'what you learned' },
  plan: { question: 'what will change, and by when?', asked: 'what will change, concretely, and by when', button: 'Write your plan', what: 'your plan' },
} as const;

export function subject(email: OwnerReminderEmail): string {
  return `Reminder: “${oneLine(email.mistake.title)}”: ${ASK[email.step].question}`;
}

/** The one reminder for an own, learn or plan check-in that has gone two days without an answer. */
export default function OwnerReminder(email: OwnerReminderEmail) {
  const ask = ASK[email.step];
  return (
    <Layout
      preview={`The check-in Mend sent on ${email.sentOn} is still open.`}
      audience="owner"
      reason={
        <>
          You get this email because you logged “{email.mistake.title}” in Mend, which checks in with you as you follow
          it through.
        </>
      }
    >
      <Text style={text}>{email.ownerName ? `Hi ${email.ownerName},` : 'Hi,'}</Text>
      <Heading as="h1" style={heading}>
        Still open: {ask.question}
      </Heading>
      <Text style={text}>
        On {email.sentOn} Mend asked you {ask.asked}, about “{email.mistake.title}”. There is no
        answer yet, so here is the link again. This is the only reminder for this check-in.
      </Text>
      {email.step === 'own' && email.leaderName ? (
        <Text style={text}>{email.leaderName} hears nothing about this until you have written it.</Text>
      ) : null}
      <Button href={email.links.answer}>{ask.button}</Button>
      <Text style={small}>You can also reply to the check-in email: your reply is recorded as {ask.what}.</Text>
      <Text style={{ ...small, marginTop: '8px' }}>
        Not the right moment?{' '}
        <Link href={email.links.snooze} style={link}>
          Remind me in 2 days
        </Link>
      </Text>
      {email.links.leaderPreview ? (
        <Text style={small}>
          <Link href={email.links.leaderPreview} style={link}>
            See what your leader sees
          </Link>
        </Text>
      ) : null}
    </Layout>
  );
}

export const PreviewProps: OwnerReminderEmail = {
  kind: 'owner_reminder',
  step: 'learn',
  day: 2,
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: { title: sampleMistake.title },
  sentOn: 'Wednesday 9 January',
  links: sampleOwnerLinks,
};
OwnerReminder.PreviewProps = PreviewProps;
