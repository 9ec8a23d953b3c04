-- The append check of the compact threads (0009) looks, for each pair a batch writes to, for a stored
-- message later than the batch's earliest one. The planner turned that check into a join, and ran it
-- either once per new message (2,000 index searches for a batch of 2,000 messages to 200 pairs) or as a
-- scan of every stored message. It now runs once per pair, through the (match_id, sent_at) index:
-- inserting such a batch took 96-107 ms instead of 121-126 ms (same rows, rolled back each time).
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
    -- Materialized, so its checks run once per pair, not once per new message.
    appendable AS MATERIALIZED (
      SELECT t.match_id, t.senders FROM match_threads t JOIN earliest e USING (match_id)
      WHERE t.thread <> ''
        AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.match_id = t.match_id AND NOT (f.sender = ANY (t.senders)))
        -- No message already stored comes after the earliest new one (the order of a rebuild: sent_at, id).
        -- OFFSET 0 keeps this a search per pair: without it, the planner may make it a join over every
        -- stored message.
        AND NOT EXISTS (
          SELECT 1 FROM messages m
          WHERE m.match_id = e.match_id AND m.sent_at >= e.sent_at AND (m.sent_at, m.id) > (e.sent_at, e.id)
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
