package org.migrationstats.pipeline.report.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.migrationstats.pipeline.compute.CountryYearFigures;
import org.migrationstats.pipeline.compute.GroupFigures;
import org.migrationstats.pipeline.compute.PeriodFigures;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.reference.MembershipStatus;
import org.migrationstats.pipeline.spec.Measure;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The queries the report reads a run's computed figures with: country-years, periods,
 * groups, membership counts and checks, source differences, consistency checks and the
 * chart's series, each row a record.
 */
@Repository
public class FigureQueries {

	private final JdbcTemplate jdbc;

	public FigureQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param runId the run
	 * @return the measures some dataset of the run gave a value for that the figures use
	 * (an older vintage, kept to be compared, has no precedence rank and does not count)
	 */
	public Set<Measure> measuresWithValues(long runId) {
		Set<Measure> measures = EnumSet.noneOf(Measure.class);
		this.jdbc.query("SELECT DISTINCT MEASURE FROM MIG_DATASET_VALUE WHERE RUN_ID = ? AND RANK IS NOT NULL",
				(ResultSet rs) -> {
					measures.add(Measure.valueOf(rs.getString(1)));
				}, runId);
		return measures;
	}

	/**
	 * @param runId the run
	 * @return whether some value a country-year's figures are built from carries a flag
	 * (provisional, estimated, ...), and so some country-year and period may
	 */
	public boolean hasFlags(long runId) {
		return this.jdbc.queryForObject("SELECT CASE WHEN EXISTS (SELECT 1 FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? "
				+ "AND FLAGS IS NOT NULL) THEN 1 ELSE 0 END", Integer.class, runId) == 1;
	}

	/**
	 * @param runId the run
	 * @return the first and last year of the run's country-year figures, if it has any
	 */
	public Optional<YearSpan> yearSpan(long runId) {
		return this.jdbc.queryForObject("SELECT MIN(YR), MAX(YR) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ?",
				(rs, n) -> (rs.getObject(1) != null) ? Optional.of(new YearSpan(rs.getInt(1), rs.getInt(2)))
						: Optional.<YearSpan>empty(),
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
				+ "c.MIGRATION_FLOWS_NET, c.BALANCE_RESIDUAL, c.MIGRANT_STOCK, c.FLAGS FROM MIG_COUNTRY_YEAR c "
				+ "LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.COUNTRY "
				+ "LEFT JOIN MIG_DATASET d ON d.RUN_ID = c.RUN_ID AND d.DATASET_ID = c.POPULATION_SOURCE "
				+ "WHERE c.RUN_ID = ? ORDER BY c.COUNTRY, c.YR", (ResultSet rs) -> {
					consumer.accept(new CountryYearFigures(rs.getString(1), rs.getString(2), rs.getInt(3),
							status(rs.getString(4)), longOrNull(rs, 5), rs.getString(6), longOrNull(rs, 7),
							longOrNull(rs, 8), longOrNull(rs, 9), rs.getString(10), longOrNull(rs, 11),
							longOrNull(rs, 12), longOrNull(rs, 13), longOrNull(rs, 14), longOrNull(rs, 15),
							longOrNull(rs, 16), longOrNull(rs, 17), longOrNull(rs, 18), rs.getString(19)));
				}, runId);
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
						+ "p.REPORTED_CHANGE, p.REPORTED_CHANGE_YEARS, p.FLAGS "
						+ "FROM MIG_PERIOD p LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = p.COUNTRY WHERE p.RUN_ID = ? "
						+ "ORDER BY p.FROM_YR, p.TO_YR, p.PERIOD_NAME, p.COUNTRY",
				(rs, n) -> new PeriodFigures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4),
						rs.getString(5), status(rs.getString(6)), longOrNull(rs, 7), rs.getInt(8), longOrNull(rs, 9),
						rs.getInt(10), longOrNull(rs, 11), longOrNull(rs, 12), longOrNull(rs, 13), longOrNull(rs, 14),
						rs.getInt(15), rs.getString(16)),
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
	 * @return the membership differences, by source and party, with the party's name
	 * where known
	 */
	public List<MembershipCheck> membershipChecks(long runId) {
		return this.jdbc.query(
				"SELECT c.SOURCE_ID, c.PARTY, COALESCE(r.NAME, ''), c.HERE, c.THERE, c.DIFFERENCE "
						+ "FROM MIG_MEMBERSHIP_CHECK c LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = c.PARTY "
						+ "WHERE c.RUN_ID = ? ORDER BY c.SOURCE_ID, c.PARTY",
				(rs, n) -> new MembershipCheck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6)),
				runId);
	}

	/**
	 * @return every country key with its English short name
	 */
	public Map<String, String> countryNames() {
		Map<String, String> names = new HashMap<>();
		this.jdbc.query("SELECT COUNTRY_KEY, NAME FROM MIG_COUNTRY", (ResultSet rs) -> {
			names.put(rs.getString(1), rs.getString(2));
		});
		return names;
	}

	/**
	 * @param runId the run
	 * @return the conflicts and revisions, by kind, country, year, measure and dataset B
	 */
	public List<SourceDifference> sourceDifferences(long runId) {
		return this.jdbc.query(
				"SELECT d.KIND, d.COUNTRY, COALESCE(r.NAME, d.COUNTRY), d.YR, d.MEASURE, d.DATASET_A, "
						+ "d.VALUE_A, d.DATASET_B, d.VALUE_B, d.DIFFERENCE FROM MIG_SOURCE_DIFF d "
						+ "LEFT JOIN MIG_COUNTRY r ON r.COUNTRY_KEY = d.COUNTRY WHERE d.RUN_ID = ? "
						+ "ORDER BY d.KIND, d.COUNTRY, d.YR, d.MEASURE, d.DATASET_B",
				(rs, n) -> new SourceDifference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
						rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
						rs.getLong(10)),
				runId);
	}

	/**
	 * Country-years that fail a consistency check: a balancing residual beyond the
	 * tolerance, or reported net migration that differs from immigrants minus emigrants.
	 * @param runId the run
	 * @param balanceTolerance the largest residual, in persons, that is not listed
	 * @return the failures, by check, country and year
	 */
	public List<FailedCheck> checks(long runId, long balanceTolerance) {
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
				""", (rs, n) -> new FailedCheck(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
				longOrNull(rs, 5), longOrNull(rs, 6), longOrNull(rs, 7)), runId, balanceTolerance, runId);
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
	 * @return the net migration of those countries in each year they have, by country and
	 * year
	 */
	public List<NetMigrationYear> netMigrationSeries(long runId, List<String> countries) {
		if (countries.isEmpty()) {
			return List.of();
		}
		String marks = String.join(", ", Collections.nCopies(countries.size(), "?"));
		List<Object> arguments = new ArrayList<>();
		arguments.add(runId);
		arguments.addAll(countries);
		return this.jdbc.query(
				"SELECT COUNTRY, YR, NET_MIGRATION FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? AND COUNTRY IN (" + marks
						+ ") ORDER BY COUNTRY, YR",
				(rs, n) -> new NetMigrationYear(rs.getString(1), rs.getInt(2), longOrNull(rs, 3)), arguments.toArray());
	}

	private static MembershipStatus status(String text) {
		return (text != null) ? MembershipStatus.valueOf(text) : MembershipStatus.NON_MEMBER;
	}

	private static Long longOrNull(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
