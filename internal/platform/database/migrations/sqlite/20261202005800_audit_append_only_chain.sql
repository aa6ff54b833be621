-- atlas:delimiter -- end

-- Audit events are append-only: no UPDATE, except the chain's own sealing
-- of a row just inserted (audit_events_chain below), which sets seq,
-- prev_hash and hash once and nothing else.
-- Beware: SQLite drops a table's triggers with the table, and atlas
-- rebuilds a table to change a column: a migration that rebuilds
-- audit_events must create these triggers again (the audit tests fail
-- otherwise).
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
WHEN NOT (OLD.`seq` IS NULL AND OLD.`content_hash` IS NOT NULL AND NEW.`content_hash` IS OLD.`content_hash` AND NEW.`id` IS OLD.`id`)
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
-- end
-- DELETE only removes what the retention job archived: events up to the
-- sequence number the latest "archive" event names.
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
WHEN (OLD.`seq` IS NULL AND NOT EXISTS (SELECT 1 FROM `audit_events` WHERE `action` = 'archive'))
  OR OLD.`seq` > COALESCE((SELECT CAST(json_extract(`records`, '$.archivedThroughSeq[0]') AS INTEGER) FROM `audit_events` WHERE `action` = 'archive' ORDER BY `seq` DESC LIMIT 1), 0)
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only; only archived events may be removed');
END;
-- end
-- Chains each new event to the previous one: seq is the next number,
-- hash = SHA-256(previous hash || content hash) (portal_audit_link, a
-- function the portal registers on its connections). SQLite has one writer
-- at a time, so two events never take the same place.
CREATE TRIGGER `audit_events_chain` AFTER INSERT ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit events need a content hash') WHERE NEW.`content_hash` IS NULL;
  UPDATE `audit_events` SET
    `seq` = (SELECT COALESCE(MAX(`seq`), 0) + 1 FROM `audit_events`),
    `prev_hash` = COALESCE((SELECT `hash` FROM `audit_events` WHERE `seq` IS NOT NULL ORDER BY `seq` DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'),
    `hash` = portal_audit_link(COALESCE((SELECT `hash` FROM `audit_events` WHERE `seq` IS NOT NULL ORDER BY `seq` DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'), NEW.`content_hash`)
  WHERE `id` = NEW.`id`;
END;
-- end
