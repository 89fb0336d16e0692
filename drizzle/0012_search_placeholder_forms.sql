-- Placeholder tokens in the search index: "[[pii:phone]]" is stored there as three private-use
-- characters per kind (U+E000 person … U+E006 plate, the order of PLACEHOLDER_KINDS), so a search
-- for "phone", "person", "mail" or "pii" no longer finds every text with a replaced phone number,
-- name or address. A placeholder is still found when it is typed as the reader sees it ("[Telefon]",
-- "[Phone]"): search/index.ts turns the query's tokens into the same characters (toIndexForm).
-- The triggers are recreated with the conversion; the index rows that hold a token are converted in
-- place (found through the index itself, so a large index is not rebuilt).
DROP TRIGGER IF EXISTS `search_agenda_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_agenda_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_agenda_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_minutes_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_minutes_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_minutes_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_outcome_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_outcome_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_action_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_action_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_action_delete`;
--> statement-breakpoint
UPDATE `search_index` SET `title` = replace(replace(replace(replace(replace(replace(replace(`title`, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), `body` = replace(replace(replace(replace(replace(replace(replace(`body`, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)) WHERE rowid IN (SELECT rowid FROM `search_index` WHERE `search_index` MATCH '"[[pii:"');
--> statement-breakpoint
CREATE TRIGGER `search_agenda_insert` AFTER INSERT ON `agenda_item` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4, replace(replace(replace(replace(replace(replace(replace(new.title, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), replace(replace(replace(replace(replace(replace(replace(new.text, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_update` AFTER UPDATE OF title, text ON `agenda_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4, replace(replace(replace(replace(replace(replace(replace(new.title, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), replace(replace(replace(replace(replace(replace(replace(new.text, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'agenda', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_delete` AFTER DELETE ON `agenda_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4;
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_insert` AFTER INSERT ON `minutes_entry` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 1, '', replace(replace(replace(replace(replace(replace(replace(new.notes, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_update` AFTER UPDATE OF notes ON `minutes_entry` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 1;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 1, '', replace(replace(replace(replace(replace(replace(replace(new.notes, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'minutes', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_delete` AFTER DELETE ON `minutes_entry` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `search_outcome_insert` AFTER INSERT ON `minutes_outcome` WHEN new.kind <> 'action' BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 2, '', replace(replace(replace(replace(replace(replace(replace(new.text, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'outcome', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_outcome_delete` AFTER DELETE ON `minutes_outcome` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_insert` AFTER INSERT ON `action_item` BEGIN
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(new.title, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), replace(replace(replace(replace(replace(replace(replace(new.description, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_update` AFTER UPDATE OF title, description ON `action_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 3;
	INSERT INTO `search_index` (rowid, title, body, kind, ref_id) VALUES (new.id * 4 + 3, replace(replace(replace(replace(replace(replace(replace(new.title, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), replace(replace(replace(replace(replace(replace(replace(new.description, '[[pii:person]]', char(57344, 57344, 57344)), '[[pii:birthdate]]', char(57345, 57345, 57345)), '[[pii:address]]', char(57346, 57346, 57346)), '[[pii:phone]]', char(57347, 57347, 57347)), '[[pii:email]]', char(57348, 57348, 57348)), '[[pii:iban]]', char(57349, 57349, 57349)), '[[pii:plate]]', char(57350, 57350, 57350)), 'action', new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_delete` AFTER DELETE ON `action_item` BEGIN
	DELETE FROM `search_index` WHERE rowid = old.id * 4 + 3;
END;
