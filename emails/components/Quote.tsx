import type { ReactNode } from 'react';
import { colors } from './styles';

export interface QuoteProps {
  /** A short line above the quote, e.g. "What you wrote when you owned it". */
  label: ReactNode;
  /** The person's own words, as they wrote them. Blank lines start paragraphs; single newlines are kept. */
  text: string;
}

const box = {
  margin: '0 0 20px',
  padding: '12px 16px',
  borderLeft: `3px solid ${colors.accent}`,
  backgroundColor: colors.accentSoft,
  color: colors.ink,
};
const labelStyle = { color: colors.muted, fontSize: '13px', lineHeight: '20px', margin: '0 0 8px' };
const paragraph = { fontSize: '15px', lineHeight: '24px', margin: '0 0 8px' };

/** Shows someone's earlier words back to them, unedited (React escapes the text; line breaks are kept). */
export function Quote({ label, text }: QuoteProps) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/);
  return (
    <>
      <p style={labelStyle}>{label}</p>
      <blockquote style={box}>
        {paragraphs.map((p, i) => (
          <p key={i} style={paragraph}>
            {p.split('\n').map((line, j) => (
              <LineWithBreak key={j} first={j === 0}>
                {line}
              </LineWithBreak>
            ))}
          </p>
        ))}
      </blockquote>
    </>
  );
}

function LineWithBreak({ first, children }: { first: boolean; children: ReactNode }) {
  return (
    <>
      {first ? null : <br />}
      {children}
    </>
  );
}
