import { Heading, Text } from 'react-email';
import * as z from 'zod';
import { Button } from './components/Button';
import { plural } from './components/checkin';
import { Layout } from './components/Layout';
import { url } from './components/props';
import { heading, small, text } from './components/styles';

/** Web sign-in: a one-time link to the owner's and leader's pages. */
export const schema = z.object({
  kind: z.literal('web_sign_in'),
  signInUrl: url,
  expiresInMinutes: z.number().int().positive(),
});
export type WebSignInEmail = z.infer<typeof schema>;

export function subject(_email: WebSignInEmail): string {
  return 'Your link to sign in to Mend';
}

/** A one-time sign-in link: no password, the inbox is the proof. */
export default function WebSignIn(email: WebSignInEmail) {
  return (
    <Layout
      preview={`Sign in to Mend. The link works once, for ${plural(email.expiresInMinutes, 'minute', 'minutes')}.`}
      audience="owner"
      reason="You get this email because someone asked to sign in to Mend with this address."
    >
      <Heading as="h1" style={heading}>
        Sign in to Mend
      </Heading>
      <Text style={text}>Here is the link you asked for. It opens a page with a button that signs you in on that device.</Text>
      <Button href={email.signInUrl}>Sign in</Button>
      <Text style={small}>
        The link works once, for {plural(email.expiresInMinutes, 'minute', 'minutes')}. If you did not ask for it, ignore
        this email: nobody can sign in without it.
      </Text>
    </Layout>
  );
}

export const PreviewProps: WebSignInEmail = {
  kind: 'web_sign_in',
  signInUrl: 'https://mend.example/login/q3v9Zr2LmXk7TcYw4bN1sHfAq3v9Zr2L',
  expiresInMinutes: 20,
};
WebSignIn.PreviewProps = PreviewProps;
