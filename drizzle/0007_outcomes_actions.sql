CREATE TABLE `action_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_item_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text,
	`note` text DEFAULT '' NOT NULL,
	`meeting_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_event_item_idx` ON `action_event` (`action_item_id`);--> statement-breakpoint
CREATE TABLE `action_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`top_label` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`assignee_user_id` integer,
	`assignee_organisation_id` integer,
	`due_date` text,
	`case_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`drop_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`series_id`) REFERENCES `meeting_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `case_file`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_item_series_idx` ON `action_item` (`series_id`,`status`);--> statement-breakpoint
CREATE INDEX `action_item_user_idx` ON `action_item` (`assignee_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `action_item_org_idx` ON `action_item` (`assignee_organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `action_item_meeting_idx` ON `action_item` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `action_item_due_idx` ON `action_item` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `minutes_comment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `minutes_entry`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_comment_meeting_idx` ON `minutes_comment` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `minutes_outcome` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`vote` text,
	`votes_for` integer,
	`votes_against` integer,
	`votes_abstain` integer,
	`action_item_id` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `minutes_entry`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_item_id`) REFERENCES `action_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_outcome_entry_idx` ON `minutes_outcome` (`entry_id`);--> statement-breakpoint
CREATE INDEX `minutes_outcome_meeting_idx` ON `minutes_outcome` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `minutes_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`number` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`snapshot` text NOT NULL,
	`approved_by` integer NOT NULL,
	`approved_in_meeting_on` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_version_idx` ON `minutes_version` (`meeting_id`,`number`);--> statement-breakpoint
ALTER TABLE `user` ADD `locale` text DEFAULT 'de' NOT NULL;--> statement-breakpoint
ALTER TABLE `minutes` ADD `review_until` text;--> statement-breakpoint
ALTER TABLE `minutes` ADD `approved_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `minutes` ADD `correction_reason` text;