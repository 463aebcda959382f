CREATE TABLE `email_mistakes` (
	`idempotency_key` text NOT NULL,
	`mistake_id` text NOT NULL,
	PRIMARY KEY(`idempotency_key`, `mistake_id`)
);
--> statement-breakpoint
CREATE INDEX `email_mistakes_mistake` ON `email_mistakes` (`mistake_id`);--> statement-breakpoint
CREATE INDEX `deliveries_to` ON `deliveries` (`to_email`);