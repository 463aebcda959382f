import { Heading, Text } from 'react-email';
import * as z from 'zod';
import { STATUS_LABEL, type ProgressStatus, type Step } from '../src/domain/types';
import { Button } from './components/Button';
import { subjectTitle } from './components/checkin';
import { Layout } from './components/Layout';
import { Quote } from './components/Quote';
import { mistakeTitle, progressStatus, step, url } from './components/props';
import { heading, small, text } from './components/styles';

/** The receipt for an owner's reply to a check-in email: what was recorded from it, and where to edit it. */
export const schema = z.object({
  kind: z.literal('reply_receipt'),
  /** The step of the check-in the reply answered, and its cadence day. */
  step,
  day: z.number().int().min(0),
  ownerName: z.string().nullable(),
  leaderName: z.string().nullable(),
  mistake: mistakeTitle,
  /** A status read from the start of a progress reply. */
  status: progressStatus.optional(),
  /** The words recorded (quoted history and signatures removed); absent when the reply was a status alone. */
  text: z.string().optional(),
  links: z.object({
    /** The answer form of the same check-in. */
    edit: url,
    /** A "done" read from a reply whose sender nobody could authenticate: the one-click page that records it. */
    confirmDone: url.optional(),
  }),
});
export type ReplyReceiptEmail = z.infer<typeof schema>;

const recordedAs: Record<Step, string> = {
  own: 'your ownership statement',
  learn: 'what you learned',
  plan: 'your plan',
  progress: 'your progress update',
};

export function subject(email: ReplyReceiptEmail): string {
  return `Recorded: your reply about “${subjectTitle(email.mistake.title)}”`;
}

function statusConsequence(status: ProgressStatus, leaderName: string | null): string | null {
  if (status === 'blocked' && leaderName) return `${leaderName} hears about it straight away, not at the next digest.`;
  if (status === 'done') return `This ends the check-ins for this plan${leaderName ? ` and sends ${leaderName} a closing report` : ''}.`;
  return null;
}

/** Sent once per reply: the words Mend kept from it, and the form where they can be changed. */
export default function ReplyReceipt(email: ReplyReceiptEmail) {
  const { mistake, status, leaderName, links } = email;
  const consequence = status ? statusConsequence(status, leaderName) : null;
  return (
    <Layout
      preview={`Your reply about “${mistake.title}” is recorded as ${recordedAs[email.step]}.`}
      audience="owner"
      reason={
        <>
          You get this email because you replied to a Mend check-in about “{mistake.title}”. Mend confirms every reply it
          records.
        </>
      }
    >
      <Text style={text}>{email.ownerName ? `Hi ${email.ownerName},` : 'Hi,'}</Text>
      <Heading as="h1" style={heading}>
        Your reply is recorded
      </Heading>
      <Text style={text}>
        Mend recorded your reply to the day {email.day} check-in as {recordedAs[email.step]}.
      </Text>
      {status ? (
        <Text style={text}>
          Status: <strong>{STATUS_LABEL[status]}</strong>
        </Text>
      ) : null}
      {consequence ? <Text style={text}>{consequence}</Text> : null}
      {email.text ? <Quote label="What was recorded" text={email.text} /> : null}
      {links.confirmDone ? (
        <>
          <Text style={text}>
            Your reply starts with “done”. Mend could not confirm that it came from your own mailbox, so it kept your words
            as a note and the plan goes on. If the plan is done, confirm it here:
          </Text>
          <Button href={links.confirmDone}>Confirm: the plan is done</Button>
        </>
      ) : null}
      <Text style={small}>
        Mend keeps what you wrote above the quoted email and leaves out the quote and your signature. If something is
        missing or should read differently, change it here:
      </Text>
      <Button href={links.edit}>Edit your answer</Button>
    </Layout>
  );
}

export const PreviewProps: ReplyReceiptEmail = {
  kind: 'reply_receipt',
  step: 'progress',
  day: 14,
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: { title: 'Sent the March invoices with last year’s VAT rate' },
  status: 'blocked',
  text: 'Finance has not signed off the new sample review step yet.\nI asked for a slot on Thursday.',
  links: { edit: 'https://mend.example/l/q3v9Zr2LmXk7TcYw4bN1sHfA/answer' },
};
ReplyReceipt.PreviewProps = PreviewProps;
