package org.migrationstats.pipeline.compute.jdbc;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statements {@link FigureComputation} computes a run's figures with: set-based SQL
 * over the run's observations, for H2 and PostgreSQL alike.
 */
final class FigureStatements {

	/** The stage recorded with rejections made while computing. */
	static final String COMPUTE = "compute";

	/** The tables computing fills, each emptied for the run before it is filled again. */
	static final List<String> COMPUTED_TABLES = List.of("MIG_COUNTRY_YEAR", "MIG_PERIOD", "MIG_PERIOD_GROUP",
			"MIG_MEMBERSHIP_COUNT", "MIG_MEMBERSHIP_CHECK", "MIG_SOURCE_DIFF", "MIG_DATASET_VALUE");

	/**
	 * @param column a column of flags ({@code o.FLAGS})
	 * @return the aggregate that gives the flags of a group of values: each letter that
	 * any value has, once, in alphabetical order ({@code e} and {@code p} give
	 * {@code ep}), or {@code NULL} when none has a flag; plain SQL that H2 and PostgreSQL
	 * both run (neither's string aggregate is the other's). Every figure built from
	 * several flagged values (a sum of records, a year of months) carries its flags so.
	 */
	static String flagsOfGroup(String column) {
		return "NULLIF(" + IntStream.rangeClosed('a', 'z')
			.mapToObj((c) -> "MAX(CASE WHEN " + column + " LIKE '%" + (char) c + "%' THEN '" + (char) c
					+ "' ELSE '' END)")
			.collect(Collectors.joining(" || ")) + ", '')";
	}

	static final String DELETE_COMPUTE_REJECTIONS = "DELETE FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE = ?";

	/*
	 * One value per dataset, country, year and measure: for a dataset of records
	 * (sum-records), the sum of its rows; for any other, its first row, in file and row
	 * order (a second row is rejected by DUPLICATES, never summed); with the dataset's
	 * precedence rank. Computed once: the country-year, conflict and revision queries
	 * read the small result instead of the observations.
	 *
	 * Each branch starts from the run's datasets of its kind and reaches the observations
	 * by the index on (RUN_ID, DATASET_ID, ...), so a branch with no dataset of its kind
	 * reads no observation, and no observation is joined back to MIG_DATASET one by one.
	 * The sums are a GROUP BY over the rows that index (MIG_OBSERVATION_RUN) finds.
	 * "First" depends on file and row, which takes a window over the observations of
	 * datasets that are not summed (%1$s is FIRST_ROWS); where none of them gives a
	 * second value (REPEATED_VALUES finds none, the usual case) every row is the first,
	 * and the window, most of this statement's time, is left out (%1$s is EVERY_ROW).
	 *
	 * A sum carries the flags of all its rows. MAX(FLAGS) is that where its flagged rows
	 * all have the same flags, and MIXED_FLAGS then mends the sums whose rows have
	 * different ones: the aggregate that merges flags letter by letter costs 26 terms a
	 * row, so it runs over the flagged rows alone.
	 */
	static final String DATASET_VALUES = """
			INSERT INTO MIG_DATASET_VALUE (RUN_ID, DATASET_ID, COUNTRY, YR, MEASURE, VAL, RANK, FLAGS)
			SELECT ?, v.DATASET_ID, v.COUNTRY, v.YR, v.MEASURE, v.VAL, p.RANK, v.FLAGS
			FROM (
			    %1$s
			    UNION ALL
			    SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, SUM(o.VAL), MAX(o.FLAGS)
			    FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = TRUE
			    GROUP BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			) v
			LEFT JOIN MIG_PRECEDENCE p ON p.RUN_ID = ? AND p.DATASET_ID = v.DATASET_ID AND p.MEASURE = v.MEASURE
			""";

	/** The first row of each value of the datasets that are not summed. */
	static final String FIRST_ROWS = """
			SELECT DATASET_ID, COUNTRY, YR, MEASURE, VAL, FLAGS FROM (
			        SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.VAL, o.FLAGS,
			            ROW_NUMBER() OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			                               ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS RN
			        FROM MIG_DATASET d
			        JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			        WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE) firsts
			    WHERE RN = 1""";

	/** Every row of the datasets that are not summed, where none gives a value twice. */
	static final String EVERY_ROW = """
			SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.VAL, o.FLAGS
			    FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE""";

	/*
	 * How many values a dataset that is not summed gives more than once (same country,
	 * year and measure): a GROUP BY, far cheaper than the windows of DUPLICATES and
	 * FIRST_ROWS, which run only where it finds some.
	 */
	static final String REPEATED_VALUES = """
			SELECT COUNT(*) FROM (
			    SELECT 1 FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE
			    GROUP BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			    HAVING COUNT(*) > 1) repeated
			""";

	/*
	 * The flags of each sum of records whose flagged rows do not all have the same flags,
	 * where DATASET_VALUES's MAX(FLAGS) fell short: every letter any row has, once.
	 */
	static final String MIXED_FLAGS = """
			SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, %s
			FROM MIG_DATASET d
			JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			WHERE d.RUN_ID = ? AND d.SUM_RECORDS = TRUE AND o.FLAGS IS NOT NULL
			GROUP BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			HAVING COUNT(DISTINCT o.FLAGS) > 1
			""".formatted(flagsOfGroup("o.FLAGS"));

	static final String SET_VALUE_FLAGS = "UPDATE MIG_DATASET_VALUE SET FLAGS = ? WHERE RUN_ID = ? AND DATASET_ID = ? "
			+ "AND COUNTRY = ? AND YR = ? AND MEASURE = ?";

	/*
	 * Whether some measure has values of more than one ranked dataset: only then can a
	 * country-year have values to choose among, or a conflict. The precedence table ranks
	 * every dataset for every measure, so the values themselves are counted.
	 */
	static final String MEASURES_OF_SEVERAL_SOURCES = """
			SELECT COUNT(*) FROM (
			    SELECT MEASURE FROM MIG_DATASET_VALUE WHERE RUN_ID = ? AND RANK IS NOT NULL
			    GROUP BY MEASURE HAVING COUNT(DISTINCT DATASET_ID) > 1) several
			""";

	/*
	 * One row per country and year: for each measure, the value of the dataset the
	 * precedence table ranks first (older vintages have no rank and are left out); with
	 * the figures derived from them in the same statement, as SQL arithmetic leaves a
	 * figure empty when a term is: net migration falls back on immigrants minus emigrants
	 * where no dataset gives it, natural increase is births minus deaths, population
	 * change of year t is P(t+1) - P(t) (mid-year to mid-year, as World Bank and WPP
	 * mid-year series allow; the last year of a series has none, nor has a year whose
	 * next year is missing), and the balancing residual is the reported change minus
	 * natural increase and net migration. One INSERT instead of an INSERT and five
	 * UPDATEs over the same rows: H2 rewrites every row an UPDATE touches. It reads the
	 * values chosen by preferredValues.
	 */
	static final String COUNTRY_YEARS = """
			INSERT INTO MIG_COUNTRY_YEAR (RUN_ID, COUNTRY, YR, POPULATION, POPULATION_SOURCE, IMMIGRANTS, EMIGRANTS,
			    MIGRATION_FLOWS_NET, NET_MIGRATION, NET_MIGRATION_SOURCE, BIRTHS, DEATHS, NATURAL_INCREASE,
			    MIGRANT_STOCK, REPORTED_POPULATION_CHANGE, POPULATION_CHANGE, BALANCE_RESIDUAL)
			SELECT ?, COUNTRY, YR, POPULATION, POPULATION_SOURCE, IMMIGRANTS, EMIGRANTS,
			    IMMIGRANTS - EMIGRANTS,
			    COALESCE(NET_MIGRATION, IMMIGRANTS - EMIGRANTS),
			    CASE WHEN NET_MIGRATION IS NOT NULL THEN NET_MIGRATION_SOURCE
			        WHEN IMMIGRANTS - EMIGRANTS IS NOT NULL THEN 'immigrants - emigrants' END,
			    BIRTHS, DEATHS, BIRTHS - DEATHS, MIGRANT_STOCK, REPORTED_POPULATION_CHANGE,
			    CASE WHEN NEXT_YR = YR + 1 THEN NEXT_POPULATION - POPULATION END,
			    REPORTED_POPULATION_CHANGE - (BIRTHS - DEATHS + COALESCE(NET_MIGRATION, IMMIGRANTS - EMIGRANTS))
			FROM (
			    SELECT picked.*,
			        LEAD(YR) OVER (PARTITION BY COUNTRY ORDER BY YR) AS NEXT_YR,
			        LEAD(POPULATION) OVER (PARTITION BY COUNTRY ORDER BY YR) AS NEXT_POPULATION
			    FROM (
			        SELECT COUNTRY, YR,
			            MAX(CASE WHEN MEASURE = 'POPULATION' THEN VAL END) AS POPULATION,
			            MAX(CASE WHEN MEASURE = 'POPULATION' THEN DATASET_ID END) AS POPULATION_SOURCE,
			            MAX(CASE WHEN MEASURE = 'IMMIGRANTS' THEN VAL END) AS IMMIGRANTS,
			            MAX(CASE WHEN MEASURE = 'EMIGRANTS' THEN VAL END) AS EMIGRANTS,
			            MAX(CASE WHEN MEASURE = 'NET_MIGRATION' THEN VAL END) AS NET_MIGRATION,
			            MAX(CASE WHEN MEASURE = 'NET_MIGRATION' THEN DATASET_ID END) AS NET_MIGRATION_SOURCE,
			            MAX(CASE WHEN MEASURE = 'BIRTHS' THEN VAL END) AS BIRTHS,
			            MAX(CASE WHEN MEASURE = 'DEATHS' THEN VAL END) AS DEATHS,
			            MAX(CASE WHEN MEASURE = 'MIGRANT_STOCK' THEN VAL END) AS MIGRANT_STOCK,
			            MAX(CASE WHEN MEASURE = 'POPULATION_CHANGE' THEN VAL END) AS REPORTED_POPULATION_CHANGE
			        FROM (%s) chosen
			        GROUP BY COUNTRY, YR
			    ) picked
			) c
			""";

	/**
	 * @param severalSources whether some measure has values of more than one ranked
	 * dataset ({@link #MEASURES_OF_SEVERAL_SOURCES})
	 * @return a query (with the run as its parameter) of the value each country, year and
	 * measure takes, with its dataset and flags: the value of the dataset ranked first
	 * among those that give one, a window over the ranked values; with one ranked dataset
	 * per measure, simply the ranked values
	 */
	static String preferredValues(boolean severalSources) {
		String ranked = "SELECT COUNTRY, YR, MEASURE, VAL, DATASET_ID, FLAGS FROM MIG_DATASET_VALUE "
				+ "WHERE RUN_ID = ? AND RANK IS NOT NULL";
		if (!severalSources) {
			return ranked;
		}
		return """
				SELECT COUNTRY, YR, MEASURE, VAL, DATASET_ID, FLAGS FROM (
				    SELECT COUNTRY, YR, MEASURE, VAL, DATASET_ID, FLAGS,
				        ROW_NUMBER() OVER (PARTITION BY COUNTRY, YR, MEASURE ORDER BY RANK) AS PREFERENCE
				    FROM MIG_DATASET_VALUE
				    WHERE RUN_ID = ? AND RANK IS NOT NULL) ranked
				WHERE PREFERENCE = 1""";
	}

	/*
	 * Every other dataset's value B that differs from the value used, A, by more than the
	 * tolerance: |B - A| > tolerance * |A|, the relative difference taken against the
	 * value used (so where A is 0 every other B is listed). The tolerance is cast to a
	 * decimal: left as a bare parameter beside a BIGINT, H2 binds it as a BIGINT and
	 * rounds 0.005 to 0. Windows instead of a self-join: one pass over the values.
	 */
	static final String CONFLICTS = """
			INSERT INTO MIG_SOURCE_DIFF (RUN_ID, KIND, COUNTRY, YR, MEASURE, DATASET_A, VALUE_A, DATASET_B, VALUE_B,
			    DIFFERENCE)
			SELECT ?, 'conflict', COUNTRY, YR, MEASURE, USED_DATASET, USED_VAL, DATASET_ID, VAL, VAL - USED_VAL
			FROM (
			    SELECT f.*,
			        FIRST_VALUE(VAL) OVER (PARTITION BY COUNTRY, YR, MEASURE ORDER BY RANK) AS USED_VAL,
			        FIRST_VALUE(DATASET_ID) OVER (PARTITION BY COUNTRY, YR, MEASURE ORDER BY RANK) AS USED_DATASET,
			        MIN(RANK) OVER (PARTITION BY COUNTRY, YR, MEASURE) AS BEST
			    FROM MIG_DATASET_VALUE f
			    WHERE f.RUN_ID = ? AND f.RANK IS NOT NULL
			) ranked
			WHERE RANK > BEST AND ABS(VAL - USED_VAL) > CAST(? AS DECIMAL(20, 10)) * ABS(USED_VAL)
			""";

	// Every value a newer vintage (A) changed from the older one (B); DIFFERENCE is
	// B - A, as for conflicts, so one column heading is true of every row.
	static final String REVISIONS = """
			INSERT INTO MIG_SOURCE_DIFF (RUN_ID, KIND, COUNTRY, YR, MEASURE, DATASET_A, VALUE_A, DATASET_B, VALUE_B,
			    DIFFERENCE)
			SELECT ?, 'revision', COUNTRY, YR, MEASURE, ?, NEWER, ?, OLDER, OLDER - NEWER
			FROM (
			    SELECT COUNTRY, YR, MEASURE,
			        MAX(CASE WHEN DATASET_ID = ? THEN VAL END) AS NEWER,
			        MAX(CASE WHEN DATASET_ID = ? THEN VAL END) AS OLDER
			    FROM MIG_DATASET_VALUE f
			    WHERE f.RUN_ID = ? AND f.DATASET_ID IN (?, ?)
			    GROUP BY COUNTRY, YR, MEASURE
			) pairs
			WHERE NEWER IS NOT NULL AND OLDER IS NOT NULL AND NEWER <> OLDER
			""";

	/*
	 * A rejection for every second (third, ...) value a dataset that is not summed gives
	 * for the same country, year and measure, naming the row of the first, which is the
	 * one used. Like DATASET_VALUES it starts from the run's datasets that are not
	 * summed, so the observations of record-level datasets, most of a run's rows, are not
	 * read.
	 */
	static final String DUPLICATES = """
			INSERT INTO MIG_REJECTION (RUN_ID, STAGE, DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME,
			    RAW_VALUE, REASON)
			SELECT RUN_ID, 'compute', DATASET_ID, FILE_NAME, '', SOURCE_ROW, LOWER(MEASURE), CAST(VAL AS VARCHAR(30)),
			    'a second ' || LOWER(MEASURE) || ' value for ' || COUNTRY || ' ' || CAST(YR AS VARCHAR(4))
			    || ' in this dataset; the first, at row ' || CAST(FIRST_ROW AS VARCHAR(20)) || ', is kept'
			FROM (
			    SELECT o.*,
			        ROW_NUMBER() OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			                           ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS RN,
			        FIRST_VALUE(o.SOURCE_ROW) OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			                                        ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS FIRST_ROW
			    FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE
			) ranked
			WHERE RN > 1
			""";

	/*
	 * The same for a month's or quarter's value (MIG_OBSERVATION_PART): a second value a
	 * dataset that is not summed gives for the same country, month (quarter) and measure
	 * is rejected, naming the row of the first, which is the one summed into the year.
	 */
	static final String PART_DUPLICATES = """
			INSERT INTO MIG_REJECTION (RUN_ID, STAGE, DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME,
			    RAW_VALUE, REASON)
			SELECT RUN_ID, 'compute', DATASET_ID, FILE_NAME, '', SOURCE_ROW, LOWER(MEASURE), CAST(VAL AS VARCHAR(30)),
			    'a second ' || LOWER(MEASURE) || ' value for ' || COUNTRY || ' ' || CAST(YR AS VARCHAR(4))
			    || CASE WHEN PARTS = 12 THEN '-' || LPAD(CAST(PART AS VARCHAR(2)), 2, '0')
			            ELSE '-Q' || CAST(PART AS VARCHAR(1)) END
			    || ' in this dataset; the first, at row ' || CAST(FIRST_ROW AS VARCHAR(20)) || ', is kept'
			FROM (
			    SELECT o.*,
			        ROW_NUMBER() OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS, o.PART
			                           ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS RN,
			        FIRST_VALUE(o.SOURCE_ROW) OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS,
			                                        o.PART ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS FIRST_ROW
			    FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION_PART o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE
			) ranked
			WHERE RN > 1
			""";

	static final String PERIOD = """
			INSERT INTO MIG_PERIOD (RUN_ID, PERIOD_NAME, FROM_YR, TO_YR, COUNTRY, NET_MIGRATION, NET_MIGRATION_YEARS,
			    NATURAL_INCREASE, NATURAL_INCREASE_YEARS, BIRTHS, DEATHS, REPORTED_CHANGE, REPORTED_CHANGE_YEARS,
			    POPULATION_START, POPULATION_END)
			SELECT ?, ?, ?, ?, COUNTRY, SUM(NET_MIGRATION), COUNT(NET_MIGRATION), SUM(NATURAL_INCREASE),
			    COUNT(NATURAL_INCREASE), SUM(BIRTHS), SUM(DEATHS), SUM(REPORTED_POPULATION_CHANGE),
			    COUNT(REPORTED_POPULATION_CHANGE),
			    MAX(CASE WHEN YR = ? THEN POPULATION END), MAX(CASE WHEN YR = ? THEN POPULATION END)
			FROM MIG_COUNTRY_YEAR
			WHERE RUN_ID = ? AND YR BETWEEN ? AND ?
			GROUP BY COUNTRY
			""";

	// Period totals per group: COMPLETE_COUNTRIES counts the countries whose net
	// migration covers every year of the period, so a partial total can be told from a
	// complete one.
	private static final String GROUPS = """
			INSERT INTO MIG_PERIOD_GROUP (RUN_ID, PERIOD_NAME, GROUPING, GROUP_NAME, COUNTRIES, COMPLETE_COUNTRIES,
			    NET_MIGRATION, NATURAL_INCREASE, POPULATION_START, POPULATION_END, POPULATION_CHANGE)
			SELECT p.RUN_ID, p.PERIOD_NAME, ?, %s, COUNT(*),
			    SUM(CASE WHEN p.NET_MIGRATION_YEARS = p.TO_YR - p.FROM_YR + 1 THEN 1 ELSE 0 END),
			    SUM(p.NET_MIGRATION), SUM(p.NATURAL_INCREASE), SUM(p.POPULATION_START), SUM(p.POPULATION_END),
			    SUM(p.POPULATION_CHANGE)
			FROM MIG_PERIOD p
			LEFT JOIN MIG_COUNTRY c ON c.COUNTRY_KEY = p.COUNTRY
			%s
			WHERE p.RUN_ID = ?
			GROUP BY p.RUN_ID, p.PERIOD_NAME, %s
			""";

	static final String GROUPS_BY_STATUS = GROUPS.formatted("COALESCE(p.STATUS_AT_END, 'NON_MEMBER')", "",
			"COALESCE(p.STATUS_AT_END, 'NON_MEMBER')");

	static final String GROUPS_BY_REGION = GROUPS.formatted("COALESCE(c.REGION, '(no region)')", "",
			"COALESCE(c.REGION, '(no region)')");

	static final String GROUPS_BY_SUB_REGION = GROUPS.formatted("COALESCE(c.SUB_REGION, '(no sub-region)')", "",
			"COALESCE(c.SUB_REGION, '(no sub-region)')");

	static final String GROUPS_BY_LIST = GROUPS.formatted("g.GROUP_NAME",
			"JOIN MIG_GROUP_MEMBER g ON g.RUN_ID = p.RUN_ID AND g.COUNTRY = p.COUNTRY", "g.GROUP_NAME");

	static final String YEAR_RANGES = "SELECT COUNTRY, MIN(YR), MAX(YR) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? "
			+ "GROUP BY COUNTRY ORDER BY COUNTRY";

	static final String YEAR_END_STATUS = "UPDATE MIG_COUNTRY_YEAR SET STATUS = ? WHERE RUN_ID = ? AND COUNTRY = ? "
			+ "AND YR BETWEEN ? AND ?";

	static final String PERIOD_POPULATION_CHANGE = "UPDATE MIG_PERIOD SET POPULATION_CHANGE = POPULATION_END - "
			+ "POPULATION_START WHERE RUN_ID = ? AND PERIOD_NAME = ?";

	static final String PERIOD_COUNTRIES = "SELECT COUNTRY FROM MIG_PERIOD WHERE RUN_ID = ? AND PERIOD_NAME = ?";

	static final String PERIOD_END_STATUS = "UPDATE MIG_PERIOD SET STATUS_AT_END = ? WHERE RUN_ID = ? "
			+ "AND PERIOD_NAME = ? AND COUNTRY = ?";

	static final String MEMBERSHIP_COUNT = "INSERT INTO MIG_MEMBERSHIP_COUNT (RUN_ID, COUNT_DATE, MEMBER_STATES, "
			+ "OBSERVER_STATES, OBSERVER_BODIES) VALUES (?, ?, ?, ?, ?)";

	static final String MEMBERSHIP_CHECK = "INSERT INTO MIG_MEMBERSHIP_CHECK (RUN_ID, SOURCE_ID, PARTY, HERE, THERE, "
			+ "DIFFERENCE) VALUES (?, ?, ?, ?, ?, ?)";

	private FigureStatements() {
	}

}
