-- Change notices for the API's in-memory caches (sidebar context, API token and access scope): every write
-- that can change what GET /api/context or the caller's access shows sends NOTIFY peerpost_context after
-- commit, 'match:<id>' when only one match's view changes, 'global' when tokens, people, profiles,
-- memberships, programs or which match a thread belongs to may have changed. Statement-level triggers
-- with transition tables: one notice per match per statement, and NOTIFY folds repeats within a transaction.
CREATE FUNCTION peerpost_context_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('peerpost_context', 'global');
  ELSIF TG_ARGV[0] = 'global' THEN
    -- A statement that changed no row (an UPDATE matching nothing) must not empty every cache.
    -- (Each transition table is only named in a branch of the operation that has it.)
    IF TG_OP = 'DELETE' THEN
      IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM pg_notify('peerpost_context', 'global'); END IF;
    ELSIF EXISTS (SELECT 1 FROM new_rows) THEN
      PERFORM pg_notify('peerpost_context', 'global');
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('peerpost_context', 'match:' || match_id)
      FROM (SELECT DISTINCT match_id FROM new_rows WHERE match_id IS NOT NULL) AS changed;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM pg_notify('peerpost_context', 'match:' || match_id)
      FROM (SELECT match_id FROM new_rows UNION SELECT match_id FROM old_rows) AS changed
      WHERE match_id IS NOT NULL;
  ELSE
    PERFORM pg_notify('peerpost_context', 'match:' || match_id)
      FROM (SELECT DISTINCT match_id FROM old_rows WHERE match_id IS NOT NULL) AS changed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A match's own columns: health, agreement cadence, notices → that match; its status, token, program or
-- start (which decide thread lookup and visibility) and new or removed matches → global.
CREATE FUNCTION peerpost_match_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows) THEN PERFORM pg_notify('peerpost_context', 'global'); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM pg_notify('peerpost_context', 'global'); END IF;
  ELSIF EXISTS (
    SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.token IS DISTINCT FROM o.token
      OR n.program_id IS DISTINCT FROM o.program_id OR n.started_at IS DISTINCT FROM o.started_at
  ) THEN
    PERFORM pg_notify('peerpost_context', 'global');
  ELSE
    PERFORM pg_notify('peerpost_context', 'match:' || id) FROM new_rows;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER matches_context_insert AFTER INSERT ON matches REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION peerpost_match_changed();
--> statement-breakpoint
CREATE TRIGGER matches_context_update AFTER UPDATE ON matches REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION peerpost_match_changed();
--> statement-breakpoint
CREATE TRIGGER matches_context_delete AFTER DELETE ON matches REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION peerpost_match_changed();
--> statement-breakpoint
CREATE TRIGGER matches_context_truncate AFTER TRUNCATE ON matches
  FOR EACH STATEMENT EXECUTE FUNCTION peerpost_context_changed('global');
--> statement-breakpoint
DO $$
DECLARE
  t text;
  kind text;
BEGIN
  FOREACH t IN ARRAY ARRAY['messages', 'check_ins', 'health_snapshots', 'goals', 'agreements', 'prompts_sent',
      'users', 'participants', 'match_members', 'memberships', 'program_coordinators', 'programs', 'prompts',
      'api_tokens'] LOOP
    -- Rows of one match (what the sidebar shows about it) → that match; rows shared by many matches or
    -- deciding who may see what → global.
    kind := CASE WHEN t IN ('messages', 'check_ins', 'health_snapshots', 'goals', 'agreements', 'prompts_sent')
      THEN 'match' ELSE 'global' END;
    EXECUTE format('CREATE TRIGGER %1$s_context_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION peerpost_context_changed(%2$L)', t, kind);
    EXECUTE format('CREATE TRIGGER %1$s_context_update AFTER UPDATE ON %1$I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION peerpost_context_changed(%2$L)', t, kind);
    EXECUTE format('CREATE TRIGGER %1$s_context_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION peerpost_context_changed(%2$L)', t, kind);
    EXECUTE format('CREATE TRIGGER %1$s_context_truncate AFTER TRUNCATE ON %1$I
      FOR EACH STATEMENT EXECUTE FUNCTION peerpost_context_changed()', t);
  END LOOP;
END $$;
