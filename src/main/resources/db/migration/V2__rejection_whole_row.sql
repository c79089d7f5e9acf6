-- Whether a rejection rejected its row whole (an unknown country, a bad year, a ragged row:
-- none of the row's values is used) or one value of a row whose other values are used, so
-- that the run summary, show and the report count the two the same way.
ALTER TABLE MIG_REJECTION ADD COLUMN IF NOT EXISTS WHOLE_ROW BOOLEAN DEFAULT FALSE NOT NULL;
