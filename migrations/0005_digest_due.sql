ALTER TABLE `leaders` ADD `next_digest_at` integer;--> statement-breakpoint
CREATE INDEX `leaders_digest_due` ON `leaders` (`next_digest_at`) WHERE stopped_at is null;--> statement-breakpoint
-- Backfill: every leader who follows an introduced open plan is due at once (0). The first scheduled run
-- after this migration looks at each of them one time, sends what the old rule would have sent, and sets
-- the start of their next period in their own zone (computing zones in SQL would copy the domain's rules).
UPDATE `leaders` SET `next_digest_at` = 0 WHERE `stopped_at` IS NULL AND EXISTS (
  SELECT 1 FROM `mistakes` m WHERE m.`leader_id` = `leaders`.`id` AND m.`leader_intro_at` IS NOT NULL
    AND m.`closing_report_at` IS NULL AND m.`status` IN ('active', 'paused')
);
