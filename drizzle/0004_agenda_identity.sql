-- Drizzle's migrator runs in a transaction, where PRAGMA foreign_keys=OFF has no effect: dropping
-- agenda_item would cascade to agenda_item_event. The events are kept aside and put back.
CREATE TEMP TABLE `__keep_agenda_item_event` AS SELECT * FROM `agenda_item_event`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_agenda_item` (
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
	`carried_from` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meeting`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `case_file`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`carried_from`) REFERENCES `agenda_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_agenda_item`("id", "meeting_id", "kind", "title", "text", "requested_minutes", "slot_minutes", "submitted_by", "organisation_id", "status", "reject_reason", "late", "amendment", "position", "follow_up_of", "case_id", "carried_from", "version", "created_at") SELECT "id", "meeting_id", "kind", "title", "text", "requested_minutes", "slot_minutes", "submitted_by", "organisation_id", "status", "reject_reason", "late", "amendment", "position", "follow_up_of", "case_id", NULL, "version", "created_at" FROM `agenda_item`;--> statement-breakpoint
DROP TABLE `agenda_item`;--> statement-breakpoint
ALTER TABLE `__new_agenda_item` RENAME TO `agenda_item`;--> statement-breakpoint
INSERT INTO `agenda_item_event` SELECT * FROM `__keep_agenda_item_event` WHERE `id` NOT IN (SELECT `id` FROM `agenda_item_event`);--> statement-breakpoint
DROP TABLE `__keep_agenda_item_event`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `agenda_item_meeting_idx` ON `agenda_item` (`meeting_id`,`position`);--> statement-breakpoint
CREATE INDEX `agenda_item_submitter_idx` ON `agenda_item` (`submitted_by`);--> statement-breakpoint
CREATE INDEX `agenda_item_case_idx` ON `agenda_item` (`case_id`);--> statement-breakpoint
CREATE INDEX `agenda_item_follow_up_idx` ON `agenda_item` (`follow_up_of`);--> statement-breakpoint
CREATE INDEX `agenda_item_carried_idx` ON `agenda_item` (`carried_from`);