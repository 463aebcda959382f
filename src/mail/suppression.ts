import type { SuppressionRow } from '../store/mail';

/**
 * Whether a suppression stops an email: a bounce or a complaint stops everything to that address; a
 * leader's "stop" (unsubscribed) stops leader mail only, so a leader who also owns a plan still gets its
 * check-ins.
 */
export function suppressionStops(reason: SuppressionRow['reason'] | undefined | null, leaderMail: boolean): boolean {
  if (!reason) return false;
  return reason !== 'unsubscribed' || leaderMail;
}
