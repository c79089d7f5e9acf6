-- What statistical agencies' files carry beside their values: each value's flags (Eurostat's
-- letters: p provisional, e estimated, b break in series, ...; NULL for none), values of
-- months and quarters until compute sums them to years, and the value cells that hold no
-- value, counted by reason. Written for H2 2.x and PostgreSQL alike.

ALTER TABLE MIG_OBSERVATION ADD COLUMN IF NOT EXISTS FLAGS VARCHAR(20);

-- A month's (PARTS 12) or quarter's (PARTS 4) value; compute sums a year's parts into
-- MIG_DATASET_VALUE where every part is there, and lists the years where some are not.
CREATE TABLE IF NOT EXISTS MIG_OBSERVATION_PART (
	RUN_ID BIGINT NOT NULL,
	DATASET_ID VARCHAR(100) NOT NULL,
	FILE_NAME VARCHAR(1000) NOT NULL,
	SOURCE_ROW BIGINT NOT NULL,
	COUNTRY VARCHAR(3) NOT NULL,
	YR INT NOT NULL,
	PART SMALLINT NOT NULL,
	PARTS SMALLINT NOT NULL,
	MEASURE VARCHAR(20) NOT NULL,
	VAL BIGINT NOT NULL,
	FLAGS VARCHAR(20)
);

CREATE INDEX IF NOT EXISTS MIG_OBSERVATION_PART_RUN ON MIG_OBSERVATION_PART (RUN_ID, DATASET_ID, FILE_NAME);

-- Value cells without a value in agencies' files (Eurostat's ':' and ': c', SDMX's empty
-- OBS_VALUE or missing status), counted per block and reason: missing, never zero.
CREATE TABLE IF NOT EXISTS MIG_MISSING_VALUE (
	RUN_ID BIGINT NOT NULL,
	DATASET_ID VARCHAR(100) NOT NULL,
	FILE_NAME VARCHAR(1000) NOT NULL,
	SHEET VARCHAR(200) NOT NULL,
	REASON VARCHAR(100) NOT NULL,
	CELL_COUNT BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS MIG_MISSING_VALUE_RUN ON MIG_MISSING_VALUE (RUN_ID);

-- The flags of the value a dataset gives for a country, year and measure (a year summed from
-- months: the flags of any of its months), of the values a country-year's figures are built
-- from, and of the years a period's sums are built from.
ALTER TABLE MIG_DATASET_VALUE ADD COLUMN IF NOT EXISTS FLAGS VARCHAR(20);
ALTER TABLE MIG_COUNTRY_YEAR ADD COLUMN IF NOT EXISTS FLAGS VARCHAR(200);
ALTER TABLE MIG_PERIOD ADD COLUMN IF NOT EXISTS FLAGS VARCHAR(200);
