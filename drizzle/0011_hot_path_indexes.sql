CREATE INDEX `action_event_meeting_idx` ON `action_event` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `agenda_item_event_from_idx` ON `agenda_item_event` (`from_meeting_id`,`type`);