package org.migrationstats.pipeline.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.migrationstats.pipeline.compute.CountryYearFigures;
import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.compute.PeriodFigures;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.reference.MembershipDifference;
import org.migrationstats.pipeline.reference.MembershipStatus;
import org.migrationstats.pipeline.spec.PeriodSpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The set-based part of computing figures, in SQL over a run's observations, and the
 * queries the report reads them back with.
 */
@Repository
public class FiguresStore {

	/** The stage recorded with rejections made while computing. */
	public static final String COMPUTE = "compute";

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
	 * The sums are a GROUP BY, which H2 reads from MIG_OBSERVATION_VALUE alone, in group
	 * order; only the first-row branch needs a window, as "first" depends on file and
	 * row, and it sees only the observations of datasets that are not summed.
	 */
	private static final String DATASET_VALUES = """
			INSERT INTO MIG_DATASET_VALUE (RUN_ID, DATASET_ID, COUNTRY, YR, MEASURE, VAL, RANK, FLAGS)
			SELECT ?, v.DATASET_ID, v.COUNTRY, v.YR, v.MEASURE, v.VAL, p.RANK, v.FLAGS
			FROM (
			    SELECT DATASET_ID, COUNTRY, YR, MEASURE, VAL, FLAGS FROM (
			        SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.VAL, o.FLAGS,
			            ROW_NUMBER() OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			                               ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS RN
			        FROM MIG_DATASET d
			        JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			        WHERE d.RUN_ID = ? AND d.SUM_RECORDS = FALSE) firsts
			    WHERE RN = 1
			    UNION ALL
			    SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, SUM(o.VAL), MAX(o.FLAGS)
			    FROM MIG_DATASET d
			    JOIN MIG_OBSERVATION o ON o.RUN_ID = d.RUN_ID AND o.DATASET_ID = d.DATASET_ID
			    WHERE d.RUN_ID = ? AND d.SUM_RECORDS = TRUE
			    GROUP BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE
			) v
			LEFT JOIN MIG_PRECEDENCE p ON p.RUN_ID = ? AND p.DATASET_ID = v.DATASET_ID AND p.MEASURE = v.MEASURE
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
	 * UPDATEs over the same rows: H2 rewrites every row an UPDATE touches.
	 */
	private static final String COUNTRY_YEARS = """
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
			        FROM (
			            SELECT COUNTRY, YR, MEASURE, VAL, DATASET_ID,
			                ROW_NUMBER() OVER (PARTITION BY COUNTRY, YR, MEASURE ORDER BY RANK) AS PREFERENCE
			            FROM MIG_DATASET_VALUE
			            WHERE RUN_ID = ? AND RANK IS NOT NULL
			        ) chosen
			        WHERE PREFERENCE = 1
			        GROUP BY COUNTRY, YR
			    ) picked
			) c
			""";

	/*
	 * Every other dataset's value B that differs from the value used, A, by more than the
	 * tolerance: |B - A| > tolerance * |A|, the relative difference taken against the
	 * value used (so where A is 0 every other B is listed). The tolerance is cast to a
	 * decimal: left as a bare parameter beside a BIGINT, H2 binds it as a BIGINT and
	 * rounds 0.005 to 0. Windows instead of a self-join: one pass over the values.
	 */
	private static final String CONFLICTS = """
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

	// Every value a newer vintage (A) changed from the older one (B); DIFFERENCE is B -
	// A,
	// as for conflicts, so one column heading is true of every row.
	private static final String REVISIONS = """
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
	private static final String DUPLICATES = """
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

	private static final String PERIOD = """
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

	private final JdbcTemplate jdbc;

	public FiguresStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Removes what an earlier attempt at computing this run left, so computing is
	 * idempotent.
	 * @param runId the run
	 */
	public void clearComputed(long runId) {
		for (String table : List.of("MIG_COUNTRY_YEAR", "MIG_PERIOD", "MIG_PERIOD_GROUP", "MIG_MEMBERSHIP_COUNT",
				"MIG_MEMBERSHIP_CHECK", "MIG_SOURCE_DIFF", "MIG_DATASET_VALUE")) {
			this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
		}
		this.jdbc.update("DELETE FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE = ?", runId, COMPUTE);
		new YearParts(this.jdbc).clear(runId);
	}

	/**
	 * Builds the country-year table from the run's observations.
	 * @param runId the run
	 * @return the number of country-years
	 */
	public int computeCountryYears(long runId) {
		this.jdbc.update(DUPLICATES, runId);
		this.jdbc.update(DATASET_VALUES, runId, runId, runId, runId);
		YearParts parts = new YearParts(this.jdbc);
		parts.sumToYears(runId);
		int countryYears = this.jdbc.update(COUNTRY_YEARS, runId, runId);
		parts.flagCountryYears(runId);
		return countryYears;
	}

	/**
	 * Lists where datasets disagree: other sources beyond the tolerance, and every
	 * revised value between a dataset and the older vintage it revises.
	 * @param runId the run
	 * @param tolerance the relative difference beyond which a conflict is listed
	 * @param revisions newer dataset id mapped to the older one
	 */
	public void computeSourceDifferences(long runId, java.math.BigDecimal tolerance, Map<String, String> revisions) {
		this.jdbc.update(CONFLICTS, runId, runId, tolerance);
		revisions.forEach(
				(newer, older) -> this.jdbc.update(REVISIONS, runId, newer, older, newer, older, runId, newer, older));
	}

	/**
	 * @param runId the run
	 * @return each country's first and last year, as {@code [first, last]}
	 */
	public Map<String, int[]> yearRanges(long runId) {
		Map<String, int[]> ranges = new java.util.LinkedHashMap<>();
		this.jdbc.query("SELECT COUNTRY, MIN(YR), MAX(YR) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? GROUP BY COUNTRY "
				+ "ORDER BY COUNTRY", (ResultSet rs) -> {
					ranges.put(rs.getString(1), new int[] { rs.getInt(2), rs.getInt(3) });
				}, runId);
		return ranges;
	}

	/**
	 * Records each country's membership status at each year end.
	 * @param runId the run
	 * @param statuses rows of country, year, status
	 */
	public void saveYearEndStatuses(long runId, List<Object[]> statuses) {
		this.jdbc.batchUpdate("UPDATE MIG_COUNTRY_YEAR SET STATUS = ? WHERE RUN_ID = ? AND COUNTRY = ? AND YR = ?",
				statuses, 1000, (ps, s) -> {
					ps.setString(1, ((MembershipStatus) s[2]).name());
					ps.setLong(2, runId);
					ps.setString(3, (String) s[0]);
					ps.setInt(4, (Integer) s[1]);
				});
	}

	/**
	 * Sums a period's figures per country.
	 * @param runId the run
	 * @param period the period
	 * @return the countries of the period, with their keys
	 */
	public List<String> computePeriod(long runId, PeriodSpec period) {
		this.jdbc.update(PERIOD, runId, period.name(), period.from(), period.to(), period.from(), period.to(), runId,
				period.from(), period.to());
		this.jdbc.update("UPDATE MIG_PERIOD SET POPULATION_CHANGE = POPULATION_END - POPULATION_START "
				+ "WHERE RUN_ID = ? AND PERIOD_NAME = ?", runId, period.name());
		new YearParts(this.jdbc).flagPeriod(runId, period.name(), period.from(), period.to());
		return this.jdbc.queryForList("SELECT COUNTRY FROM MIG_PERIOD WHERE RUN_ID = ? AND PERIOD_NAME = ?",
				String.class, runId, period.name());
	}

	/**
	 * @param runId the run
	 * @param period the period's name
	 * @param statuses rows of country and status at the period's end
	 */
	public void savePeriodStatuses(long runId, String period, List<Object[]> statuses) {
		this.jdbc.batchUpdate(
				"UPDATE MIG_PERIOD SET STATUS_AT_END = ? WHERE RUN_ID = ? AND PERIOD_NAME = ? AND COUNTRY = ?",
				statuses, 1000, (ps, s) -> {
					ps.setString(1, ((MembershipStatus) s[1]).name());
					ps.setLong(2, runId);
					ps.setString(3, period);
					ps.setString(4, (String) s[0]);
				});
	}

	/**
	 * Sums the period figures per membership status at the period's end.
	 * @param runId the run
	 */
	public void computeGroups(long runId) {
		this.jdbc.update(GROUPS.formatted("COALESCE(p.STATUS_AT_END, 'NON_MEMBER')", "",
				"COALESCE(p.STATUS_AT_END, 'NON_MEMBER')"), "membership", runId);
		this.jdbc.update(GROUPS.formatted("COALESCE(c.REGION, '(no region)')", "", "COALESCE(c.REGION, '(no region)')"),
				"region", runId);
		this.jdbc.update(GROUPS.formatted("COALESCE(c.SUB_REGION, '(no sub-region)')", "",
				"COALESCE(c.SUB_REGION, '(no sub-region)')"), "sub-region", runId);
		this.jdbc.update(
				GROUPS.formatted("g.GROUP_NAME",
						"JOIN MIG_GROUP_MEMBER g ON g.RUN_ID = p.RUN_ID AND g.COUNTRY = p.COUNTRY", "g.GROUP_NAME"),
				"list", runId);
	}

	/**
	 * @param runId the run
	 * @param counts membership counts on the days of interest
	 */
	public void saveMembershipCounts(long runId, List<MembershipCounts> counts) {
		this.jdbc.batchUpdate("INSERT INTO MIG_MEMBERSHIP_COUNT (RUN_ID, COUNT_DATE, MEMBER_STATES, OBSERVER_STATES, "
				+ "OBSERVER_BODIES) VALUES (?, ?, ?, ?, ?)", counts, 1000, (ps, c) -> {
					ps.setLong(1, runId);
					ps.setDate(2, Date.valueOf(c.day()));
					ps.setInt(3, c.memberStates());
					ps.setInt(4, c.observerStates());
					ps.setInt(5, c.observerBodies());
				});
	}

	/**
	 * @param runId the run
	 * @param differences where other membership sources disagree with the membership file
	 */
	public void saveMembershipChecks(long runId, List<MembershipDifference> differences) {
		this.jdbc.batchUpdate("INSERT INTO MIG_MEMBERSHIP_CHECK (RUN_ID, SOURCE_ID, PARTY, HERE, THERE, DIFFERENCE) "
				+ "VALUES (?, ?, ?, ?, ?, ?)", differences, 1000, (ps, d) -> {
					ps.setLong(1, runId);
					ps.setString(2, d.source());
					ps.setString(3, d.party());
					ps.setString(4, d.here());
					ps.setString(5, d.there());
					ps.setString(6, d.difference());
				});
	}

	/**
	 * @param runId the run
	 * @return the membership differences, by source and party, with the party's name
	 * where known
	 */
	public List<Object[]> membershipChecks(long runId) {
		return this.jdbc.query(
				"SELECT c.SOURCE_ID, c.PARTY, COALESCE(r.NAME, ''), c.HERE, c.THERE, c.DIFFERENCE "
						+ "FROM MIG_MEMBERSHIP_CHECK c LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.PARTY "
						+ "WHERE c.RUN_ID = ? ORDER BY c.SOURCE_ID, c.PARTY",
				(rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6) },
				runId);
	}

	/**
	 * @return every country key with its English short name
	 */
	public Map<String, String> countryNames() {
		Map<String, String> names = new java.util.HashMap<>();
		this.jdbc.query("SELECT COUNTRY_KEY, NAME FROM MIG_COUNTRY", (ResultSet rs) -> {
			names.put(rs.getString(1), rs.getString(2));
		});
		return names;
	}

	/**
	 * Country names or codes no country was found for, once per distinct name and
	 * dataset.
	 * @param runId the run
	 * @return dataset, name as written, reason with suggestions, rows, first row
	 */
	public List<Object[]> unmatchedNames(long runId) {
		return this.jdbc.query(
				"SELECT DATASET_ID, RAW_VALUE, REASON, COUNT(*), MIN(SOURCE_ROW) FROM MIG_REJECTION "
						+ "WHERE RUN_ID = ? AND REASON LIKE 'unknown country%' GROUP BY DATASET_ID, RAW_VALUE, REASON "
						+ "ORDER BY DATASET_ID, RAW_VALUE",
				(rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getLong(5) },
				runId);
	}

	/**
	 * Streams the country-year figures in country and year order.
	 * @param runId the run
	 * @param consumer receives each row
	 */
	public void countryYears(long runId, Consumer<CountryYearFigures> consumer) {
		this.jdbc.query("SELECT c.COUNTRY, COALESCE(r.NAME, c.COUNTRY), c.YR, c.STATUS, c.POPULATION, "
				+ "c.POPULATION_SOURCE || CASE WHEN COALESCE(d.REFERENCE_DATE, '') = '' THEN '' "
				+ "ELSE ' (' || d.REFERENCE_DATE || ')' END, "
				+ "c.IMMIGRANTS, c.EMIGRANTS, c.NET_MIGRATION, c.NET_MIGRATION_SOURCE, c.BIRTHS, "
				+ "c.DEATHS, c.NATURAL_INCREASE, c.POPULATION_CHANGE, c.REPORTED_POPULATION_CHANGE, "
				+ "c.MIGRATION_FLOWS_NET, c.BALANCE_RESIDUAL, c.MIGRANT_STOCK FROM MIG_COUNTRY_YEAR c "
				+ "LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.COUNTRY "
				+ "LEFT JOIN MIG_DATASET d ON d.RUN_ID = c.RUN_ID AND d.DATASET_ID = c.POPULATION_SOURCE "
				+ "WHERE c.RUN_ID = ? ORDER BY c.COUNTRY, c.YR", (ResultSet rs) -> {
					consumer.accept(new CountryYearFigures(rs.getString(1), rs.getString(2), rs.getInt(3),
							status(rs.getString(4)), longOrNull(rs, 5), rs.getString(6), longOrNull(rs, 7),
							longOrNull(rs, 8), longOrNull(rs, 9), rs.getString(10), longOrNull(rs, 11),
							longOrNull(rs, 12), longOrNull(rs, 13), longOrNull(rs, 14), longOrNull(rs, 15),
							longOrNull(rs, 16), longOrNull(rs, 17), longOrNull(rs, 18)));
				}, runId);
	}

	/**
	 * @param runId the run
	 * @return the measures some dataset of the run gave a value for that the figures use
	 * (an older vintage, kept to be compared, has no precedence rank and does not count)
	 */
	public java.util.Set<org.migrationstats.pipeline.spec.Measure> measuresWithValues(long runId) {
		java.util.Set<org.migrationstats.pipeline.spec.Measure> measures = java.util.EnumSet
			.noneOf(org.migrationstats.pipeline.spec.Measure.class);
		this.jdbc.query("SELECT DISTINCT MEASURE FROM MIG_DATASET_VALUE WHERE RUN_ID = ? AND RANK IS NOT NULL",
				(ResultSet rs) -> {
					measures.add(org.migrationstats.pipeline.spec.Measure.valueOf(rs.getString(1)));
				}, runId);
		return measures;
	}

	/**
	 * @param runId the run
	 * @return the period figures per country, in period and country order
	 */
	public List<PeriodFigures> periods(long runId) {
		return this.jdbc.query(
				"SELECT p.PERIOD_NAME, p.FROM_YR, p.TO_YR, p.COUNTRY, COALESCE(r.NAME, p.COUNTRY), "
						+ "p.STATUS_AT_END, p.NET_MIGRATION, p.NET_MIGRATION_YEARS, p.NATURAL_INCREASE, "
						+ "p.NATURAL_INCREASE_YEARS, p.POPULATION_START, p.POPULATION_END, p.POPULATION_CHANGE, "
						+ "p.REPORTED_CHANGE, p.REPORTED_CHANGE_YEARS "
						+ "FROM MIG_PERIOD p LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = p.COUNTRY WHERE p.RUN_ID = ? "
						+ "ORDER BY p.FROM_YR, p.TO_YR, p.PERIOD_NAME, p.COUNTRY",
				(rs, n) -> new PeriodFigures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
						rs.getString(5), status(rs.getString(6)), longOrNull(rs, 7), rs.getInt(8), longOrNull(rs, 9),
						rs.getInt(10), longOrNull(rs, 11), longOrNull(rs, 12), longOrNull(rs, 13), longOrNull(rs, 14),
						rs.getInt(15)),
				runId);
	}

	/**
	 * @param runId the run
	 * @return the period figures per membership group
	 */
	public List<GroupFigures> groups(long runId) {
		return this.jdbc.query("SELECT g.PERIOD_NAME, p.FROM_YR, p.TO_YR, g.GROUPING, g.GROUP_NAME, g.COUNTRIES, "
				+ "g.COMPLETE_COUNTRIES, g.NET_MIGRATION, g.NATURAL_INCREASE, g.POPULATION_START, g.POPULATION_END, "
				+ "g.POPULATION_CHANGE " + "FROM MIG_PERIOD_GROUP g "
				+ "JOIN (SELECT DISTINCT PERIOD_NAME, FROM_YR, TO_YR FROM MIG_PERIOD WHERE RUN_ID = ?) p "
				+ "ON p.PERIOD_NAME = g.PERIOD_NAME WHERE g.RUN_ID = ? ORDER BY p.FROM_YR, p.TO_YR, g.PERIOD_NAME, "
				+ "CASE g.GROUPING WHEN 'membership' THEN 1 WHEN 'list' THEN 2 WHEN 'region' THEN 3 ELSE 4 END, "
				+ "CASE g.GROUP_NAME WHEN 'MEMBER' THEN '1' WHEN 'OBSERVER' THEN '2' WHEN 'NON_MEMBER' THEN '3' "
				+ "ELSE g.GROUP_NAME END",
				(rs, n) -> new GroupFigures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
						rs.getString(5), rs.getInt(6), rs.getInt(7), longOrNull(rs, 8), longOrNull(rs, 9),
						longOrNull(rs, 10), longOrNull(rs, 11), longOrNull(rs, 12)),
				runId, runId);
	}

	/**
	 * @param runId the run
	 * @return kind, country, name, year, measure, dataset A, value A, dataset B, value B,
	 * difference
	 */
	public List<Object[]> sourceDifferences(long runId) {
		return this.jdbc.query(
				"SELECT d.KIND, d.COUNTRY, COALESCE(r.NAME, d.COUNTRY), d.YR, d.MEASURE, d.DATASET_A, "
						+ "d.VALUE_A, d.DATASET_B, d.VALUE_B, d.DIFFERENCE FROM MIG_SOURCE_DIFF d "
						+ "LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = d.COUNTRY WHERE d.RUN_ID = ? "
						+ "ORDER BY d.KIND, d.COUNTRY, d.YR, d.MEASURE, d.DATASET_B",
				(rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
						rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
						rs.getLong(10) },
				runId);
	}

	/**
	 * Country-years that fail a consistency check: a balancing residual beyond the
	 * tolerance, or reported net migration that differs from immigrants minus emigrants.
	 * @param runId the run
	 * @param balanceTolerance the largest residual, in persons, that is not listed
	 * @return country, name, year, check, value, expected, difference
	 */
	public List<Object[]> checks(long runId, long balanceTolerance) {
		return this.jdbc.query("""
				SELECT c.COUNTRY, COALESCE(r.NAME, c.COUNTRY), c.YR, 'balancing residual', c.REPORTED_POPULATION_CHANGE,
				    c.BIRTHS - c.DEATHS + c.NET_MIGRATION, c.BALANCE_RESIDUAL
				FROM MIG_COUNTRY_YEAR c LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.COUNTRY
				WHERE c.RUN_ID = ? AND ABS(c.BALANCE_RESIDUAL) > ?
				UNION ALL
				SELECT c.COUNTRY, COALESCE(r.NAME, c.COUNTRY), c.YR, 'net migration vs immigrants - emigrants',
				    c.NET_MIGRATION, c.MIGRATION_FLOWS_NET, c.NET_MIGRATION - c.MIGRATION_FLOWS_NET
				FROM MIG_COUNTRY_YEAR c LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.COUNTRY
				WHERE c.RUN_ID = ? AND c.MIGRATION_FLOWS_NET IS NOT NULL AND c.NET_MIGRATION <> c.MIGRATION_FLOWS_NET
				ORDER BY 4, 1, 3
				""", (rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
				longOrNull(rs, 5), longOrNull(rs, 6), longOrNull(rs, 7) }, runId, balanceTolerance, runId);
	}

	/**
	 * @param runId the run
	 * @return the membership counts, in date order
	 */
	public List<MembershipCounts> membershipCounts(long runId) {
		return this.jdbc.query(
				"SELECT COUNT_DATE, MEMBER_STATES, OBSERVER_STATES, OBSERVER_BODIES "
						+ "FROM MIG_MEMBERSHIP_COUNT WHERE RUN_ID = ? ORDER BY COUNT_DATE",
				(rs, n) -> new MembershipCounts(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
				runId);
	}

	/**
	 * @param runId the run
	 * @param consumer receives each rejection, in dataset, file and row order
	 */
	public void rejections(long runId, Consumer<org.migrationstats.pipeline.ingest.Rejection> consumer) {
		this.jdbc.query("SELECT DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME, RAW_VALUE, REASON "
				+ "FROM MIG_REJECTION WHERE RUN_ID = ? ORDER BY DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME",
				(ResultSet rs) -> {
					consumer.accept(new org.migrationstats.pipeline.ingest.Rejection(rs.getString(1), rs.getString(2),
							rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7)));
				}, runId);
	}

	/**
	 * @param runId the run
	 * @return the aggregates found in the inputs: dataset, scheme, code, name, rows
	 */
	public List<Object[]> aggregatesFound(long runId) {
		return this.jdbc.query(
				"SELECT DATASET_ID, SCHEME, CODE, NAME, COUNT(*) FROM MIG_AGGREGATE_ROW "
						+ "WHERE RUN_ID = ? GROUP BY DATASET_ID, SCHEME, CODE, NAME ORDER BY DATASET_ID, SCHEME, CODE",
				(rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getLong(5) },
				runId);
	}

	/**
	 * @param runId the run
	 * @return the rows filtered for another reason than being about an aggregate (another
	 * series, the dataset's filters, section headings), per dataset, file, sheet, reason
	 * and text as written: dataset, file, sheet, reason, text, rows, first row
	 */
	public List<Object[]> filteredRows(long runId) {
		return this.jdbc.query("""
				SELECT f.DATASET_ID, f.FILE_NAME, f.SHEET, f.REASON, f.RAW_VALUE, SUM(f.ROW_COUNT), MIN(f.FIRST_ROW)
				FROM MIG_FILTERED_ROW f JOIN MIG_DATASET d ON d.RUN_ID = f.RUN_ID AND d.DATASET_ID = f.DATASET_ID
				WHERE f.RUN_ID = ?
				GROUP BY d.ORDINAL, f.DATASET_ID, f.FILE_NAME, f.SHEET, f.REASON, f.RAW_VALUE
				ORDER BY d.ORDINAL, f.FILE_NAME, f.SHEET, MIN(f.FIRST_ROW), f.REASON, f.RAW_VALUE
				""", (rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getLong(6), rs.getLong(7) }, runId);
	}

	/**
	 * @param runId the run
	 * @return per input file: dataset, file, observations, rejected cells or rows,
	 * aggregate rows
	 */
	public List<FileCounts> fileCounts(long runId) {
		List<FileCounts> counts = new ArrayList<>();
		this.jdbc.query("""
				SELECT i.DATASET_ID, i.FILE_NAME,
				    (SELECT COUNT(*) FROM MIG_OBSERVATION o WHERE o.RUN_ID = i.RUN_ID AND o.DATASET_ID = i.DATASET_ID
				        AND o.FILE_NAME = i.FILE_NAME),
				    (SELECT COUNT(*) FROM MIG_REJECTION r WHERE r.RUN_ID = i.RUN_ID AND r.DATASET_ID = i.DATASET_ID
				        AND r.FILE_NAME = i.FILE_NAME),
				    (SELECT COUNT(*) FROM MIG_AGGREGATE_ROW a WHERE a.RUN_ID = i.RUN_ID
				        AND a.DATASET_ID = i.DATASET_ID AND a.FILE_NAME = i.FILE_NAME)
				FROM MIG_RUN_INPUT i JOIN MIG_DATASET d ON d.RUN_ID = i.RUN_ID AND d.DATASET_ID = i.DATASET_ID
				WHERE i.RUN_ID = ? ORDER BY d.ORDINAL, i.FILE_NAME
				""", (ResultSet rs) -> {
			counts.add(new FileCounts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
		}, runId);
		return counts;
	}

	/**
	 * The countries with the largest net migration over all their years, gains and losses
	 * alike, for the report's chart when the job file names none.
	 * @param runId the run
	 * @param limit how many
	 * @return country keys, largest absolute total first, ties by key
	 */
	public List<String> largestNetMigration(long runId, int limit) {
		return this.jdbc.queryForList("SELECT COUNTRY FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? "
				+ "AND NET_MIGRATION IS NOT NULL GROUP BY COUNTRY ORDER BY ABS(SUM(NET_MIGRATION)) DESC, COUNTRY "
				+ "FETCH FIRST " + limit + " ROWS ONLY", String.class, runId);
	}

	/**
	 * @param runId the run
	 * @param countries country keys
	 * @return country, year and net migration ({@code null} where unknown) of those
	 * countries, by country and year
	 */
	public List<Object[]> netMigrationSeries(long runId, List<String> countries) {
		if (countries.isEmpty()) {
			return List.of();
		}
		String marks = String.join(", ", java.util.Collections.nCopies(countries.size(), "?"));
		List<Object> arguments = new ArrayList<>();
		arguments.add(runId);
		arguments.addAll(countries);
		return this.jdbc.query(
				"SELECT COUNTRY, YR, NET_MIGRATION FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? AND COUNTRY IN (" + marks
						+ ") ORDER BY COUNTRY, YR",
				(rs, n) -> new Object[] { rs.getString(1), rs.getInt(2), longOrNull(rs, 3) }, arguments.toArray());
	}

	/**
	 * What one file gave.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param observations observations taken
	 * @param rejections cells and rows rejected
	 * @param aggregateRows aggregate rows set aside
	 */
	public record FileCounts(String datasetId, String fileName, long observations, long rejections,
			long aggregateRows) {
	}

	private static MembershipStatus status(String text) {
		return (text != null) ? MembershipStatus.valueOf(text) : MembershipStatus.NON_MEMBER;
	}

	private static Long longOrNull(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
