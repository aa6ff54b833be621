-- atlas:delimiter -- end

-- Audit events are append-only, whoever connects: UPDATE and TRUNCATE are
-- refused, DELETE only removes what the retention job archived (events up
-- to the sequence number the latest "archive" event names).
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  archived bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT ("records"->'archivedThroughSeq'->>0)::bigint INTO archived
      FROM "audit_events" WHERE "action" = 'archive' ORDER BY "seq" DESC LIMIT 1;
    IF archived IS NOT NULL AND (OLD."seq" IS NULL OR OLD."seq" <= archived) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only; only archived events may be removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
-- end
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
-- end
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
-- end
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
-- end
-- Chains each new event to the previous one: seq is the next number,
-- hash = SHA-256(previous hash || content hash). The advisory lock,
-- held until the transaction ends, makes concurrent writers take turns,
-- so the chain never forks; each statement of the function sees what the
-- previous holder committed (READ COMMITTED) and the rows this statement
-- inserted before.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  IF NEW."content_hash" IS NULL THEN
    RAISE EXCEPTION 'audit events need a content hash';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('portal.audit_events'));
  SELECT "seq", "hash" INTO last_seq, last_hash
    FROM "audit_events" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := COALESCE(last_seq, 0) + 1;
  NEW."prev_hash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(decode(NEW."prev_hash", 'hex') || decode(NEW."content_hash", 'hex')), 'hex');
  RETURN NEW;
END
$$;
-- end
CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();
-- end
