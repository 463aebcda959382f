CREATE TABLE `checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`mistake_id` text NOT NULL,
	`seq` integer NOT NULL,
	`step` text NOT NULL,
	`day` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`sends` integer DEFAULT 0 NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`answered_at` integer,
	`reminder_at` integer,
	FOREIGN KEY (`mistake_id`) REFERENCES `mistakes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checkins_mistake` ON `checkins` (`mistake_id`,`seq`);--> statement-breakpoint
CREATE INDEX `checkins_due` ON `checkins` (`due_at`) WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX `checkins_claimed` ON `checkins` (`claimed_at`) WHERE status = 'sending';--> statement-breakpoint
CREATE INDEX `checkins_unanswered` ON `checkins` (`sent_at`) WHERE status = 'sent' and step <> 'progress' and reminder_at is null;--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`mistake_id` text,
	`checkin_id` text,
	`leader_id` text,
	`kind` text NOT NULL,
	`to_email` text NOT NULL,
	`subject` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`transport` text NOT NULL,
	`status` text NOT NULL,
	`provider_id` text,
	`error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_idempotency` ON `deliveries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `deliveries_mistake` ON `deliveries` (`mistake_id`);--> statement-breakpoint
CREATE INDEX `deliveries_provider` ON `deliveries` (`provider_id`);--> statement-breakpoint
CREATE TABLE `dev_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`offset_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `digests` (
	`leader_id` text NOT NULL,
	`period` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	`mistake_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`leader_id`, `period`),
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `leaders` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`time_zone` text,
	`frequency` text DEFAULT 'weekly' NOT NULL,
	`stopped_at` integer,
	`last_digest_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaders_email` ON `leaders` (`email`);--> statement-breakpoint
CREATE TABLE `mistakes` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`impact` text,
	`owner_email` text NOT NULL,
	`owner_name` text,
	`owner_time_zone` text DEFAULT 'UTC' NOT NULL,
	`leader_id` text,
	`status` text NOT NULL,
	`start_at` integer NOT NULL,
	`skip_weekends` integer DEFAULT true NOT NULL,
	`cadence` text NOT NULL,
	`paused_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`ended_at` integer,
	`ownership` text,
	`learning` text,
	`plan_text` text,
	`last_status` text,
	`last_status_at` integer,
	`leader_intro_at` integer,
	`closing_report_at` integer,
	FOREIGN KEY (`leader_id`) REFERENCES `leaders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mistakes_owner` ON `mistakes` (`owner_email`);--> statement-breakpoint
CREATE INDEX `mistakes_leader` ON `mistakes` (`leader_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text,
	`mistake_id` text,
	`to_email` text NOT NULL,
	`from_email` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_created` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_mistake` ON `outbox` (`mistake_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`mistake_id` text NOT NULL,
	`role` text NOT NULL,
	`checkin_id` text,
	`delivery_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`mistake_id`) REFERENCES `mistakes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tokens_mistake` ON `tokens` (`mistake_id`);--> statement-breakpoint
CREATE TABLE `updates` (
	`id` text PRIMARY KEY NOT NULL,
	`mistake_id` text NOT NULL,
	`checkin_id` text,
	`author` text NOT NULL,
	`kind` text NOT NULL,
	`status` text,
	`text` text,
	`via` text NOT NULL,
	`at` integer NOT NULL,
	`click_source` text,
	`state` text NOT NULL,
	`settles_at` integer,
	`applied_at` integer,
	FOREIGN KEY (`mistake_id`) REFERENCES `mistakes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `updates_mistake` ON `updates` (`mistake_id`,`at`);--> statement-breakpoint
CREATE INDEX `updates_settling` ON `updates` (`settles_at`) WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX `updates_unapplied` ON `updates` (`at`) WHERE state = 'counted' and applied_at is null;--> statement-breakpoint
CREATE INDEX `updates_click` ON `updates` (`click_source`);