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
