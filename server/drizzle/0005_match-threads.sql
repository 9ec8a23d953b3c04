CREATE TABLE "match_threads" (
	"match_id" uuid PRIMARY KEY NOT NULL,
	"senders" text[] DEFAULT '{}'::text[] NOT NULL,
	"thread" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_threads" ADD CONSTRAINT "match_threads_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Rebuilds the compact threads of some matches from their messages: always the whole thread, so the copy is
-- exactly what the messages say whatever order they arrived or changed in. The ids are joined (not `= ANY`),
-- so a bulk insert of many matches gets a hash join instead of searching the array for every message.
CREATE FUNCTION "refresh_match_threads"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM match_threads t USING unnest(ids) AS i(id)
  WHERE t.match_id = i.id AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.match_id = t.match_id);
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
CREATE FUNCTION "messages_refresh_match_threads"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One rebuild per statement (transition tables), not per row: a bulk insert reads each thread once.
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_match_threads(ARRAY(SELECT DISTINCT match_id FROM new_rows WHERE match_id IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_match_threads(ARRAY(
      SELECT match_id FROM new_rows WHERE match_id IS NOT NULL
      UNION SELECT match_id FROM old_rows WHERE match_id IS NOT NULL));
  ELSE
    PERFORM refresh_match_threads(ARRAY(SELECT DISTINCT match_id FROM old_rows WHERE match_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "messages_match_threads_insert" AFTER INSERT ON "messages" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_refresh_match_threads();
--> statement-breakpoint
CREATE TRIGGER "messages_match_threads_update" AFTER UPDATE ON "messages"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_refresh_match_threads();
--> statement-breakpoint
CREATE TRIGGER "messages_match_threads_delete" AFTER DELETE ON "messages" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_refresh_match_threads();
--> statement-breakpoint
SELECT refresh_match_threads(ARRAY(SELECT DISTINCT match_id FROM messages WHERE match_id IS NOT NULL));
