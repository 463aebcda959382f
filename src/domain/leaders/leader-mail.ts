// What every email to a leader shares: its links (tokens bound to the leader and one plan), its
// List-Unsubscribe headers, and the leader's zone and name as the emails use them.
import type { MintedToken } from '../../links/tokens';
import { leaderUrls } from '../../links/leader-urls';
import type { AckLinks, LeaderMailLinks } from '../../mail/leader-messages';
import type { LeaderRow, MistakeRow } from '../../store';
import type { Deps } from '../deps';
import { tokenRow } from '../token-row';
import { leaderZone } from './schedule';

export async function mintLeaderToken(deps: Pick<Deps, 'tokens'>, leader: LeaderRow, mistakeId: string, seed: string, now: number): Promise<MintedToken> {
  return deps.tokens.mint({ mistakeId, role: 'leader', leaderId: leader.id, checkinId: null, deliveryId: null }, now, seed);
}

/** Mints and stores the one token a single-plan leader email needs; returns its links. */
export async function leaderLinksFor(
  deps: Pick<Deps, 'tokens' | 'store' | 'settings'>,
  leader: LeaderRow,
  mistakeId: string,
  seed: string,
  now: number,
): Promise<{ links: AckLinks & LeaderMailLinks; headers: Record<string, string> }> {
  const token = await mintLeaderToken(deps, leader, mistakeId, seed, now);
  await deps.store.atomically([deps.store.tokens.insertStatement(tokenRow(token))]);
  return linksFromToken(deps.settings.appUrl, token.token);
}

export function linksFromToken(appUrl: string, token: string): { links: AckLinks & LeaderMailLinks; headers: Record<string, string> } {
  const urls = leaderUrls(appUrl, token);
  return {
    links: { thanks: urls.thanks, talk: urls.talk, weekly: urls.weekly, daily: urls.daily, stop: urls.unsubscribe },
    headers: unsubscribeHeaders(urls.unsubscribe),
  };
}

/** RFC 8058: mail clients offer "unsubscribe" and POST `List-Unsubscribe=One-Click` to the URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
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
