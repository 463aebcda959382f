// Shared inline styles for every Mend email. Inline only: no <Tailwind>, no <style> blocks, so the HTML reads the same in
// every client and no CSS compiler ends up in the Worker.
import type { CSSProperties } from 'react';

export const colors = {
  ink: '#1f2a2e',
  muted: '#5b6b70',
  line: '#dfe5e3',
  page: '#f4f6f5',
  card: '#ffffff',
  accent: '#2f5d62',
  accentSoft: '#eef3f2',
  link: '#2f5d62',
} as const;

export const font =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const text: CSSProperties = {
  color: colors.ink,
  fontSize: '16px',
  lineHeight: '26px',
  margin: '0 0 16px',
};

export const small: CSSProperties = {
  color: colors.muted,
  fontSize: '13px',
  lineHeight: '20px',
  margin: '0 0 8px',
};

export const heading: CSSProperties = {
  color: colors.ink,
  fontSize: '22px',
  lineHeight: '30px',
  fontWeight: 600,
  margin: '0 0 16px',
};

export const subheading: CSSProperties = {
  color: colors.ink,
  fontSize: '16px',
  lineHeight: '24px',
  fontWeight: 600,
  margin: '24px 0 8px',
};

export const link: CSSProperties = {
  color: colors.link,
  textDecoration: 'underline',
};

export const list: CSSProperties = {
  color: colors.ink,
  fontSize: '16px',
  lineHeight: '26px',
  margin: '0 0 16px',
  paddingLeft: '22px',
};

export const listItem: CSSProperties = {
  margin: '0 0 8px',
};
