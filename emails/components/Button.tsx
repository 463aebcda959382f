import type { ReactNode } from 'react';
import { Button as EmailButton } from 'react-email';
import { colors } from './styles';

export interface ButtonProps {
  href: string;
  children: ReactNode;
  /** `primary` for the one thing the email asks; `secondary` for equal choices shown side by side. */
  variant?: 'primary' | 'secondary';
}

const base = {
  fontSize: '16px',
  fontWeight: 600,
  borderRadius: '6px',
  paddingTop: 12,
  paddingBottom: 12,
  paddingLeft: 20,
  paddingRight: 20,
};

const variants = {
  primary: { ...base, backgroundColor: colors.accent, color: '#ffffff', border: `1px solid ${colors.accent}` },
  secondary: { ...base, backgroundColor: colors.accentSoft, color: colors.accent, border: `1px solid ${colors.accent}` },
};

/**
 * A link styled as a button (react-email's Button, with the Outlook padding hacks). It sits in its own block so that
 * the plain-text part puts each button on its own line as "Label: URL".
 */
export function Button({ href, children, variant = 'primary' }: ButtonProps) {
  return (
    <div style={{ display: 'inline-block', margin: '0 8px 12px 0' }}>
      <EmailButton href={href} style={variants[variant]}>
        {children}
      </EmailButton>
    </div>
  );
}
