CREATE INDEX `mistakes_intro_due` ON `mistakes` (`leader_id`) WHERE leader_id is not null and leader_intro_at is null and ownership is not null;--> statement-breakpoint
CREATE INDEX `mistakes_closing_due` ON `mistakes` (`ended_at`) WHERE status = 'resolved' and leader_id is not null and closing_report_at is null;--> statement-breakpoint
CREATE INDEX `updates_blocked` ON `updates` (`at`) WHERE kind = 'status' and status = 'blocked';--> statement-breakpoint
CREATE INDEX `updates_acks` ON `updates` (`at`) WHERE kind = 'ack';