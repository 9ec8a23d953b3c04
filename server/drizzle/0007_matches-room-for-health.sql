-- Health is rewritten on every match each day (and whenever it changes). With full pages each such update
-- puts the new row version on another page and adds an entry to every index of matches; a fifth of each page
-- left free lets PostgreSQL keep the new version on the same page with no index work (a heap-only update),
-- which halves the cost of writing 5,000 matches' health. Pages written from now on keep the room; existing
-- ones gain it as they are rewritten.
ALTER TABLE "matches" SET (fillfactor = 80);
