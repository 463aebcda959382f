import { Heading, Text } from 'react-email';
import { Button } from './components/Button';
import {
  CheckinLinks,
  daysOf,
  listDays,
  Opening,
  ownerReason,
  ReplyNote,
  subjectPrefix,
  subjectTitle,
} from './components/checkin';
import { Layout } from './components/Layout';
import { Quote } from './components/Quote';
import { sampleCheckin } from './components/sample';
import type { CheckinEmail } from './components/checkin';
import { heading, list, listItem, text } from './components/styles';

export function subject(email: CheckinEmail): string {
  return `${subjectPrefix(email)}“${subjectTitle(email.mistake.title)}”: what will change, and by when?`;
}

/** Day 4: the path forward. Shows the learning back. */
export default function CheckinPlan(email: CheckinEmail) {
  const { mistake, earlier, leaderName } = email;
  const progress = daysOf(email, 'progress').filter((d) => d > email.day);

  return (
    <Layout
      preview={`What will change after “${mistake.title}”, concretely, and by when?`}
      audience="owner"
      reason={ownerReason(email)}
    >
      <Opening email={email} />
      <Heading as="h1" style={heading}>
        What will change?
      </Heading>
      {earlier.learning ? (
        <>
          <Text style={text}>Here is what you learned from “{mistake.title}”:</Text>
          <Quote label="What you learned" text={earlier.learning} />
        </>
      ) : (
        <Text style={text}>This check-in is about “{mistake.title}”.</Text>
      )}
      <Text style={text}>Turn it into a plan: what will change, concretely, and by when?</Text>
      <ul style={list}>
        <li style={listItem}>What will you do differently, or change in how the work is done?</li>
        <li style={listItem}>Who does it, if not only you?</li>
        <li style={listItem}>By when: a date that someone can check.</li>
      </ul>
      <Text style={text}>A few specific changes with dates are easier to follow through than a long list.</Text>
      <Button href={email.links.answer}>Write your plan</Button>
      <ReplyNote what="your plan" />
      {progress.length > 0 ? (
        <Text style={text}>
          After this, Mend checks in on {progress.length === 1 ? 'day' : 'days'} {listDays(progress)} to ask how it is
          going: one click for on track, blocked or done.
        </Text>
      ) : null}
      {leaderName ? <Text style={text}>{leaderName} will see your plan, and each update after it.</Text> : null}
      <CheckinLinks email={email} />
    </Layout>
  );
}

export const PreviewProps: CheckinEmail = sampleCheckin('plan');
CheckinPlan.PreviewProps = PreviewProps;
