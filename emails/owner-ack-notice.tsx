import { Heading, Link, Text } from 'react-email';
import * as z from 'zod';
import { Layout } from './components/Layout';
import { oneLine } from './components/leader';
import { mistakeTitle, url } from './components/props';
import { sampleMistake, sampleOwnerLinks } from './components/sample';
import { link, small, text, heading } from './components/styles';

/** Tells the owner that their leader acknowledged (a counted "thank you" or "let's talk"). */
export const schema = z.object({
  kind: z.literal('owner_ack_notice'),
  ack: z.enum(['thanks', 'talk']),
  ownerName: z.string().nullable(),
  leaderName: z.string(),
  mistake: mistakeTitle,
  /** "Tuesday 15 January" (owner's zone). */
  on: z.string(),
  links: z.object({ leaderPreview: url }),
});
export type OwnerAckNoticeEmail = z.infer<typeof schema>;

export function subject(email: OwnerAckNoticeEmail): string {
  const title = oneLine(email.mistake.title);
  const leader = oneLine(email.leaderName, 60);
  return email.ack === 'thanks' ? `${leader}: “Thank you for telling me” (“${title}”)` : `${leader} would like to talk about “${title}”`;
}

/** The owner hears when their leader acknowledged: the words the leader chose, nothing added. */
export default function OwnerAckNotice(email: OwnerAckNoticeEmail) {
  const { leaderName, mistake } = email;
  return (
    <Layout
      preview={email.ack === 'thanks' ? `${leaderName} read what you shared.` : `${leaderName} asked for a conversation.`}
      audience="owner"
      reason={<>You get this email because you named {leaderName} as your leader on “{mistake.title}” in Mend.</>}
    >
      <Text style={text}>{email.ownerName ? `Hi ${email.ownerName},` : 'Hi,'}</Text>
      {email.ack === 'thanks' ? (
        <>
          <Heading as="h1" style={heading}>
            {leaderName}: “Thank you for telling me”
          </Heading>
          <Text style={text}>
            On {email.on}, {leaderName} read what you shared about “{mistake.title}” and chose “Thank you for telling me”.
          </Text>
        </>
      ) : (
        <>
          <Heading as="h1" style={heading}>
            {leaderName} would like to talk
          </Heading>
          <Text style={text}>
            On {email.on}, {leaderName} read what you shared about “{mistake.title}” and chose “Let’s talk”. Mend does not
            arrange the conversation; you and {leaderName} can find a time that suits you both.
          </Text>
        </>
      )}
      <Text style={small}>
        <Link href={email.links.leaderPreview} style={link}>
          See what your leader sees
        </Link>
      </Text>
    </Layout>
  );
}

export const PreviewProps: OwnerAckNoticeEmail = {
  kind: 'owner_ack_notice',
  ack: 'talk',
  ownerName: 'Priya',
  leaderName: 'Sam Okafor',
  mistake: { title: sampleMistake.title },
  on: 'Monday 21 January',
  links: { leaderPreview: sampleOwnerLinks.leaderPreview },
};
OwnerAckNotice.PreviewProps = PreviewProps;
