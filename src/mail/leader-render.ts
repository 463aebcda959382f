// Template and subject for each of the leader-side kinds of email (see ./leader-messages.ts); render.ts hands
// these kinds here and renders the element the same way as every other email.
import { createElement, type ReactElement } from 'react';
import LeaderAlert, { subject as alertSubject } from '../../emails/leader-alert';
import LeaderClosing, { subject as closingSubject } from '../../emails/leader-closing';
import LeaderDigest, { subject as digestSubject } from '../../emails/leader-digest';
import LeaderIntro, { subject as introSubject } from '../../emails/leader-intro';
import OwnerAckNotice, { subject as ackSubject } from '../../emails/owner-ack-notice';
import OwnerReminder, { subject as reminderSubject } from '../../emails/owner-reminder';
import type { LeaderEmail } from './leader-messages';

export const LEADER_EMAIL_KINDS = [
  'leader_intro',
  'leader_digest',
  'leader_alert',
  'leader_closing',
  'owner_reminder',
  'owner_ack_notice',
] as const satisfies readonly LeaderEmail['kind'][];

export function composeLeaderEmail(message: LeaderEmail): { subject: string; element: ReactElement } {
  switch (message.kind) {
    case 'leader_intro':
      return { subject: introSubject(message), element: createElement(LeaderIntro, message) };
    case 'leader_digest':
      return { subject: digestSubject(message), element: createElement(LeaderDigest, message) };
    case 'leader_alert':
      return { subject: alertSubject(message), element: createElement(LeaderAlert, message) };
    case 'leader_closing':
      return { subject: closingSubject(message), element: createElement(LeaderClosing, message) };
    case 'owner_reminder':
      return { subject: reminderSubject(message), element: createElement(OwnerReminder, message) };
    case 'owner_ack_notice':
      return { subject: ackSubject(message), element: createElement(OwnerAckNotice, message) };
  }
}
