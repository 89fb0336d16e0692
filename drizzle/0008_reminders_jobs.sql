CREATE TABLE `job_run` (
	`name` text NOT NULL,
	`run_key` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`result` text,
	`error` text,
	PRIMARY KEY(`name`, `run_key`)
);
--> statement-breakpoint
CREATE TABLE `action_reminder` (
	`action_item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`action_item_id`, `kind`, `day`),
	FOREIGN KEY (`action_item_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `meeting_series` ADD `reminder_days_before` integer DEFAULT 3 NOT NULL;