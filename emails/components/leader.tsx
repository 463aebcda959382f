// Pieces the leader's emails share: the greeting, the two acknowledgement buttons, the footer that says why the
// email came with the digest-frequency and stop links, and the words for steps and statuses. Named exports only: the
// preview server lists every file in emails/ with a default export as an email.
//
// The leader reads what the owner chose to share. Nothing here asks them to judge it or tells them how to feel.
import { Link, Text } from 'react-email';
import type { Step } from '../../src/domain/types';
import type { AckLinks, DigestFrequency, LeaderMailLinks } from './props';
import { Button } from './Button';
import { link, small, text } from './styles';

/** What each check-in asks the owner, as the leader reads it. */
export const STEP_LABEL: Record<Step, string> = {
  own: 'Ownership statement',
  learn: 'What they learned',
  plan: 'What will change, and by when',
  progress: 'Progress check-in',
};

export function Greeting({ name }: { name: string | null }) {
  return <Text style={text}>{name ? `Hi ${name},` : 'Hi,'}</Text>;
}

/** "Thank you for telling me" and "Let's talk": each records that choice once it is clicked. */
export function AckButtons({ links, ownerName, preview }: { links: AckLinks; ownerName: string; preview?: boolean }) {
  return (
    <>
      <div style={{ margin: '0 0 4px' }}>
        <Button href={links.thanks} variant="secondary">
          Thank you for telling me
        </Button>
        <Button href={links.talk} variant="secondary">
          Let’s talk
        </Button>
      </div>
      <Text style={small}>
        {preview
          ? 'In this preview the buttons go nowhere.'
          : `One click lets ${ownerName} know. Nothing else is asked of you.`}
      </Text>
    </>
  );
}

export function frequencyWords(frequency: DigestFrequency): string {
  return frequency === 'weekly' ? 'a weekly digest on Mondays at 09:00' : 'a digest every weekday at 09:00';
}

/** The footer's reason line, with the frequency switch and the stop link. */
export function LeaderReason({
  ownerName,
  frequency,
  links,
  many,
}: {
  ownerName: string | null;
  frequency: DigestFrequency;
  links: LeaderMailLinks;
  /** A digest covers every plan that names the leader, possibly from several people. */
  many?: boolean;
}) {
  const other: DigestFrequency = frequency === 'weekly' ? 'daily' : 'weekly';
  return (
    <>
      {many
        ? 'You get this email because people named you as their leader when they logged a mistake in Mend.'
        : `You get this email because ${ownerName} named you as their leader when they logged this mistake in Mend.`}{' '}
      Mend sends you {frequencyWords(frequency)} (your time) when something is new, and a message straight away if a plan
      is blocked.{' '}
      <Link href={other === 'daily' ? links.daily : links.weekly} style={link}>
        {other === 'daily' ? 'Switch to daily digests' : 'Switch to weekly digests'}
      </Link>
      {' · '}
      <Link href={links.stop} style={link}>
        Stop these emails
      </Link>
    </>
  );
}

/** One line for subjects: titles may hold any characters, but a header must not hold line breaks. */
export function oneLine(value: string, max = 80): string {
  const flat = value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}
