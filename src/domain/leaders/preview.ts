// The owner's preview of what their leader sees about this plan now: the same builders and templates as the
// real emails, for this one plan only, with links that go nowhere. Reads only; mints and records nothing.
import type { AckLinks, LeaderMailLinks } from '../../../emails/components/props';
import type { RenderedEmail } from '../../mail/render';
import type { MistakeRow } from '../../store';
import type { Deps } from '../deps';
import { closingEmail } from './closing';
import { digestEmail, digestEntries, NEWS_LOOKBACK_MS } from './digest';
import { introEmail } from './intro';
import { leaderNameOf, zoneFor } from './leader-mail';
import { nextDigestLabel } from './schedule';

export type LeaderPreview =
  | { state: 'no_leader' }
  | { state: 'stopped' | 'waiting_for_ownership' | 'closed'; leaderName: string }
  | { state: 'intro' | 'digest' | 'closing'; leaderName: string; sent: boolean; nextDigest: string; email: RenderedEmail };

export async function leaderPreview(deps: Pick<Deps, 'store' | 'render'>, mistake: MistakeRow, previewUrl: string, now: number): Promise<LeaderPreview> {
  const { store } = deps;
  const leader = mistake.leaderId ? await store.leaders.get(mistake.leaderId) : null;
  if (!leader) return { state: 'no_leader' };
  const leaderName = leaderNameOf(mistake, leader);
  if (!(await store.leaders.isMailable(leader.id))) return { state: 'stopped', leaderName };
  if (mistake.status === 'closed') return { state: 'closed', leaderName };
  if (mistake.ownership === null) return { state: 'waiting_for_ownership', leaderName };

  const nowhere: AckLinks & LeaderMailLinks = { thanks: previewUrl, talk: previewUrl, weekly: previewUrl, daily: previewUrl, stop: previewUrl };
  const zone = zoneFor(leader, mistake.ownerTimeZone);
  const nextDigest = nextDigestLabel(now, zone, leader.frequency);
  const story = await store.leaders.story(mistake.id);
  if (!story) return { state: 'no_leader' };

  if (mistake.status === 'resolved' || mistake.closingReportAt !== null) {
    const message = { ...closingEmail(story.mistake, leader, story.checkins, story.updates, nowhere, now), preview: true };
    return { state: 'closing', leaderName, sent: mistake.closingReportAt !== null, nextDigest, email: await deps.render(message) };
  }
  if (mistake.leaderIntroAt === null) {
    const message = { ...introEmail(story.mistake, leader, story.checkins, nowhere, now), preview: true };
    return { state: 'intro', leaderName, sent: false, nextDigest, email: await deps.render(message) };
  }
  const { plans, news } = await store.leaders.digestData(leader.id, leader.lastDigestAt, now, NEWS_LOOKBACK_MS, mistake.id);
  const entries = digestEntries(plans, news, zone, now, () => ({ thanks: previewUrl, talk: previewUrl }));
  // Greeted as this owner named them: the preview is the owner's to read.
  const message = { ...digestEmail({ ...leader, name: mistake.leaderName }, entries, nowhere, zone, now), preview: true };
  return { state: 'digest', leaderName, sent: true, nextDigest, email: await deps.render(message) };
}
