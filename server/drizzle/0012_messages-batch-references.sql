-- Ingest inserts thousands of messages per statement. As foreign keys, program_id, match_id and thread_id
-- were checked once per row (three index probes and row locks per message): per 2,000-message insert that
-- cost 25-35 ms, more than the insert itself. The same rules are now kept once per statement:
--   * an insert (or an update that changes a reference) locks each referenced program, match and thread
--     once, FOR KEY SHARE as a foreign key does, and fails with foreign_key_violation (23503) when one is
--     missing, so a concurrent delete of that row waits for the insert to commit, then sees its messages;
--   * deleting programs or matches deletes their messages, deleting threads clears thread_id, as the
--     foreign keys' ON DELETE actions did.
ALTER TABLE "messages" DROP CONSTRAINT "messages_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_match_id_matches_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_thread_id_threads_id_fk";
--> statement-breakpoint
CREATE FUNCTION "messages_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  program_ids uuid[];
  match_ids uuid[];
  thread_ids uuid[];
  ref record;
  missing uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.program_id),
      array_agg(DISTINCT n.match_id) FILTER (WHERE n.match_id IS NOT NULL),
      array_agg(DISTINCT n.thread_id) FILTER (WHERE n.thread_id IS NOT NULL)
    INTO program_ids, match_ids, thread_ids
    FROM new_rows n;
  ELSE
    -- Only the references an update changed, as a foreign key checks.
    SELECT array_agg(DISTINCT n.program_id) FILTER (WHERE n.program_id IS DISTINCT FROM o.program_id),
      array_agg(DISTINCT n.match_id) FILTER (WHERE n.match_id IS NOT NULL AND n.match_id IS DISTINCT FROM o.match_id),
      array_agg(DISTINCT n.thread_id) FILTER (WHERE n.thread_id IS NOT NULL AND n.thread_id IS DISTINCT FROM o.thread_id)
    INTO program_ids, match_ids, thread_ids
    FROM new_rows n JOIN old_rows o USING (id);
  END IF;
  FOR ref IN
    SELECT * FROM (VALUES ('program_id', 'programs', program_ids), ('match_id', 'matches', match_ids),
      ('thread_id', 'threads', thread_ids)) AS r(col, parent, ids)
  LOOP
    CONTINUE WHEN ref.ids IS NULL;
    -- The hashed NOT IN reads (and so locks) every referenced row before any key is compared.
    EXECUTE format(
      'SELECT k FROM unnest($1) AS k WHERE k NOT IN (SELECT p.id FROM %I p WHERE p.id = ANY ($1) FOR KEY SHARE OF p) LIMIT 1',
      ref.parent) INTO missing USING ref.ids;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "messages" violates foreign key constraint "messages_%_%_id_fk"',
        ref.col, ref.parent
        USING ERRCODE = 'foreign_key_violation', TABLE = 'messages',
          DETAIL = format('Key (%s)=(%s) is not present in table "%s".', ref.col, missing, ref.parent);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Named to sort before the other statement triggers on messages, which fire in name order: a bad
-- reference fails here first, with a foreign-key error that names it.
CREATE TRIGGER "messages_check_references_insert" AFTER INSERT ON "messages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "messages_check_references"();
--> statement-breakpoint
CREATE TRIGGER "messages_check_references_update" AFTER UPDATE ON "messages"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "messages_check_references"();
--> statement-breakpoint
CREATE FUNCTION "messages_follow_deleted_parent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'programs' THEN
    DELETE FROM "messages" m USING old_rows o WHERE m.program_id = o.id;
  ELSIF TG_TABLE_NAME = 'matches' THEN
    DELETE FROM "messages" m USING old_rows o WHERE m.match_id = o.id;
  ELSE
    -- By match first, so the search uses the messages index on match_id.
    UPDATE "messages" m SET thread_id = NULL FROM old_rows o WHERE m.match_id = o.match_id AND m.thread_id = o.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "programs_delete_messages" AFTER DELETE ON "programs"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "messages_follow_deleted_parent"();
--> statement-breakpoint
CREATE TRIGGER "matches_delete_messages" AFTER DELETE ON "matches"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "messages_follow_deleted_parent"();
--> statement-breakpoint
CREATE TRIGGER "threads_unlink_messages" AFTER DELETE ON "threads"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "messages_follow_deleted_parent"();
