-- What ingest took from each input table (a file, or one sheet of a workbook read as
-- several partitions), one row per job execution that committed blocks of it: each block
-- adds its counts to its execution's row in the block's own transaction, together with its
-- rows and the reader's position, so that a restart neither loses nor doubles a count. A
-- run's counts are the sums over its executions (up to a given one, for an earlier
-- execution as it ended); a table whose rows were deleted to be read again gets a row that
-- cancels the earlier ones. ROWS_REJECTED counts rows with a value or the whole row rejected
-- while ingesting, VALUES_REJECTED the rejections written; ENDED says the partition read the
-- table to its end (within its reject limit where that is checked as a file ends).
-- Runs ingested before this version have no rows here.
CREATE TABLE IF NOT EXISTS MIG_FILE_COUNT (
	RUN_ID BIGINT NOT NULL,
	DATASET_ID VARCHAR(100) NOT NULL,
	FILE_NAME VARCHAR(1000) NOT NULL,
	SHEET VARCHAR(200) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	ROWS_READ BIGINT NOT NULL,
	ROWS_WRITTEN BIGINT NOT NULL,
	ROWS_REJECTED BIGINT NOT NULL,
	ROWS_REJECTED_WHOLE BIGINT NOT NULL,
	AGGREGATE_ROWS BIGINT NOT NULL,
	OTHER_FILTERED_ROWS BIGINT NOT NULL,
	OBSERVATIONS BIGINT NOT NULL,
	VALUES_REJECTED BIGINT NOT NULL,
	NUMBER_FORMAT VARCHAR(30),
	ENDED BOOLEAN DEFAULT FALSE NOT NULL,
	PRIMARY KEY (RUN_ID, DATASET_ID, FILE_NAME, SHEET, JOB_EXECUTION_ID)
);
