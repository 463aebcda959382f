import { Heading, Text } from 'react-email';
import { Button } from './components/Button';
import { CheckinLinks, daysOf, Opening, ownerReason, plural, ReplyNote, subjectPrefix, subjectTitle } from './components/checkin';
import { Layout } from './components/Layout';
import { Quote } from './components/Quote';
import { sampleCheckin } from './components/sample';
import type { CheckinEmail } from './components/checkin';
import { heading, list, listItem, text } from './components/styles';

export function subject(email: CheckinEmail): string {
  return `${subjectPrefix(email)}“${subjectTitle(email.mistake.title)}”: what did you learn?`;
}

/** Day 2: what did you (and your team) learn? Shows the ownership statement back. */
export default function CheckinLearn(email: CheckinEmail) {
  const { mistake, earlier, leaderName } = email;
  const nextPlan = daysOf(email, 'plan').find((d) => d > email.day);

  return (
    <Layout
      preview={`What did you (and your team) learn from “${mistake.title}”?`}
      audience="owner"
      reason={ownerReason(email)}
    >
      <Opening email={email} />
      <Heading as="h1" style={heading}>
        What did you learn?
      </Heading>
      {earlier.ownership ? (
        <>
          <Text style={text}>Here is what you wrote when you owned “{mistake.title}”:</Text>
          <Quote label="Your ownership statement" text={earlier.ownership} />
        </>
      ) : (
        <Text style={text}>This check-in is about “{mistake.title}”.</Text>
      )}
      <Text style={text}>
        Now: what did you (and your team) learn? A mistake shows something about how the work gets done. Write down
        what this one showed you.
      </Text>
      <ul style={list}>
        <li style={listItem}>What do you understand now that you did not before?</li>
        <li style={listItem}>What made it possible, or hard to catch: a process, a tool, a habit, a deadline?</li>
        <li style={listItem}>If others worked on it with you, what did the team learn?</li>
      </ul>
      <Button href={email.links.answer}>Write what you learned</Button>
      <ReplyNote what="what you learned" />
      {nextPlan !== undefined ? (
        <Text style={text}>
          Next, in {plural(nextPlan - email.day, 'day', 'days')}: what will change, concretely, and by when.
        </Text>
      ) : null}
      {leaderName ? <Text style={text}>{leaderName} will see what you write here.</Text> : null}
      <CheckinLinks email={email} />
    </Layout>
  );
}

export const PreviewProps: CheckinEmail = sampleCheckin('learn');
CheckinLearn.PreviewProps = PreviewProps;
