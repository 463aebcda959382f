// The whole D1 schema. Times are integer milliseconds since the epoch (UTC); the domain owns time zones.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PROGRESS_STATUSES, STEPS, type Step } from '../domain/types';

export const leaders = sqliteTable('leaders', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name'),
  timeZone: text('time_zone'),
  frequency: text('frequency', { enum: ['weekly', 'daily'] }).notNull().default('weekly'),
  stoppedAt: integer('stopped_at'),
  lastDigestAt: integer('last_digest_at'),
  // When the scheduled run next looks at this leader's digest: the start of their next period, or any time at
  // or before now for "look at once" (a new plan, a new frequency or zone). NULL: no digest pending.
  nextDigestAt: integer('next_digest_at'),
  createdAt: integer('created_at').notNull(),
}, (t) => [
  uniqueIndex('leaders_email').on(t.email),
  // A scheduled run reads only the leaders whose digest is due, not every leader.
  index('leaders_digest_due').on(t.nextDigestAt).where(sql`stopped_at is null`),
]);

export const mistakes = sqliteTable('mistakes', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  impact: text('impact'),
  ownerEmail: text('owner_email').notNull(),
  ownerName: text('owner_name'),
  ownerTimeZone: text('owner_time_zone').notNull().default('UTC'),
  leaderId: text('leader_id').references(() => leaders.id),
  // The leader's name as this plan's owner typed it: one leader row serves every plan naming the address, and
  // its name is the first owner's, which another owner must never see.
  leaderName: text('leader_name'),
  // pending: waiting for the owner to confirm their address (web sign-up); nothing is sent before.
  status: text('status', { enum: ['pending', 'active', 'paused', 'resolved', 'closed'] }).notNull(),
  startAt: integer('start_at').notNull(),
  skipWeekends: integer('skip_weekends', { mode: 'boolean' }).notNull().default(true),
  cadence: text('cadence', { mode: 'json' }).$type<{ step: Step; day: number }[]>().notNull(),
  pausedAt: integer('paused_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  endedAt: integer('ended_at'),
  // The latest answer of each kind, kept beside the mistake so a send or a digest reads one row for it.
  ownership: text('ownership'),
  learning: text('learning'),
  planText: text('plan_text'),
  lastStatus: text('last_status', { enum: PROGRESS_STATUSES }),
  lastStatusAt: integer('last_status_at'),
  leaderIntroAt: integer('leader_intro_at'),
  closingReportAt: integer('closing_report_at'),
}, (t) => [
  index('mistakes_owner').on(t.ownerEmail),
  index('mistakes_leader').on(t.leaderId),
  // The hourly sweep of unconfirmed web sign-ups reads only those.
  index('mistakes_pending').on(t.createdAt).where(sql`status = 'pending'`),
  // Leader work reads only what is due, never the whole table: mistakes whose introduction waits to go...
  index('mistakes_intro_due').on(t.leaderId).where(sql`leader_id is not null and leader_intro_at is null and ownership is not null`),
  // ...and resolved mistakes whose closing report has not gone yet.
  index('mistakes_closing_due').on(t.endedAt).where(sql`status = 'resolved' and leader_id is not null and closing_report_at is null`),
]);

export const checkins = sqliteTable('checkins', {
  id: text('id').primaryKey(),
  mistakeId: text('mistake_id').notNull().references(() => mistakes.id),
  seq: integer('seq').notNull(),
  step: text('step', { enum: STEPS }).notNull(),
  day: integer('day').notNull(),
  dueAt: integer('due_at').notNull(),
  status: text('status', { enum: ['scheduled', 'held', 'sending', 'sent', 'answered', 'skipped', 'cancelled'] }).notNull(),
  claimedAt: integer('claimed_at'),
  sentAt: integer('sent_at'),
  // Each send (first, or after a snooze) is its own email with its own idempotency key.
  sends: integer('sends').notNull().default(0),
  late: integer('late', { mode: 'boolean' }).notNull().default(false),
  answeredAt: integer('answered_at'),
  reminderAt: integer('reminder_at'),
}, (t) => [
  index('checkins_mistake').on(t.mistakeId, t.seq),
  // The dispatcher reads only due rows: this partial index holds nothing but scheduled check-ins.
  index('checkins_due').on(t.dueAt).where(sql`status = 'scheduled'`),
  index('checkins_claimed').on(t.claimedAt).where(sql`status = 'sending'`),
  index('checkins_unanswered').on(t.sentAt).where(sql`status = 'sent' and step <> 'progress' and reminder_at is null`),
]);

export const updates = sqliteTable('updates', {
  id: text('id').primaryKey(),
  mistakeId: text('mistake_id').notNull().references(() => mistakes.id),
  checkinId: text('checkin_id').references(() => checkins.id),
  author: text('author', { enum: ['owner', 'leader'] }).notNull(),
  kind: text('kind', { enum: ['ownership', 'learning', 'plan', 'status', 'note', 'ack'] }).notNull(),
  status: text('status'),
  text: text('text'),
  via: text('via', { enum: ['link', 'form', 'email', 'api'] }).notNull(),
  at: integer('at').notNull(),
  // One-click answers: the email they came from groups them for the settle rule.
  clickSource: text('click_source'),
  state: text('state', { enum: ['pending', 'counted', 'void'] }).notNull(),
  settlesAt: integer('settles_at'),
  // When the consequences (answered, alert, resolve) were applied; null until counted and applied.
  appliedAt: integer('applied_at'),
}, (t) => [
  index('updates_mistake').on(t.mistakeId, t.at),
  index('updates_settling').on(t.settlesAt).where(sql`state = 'pending'`),
  index('updates_unapplied').on(t.at).where(sql`state = 'counted' and applied_at is null`),
  index('updates_click').on(t.clickSource),
  // The few updates a leader or owner is told about between digests: blocked statuses (alerts) and leader acks.
  index('updates_blocked').on(t.at).where(sql`kind = 'status' and status = 'blocked'`),
  index('updates_acks').on(t.at).where(sql`kind = 'ack'`),
]);

export const tokens = sqliteTable('tokens', {
  // HMAC-SHA256 of the token under SIGNING_KEY: the token itself is never stored.
  id: text('id').primaryKey(),
  mistakeId: text('mistake_id').notNull().references(() => mistakes.id),
  role: text('role', { enum: ['owner', 'leader'] }).notNull(),
  leaderId: text('leader_id'),
  checkinId: text('checkin_id'),
  deliveryId: text('delivery_id'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  revokedAt: integer('revoked_at'),
}, (t) => [index('tokens_mistake').on(t.mistakeId)]);

export const deliveries = sqliteTable('deliveries', {
  id: text('id').primaryKey(),
  mistakeId: text('mistake_id'),
  checkinId: text('checkin_id'),
  leaderId: text('leader_id'),
  kind: text('kind').notNull(),
  toEmail: text('to_email').notNull(),
  subject: text('subject').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  transport: text('transport', { enum: ['outbox', 'resend'] }).notNull(),
  status: text('status', { enum: ['queued', 'sent', 'delivered', 'bounced', 'complained', 'failed'] }).notNull(),
  providerId: text('provider_id'),
  error: text('error'),
  createdAt: integer('created_at').notNull(),
  sentAt: integer('sent_at'),
}, (t) => [
  uniqueIndex('deliveries_idempotency').on(t.idempotencyKey),
  index('deliveries_mistake').on(t.mistakeId),
  index('deliveries_provider').on(t.providerId),
  // Erasing the last plan that names an address erases the emails to it (sign-in links, digests) by this.
  index('deliveries_to').on(t.toEmail),
]);

// The mistakes an email speaks of besides its own mistake_id: a leader's digest speaks of every plan that names
// them and belongs to none. Erasing one of those mistakes finds the email's copies (the local outbox, a dead
// letter) by this, since they hold its words.
export const emailMistakes = sqliteTable('email_mistakes', {
  idempotencyKey: text('idempotency_key').notNull(),
  mistakeId: text('mistake_id').notNull(),
}, (t) => [primaryKey({ columns: [t.idempotencyKey, t.mistakeId] }), index('email_mistakes_mistake').on(t.mistakeId)]);

export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  deliveryId: text('delivery_id'),
  mistakeId: text('mistake_id'),
  toEmail: text('to_email').notNull(),
  fromEmail: text('from_email').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('outbox_created').on(t.createdAt), index('outbox_mistake').on(t.mistakeId)]);

export const digests = sqliteTable('digests', {
  leaderId: text('leader_id').notNull().references(() => leaders.id),
  // The digest period in the leader's zone, e.g. 2026-W48 or 2026-11-23: the claim that stops a second digest.
  period: text('period').notNull(),
  claimedAt: integer('claimed_at').notNull(),
  sentAt: integer('sent_at'),
  mistakeCount: integer('mistake_count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.leaderId, t.period] })]);

export const suppressions = sqliteTable('suppressions', {
  email: text('email').primaryKey(),
  // declined: the address pressed "this was not me" in a confirmation email; every Mend email to it stops until
  // the address itself asks for mail again (src/domain/not-me.ts).
  reason: text('reason', { enum: ['bounced', 'complained', 'unsubscribed', 'declined'] }).notNull(),
  at: integer('at').notNull(),
});

// Local development only: how far POST /dev/travel has moved the clock ahead of real time.
export const devClock = sqliteTable('dev_clock', {
  id: integer('id').primaryKey(),
  offsetMs: integer('offset_ms').notNull(),
});

// Web sign-in (issue 4): one-time links by email, and the sessions they open. Both stored as HMACs.
export const loginLinks = sqliteTable('login_links', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  purpose: text('purpose', { enum: ['login', 'confirm'] }).notNull(),
  mistakeId: text('mistake_id'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
}, (t) => [index('login_links_email').on(t.email), index('login_links_expiry').on(t.expiresAt)]);

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('sessions_email').on(t.email), index('sessions_expiry').on(t.expiresAt)]);

// Messages the delivery queue gave up on: kept and visible, never silently dropped.
export const deadLetters = sqliteTable('dead_letters', {
  id: text('id').primaryKey(),
  queue: text('queue').notNull(),
  kind: text('kind').notNull(),
  mistakeId: text('mistake_id'),
  body: text('body', { mode: 'json' }).notNull(),
  error: text('error'),
  attempts: integer('attempts').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('dead_letters_mistake').on(t.mistakeId)]);

// Webhook deliveries already processed (by their svix-id): a replayed webhook changes nothing.
export const webhookEvents = sqliteTable('webhook_events', {
  id: text('id').primaryKey(),
  receivedAt: integer('received_at').notNull(),
});

// Abuse limits (PRODUCT.md): one row per request a door let through, keyed by an HMAC of who asked (a client's
// IP, an address) and which door, never the value itself. A door counts the rows of its key in its window in
// the same statement that adds one, so a flood of parallel requests cannot slip past the count. Swept after a day.
export const limitHits = sqliteTable('limit_hits', {
  id: integer('id').primaryKey(),
  key: text('key').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('limit_hits_key').on(t.key, t.at), index('limit_hits_at').on(t.at)]);
