CREATE TABLE `case_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	`keys_deleted_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_file_code_idx` ON `case_file` (`code`);--> statement-breakpoint
CREATE INDEX `case_file_org_idx` ON `case_file` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `case_file_status_idx` ON `case_file` (`status`,`closed_at`);--> statement-breakpoint
CREATE TABLE `case_person` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`role` text NOT NULL,
	`role_index` integer NOT NULL,
	`pseudonym` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `case_file`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_person_pseudonym_idx` ON `case_person` (`case_id`,`pseudonym`);--> statement-breakpoint
CREATE UNIQUE INDEX `case_person_role_idx` ON `case_person` (`case_id`,`role`,`role_index`);--> statement-breakpoint
CREATE TABLE `reveal_grant` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`legal_basis` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `case_file`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reveal_grant_case_user_idx` ON `reveal_grant` (`case_id`,`user_id`,`expires_at`);