package org.migrationstats.pipeline.spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A job as its YAML file declares it, validated and immutable.
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
 */
public record JobSpec(String name, Path source, String schedule, ZoneId zone, Path membership,
		List<DatasetSpec> datasets, List<PeriodSpec> periods, Path output, Limits limits, String fingerprint,
		List<LocalDate> membershipDates, List<MembershipCheckSpec> membershipChecks, Map<String, String> aliases,
		FigureSettings figures, ReportSettings report, boolean catchUp, int ingestThreads) {

	public JobSpec {
		datasets = List.copyOf(datasets);
		periods = List.copyOf(periods);
		membershipDates = List.copyOf(membershipDates);
		membershipChecks = List.copyOf(membershipChecks);
		aliases = Map.copyOf(aliases);
		report = (report != null) ? report : ReportSettings.DEFAULTS;
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
