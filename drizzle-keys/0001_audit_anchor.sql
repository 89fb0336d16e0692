CREATE TABLE `audit_anchor` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`hash` text NOT NULL,
	`legacy_until` integer DEFAULT 0 NOT NULL,
	`mac` text NOT NULL,
	`updated_at` integer NOT NULL
);
