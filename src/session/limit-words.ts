// What a person reads when a limit refuses them: what happened, that nothing else did, and when to try again.
import { ABUSE_LIMITS, OPEN_PLANS_PER_OWNER, type Refusal } from '../domain/abuse-limits';
import { HOUR, MINUTE } from '../domain/time';

/** "in 23 minutes", "in about 5 hours": relative, so it needs no time zone. */
export function waitWords(retryAt: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((retryAt - now) / MINUTE));
  if (minutes < 90) return minutes === 1 ? 'in a minute' : `in ${minutes} minutes`;
  return `in about ${Math.ceil((retryAt - now) / HOUR)} hours`;
}

const WORDS: Record<Refusal['limit'], string> = {
  signUpsPerClient: `Mend accepts at most ${ABUSE_LIMITS.signUpsPerClient.max} new plans an hour from one connection, and this one has sent that many.`,
  signInsPerClient: `Mend accepts at most ${ABUSE_LIMITS.signInsPerClient.max} sign-in requests an hour from one connection, and this one has sent that many.`,
  confirmationsPerAddress: `That address has been sent ${ABUSE_LIMITS.confirmationsPerAddress.max} confirmation emails today, the most Mend sends one address in a day.`,
  signInsPerAddress: `Sign-in links for that address have been asked for ${ABUSE_LIMITS.signInsPerAddress.max} times today, the most Mend allows in a day.`,
  newLeadersPerOwner: `That address has named ${ABUSE_LIMITS.newLeadersPerOwner.max} new leaders today, the most Mend accepts in a day. A leader it named before can still be named.`,
  openPlansPerOwner: `That address already has ${OPEN_PLANS_PER_OWNER} plans that are running or waiting for confirmation, the most Mend holds for one address. Close or finish one first.`,
};

export interface RefusalText {
  title: string;
  message: string;
  /** Seconds, for the Retry-After header. */
  retryAfter: number | null;
}

export function refusalText(refusal: Refusal, now: number, nothingDone: string): RefusalText {
  const when = refusal.retryAt === null ? '' : ` Try again ${waitWords(refusal.retryAt, now)}.`;
  return {
    title: 'Not now',
    message: `${WORDS[refusal.limit]} ${nothingDone}${when}`,
    retryAfter: refusal.retryAt === null ? null : Math.max(1, Math.ceil((refusal.retryAt - now) / 1000)),
  };
}
