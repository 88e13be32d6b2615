-- Schema 6 is reserved for another branch of the same release (issue 9); this placeholder
-- keeps the numbering 1..N on this branch. Replace it with that branch's 0006 when merging.
SELECT 1;
