import { Heading, Link, Text } from 'react-email';
import { STATUS_LABEL } from '../src/domain/types';
import { Button } from './components/Button';
import { CheckinLinks, daysOf, Opening, ownerReason, ReplyNote, subjectPrefix, subjectTitle } from './components/checkin';
import { Layout } from './components/Layout';
import { Quote } from './components/Quote';
import { sampleCheckin } from './components/sample';
import type { CheckinEmail } from './components/checkin';
import { heading, link, list, listItem, small, text } from './components/styles';

function position(email: CheckinEmail): string | null {
  return email.progress ? `check-in ${email.progress.index} of ${email.progress.count}` : null;
}

export function subject(email: CheckinEmail): string {
  const where = position(email);
  return `${subjectPrefix(email)}“${subjectTitle(email.mistake.title)}”: how is it going?${where ? ` (${where})` : ''}`;
}

/** Days 7, 14, 30, 60, 90: one click for on track, blocked or done, and an optional note. Shows the plan back. */
export default function CheckinProgress(email: CheckinEmail) {
  const { mistake, earlier, leaderName, links } = email;
  const where = position(email);
  const next = daysOf(email, 'progress').find((d) => d > email.day);
  const last = email.progress ? email.progress.index >= email.progress.count : next === undefined;

  return (
    <Layout
      preview={`Where your plan for “${mistake.title}” stands: on track, blocked or done?`}
      audience="owner"
      reason={ownerReason(email)}
    >
      <Text style={small}>
        {where ? `Progress ${where}` : 'Progress check-in'} · day {email.day}
      </Text>
      <Opening email={email} />
      <Heading as="h1" style={heading}>
        How is it going?
      </Heading>
      {earlier.plan ? (
        <>
          <Text style={text}>Here is the plan you set after “{mistake.title}”:</Text>
          <Quote label="Your plan" text={earlier.plan} />
        </>
      ) : (
        <Text style={text}>This check-in is about your plan after “{mistake.title}”.</Text>
      )}
      {earlier.lastStatus ? (
        <Text style={text}>Last time, you said: {STATUS_LABEL[earlier.lastStatus].toLowerCase()}.</Text>
      ) : null}
      {links.statuses ? (
        <>
          <Text style={text}>One click records where things stand today:</Text>
          <div style={{ margin: '0 0 8px' }}>
            <Button href={links.statuses.on_track} variant="secondary">
              On track
            </Button>
            <Button href={links.statuses.blocked} variant="secondary">
              Blocked
            </Button>
            <Button href={links.statuses.done} variant="secondary">
              Done
            </Button>
          </div>
          <ul style={list}>
            <li style={listItem}>
              <strong>On track</strong>: the plan is moving as you set it out.
            </li>
            <li style={listItem}>
              <strong>Blocked</strong>: something is in the way.
              {leaderName ? ` ${leaderName} hears about it straight away, not at the next digest.` : ''}
            </li>
            <li style={listItem}>
              <strong>Done</strong>: the changes are in place. This ends the check-ins
              {leaderName ? ` and sends ${leaderName} a closing report` : ''}.
            </li>
          </ul>
        </>
      ) : null}
      <Text style={text}>
        More to say about what has moved, what is in the way, or what comes next?{' '}
        <Link href={links.answer} style={link}>
          Add a note
        </Link>
      </Text>
      <ReplyNote what="a note" />
      {last ? <Text style={text}>This is the last check-in of your plan.</Text> : null}
      {!last && next !== undefined ? <Text style={text}>The next check-in is on day {next}.</Text> : null}
      <CheckinLinks email={email} />
    </Layout>
  );
}

export const PreviewProps: CheckinEmail = sampleCheckin('progress');
CheckinProgress.PreviewProps = PreviewProps;
