-- The value cells of agencies' files that hold no value (Eurostat's ':' and ': c', SDMX's empty
-- OBS_VALUE or a status of a missing value), counted by reason with the other counts of each
-- input table and job execution, so that the run summary, show and the report count them as
-- the rows they belong to: missing, never zero. Tables counted before this version count none.
-- Written for H2 2.x and PostgreSQL alike.

ALTER TABLE MIG_FILE_COUNT ADD COLUMN IF NOT EXISTS MISSING_NOT_AVAILABLE BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE MIG_FILE_COUNT ADD COLUMN IF NOT EXISTS MISSING_CONFIDENTIAL BIGINT DEFAULT 0 NOT NULL;

-- A value built from several flagged values carries each distinct letter of its parts, so up to
-- the 26 letters a flag can be: the columns of V4 that held 20 hold 26.
ALTER TABLE MIG_OBSERVATION ALTER COLUMN FLAGS SET DATA TYPE VARCHAR(26);
ALTER TABLE MIG_OBSERVATION_PART ALTER COLUMN FLAGS SET DATA TYPE VARCHAR(26);
ALTER TABLE MIG_DATASET_VALUE ALTER COLUMN FLAGS SET DATA TYPE VARCHAR(26);
