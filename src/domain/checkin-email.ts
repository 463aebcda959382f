// The data of one check-in email, from the mistake as it stands and the links minted for this send.
import type { CheckinEmail } from '../../emails/checkin';
import { linkUrls } from '../links/urls';
import type { CheckinRow, LeaderRow, MistakeRow } from '../store';
import { leaderNameOf } from './leaders/leader-mail';
import type { LinkGrant } from './send';
import { PROGRESS_STATUSES, type ProgressStatus } from './types';

/** The links of a check-in email: the owner's, and the Reply-To that records a reply as the answer. */
export type CheckinLinks = { owner: LinkGrant; reply: LinkGrant };

export const checkinLinks = (mistakeId: string, checkinId: string): CheckinLinks => ({
  owner: { role: 'owner', mistakeId, checkinId },
  reply: { role: 'reply', mistakeId, checkinId },
});

export function checkinEmail(
  appUrl: string,
  token: string,
  mistake: MistakeRow,
  leader: LeaderRow | null,
  checkin: CheckinRow,
  late: boolean,
): CheckinEmail {
  const urls = linkUrls(appUrl, token);
  const progressDays = mistake.cadence.filter((c) => c.step === 'progress').map((c) => c.day);
  const message: CheckinEmail = {
    kind: 'checkin',
    step: checkin.step,
    day: checkin.day,
    late,
    snoozed: checkin.sends > 0,
    ownerName: mistake.ownerName,
    leaderName: leader ? leaderNameOf(mistake, leader) : null,
    mistake: { title: mistake.title, description: mistake.description, impact: mistake.impact },
    // The plan's own days: what the email says comes next is what this plan schedules.
    cadence: mistake.cadence.map(({ step, day }) => ({ step, day })),
    earlier: {
      ...(mistake.ownership ? { ownership: mistake.ownership } : {}),
      ...(mistake.learning ? { learning: mistake.learning } : {}),
      ...(mistake.planText ? { plan: mistake.planText } : {}),
      ...(mistake.lastStatus ? { lastStatus: mistake.lastStatus } : {}),
    },
    links: {
      answer: urls.answer,
      snooze: urls.snooze,
      ...(leader ? { leaderPreview: urls.preview } : {}),
    },
  };
  if (checkin.step === 'progress') {
    const index = progressDays.filter((d) => d <= checkin.day).length;
    message.progress = { index: Math.max(index, 1), count: progressDays.length };
    message.links.statuses = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, urls.status(s)])) as Record<ProgressStatus, string>;
  }
  return message;
}
