-- The append check (0009, 0010) could take a plan that costs seconds per batch. Statistics gathered while
-- every compact thread was still empty (right after pairs are made) estimate "thread <> ''" at one row, so
-- the planner looped over every pair's thread and, inside, over the batch's pairs: the search for later
-- messages ran pairs x pairs times (218,514 times for one batch of 1,000 messages, 1.2 s instead of 5 ms).
-- The check now starts from the batch's own pairs, one row each with its earliest message and its senders,
-- and looks each one's thread up by key, whatever the estimates say: at most one thread lookup and one
-- index search per pair of the batch.
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
    -- One row per pair of the batch: its earliest new message (the order of a rebuild: sent_at, id) and
    -- everyone who wrote.
    pairs AS MATERIALIZED (
      SELECT e.match_id, e.sent_at, e.id, s.senders
      FROM (SELECT DISTINCT ON (match_id) match_id, sent_at, id FROM fresh ORDER BY match_id, sent_at, id) e
      JOIN (SELECT match_id, array_agg(DISTINCT sender) AS senders FROM fresh GROUP BY match_id) s
        USING (match_id)),
    -- The lateral subquery (kept apart by OFFSET 0) makes each pair look its thread up by key.
    appendable AS MATERIALIZED (
      SELECT p.match_id, t.senders
      FROM pairs p
      CROSS JOIN LATERAL (
        SELECT t.senders, t.thread FROM match_threads t WHERE t.match_id = p.match_id OFFSET 0) t
      WHERE t.thread <> ''
        AND p.senders <@ t.senders
        -- No message already stored comes after the earliest new one.
        AND NOT EXISTS (
          SELECT 1 FROM messages m
          WHERE m.match_id = p.match_id AND m.sent_at >= p.sent_at AND (m.sent_at, m.id) > (p.sent_at, p.id)
            AND m.id NOT IN (SELECT id FROM new_rows)
          OFFSET 0)),
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
