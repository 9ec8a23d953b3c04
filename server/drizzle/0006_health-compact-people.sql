ALTER TABLE "match_threads" ALTER COLUMN "thread" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "match_threads" ADD COLUMN "members" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "match_threads" ADD COLUMN "check_ins" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
-- The match change notice (migration 0004) compared each changed row with its old version through a join of
-- the two transition tables, which have no statistics: PostgreSQL planned a nested loop, so an UPDATE of
-- 5,000 matches (a health recompute batch) spent seconds in the trigger. EXCEPT compares the same columns,
-- NULLs included, by hashing or sorting: linear in the rows the statement changed.
CREATE OR REPLACE FUNCTION peerpost_match_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows) THEN PERFORM pg_notify('peerpost_context', 'global'); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM pg_notify('peerpost_context', 'global'); END IF;
  ELSIF EXISTS (
    SELECT id, status, token, program_id, started_at FROM new_rows
    EXCEPT SELECT id, status, token, program_id, started_at FROM old_rows
  ) THEN
    PERFORM pg_notify('peerpost_context', 'global');
  ELSE
    PERFORM pg_notify('peerpost_context', 'match:' || id) FROM new_rows;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A match's thread row now also carries its people, so a thread with no message left is emptied rather than
-- removed while the match still has members or check-ins; the row goes once it holds nothing.
CREATE OR REPLACE FUNCTION "refresh_match_threads"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE match_threads t SET senders = '{}', thread = '' FROM unnest(ids) AS i(id)
  WHERE t.match_id = i.id AND t.thread <> '' AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.match_id = t.match_id);
  DELETE FROM match_threads t USING unnest(ids) AS i(id)
  WHERE t.match_id = i.id AND t.thread = '' AND t.members::text = '[]' AND t.check_ins::text = '[]';
  WITH touched AS (SELECT DISTINCT id AS match_id FROM unnest(ids) AS i(id)),
  g AS (
    SELECT m.match_id, m.id, m.sent_at, lower(m.from_address) AS sender,
      (extract(epoch from m.sent_at) * 1000)::bigint AS at, m.new_text_chars, m.question_count,
      m.auto_reply, m.bounce
    FROM touched JOIN messages m USING (match_id)),
  s AS (SELECT match_id, array_agg(DISTINCT sender ORDER BY sender) AS senders FROM g GROUP BY match_id)
  INSERT INTO match_threads (match_id, senders, thread)
  SELECT g.match_id, s.senders,
    string_agg(concat_ws(',', array_position(s.senders, g.sender) - 1, g.at, g.new_text_chars, g.question_count,
      g.auto_reply::int + 2 * g.bounce::int), ',' ORDER BY g.sent_at, g.id)
  FROM g JOIN s USING (match_id)
  GROUP BY g.match_id, s.senders
  ON CONFLICT (match_id) DO UPDATE SET senders = excluded.senders, thread = excluded.thread;
$$;
--> statement-breakpoint
-- Rebuilds the people of some matches: current members and answered check-ins, as the recompute reads them.
-- Matches being deleted are skipped (their row goes with them).
CREATE FUNCTION "refresh_match_people"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  WITH touched AS (SELECT DISTINCT m.id AS match_id FROM unnest(ids) AS i(id) JOIN matches m ON m.id = i.id)
  INSERT INTO match_threads (match_id, members, check_ins)
  SELECT t.match_id,
    coalesce((SELECT json_agg(json_build_array(u.id, u.email, u.name) ORDER BY lower(u.email))
      FROM match_members mm JOIN users u ON u.id = mm.user_id
      WHERE mm.match_id = t.match_id AND mm.left_at IS NULL), '[]'::json),
    coalesce((SELECT json_agg(json_build_array(u.email, (extract(epoch from c.answered_at) * 1000)::float8, c.score)
        ORDER BY c.answered_at, c.id)
      FROM check_ins c JOIN users u ON u.id = c.user_id
      WHERE c.match_id = t.match_id AND c.score IS NOT NULL AND c.answered_at IS NOT NULL), '[]'::json)
  FROM touched t
  ON CONFLICT (match_id) DO UPDATE SET members = excluded.members, check_ins = excluded.check_ins;
  DELETE FROM match_threads t USING unnest(ids) AS i(id)
  WHERE t.match_id = i.id AND t.thread = '' AND t.members::text = '[]' AND t.check_ins::text = '[]';
$$;
--> statement-breakpoint
-- One rebuild per statement (transition tables) for members and check-ins; for people, only when an email or
-- name changed (EXCEPT: linear, NULLs compared as equal).
CREATE FUNCTION "match_rows_refresh_match_people"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_match_people(ARRAY(SELECT DISTINCT match_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_match_people(ARRAY(SELECT match_id FROM new_rows UNION SELECT match_id FROM old_rows));
  ELSE
    PERFORM refresh_match_people(ARRAY(SELECT DISTINCT match_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "users_refresh_match_people"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_match_people(ARRAY(
    SELECT DISTINCT mm.match_id FROM match_members mm
    JOIN (SELECT id, email, name FROM new_rows EXCEPT SELECT id, email, name FROM old_rows) AS changed
      ON changed.id = mm.user_id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['match_members', 'check_ins'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_match_people_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION match_rows_refresh_match_people()', t);
    EXECUTE format('CREATE TRIGGER %1$s_match_people_update AFTER UPDATE ON %1$I
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION match_rows_refresh_match_people()', t);
    EXECUTE format('CREATE TRIGGER %1$s_match_people_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION match_rows_refresh_match_people()', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_match_people_update" AFTER UPDATE ON "users"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_refresh_match_people();
--> statement-breakpoint
SELECT refresh_match_people(ARRAY(SELECT id FROM matches));
