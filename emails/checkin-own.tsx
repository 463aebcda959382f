import { Heading, Text } from 'react-email';
import { Button } from './components/Button';
import {
  CheckinLinks,
  daysOf,
  listDays,
  Opening,
  ownerReason,
  plural,
  ReplyNote,
  subjectPrefix,
  subjectTitle,
} from './components/checkin';
import { Layout } from './components/Layout';
import { Quote } from './components/Quote';
import { sampleCheckin } from './components/sample';
import type { CheckinEmail } from './components/checkin';
import { heading, list, listItem, subheading, text } from './components/styles';

export function subject(email: CheckinEmail): string {
  return `${subjectPrefix(email)}“${subjectTitle(email.mistake.title)}”: what happened, and what was your part?`;
}

/** Day 0: own it. What happened, what it cost others, what part was theirs. */
export default function CheckinOwn(email: CheckinEmail) {
  const { mistake, leaderName } = email;
  const after = (days: number[]) => days.filter((d) => d > email.day);
  const learn = after(daysOf(email, 'learn'));
  const plan = after(daysOf(email, 'plan'));
  const progress = after(daysOf(email, 'progress'));
  const inDays = (d: number) => `In ${plural(d - email.day, 'day', 'days')}`;

  return (
    <Layout
      preview={`Three questions about “${mistake.title}”, in your own words.`}
      audience="owner"
      reason={ownerReason(email)}
    >
      <Opening email={email} />
      <Heading as="h1" style={heading}>
        Owning what happened
      </Heading>
      <Text style={text}>
        You logged “{mistake.title}” in Mend. This first check-in asks you to put it in your own words, as plainly as
        you can.
      </Text>
      <Quote label="What you logged" text={mistake.description} />
      {mistake.impact ? <Quote label="The impact you noted" text={mistake.impact} /> : null}

      <ol style={list}>
        <li style={listItem}>
          <strong>What happened?</strong> The facts, in the order they happened.
        </li>
        <li style={listItem}>
          <strong>What did it cost others?</strong> Their time, their work, their plans, their trust.
        </li>
        <li style={listItem}>
          <strong>What part was yours?</strong> The decisions and actions that were yours, named as yours.
        </li>
      </ol>
      <Button href={email.links.answer}>Write your ownership statement</Button>
      <ReplyNote what="your ownership statement" />

      <Heading as="h2" style={subheading}>
        What happens next
      </Heading>
      <ul style={list}>
        {learn[0] !== undefined ? (
          <li style={listItem}>{inDays(learn[0])}: what you (and your team) learned.</li>
        ) : null}
        {plan[0] !== undefined ? (
          <li style={listItem}>{inDays(plan[0])}: what will change, concretely, and by when.</li>
        ) : null}
        {progress.length > 0 ? (
          <li style={listItem}>
            Then on {progress.length === 1 ? 'day' : 'days'} {listDays(progress)}: how it is going, in one click (on
            track, blocked or done), with a note if you want one.
          </li>
        ) : null}
      </ul>
      <Text style={text}>
        {leaderName
          ? `${leaderName} sees your ownership statement only once you have written it, and your answers after that.`
          : 'No leader is named on this plan, so Mend sends your answers to no one.'}
      </Text>
      <CheckinLinks email={email} />
    </Layout>
  );
}

export const PreviewProps: CheckinEmail = sampleCheckin('own');
CheckinOwn.PreviewProps = PreviewProps;
