// What every email to a leader shares: its links (from a token bound to the leader and one plan), and the
// leader's zone and name as the emails use them. Its tokens are minted and stored by ../send.ts.
import type { AckLinks, LeaderMailLinks } from '../../../emails/components/props';
import { leaderUrls } from '../../links/leader-urls';
import type { LeaderRow, MistakeRow } from '../../store';
import type { Deps } from '../deps';
import { leaderZone } from './schedule';

/** A leader email's links, from its token: acknowledgements, frequency and stop, for one plan. */
export function leaderLinks(appUrl: string, token: string): AckLinks & LeaderMailLinks {
  const urls = leaderUrls(appUrl, token);
  return { thanks: urls.thanks, talk: urls.talk, weekly: urls.weekly, daily: urls.daily, stop: urls.unsubscribe };
}

/** The leader a plan names, or null. */
export async function leaderOf(deps: Pick<Deps, 'store'>, mistake: Pick<MistakeRow, 'leaderId'>): Promise<LeaderRow | null> {
  return mistake.leaderId ? deps.store.leaders.get(mistake.leaderId) : null;
}

/** How the leader's emails name the owner: their name, or their address when they gave none. */
export const ownerNameOf = (m: Pick<MistakeRow, 'ownerName' | 'ownerEmail'>): string => m.ownerName?.trim() || m.ownerEmail;

/**
 * How the owner's emails and pages name the leader: as this plan's owner typed it, else by the address. Never by
 * the leader row's name: that is the first owner's wording, and one leader row serves every owner naming them.
 */
export const leaderNameOf = (m: Pick<MistakeRow, 'leaderName'>, l: Pick<LeaderRow, 'email'>): string => m.leaderName?.trim() || l.email;

/** The zone the leader's emails are written in (their own, else the owner's of the plan at hand). */
export const zoneFor = (leader: Pick<LeaderRow, 'timeZone'>, ownerZone: string | null): string => leaderZone(leader.timeZone, ownerZone);

export type SendOutcome = 'sent' | 'failed' | 'skipped';
