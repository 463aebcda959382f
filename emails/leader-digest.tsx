import { Heading, Hr, Text } from 'react-email';
import * as z from 'zod';
import { Layout } from './components/Layout';
import { STATUS_LABEL } from '../src/domain/types';
import { AckButtons, days, Greeting, LeaderReason, STEP_LABEL } from './components/leader';
import { ackLinks, frequency, leaderMailLinks, progressStatus, step } from './components/props';
import { sampleAckLinks, sampleMailLinks, sampleMistake, sampleWords } from './components/sample';
import { Quote } from './components/Quote';
import { colors, heading, list, listItem, small, subheading, text } from './components/styles';

/** Why a plan is where it is in the digest's order. */
const attention = z.enum(['blocked', 'waiting', 'paused', 'steady']);
export type Attention = z.infer<typeof attention>;

const digestNews = z.object({
  kind: z.enum(['ownership', 'learning', 'plan', 'status', 'note']),
  status: progressStatus.optional(),
  text: z.string().optional(),
  /** "Tuesday 8 January" in the leader's zone. */
  on: z.string(),
});
export type DigestNews = z.infer<typeof digestNews>;

const digestEntry = z.object({
  title: z.string(),
  ownerName: z.string(),
  attention,
  lastStatus: progressStatus.nullable(),
  /** Days since the plan started, and the plan's last cadence day. */
  day: z.number().int().min(0),
  planDays: z.number().int().min(0),
  news: z.array(digestNews),
  /** Check-ins still unanswered; sentOn is "Monday 7 January" (leader's zone). */
  unanswered: z.array(z.object({ step, day: z.number().int().min(0), sentOn: z.string(), daysWaiting: z.number().int().min(0) })),
  /** "Monday 21 January" (leader's zone) for the next check-in, or null when none is left. */
  nextCheckin: z.string().nullable(),
  links: ackLinks,
});
export type DigestEntry = z.infer<typeof digestEntry>;

/** The leader's digest: every open plan that names them, what needs attention first, and what is new. */
export const schema = z.object({
  kind: z.literal('leader_digest'),
  leaderName: z.string().nullable(),
  frequency,
  /** "Monday 14 January" (leader's zone). */
  date: z.string(),
  /** Since when "new" counts: the last digest's date, or null for a first digest. */
  since: z.string().nullable(),
  entries: z.array(digestEntry),
  links: leaderMailLinks,
  preview: z.boolean().optional(),
});
export type LeaderDigestEmail = z.infer<typeof schema>;

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

export const PreviewProps: LeaderDigestEmail = {
  kind: 'leader_digest',
  leaderName: 'Sam Okafor',
  frequency: 'weekly',
  date: 'Monday 21 January',
  since: 'Monday 14 January',
  entries: [
    {
      title: 'Missed the security review for the payments release',
      ownerName: 'Tomás',
      attention: 'blocked',
      lastStatus: 'blocked',
      day: 16,
      planDays: 90,
      news: [
        { kind: 'status', status: 'blocked', on: 'Thursday 17 January' },
        { kind: 'note', text: 'The review board meets monthly; I cannot get the release on its agenda before February.', on: 'Thursday 17 January' },
      ],
      unanswered: [],
      nextCheckin: 'Wednesday 6 February',
      links: sampleAckLinks('B7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L'),
    },
    {
      title: sampleMistake.title,
      ownerName: 'Priya',
      attention: 'waiting',
      lastStatus: null,
      day: 14,
      planDays: 90,
      news: [
        { kind: 'learning', text: sampleWords.learning, on: 'Wednesday 16 January' },
      ],
      unanswered: [{ step: 'plan', day: 4, sentOn: 'Friday 18 January', daysWaiting: 3 }],
      nextCheckin: 'Monday 21 January',
      links: sampleAckLinks(),
    },
    {
      title: 'Double-booked the customer workshop room',
      ownerName: 'Ana',
      attention: 'steady',
      lastStatus: 'on_track',
      day: 35,
      planDays: 90,
      news: [],
      unanswered: [],
      nextCheckin: 'Monday 11 March',
      links: sampleAckLinks('C7kd02nQmZr8TcYw4bN1sHfAq3v9Zr2L'),
    },
  ],
  links: sampleMailLinks,
};
LeaderDigest.PreviewProps = PreviewProps;
