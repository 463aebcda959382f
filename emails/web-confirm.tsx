import { DEFAULT_CADENCE } from '../src/domain/cadence';
import { Heading, Link, Text } from 'react-email';
import * as z from 'zod';
import { Button } from './components/Button';
import { listDays, plural, subjectTitle } from './components/checkin';
import { Layout } from './components/Layout';
import { cadence, url } from './components/props';
import { heading, link, list, listItem, small, text } from './components/styles';

/** Web sign-up: the owner confirms the address before anything is scheduled or sent to a leader. */
export const schema = z.object({
  kind: z.literal('web_confirm'),
  ownerName: z.string().nullable(),
  leaderName: z.string().nullable(),
  mistakeTitle: z.string(),
  /** The plan's check-ins in order, so the email can say what starts once confirmed. */
  cadence,
  confirmUrl: url,
  /** "This was not me": a page whose button stops all Mend mail to this address. */
  notMeUrl: url,
  expiresInHours: z.number().int().positive(),
});
export type WebConfirmEmail = z.infer<typeof schema>;

export function subject(email: WebConfirmEmail): string {
  return `Confirm your address to start your plan for “${subjectTitle(email.mistakeTitle)}”`;
}

const dayWord = (days: number[]) => (days.length === 1 ? `day ${days[0]}` : `days ${listDays(days)}`);

/** Sent when a mistake is logged on the web: nothing is scheduled, and no leader hears anything, until the owner confirms. */
export default function WebConfirm(email: WebConfirmEmail) {
  const days = (step: string) => email.cadence.filter((c) => c.step === step).map((c) => c.day);
  const steps: { step: string; words: string }[] = [
    { step: 'own', words: 'what happened, and the part that was yours' },
    { step: 'learn', words: 'what you (and your team) learned' },
    { step: 'plan', words: 'what will change, concretely, and by when' },
    { step: 'progress', words: 'how it is going: on track, blocked or done' },
  ];
  return (
    <Layout
      preview="One click to confirm it is you; nothing is sent to anyone until then."
      audience="owner"
      reason={<>You get this email because someone logged “{email.mistakeTitle}” in Mend with this address as the owner.</>}
    >
      <Text style={text}>{email.ownerName ? `Hi ${email.ownerName},` : 'Hi,'}</Text>
      <Heading as="h1" style={heading}>
        Confirm it is you
      </Heading>
      <Text style={text}>
        You logged “{email.mistakeTitle}” in Mend. Before anything is scheduled, or sent to anyone, please confirm that
        this address is yours.
      </Text>
      <Button href={email.confirmUrl}>Confirm and start the plan</Button>
      <Text style={small}>
        The link works once, for {plural(email.expiresInHours, 'hour', 'hours')}. It opens a page with a button; nothing
        happens until you press it.
      </Text>
      <Heading as="h2" style={{ ...heading, fontSize: '17px', lineHeight: '24px', margin: '24px 0 8px' }}>
        Once you confirm
      </Heading>
      <ul style={list}>
        {steps
          .filter((s) => days(s.step).length > 0)
          .map((s) => (
            <li key={s.step} style={listItem}>
              On {dayWord(days(s.step))}: {s.words}.
            </li>
          ))}
      </ul>
      <Text style={text}>
        {email.leaderName
          ? `${email.leaderName} hears nothing until you have written what happened and the part that was yours; then they get that, and a short digest of your answers after it.`
          : 'You named no leader, so your answers go to no one but you.'}
      </Text>
      <Text style={small}>
        Not you? Ignore this email: nothing will be scheduled, and what was logged is erased after a week. Or stop every
        email from Mend to this address:
      </Text>
      <Text style={small}>
        <Link href={email.notMeUrl} style={link}>
          This was not me
        </Link>
      </Text>
    </Layout>
  );
}

export const PreviewProps: WebConfirmEmail = {
  kind: 'web_confirm',
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistakeTitle: 'Sent the March invoices with last year’s VAT rate',
  cadence: [...DEFAULT_CADENCE],
  confirmUrl: 'https://mend.example/confirm/q3v9Zr2LmXk7TcYw4bN1sHfAq3v9Zr2L',
  notMeUrl: 'https://mend.example/confirm/q3v9Zr2LmXk7TcYw4bN1sHfAq3v9Zr2L/not-me',
  expiresInHours: 24,
};
WebConfirm.PreviewProps = PreviewProps;
