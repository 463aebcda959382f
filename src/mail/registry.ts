// Every kind of email Mend sends, keyed by the `kind` its props carry. Each kind is one module in emails/: the
// zod schema of its props (its type is inferred from it), its subject, its template and its PreviewProps.
// Adding a kind of email is a module there and a line here.
import { createElement, type ReactElement } from 'react';
import * as z from 'zod';
import * as checkin from '../../emails/checkin';
import * as leaderAlert from '../../emails/leader-alert';
import * as leaderClosing from '../../emails/leader-closing';
import * as leaderDigest from '../../emails/leader-digest';
import * as leaderIntro from '../../emails/leader-intro';
import * as ownerAckNotice from '../../emails/owner-ack-notice';
import * as ownerReminder from '../../emails/owner-reminder';
import * as replyReceipt from '../../emails/reply-receipt';
import * as webConfirm from '../../emails/web-confirm';
import * as webSignIn from '../../emails/web-sign-in';

interface EmailModule<S extends z.ZodType> {
  schema: S;
  subject: (props: z.infer<S>) => string;
  default: (props: z.infer<S>) => ReactElement;
  PreviewProps: z.infer<S>;
}

export const EMAILS = {
  checkin,
  web_confirm: webConfirm,
  web_sign_in: webSignIn,
  reply_receipt: replyReceipt,
  leader_intro: leaderIntro,
  leader_digest: leaderDigest,
  leader_alert: leaderAlert,
  leader_closing: leaderClosing,
  owner_reminder: ownerReminder,
  owner_ack_notice: ownerAckNotice,
} as const;

export type EmailKind = keyof typeof EMAILS;
/** What the domain hands to mail/: the props of one email, of any kind. */
export type EmailMessage = { [K in EmailKind]: z.infer<(typeof EMAILS)[K]['schema']> }[EmailKind];

/** The props of an email do not match its kind's schema (or name no kind): rendering it would fail every time. */
export class InvalidEmail extends Error {}

function moduleOf(kind: unknown): EmailModule<z.ZodType<EmailMessage>> {
  if (typeof kind !== 'string' || !Object.hasOwn(EMAILS, kind)) throw new InvalidEmail(`there is no kind of email called ${JSON.stringify(kind)}`);
  return EMAILS[kind as EmailKind] as unknown as EmailModule<z.ZodType<EmailMessage>>;
}

/** The message, checked against its kind's schema; throws InvalidEmail with what is wrong. */
export function parseEmail(message: unknown): EmailMessage {
  const kind = (message as { kind?: unknown } | null)?.kind;
  const result = moduleOf(kind).schema.safeParse(message);
  if (!result.success) throw new InvalidEmail(`the ${String(kind)} email does not match its schema: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The subject and the React element of a checked message. */
export function compose(message: EmailMessage): { subject: string; element: ReactElement } {
  const module = moduleOf(message.kind);
  return { subject: module.subject(message), element: createElement(module.default, message) };
}
