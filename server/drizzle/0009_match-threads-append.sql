-- Ingest inserts mail in batches, and a batch usually only adds messages after the last one of each thread,
-- from people who wrote in it before. Such a thread now gets the new entries appended (the same text a
-- rebuild would write) instead of being rebuilt from all its messages: an insert costs what it adds, where
-- a backlog of 100,000 messages used to rebuild every pair's whole thread at every batch. Anything else (an
-- earlier message, a new sender, no thread yet) is rebuilt as before; updates and deletes always rebuild.
CREATE OR REPLACE FUNCTION "messages_refresh_match_threads"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  appended uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH fresh AS (
      SELECT n.match_id, n.id, n.sent_at, lower(n.from_address) AS sender,
        (extract(epoch from n.sent_at) * 1000)::bigint AS at, n.new_text_chars, n.question_count,
        n.auto_reply, n.bounce
      FROM new_rows n WHERE n.match_id IS NOT NULL),
    earliest AS (SELECT DISTINCT ON (match_id) match_id, sent_at, id FROM fresh ORDER BY match_id, sent_at, id),
    appendable AS (
      SELECT t.match_id, t.senders FROM match_threads t JOIN earliest e USING (match_id)
      WHERE t.thread <> ''
        AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.match_id = t.match_id AND NOT (f.sender = ANY (t.senders)))
        -- No message already stored comes after the earliest new one (the order of a rebuild: sent_at, id).
        AND NOT EXISTS (
          SELECT 1 FROM messages m
          WHERE m.match_id = e.match_id AND m.sent_at >= e.sent_at AND (m.sent_at, m.id) > (e.sent_at, e.id)
            AND m.id NOT IN (SELECT id FROM new_rows))),
    entries AS (
      SELECT f.match_id,
        string_agg(concat_ws(',', array_position(a.senders, f.sender) - 1, f.at, f.new_text_chars,
          f.question_count, f.auto_reply::int + 2 * f.bounce::int), ',' ORDER BY f.sent_at, f.id) AS thread
      FROM fresh f JOIN appendable a USING (match_id)
      GROUP BY f.match_id),
    done AS (
      UPDATE match_threads t SET thread = t.thread || ',' || entries.thread
      FROM entries WHERE t.match_id = entries.match_id
      RETURNING t.match_id)
    SELECT array_agg(match_id) INTO appended FROM done;
    PERFORM refresh_match_threads(ARRAY(
      SELECT DISTINCT match_id FROM new_rows
      WHERE match_id IS NOT NULL AND NOT (match_id = ANY (coalesce(appended, '{}')))));
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
