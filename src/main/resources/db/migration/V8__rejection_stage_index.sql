-- A run's rejected rows found by stage as well as by run: whether the compute step rejected any
-- (the report's count of rows rejected only while computing looks there first, and a run with a
-- million rows rejected while ingesting has none as a rule), and the compute step's own deleted
-- before it runs again, without reading the ingest step's. The index on the run alone is a
-- prefix of this one and goes. Written for H2 2.x and PostgreSQL alike.

CREATE INDEX IF NOT EXISTS MIG_REJECTION_RUN_STAGE ON MIG_REJECTION (RUN_ID, STAGE);
DROP INDEX IF EXISTS MIG_REJECTION_RUN;
