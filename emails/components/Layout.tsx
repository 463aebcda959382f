import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from 'react-email';
import { colors, font, small } from './styles';

export interface LayoutProps {
  /** The inbox preview line (hidden in the body, skipped in the plain-text part). */
  preview: string;
  /** Who reads this email: the owner's footer also says that Mend never emails the people affected. */
  audience: 'owner' | 'leader';
  /** Why this person gets this email, one or two plain sentences. */
  reason: ReactNode;
  children: ReactNode;
}

const page = { backgroundColor: colors.page, fontFamily: font, margin: 0, padding: '24px 0' };
const container = { maxWidth: '560px', margin: '0 auto', padding: '0 16px' };
const header = { padding: '8px 4px 16px' };
const brand = { color: colors.accent, fontSize: '18px', lineHeight: '24px', fontWeight: 700, letterSpacing: '0.02em', margin: 0 };
const card = {
  backgroundColor: colors.card,
  border: `1px solid ${colors.line}`,
  borderRadius: '8px',
  padding: '28px 28px 12px',
};
const rule = { borderTop: `1px solid ${colors.line}`, margin: '24px 0 16px' };
const footer = { padding: '0 4px' };

/** One calm, readable column: the name, the card with the content, and a footer that says why this email came. */
export function Layout({ preview, audience, reason, children }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={container}>
          <Section style={header}>
            <Text style={brand}>Mend</Text>
          </Section>
          <Section style={card}>{children}</Section>
          <Hr style={rule} />
          <Section style={footer}>
            <Text style={small}>{reason}</Text>
            {audience === 'owner' ? (
              <Text style={small}>
                Mend never emails the people affected by a mistake. It writes only to you and, if you named one, to
                your leader.
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
