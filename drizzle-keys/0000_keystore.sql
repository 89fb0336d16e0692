CREATE TABLE `keystore_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_check` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `person_key` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`name` blob NOT NULL,
	`birth_date` blob,
	`address` blob,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `person_key_case_idx` ON `person_key` (`case_id`);