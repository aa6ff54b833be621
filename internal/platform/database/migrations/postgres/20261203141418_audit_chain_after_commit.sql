-- atlas:delimiter -- end

-- Events are chained after they commit, by audit_events_seal (the
-- portal's "audit-chain" job, Verify and the retention job call it),
-- instead of in the insert: the insert's chain lock, held until commit,
-- made every request that logs a read wait its turn behind the others'
-- commits. Writers take no lock now and cannot place themselves in the
-- chain: what they give for seq, prev_hash and hash is cleared.
CREATE INDEX "auditevent_unsealed" ON "audit_events" ("occurred_at", "id") WHERE (seq IS NULL);
-- end
CREATE OR REPLACE FUNCTION "audit_events_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."content_hash" IS NULL THEN
    RAISE EXCEPTION 'audit events need a content hash';
  END IF;
  NEW."seq" := NULL;
  NEW."prev_hash" := NULL;
  NEW."hash" := NULL;
  RETURN NEW;
END
$$;
-- end
-- Seals up to batch committed events not chained yet, oldest first:
-- each takes the next number, the previous event's hash and SHA-256 of
-- that hash followed by its content hash. The advisory lock, held until
-- the transaction ends, makes sealers take turns, so the chain never
-- forks; each statement sees what the previous holder committed.
-- Returns how many it sealed.
CREATE FUNCTION "audit_events_seal"(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  ev record;
  sealed integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('portal.audit_events'));
  SELECT "seq", "hash" INTO last_seq, last_hash
    FROM "audit_events" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  last_seq := COALESCE(last_seq, 0);
  last_hash := COALESCE(last_hash, repeat('0', 64));
  FOR ev IN SELECT "id", "occurred_at", "content_hash" FROM "audit_events"
      WHERE "seq" IS NULL ORDER BY "occurred_at", "id" LIMIT batch LOOP
    last_seq := last_seq + 1;
    UPDATE "audit_events" SET "seq" = last_seq, "prev_hash" = last_hash,
        "hash" = encode(sha256(decode(last_hash, 'hex') || decode(ev."content_hash", 'hex')), 'hex')
      WHERE "id" = ev."id" AND "occurred_at" = ev."occurred_at"
      RETURNING "hash" INTO last_hash;
    -- Unsealed events cannot be removed; were one gone, the next link
    -- would follow a NULL hash.
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit chain: event % vanished while it was sealed', ev."id";
    END IF;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END
$$;
-- end
-- Audit events stay append-only: the one UPDATE let through is the
-- sealing of an event not chained yet, which sets seq, prev_hash and a
-- hash that links them, and changes nothing else; DELETE removes only
-- chained events the latest archive event covers (the retention job
-- seals before it archives), never one waiting for its seal.
CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  archived bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT ("records"->'archivedThroughSeq'->>0)::bigint INTO archived
      FROM "audit_events" WHERE "action" = 'archive' AND "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
    IF archived IS NOT NULL AND OLD."seq" <= archived THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only; only archived events may be removed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."seq" IS NULL AND NEW."seq" IS NOT NULL
     AND NEW."prev_hash" IS NOT NULL AND OLD."content_hash" IS NOT NULL
     AND NEW."hash" = encode(sha256(decode(NEW."prev_hash", 'hex') || decode(OLD."content_hash", 'hex')), 'hex')
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
-- end
