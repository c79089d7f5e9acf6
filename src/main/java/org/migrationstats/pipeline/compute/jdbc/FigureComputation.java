package org.migrationstats.pipeline.compute.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.migrationstats.pipeline.compute.MembershipTimeline;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipComparison;
import org.migrationstats.pipeline.reference.MembershipCounts;
import org.migrationstats.pipeline.reference.MembershipDifference;
import org.migrationstats.pipeline.reference.MembershipStatus;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.MembershipCheckSpec;
import org.migrationstats.pipeline.spec.PeriodSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Computes a run's figures from its observations: country-years, membership status at
 * each year end, period sums per country and per group, membership counts and
 * comparisons, source conflicts and revisions. The sums are set-based SQL
 * ({@link FigureStatements}); membership status on a date is decided in plain Java
 * ({@link MembershipTimeline}). It runs in the caller's transaction.
 */
@Repository
public class FigureComputation {

	private static final Logger log = LoggerFactory.getLogger(FigureComputation.class);

	private static final int BATCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	public FigureComputation(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Removes what an earlier attempt at computing this run left, with the rejections it
	 * made, so computing is idempotent.
	 * @param runId the run
	 */
	public void clearComputed(long runId) {
		for (String table : FigureStatements.COMPUTED_TABLES) {
			this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
		}
		this.jdbc.update(FigureStatements.DELETE_COMPUTE_REJECTIONS, runId, FigureStatements.COMPUTE);
		new YearParts(this.jdbc).clear(runId);
	}

	/**
	 * Computes the figures of a run whose earlier results are cleared.
	 * @param runId the run
	 * @param spec the job
	 * @param membership the run's membership records
	 * @param countries the country reference other membership sources are read with
	 * @return the number of country-years
	 */
	public int compute(long runId, JobSpec spec, Membership membership, CountryReference countries) {
		return compute(runId, spec, membership, countries, () -> false);
	}

	/**
	 * Computes the figures of a run whose earlier results are cleared, asking between its
	 * parts whether the run was told to stop.
	 * @param runId the run
	 * @param spec the job
	 * @param membership the run's membership records
	 * @param countries the country reference other membership sources are read with
	 * @param stopRequested whether the run was told to stop
	 * @return the number of country-years
	 * @throws ComputationStoppedException if the run was told to stop: the caller's
	 * transaction, rolled back, leaves nothing half computed
	 */
	public int compute(long runId, JobSpec spec, Membership membership, CountryReference countries,
			BooleanSupplier stopRequested) {
		long started = System.nanoTime();
		computeDatasetValues(runId);
		boolean severalSources = count(FigureStatements.MEASURES_OF_SEVERAL_SOURCES, runId) > 0;
		int countryYears = computeCountryYears(runId, severalSources);
		Map<String, Years> ranges = yearRanges(runId);
		started = done(started, stopRequested, "{} country-years of {} countries", countryYears, ranges.size());
		saveYearEndStatuses(runId, membership, ranges);
		started = done(started, stopRequested, "membership status at each year end");
		for (PeriodSpec period : spec.periods()) {
			computePeriod(runId, period, membership);
			started = done(started, stopRequested, "period {} ({} to {})", period.name(), period.from(), period.to());
		}
		computeGroups(runId);
		started = done(started, stopRequested, "groups");
		computeSourceDifferences(runId, severalSources, spec.figures().sourceTolerance(), spec.figures().revisions());
		started = done(started, stopRequested, "source conflicts and revisions");
		if (!ranges.isEmpty()) {
			int firstYear = ranges.values().stream().mapToInt(Years::first).min().getAsInt();
			int lastYear = ranges.values().stream().mapToInt(Years::last).max().getAsInt();
			saveMembershipCounts(runId,
					MembershipTimeline.counts(membership, firstYear, lastYear, spec.membershipCountDates()));
			started = done(started, stopRequested, "membership counts");
		}
		MembershipComparison comparison = new MembershipComparison(countries);
		for (MembershipCheckSpec check : spec.membershipChecks()) {
			List<MembershipDifference> differences = comparison.compare(membership, check,
					check.allParties() ? null : ranges.keySet());
			saveMembershipChecks(runId, differences);
			log.info("Membership file and {} disagree on {} point(s)", check.id(), differences.size());
			started = done(started, stopRequested, "membership check against {}", check.id());
		}
		log.info("Computed {} country-years for {} countries and {} period(s) of run {}", countryYears, ranges.size(),
				spec.periods().size(), runId);
		return countryYears;
	}

	/**
	 * Logs a part of the computation as done, with its time (the step reads no rows, so
	 * these lines are its progress), and stops if the run was told to.
	 * @return now, when the next part starts
	 */
	private static long done(long started, BooleanSupplier stopRequested, String what, Object... arguments) {
		long now = System.nanoTime();
		String text = MessageFormatter.arrayFormat(what, arguments).getMessage();
		log.info("Computed {} in {} s", text, String.format("%.1f", (now - started) / 1e9));
		if (stopRequested.getAsBoolean()) {
			throw new ComputationStoppedException("the run was told to stop while computing, after " + text
					+ "; nothing of this computation is kept and a restart computes the figures again");
		}
		return now;
	}

	/**
	 * Rejects a second value (of a year, month or quarter) of a dataset that is not
	 * summed, and takes one value per dataset, country, year and measure: a dataset's
	 * years, and the years it gives in complete months or quarters.
	 */
	private void computeDatasetValues(long runId) {
		boolean repeated = count(FigureStatements.REPEATED_VALUES, runId) > 0;
		if (repeated) {
			this.jdbc.update(FigureStatements.DUPLICATES, runId);
		}
		this.jdbc.update(FigureStatements.PART_DUPLICATES, runId);
		this.jdbc.update(
				FigureStatements.DATASET_VALUES
					.formatted(repeated ? FigureStatements.FIRST_ROWS : FigureStatements.EVERY_ROW),
				runId, runId, runId, runId);
		mendMixedFlags(runId);
		new YearParts(this.jdbc).sumToYears(runId);
	}

	/**
	 * Builds the country-year table from the values, with their flags.
	 * @param severalSources whether some measure has values of more than one ranked
	 * dataset
	 */
	private int computeCountryYears(long runId, boolean severalSources) {
		int countryYears = this.jdbc.update(
				FigureStatements.COUNTRY_YEARS.formatted(FigureStatements.preferredValues(severalSources)), runId,
				runId);
		new YearParts(this.jdbc).flagCountryYears(runId, severalSources);
		return countryYears;
	}

	/**
	 * Gives each sum of records whose rows have different flags every letter of them.
	 */
	private void mendMixedFlags(long runId) {
		List<Object[]> mended = this.jdbc.query(FigureStatements.MIXED_FLAGS, (rs, row) -> new Object[] {
				rs.getString(5), runId, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4) }, runId);
		this.jdbc.batchUpdate(FigureStatements.SET_VALUE_FLAGS, mended);
	}

	private long count(String sql, long runId) {
		Long count = this.jdbc.queryForObject(sql, Long.class, runId);
		return (count != null) ? count : 0;
	}

	/**
	 * @return each country's first and last year, in country order
	 */
	private Map<String, Years> yearRanges(long runId) {
		Map<String, Years> ranges = new LinkedHashMap<>();
		this.jdbc.query(FigureStatements.YEAR_RANGES, (ResultSet rs) -> {
			ranges.put(rs.getString(1), new Years(rs.getInt(2), rs.getInt(3)));
		}, runId);
		return ranges;
	}

	/**
	 * Sets each country-year's membership status at the year's end: one update per run of
	 * years with the same status (most countries have one or two), not one per
	 * country-year, as an update statement costs H2 more than the rows it changes.
	 */
	private void saveYearEndStatuses(long runId, Membership membership, Map<String, Years> ranges) {
		List<StatusYears> statuses = new ArrayList<>();
		ranges.forEach((country, years) -> {
			int from = years.first();
			MembershipStatus status = MembershipTimeline.atYearEnd(membership, country, from);
			for (int year = from + 1; year <= years.last(); year++) {
				MembershipStatus next = MembershipTimeline.atYearEnd(membership, country, year);
				if (next != status) {
					statuses.add(new StatusYears(country, from, year - 1, status));
					from = year;
					status = next;
				}
			}
			statuses.add(new StatusYears(country, from, years.last(), status));
		});
		this.jdbc.batchUpdate(FigureStatements.YEAR_END_STATUS, statuses, BATCH_SIZE, (ps, s) -> {
			ps.setString(1, s.status().name());
			ps.setLong(2, runId);
			ps.setString(3, s.country());
			ps.setInt(4, s.first());
			ps.setInt(5, s.last());
		});
	}

	/**
	 * Sums a period's figures per country, with each country's status at the period's
	 * end.
	 */
	private void computePeriod(long runId, PeriodSpec period, Membership membership) {
		this.jdbc.update(FigureStatements.PERIOD, runId, period.name(), period.from(), period.to(), period.from(),
				period.to(), runId, period.from(), period.to());
		this.jdbc.update(FigureStatements.PERIOD_POPULATION_CHANGE, runId, period.name());
		new YearParts(this.jdbc).flagPeriod(runId, period.name(), period.from(), period.to());
		List<String> countries = this.jdbc.queryForList(FigureStatements.PERIOD_COUNTRIES, String.class, runId,
				period.name());
		this.jdbc.batchUpdate(FigureStatements.PERIOD_END_STATUS, countries, BATCH_SIZE, (ps, country) -> {
			ps.setString(1, MembershipTimeline.atYearEnd(membership, country, period.to()).name());
			ps.setLong(2, runId);
			ps.setString(3, period.name());
			ps.setString(4, country);
		});
	}

	/**
	 * Sums the period figures per membership status at the period's end, per region and
	 * sub-region, and per list the job file names.
	 */
	private void computeGroups(long runId) {
		this.jdbc.update(FigureStatements.GROUPS_BY_STATUS, "membership", runId);
		this.jdbc.update(FigureStatements.GROUPS_BY_REGION, "region", runId);
		this.jdbc.update(FigureStatements.GROUPS_BY_SUB_REGION, "sub-region", runId);
		this.jdbc.update(FigureStatements.GROUPS_BY_LIST, "list", runId);
	}

	/**
	 * Lists where datasets disagree: other sources beyond the tolerance, and every
	 * revised value between a dataset and the older vintage it revises.
	 * @param severalSources whether some measure has values of more than one ranked
	 * dataset: only then can they conflict
	 * @param tolerance the relative difference beyond which a conflict is listed
	 * @param revisions newer dataset id mapped to the older one
	 */
	private void computeSourceDifferences(long runId, boolean severalSources, BigDecimal tolerance,
			Map<String, String> revisions) {
		if (severalSources) {
			this.jdbc.update(FigureStatements.CONFLICTS, runId, runId, tolerance);
		}
		revisions.forEach((newer, older) -> this.jdbc.update(FigureStatements.REVISIONS, runId, newer, older, newer,
				older, runId, newer, older));
	}

	private void saveMembershipCounts(long runId, List<MembershipCounts> counts) {
		this.jdbc.batchUpdate(FigureStatements.MEMBERSHIP_COUNT, counts, BATCH_SIZE, (ps, c) -> {
			ps.setLong(1, runId);
			ps.setDate(2, Date.valueOf(c.day()));
			ps.setInt(3, c.memberStates());
			ps.setInt(4, c.observerStates());
			ps.setInt(5, c.observerBodies());
		});
	}

	private void saveMembershipChecks(long runId, List<MembershipDifference> differences) {
		this.jdbc.batchUpdate(FigureStatements.MEMBERSHIP_CHECK, differences, BATCH_SIZE, (ps, d) -> {
			ps.setLong(1, runId);
			ps.setString(2, d.source());
			ps.setString(3, d.party());
			ps.setString(4, d.here());
			ps.setString(5, d.there());
			ps.setString(6, d.difference());
		});
	}

	/**
	 * The first and last year a country has figures for.
	 */
	private record Years(int first, int last) {
	}

	/** A country's years from first to last, with the same status at each year's end. */
	private record StatusYears(String country, int first, int last, MembershipStatus status) {
	}

}
