package org.migrationstats.pipeline.report;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.migrationstats.pipeline.report.XlsxTableSink.CoverSection;
import org.migrationstats.pipeline.report.jdbc.YearSpan;
import org.migrationstats.pipeline.schedule.NightlySchedule;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.PeriodSpec;

/**
 * The report's cover, kept short as the UK Analysis Function advises: what the workbook
 * shows, the years it covers, its sources, and who makes it and when it runs next. The
 * run's identifiers and the inputs' digests are on the Run details and Inputs sheets.
 */
final class AboutSheet {

	static final String SHEET = "About";

	private static final DateTimeFormatter FIRING = DateTimeFormatter.ofPattern("uuuu-MM-dd 'at' HH:mm zzz");

	private AboutSheet() {
	}

	/**
	 * @param spec the job
	 * @param run the run
	 * @return the cover's title
	 */
	static String title(JobSpec spec, RunInfo run) {
		return "Migration statistics: " + spec.name() + ", run of " + run.runDate();
	}

	/**
	 * @param spec the job
	 * @param run the run
	 * @param organisation the organisation of the membership file, such as IOM; empty
	 * when the file has no record
	 * @param years the first and last year of the country-year figures; empty when there
	 * are none
	 * @return the cover's sections
	 */
	static List<CoverSection> sections(JobSpec spec, RunInfo run, String organisation, Optional<YearSpan> years) {
		String by = organisation.isEmpty() ? "the organisation" : organisation;
		List<CoverSection> sections = new ArrayList<>();
		sections.add(new CoverSection("What this workbook shows",
				List.of("Net migration, natural increase and population per country and year, over named periods, "
						+ "and per group of countries (by membership status in " + by
						+ " at the period's end, by list and by region); the membership counts of the membership "
						+ "file beside the totals " + by + " published; and the checks, source conflicts and "
						+ "rejected rows of the run.",
						"Each table starts in cell A1 of its own sheet under its title; the Contents sheet lists "
								+ "them, the Notes sheet explains the [note] marks in titles and headings, and the "
								+ "figures are also in CSV files beside this workbook, one per table.")));
		List<String> covered = new ArrayList<>();
		covered.add(years.map((y) -> "Country-year figures: " + y.first() + " to " + y.last() + ".")
			.orElse("No country-year figures in this run."));
		if (!spec.periods().isEmpty()) {
			covered.add("Named periods: "
					+ spec.periods().stream().map((p) -> p.name() + ", " + span(p)).collect(Collectors.joining("; "))
					+ ".");
		}
		sections.add(new CoverSection("Period covered", covered));
		sections.add(new CoverSection("Source", sources(spec) + " " + Note.SOURCES.cite()));
		sections.add(new CoverSection("Producer and next run",
				List.of("Made by the migration statistics pipeline, job " + spec.name() + " (job file " + run.jobFile()
						+ "), for run date " + run.runDate() + "; the run's identifiers are on the Run details sheet.",
						nextRun(spec, run))));
		return sections;
	}

	/**
	 * @param period a named period
	 * @return its years in words, such as {@code 1991 to 2002 (12 calendar years)}
	 */
	static String span(PeriodSpec period) {
		return period.from() + " to " + period.to() + " (" + period.years() + " calendar year"
				+ ((period.years() == 1) ? "" : "s") + ")";
	}

	/**
	 * The next firing of the job's schedule after the run date, so that the same run date
	 * always gives the same cover.
	 */
	private static String nextRun(JobSpec spec, RunInfo run) {
		String how = "By hand: java -jar migration-pipeline.jar run " + run.jobFile() + " --date <run date>.";
		Optional<ZonedDateTime> next;
		try {
			Instant endOfRunDate = run.runDate().plusDays(1).atStartOfDay(spec.zone()).toInstant().minusNanos(1);
			next = NightlySchedule.of(spec).nextAfter(endOfRunDate);
		}
		catch (IllegalArgumentException ex) {
			// the job file was validated before the run; a schedule it cannot parse is
			// left unsaid rather than failing the report
			next = Optional.empty();
		}
		return next
			.map((firing) -> "The job runs on schedule \"" + spec.schedule() + "\" in " + spec.zone()
					+ "; its next run after this run date is on " + firing.format(FIRING) + ". " + how)
			.orElse(how);
	}

	/**
	 * The sources as the job file names them: each dataset's vintage (or its id where the
	 * job file gives none), once, in job-file order.
	 */
	static String sources(JobSpec spec) {
		LinkedHashSet<String> named = new LinkedHashSet<>();
		for (DatasetSpec dataset : spec.datasets()) {
			String vintage = dataset.vintage();
			named.add((vintage != null && !vintage.isBlank()) ? vintage : "dataset " + dataset.id());
		}
		return String.join("; ", named) + ". Membership: as cited per record in the membership file's source "
				+ "column. Each input's vintage, size and SHA-256 digest are listed in Inputs; the licences are "
				+ "those of the sources.";
	}

}
