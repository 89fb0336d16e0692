CREATE TABLE `agenda_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`requested_minutes` integer DEFAULT 10 NOT NULL,
	`slot_minutes` integer,
	`submitted_by` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`reject_reason` text,
	`late` integer DEFAULT false NOT NULL,
	`amendment` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`follow_up_of` integer,
	`case_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_item_meeting_idx` ON `agenda_item` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `agenda_item_submitter_idx` ON `agenda_item` (`submitted_by`);--> statement-breakpoint
CREATE TABLE `agenda_item_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`type` text NOT NULL,
	`from_meeting_id` integer,
	`to_meeting_id` integer,
	`note` text,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_item_event_item_idx` ON `agenda_item_event` (`item_id`);--> statement-breakpoint
CREATE TABLE `calendar_feed` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`token_sealed` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feed_token_hash_unique` ON `calendar_feed` (`token_hash`);--> statement-breakpoint
CREATE TABLE `meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`uid` text NOT NULL,
	`occurrence_date` text,
	`extra` integer DEFAULT false NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`moved` integer DEFAULT false NOT NULL,
	`cancel_reason` text,
	`published_at` integer,
	`agenda_published_at` integer,
	`sequence` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `meeting_series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_uid_unique` ON `meeting` (`uid`);--> statement-breakpoint
CREATE INDEX `meeting_series_start_idx` ON `meeting` (`series_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_occurrence_idx` ON `meeting` (`series_id`,`occurrence_date`);--> statement-breakpoint
CREATE TABLE `meeting_response` (
	`meeting_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`answer` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`duration_minutes` integer NOT NULL,
	`agenda_deadline_days` integer NOT NULL,
	`recurrence` text NOT NULL,
	`rrule` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Berlin' NOT NULL,
	`materialised_until` integer,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `series_member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`user_id` integer,
	`organisation_id` integer,
	`role` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `meeting_series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `series_member_series_idx` ON `series_member` (`series_id`);--> statement-breakpoint
CREATE INDEX `series_member_user_idx` ON `series_member` (`user_id`);