// The domain's own vocabulary. Rows from store/ are mapped onto these; nothing here knows the driver.
export type Step = 'own' | 'learn' | 'plan' | 'progress';
export type ProgressStatus = 'on_track' | 'blocked' | 'done';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['on_track', 'blocked', 'done'];

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
