-- atlas:delimiter -- end

-- Every change of a series' bookings (a booking, a cancellation, a
-- promotion, an erasure) is announced to the portal processes that push
-- the series' seats (package seats, channel portal_seats, the series ID as
-- payload) by the database itself, in the changing transaction:
-- PostgreSQL delivers it on commit, once per series and transaction, and
-- the change costs no statement of its own. SQLite, one process, has its
-- in-process broadcast instead (seats.Hub.Announce).
CREATE FUNCTION "bookings_announce_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('portal_seats', OLD."series_id");
  ELSE
    PERFORM pg_notify('portal_seats', NEW."series_id");
  END IF;
  RETURN NULL;
END
$$;
-- end
CREATE TRIGGER "bookings_announce_seats" AFTER INSERT OR DELETE OR UPDATE OF "status" ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "bookings_announce_seats"();
-- end
