package org.migrationstats.pipeline.spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job as its YAML file declares it, validated and immutable: besides each part's own
 * rules, a job has at least one dataset, dataset ids and period names each used once, and
 * figure settings that name only its datasets.
 *
 * @param name the job's name, which is also the Spring Batch job name
 * @param source the YAML file the spec was read from
 * @param schedule the cron expression of the nightly run
 * @param zone the time zone of the schedule and of the default run date
 * @param membership the membership records file
 * @param datasets the inputs, in order of precedence
 * @param periods the named periods figures are summed over
 * @param output the folder reports are written under
 * @param limits the reject thresholds
 * @param fingerprint a digest of the job file's bytes
 * @param membershipDates days on which membership is counted in the report, besides every
 * year end and every day a status changed
 * @param membershipChecks other membership sources the membership file is compared with
 * @param aliases country names used by this job's sources, mapped to country keys
 * @param figures precedence, tolerances, vintages and country groups
 * @param report the countries the report charts and how its CSV files treat text
 * @param catchUp whether the scheduler, started after a missed firing, runs it at once
 * @param ingestThreads how many files (or sheets) are ingested at once; 0 for as many as
 * the machine has processors
 * @param membershipTotals totals the organisation published, at most one per day, set
 * beside the membership file's counts in the report
 */
public record JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership,
		List<DatasetSpec> datasets, List<PeriodSpec> periods, Path output, Limits limits, String fingerprint,
		List<LocalDate> membershipDates, List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases,
		FigureSettings figures, ReportSettings report, boolean catchUp, int ingestThreads,
		List<MembershipTotal> membershipTotals) {

	/** A job's name and a dataset's id: lower-case letters, digits and hyphens. */
	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	/** A country key, as aliases, groups and chart countries give it: {@code KAZ}. */
	static final Pattern COUNTRY_KEY = Pattern.compile("[A-Z]{3}");

	/** The most files a job may ingest at once. */
	static final int MAX_INGEST_THREADS = 64;

	public JobSpec {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"name must be lower-case letters, digits and hyphens, found '" + name + "'");
		}
		if (source == null || schedule == null || zone == null || membership == null || output == null) {
			throw new IllegalArgumentException(
					"job '" + name + "' needs its source file, schedule, zone, membership file and output folder");
		}
		if (limits == null || fingerprint == null || figures == null) {
			throw new IllegalArgumentException("job '" + name + "' needs its limits, fingerprint and figure settings");
		}
		if (datasets == null || periods == null || membershipDates == null || membershipChecks == null
				|| aliases == null || membershipTotals == null) {
			throw new IllegalArgumentException("job '" + name + "': its lists and maps may be empty but not null");
		}
		datasets = List.copyOf(datasets);
		periods = List.copyOf(periods);
		membershipDates = List.copyOf(membershipDates);
		membershipChecks = List.copyOf(membershipChecks);
		aliases = Map.copyOf(aliases);
		report = (report != null) ? report : ReportSettings.DEFAULTS;
		membershipTotals = List.copyOf(membershipTotals);
		if (datasets.isEmpty()) {
			throw new IllegalArgumentException("job '" + name + "' needs at least one dataset");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (DatasetSpec dataset : datasets) {
			if (!ids.add(dataset.id())) {
				throw new IllegalArgumentException("dataset id '" + dataset.id() + "' is used twice");
			}
		}
		Set<String> periodNames = new HashSet<>();
		for (PeriodSpec period : periods) {
			if (!periodNames.add(period.name())) {
				throw new IllegalArgumentException("period name '" + period.name() + "' is used twice");
			}
		}
		aliases.forEach((alias, key) -> {
			if (!COUNTRY_KEY.matcher(key).matches()) {
				throw new IllegalArgumentException(
						"alias '" + alias + "' must map to a country key such as KAZ, found '" + key + "'");
			}
		});
		figures.precedence().values().forEach((order) -> checkDeclared(order, ids, "precedence"));
		figures.revisions().forEach((newer, older) -> checkDeclared(List.of(newer, older), ids, "revisions"));
		if (ingestThreads < 0 || ingestThreads > MAX_INGEST_THREADS) {
			throw new IllegalArgumentException("ingest-threads must be a whole number from 1 to " + MAX_INGEST_THREADS
					+ ", or 0 for as many as the machine has processors, found " + ingestThreads);
		}
		if (membershipTotals.stream().map(MembershipTotal::date).distinct().count() < membershipTotals.size()) {
			throw new IllegalArgumentException("job '" + name + "' gives membership totals for a day twice");
		}
	}

	private static void checkDeclared(List<String> named, Set<String> ids, String what) {
		for (String id : named) {
			if (!ids.contains(id)) {
				throw new IllegalArgumentException(what + " names dataset '" + id
						+ "', which the job does not declare (it has " + String.join(", ", ids) + ")");
			}
		}
	}

	/**
	 * A job whose file gives no published membership totals.
	 */
	public JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership, List<DatasetSpec> datasets,
			List<PeriodSpec> periods, Path output, Limits limits, String fingerprint, List<LocalDate> membershipDates,
			List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases, FigureSettings figures,
			ReportSettings report, boolean catchUp, int ingestThreads) {
		this(name, source, schedule, zone, membership, datasets, periods, output, limits, fingerprint, membershipDates,
				membershipChecks, aliases, figures, report, catchUp, ingestThreads, List.of());
	}

	/**
	 * A job whose file does not say how many files are ingested at once.
	 */
	public JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership, List<DatasetSpec> datasets,
			List<PeriodSpec> periods, Path output, Limits limits, String fingerprint, List<LocalDate> membershipDates,
			List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases, FigureSettings figures,
			ReportSettings report, boolean catchUp) {
		this(name, source, schedule, zone, membership, datasets, periods, output, limits, fingerprint, membershipDates,
				membershipChecks, aliases, figures, report, catchUp, 0);
	}

	/**
	 * A job without catch-up of missed firings.
	 */
	public JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership, List<DatasetSpec> datasets,
			List<PeriodSpec> periods, Path output, Limits limits, String fingerprint, List<LocalDate> membershipDates,
			List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases, FigureSettings figures,
			ReportSettings report) {
		this(name, source, schedule, zone, membership, datasets, periods, output, limits, fingerprint, membershipDates,
				membershipChecks, aliases, figures, report, false);
	}

	/**
	 * A job whose file says nothing about its report.
	 */
	public JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership, List<DatasetSpec> datasets,
			List<PeriodSpec> periods, Path output, Limits limits, String fingerprint, List<LocalDate> membershipDates,
			List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases, FigureSettings figures) {
		this(name, source, schedule, zone, membership, datasets, periods, output, limits, fingerprint, membershipDates,
				membershipChecks, aliases, figures, ReportSettings.DEFAULTS);
	}

	/**
	 * @return the days the report counts membership on besides every year end and every
	 * day a status changed: the job file's membership dates and the days of its published
	 * totals, each once, in date order
	 */
	public List<LocalDate> membershipCountDates() {
		java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(this.membershipDates);
		this.membershipTotals.forEach((t) -> days.add(t.date()));
		return List.copyOf(days);
	}

	/**
	 * Finds a dataset by its id.
	 * @param id the dataset id
	 * @return the dataset
	 * @throws IllegalArgumentException if the job has no such dataset
	 */
	public DatasetSpec dataset(String id) {
		return this.datasets.stream()
			.filter((d) -> d.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("job '" + this.name + "' has no dataset '" + id + "'"));
	}

}
