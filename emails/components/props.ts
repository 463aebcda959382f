// Pieces of the emails' props schemas that several kinds share. Each kind's own schema is in its module in emails/;
// the registry (src/mail/registry.ts) checks every message against it before it is rendered or queued.
import * as z from 'zod';
import { PROGRESS_STATUSES, STEPS } from '../../src/domain/types';

export const step = z.enum(STEPS);
export const progressStatus = z.enum(PROGRESS_STATUSES);
export const url = z.url();
export const frequency = z.enum(['weekly', 'daily']);
export type DigestFrequency = z.infer<typeof frequency>;

/** The plan's check-ins in order (step and cadence day), so the copy can say what comes next. */
export const cadence = z.array(z.object({ step, day: z.number().int().min(0) })).min(1);

export const mistakeStory = z.object({ title: z.string(), description: z.string(), impact: z.string().nullable() });
export const mistakeTitle = z.object({ title: z.string() });

/** The two one-click acknowledgements for one plan. */
export const ackLinks = z.object({ thanks: url, talk: url });
export type AckLinks = z.infer<typeof ackLinks>;

/** Links about the leader's mail as a whole: the digest frequency and stopping it. */
export const leaderMailLinks = z.object({ weekly: url, daily: url, stop: url });
export type LeaderMailLinks = z.infer<typeof leaderMailLinks>;

/** Who a plan belongs to, as the leader knows them. */
export const ownerNamed = {
  /** The owner's name, or their address when they gave no name. */
  ownerName: z.string(),
  /** The leader's name, or null (the greeting is then plain). */
  leaderName: z.string().nullable(),
};
