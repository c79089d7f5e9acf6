-- Rows filtered for another reason than being about an aggregate: of a series the dataset
-- does not map, left out by its filters, or section headings. Counted per block, reason and
-- text as written (a file of a million rows of other series holds a few rows here); the
-- report sums them per file.
CREATE TABLE IF NOT EXISTS MIG_FILTERED_ROW (
	RUN_ID BIGINT NOT NULL,
	DATASET_ID VARCHAR(100) NOT NULL,
	FILE_NAME VARCHAR(1000) NOT NULL,
	SHEET VARCHAR(200) NOT NULL,
	REASON VARCHAR(1000) NOT NULL,
	RAW_VALUE VARCHAR(1000) NOT NULL,
	ROW_COUNT BIGINT NOT NULL,
	FIRST_ROW BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS MIG_FILTERED_ROW_RUN ON MIG_FILTERED_ROW (RUN_ID);
