// The domain's own vocabulary. Rows from store/ are mapped onto these; nothing here knows the driver.
// Emails, pages, the API and the store all take their words from here.
export const STEPS = ['own', 'learn', 'plan', 'progress'] as const;
export type Step = (typeof STEPS)[number];
export const PROGRESS_STATUSES = ['on_track', 'blocked', 'done'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** How a status reads to a person, in emails and on pages. */
export const STATUS_LABEL: Record<ProgressStatus, string> = { on_track: 'On track', blocked: 'Blocked', done: 'Done' };

export type MistakeStatus = 'pending' | 'active' | 'paused' | 'resolved' | 'closed';
/** `held` (paused) and `sending` (claimed) are internal: the API shows both as scheduled. */
export type CheckinStatus = 'scheduled' | 'held' | 'sending' | 'sent' | 'answered' | 'skipped' | 'cancelled';
export type UpdateKind = 'ownership' | 'learning' | 'plan' | 'status' | 'note' | 'ack';
export type Via = 'link' | 'form' | 'email' | 'api';
export type Role = 'owner' | 'leader';

/** The kind of answer each step asks for. */
export const ANSWER_KIND: Record<Step, UpdateKind> = {
  own: 'ownership',
  learn: 'learning',
  plan: 'plan',
  progress: 'note',
};
