CREATE TABLE `limit_hits` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `limit_hits_key` ON `limit_hits` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `limit_hits_at` ON `limit_hits` (`at`);--> statement-breakpoint
ALTER TABLE `mistakes` ADD `leader_name` text;