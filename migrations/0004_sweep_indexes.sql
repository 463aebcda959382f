CREATE INDEX `login_links_expiry` ON `login_links` (`expires_at`);--> statement-breakpoint
CREATE INDEX `mistakes_pending` ON `mistakes` (`created_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `sessions_expiry` ON `sessions` (`expires_at`);