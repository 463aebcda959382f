import { Heading, Hr, Text } from 'react-email';
import type { Attention, DigestEntry, DigestNews, LeaderDigestEmail } from '../src/mail/leader-messages';
import { Layout } from './components/Layout';
import { AckButtons, days, Greeting, LeaderReason, STATUS_LABEL, STEP_LABEL } from './components/leader';
import { sampleDigest } from './components/leader-sample';
import { Quote } from './components/Quote';
import { colors, heading, list, listItem, small, subheading, text } from './components/styles';

function counts(email: LeaderDigestEmail) {
  const blocked = email.entries.filter((e) => e.attention === 'blocked').length;
  const waiting = email.entries.filter((e) => e.attention === 'waiting').length;
  return { blocked, waiting };
}

export function subject(email: LeaderDigestEmail): string {
  const n = email.entries.length;
  const { blocked } = counts(email);
  return `Your Mend digest for ${email.date}: ${n} ${n === 1 ? 'plan' : 'plans'}${blocked ? `, ${blocked} blocked` : ''}`;
}

const ATTENTION_LABEL: Record<Attention, string> = {
  blocked: 'Blocked',
  waiting: 'Waiting for an answer',
  paused: 'Paused',
  steady: 'Under way',
};

const NEWS_LABEL: Record<DigestNews['kind'], string> = {
  ownership: 'Ownership statement (updated)',
  learning: 'What they learned',
  plan: 'What will change, and by when',
  status: 'Status',
  note: 'Progress note',
};

const tag = (attention: Attention) => ({
  display: 'inline-block',
  fontSize: '12px',
  lineHeight: '18px',
  fontWeight: 600,
  padding: '1px 8px',
  borderRadius: '10px',
  margin: '0 0 8px',
  color: attention === 'blocked' ? '#8a3b12' : colors.accent,
  backgroundColor: attention === 'blocked' ? '#fbeee6' : colors.accentSoft,
});

function News({ item }: { item: DigestNews }) {
  if (item.kind === 'status' && item.status) {
    return (
      <Text style={text}>
        {item.on}: marked <strong>{STATUS_LABEL[item.status].toLowerCase()}</strong>.
      </Text>
    );
  }
  return item.text ? <Quote label={`${NEWS_LABEL[item.kind]}, ${item.on}`} text={item.text} /> : null;
}

function Entry({ entry, preview }: { entry: DigestEntry; preview: boolean }) {
  return (
    <>
      <Hr style={{ borderTop: `1px solid ${colors.line}`, margin: '20px 0' }} />
      <span style={tag(entry.attention)}>{ATTENTION_LABEL[entry.attention]}</span>
      <Heading as="h2" style={{ ...subheading, margin: '0 0 4px' }}>
        {entry.title}
      </Heading>
      <Text style={small}>
        {entry.ownerName} · day {entry.day} of {entry.planDays}
        {entry.lastStatus ? ` · last status: ${STATUS_LABEL[entry.lastStatus].toLowerCase()}` : ''}
        {entry.nextCheckin ? ` · next check-in ${entry.nextCheckin}` : ' · no check-ins left'}
      </Text>
      {entry.news.length > 0 ? (
        entry.news.map((item, i) => <News key={i} item={item} />)
      ) : (
        <Text style={text}>Nothing new since your last digest.</Text>
      )}
      {entry.unanswered.length > 0 ? (
        <>
          <Text style={{ ...text, margin: '0 0 4px' }}>Not answered yet:</Text>
          <ul style={list}>
            {entry.unanswered.map((u, i) => (
              <li key={i} style={listItem}>
                {STEP_LABEL[u.step]} (day {u.day}), sent {u.sentOn}
                {u.daysWaiting > 0 ? `, ${days(u.daysWaiting)} ago` : ''}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <AckButtons links={entry.links} ownerName={entry.ownerName} {...(preview ? { preview: true } : {})} />
    </>
  );
}

/** Every open plan that names the leader, blocked first, then those waiting on an answer, then the rest. */
export default function LeaderDigest(email: LeaderDigestEmail) {
  const { blocked, waiting } = counts(email);
  const n = email.entries.length;
  return (
    <Layout
      preview={`${n} ${n === 1 ? 'plan' : 'plans'}${blocked ? `, ${blocked} blocked` : ''}: what is new${email.since ? ` since ${email.since}` : ''}.`}
      audience="leader"
      reason={<LeaderReason ownerName={null} frequency={email.frequency} links={email.links} many />}
    >
      <Greeting name={email.leaderName} />
      <Heading as="h1" style={heading}>
        {email.frequency === 'weekly' ? 'Your weekly digest' : 'Your daily digest'}
      </Heading>
      <Text style={text}>
        {n === 1 ? 'One plan names you' : `${n} plans name you`}. Here is what is new
        {email.since ? ` since your last digest on ${email.since}` : ''}, in the owners’ own words
        {blocked || waiting
          ? `; ${[blocked ? `${blocked} blocked` : '', waiting ? `${waiting} waiting for an answer` : ''].filter(Boolean).join(' and ')} come first`
          : ''}
        .
      </Text>
      {email.entries.map((entry, i) => (
        <Entry key={i} entry={entry} preview={Boolean(email.preview)} />
      ))}
    </Layout>
  );
}

LeaderDigest.PreviewProps = sampleDigest() satisfies LeaderDigestEmail;
