// What the domain is given by an entry point: storage, a way to send, a way to mint links, and settings.
// The clock is not here: every domain function takes `now` from its caller.
import type { TokenMinter } from '../links/tokens';
import type { EmailMessage } from '../mail/registry';
import type { RenderedEmail } from '../mail/render';
import type { MailQueue } from '../mail/send-queue-message';
import type { Transport } from '../mail/transport';
import type { Store } from '../store';

export interface Settings {
  appUrl: string;
  mailFrom: string;
  mailDomain: string;
  clickSettleMs: number;
}

export type Log = (event: string, fields?: Record<string, unknown>) => void;

export interface Deps {
  store: Store;
  transport: Transport | null;
  /** Why nothing can be sent now, when transport is null. */
  transportProblem: string | null;
  /** The send queue, when mail goes through Resend: deliver() hands emails to it instead of sending inline. */
  sendQueue?: MailQueue | null;
  tokens: TokenMinter;
  /** An email's props checked against its kind's schema (src/mail/registry.ts); throws InvalidEmail. */
  parseEmail: (message: unknown) => EmailMessage;
  /** Checks and renders an email (src/mail/render.ts). */
  render: (message: EmailMessage) => Promise<RenderedEmail>;
  settings: Settings;
  log: Log;
}
