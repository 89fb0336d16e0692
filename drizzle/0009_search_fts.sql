-- Full-text search over agenda items, minutes notes, outcomes and action items (SQLite FTS5).
-- The trigram tokenizer finds parts of words, so "gefährdung" finds "Kindeswohlgefährdung";
-- remove_diacritics folds umlauts ("gefahrdung" finds it too). The rowid encodes the source:
-- id * 4 + 0 agenda item, + 1 minutes entry, + 2 outcome, + 3 action item. Triggers keep the index
-- in step with the tables; access is filtered when searching (search/index.ts), never here.
CREATE VIRTUAL TABLE `search_index` USING fts5(title, body, kind UNINDEXED, ref_id UNINDEXED, tokenize = 'trigram remove_diacritics 1');
--> statement-breakpoint
INSERT INTO `search_index` (rowid, title, body, kind, ref_id) SELECT id * 4, title, text, 'agenda', id FROM `agenda_item`;
--> statement-breakpoint
INSERT INTO `search_index` (rowid, title, body, kind, ref_id) SELECT id * 4 + 1, '', notes, 'minutes', id FROM `minutes_entry`;
--> statement-breakpoint
INSERT INTO `search_index` (rowid, title, body, kind, ref_id) SELECT id * 4 + 2, '', text, 'outcome', id FROM `minutes_outcome` WHERE kind <> 'action';
--> statement-breakpoint
INSERT INTO `search_index` (rowid, title, body, kind, ref_id) SELECT id * 4 + 3, title, description, 'action', id FROM `action_item`;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_insert` AFTER INSERT ON `agenda_item` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4, new.title, new.text, 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_update` AFTER UPDATE OF title, text ON `agenda_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4, new.title, new.text, 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_delete` AFTER DELETE ON `agenda_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4;
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_insert` AFTER INSERT ON `minutes_entry` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 1, '', new.notes, 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_update` AFTER UPDATE OF notes ON `minutes_entry` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 1;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 1, '', new.notes, 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_delete` AFTER DELETE ON `minutes_entry` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_outcome_insert` AFTER INSERT ON `minutes_outcome` WHEN new.kind <> 'action' BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 2, '', new.text, 'outcome', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_outcome_delete` AFTER DELETE ON `minutes_outcome` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_insert` AFTER INSERT ON `action_item` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 3, new.title, new.description, 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_update` AFTER UPDATE OF title, description ON `action_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 3;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 3, new.title, new.description, 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_delete` AFTER DELETE ON `action_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 3;
END;
