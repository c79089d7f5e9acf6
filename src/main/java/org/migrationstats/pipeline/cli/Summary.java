package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.migrationstats.pipeline.operate.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the end-of-run summary an operator reads: per step and per file, and where the
 * report is.
 */
final class Summary {

	private static final Logger log = LoggerFactory.getLogger(Summary.class);

	/** The years not summed listed at most in a summary; the report lists all. */
	static final int YEARS_NOT_SUMMED = 20;

	private Summary() {
	}

	/**
	 * Prints the Spring Batch meters: one line per meter and tags, with its count and
	 * total time where it has them.
	 * @param registry the registry
	 * @param out where to print
	 */
	static void printMeters(MeterRegistry registry, PrintWriter out) {
		out.println();
		out.printf("%-32s %10s %12s  %s%n", "meter", "count", "total s", "tags");
		registry.getMeters()
			.stream()
			.filter((m) -> m.getId().getName().startsWith("spring.batch"))
			.sorted(Comparator.comparing((Meter m) -> m.getId().getName())
				.thenComparing((m) -> m.getId().getTags().toString()))
			.forEach((meter) -> {
				String tags = meter.getId()
					.getTags()
					.stream()
					.map((t) -> t.getKey().replaceFirst("^spring\\.batch\\.", "") + "=" + t.getValue())
					.collect(Collectors.joining(" "));
				if (meter instanceof Timer timer) {
					out.printf("%-32s %,10d %12.3f  %s%n", meter.getId().getName(), timer.count(),
							timer.totalTime(TimeUnit.SECONDS), tags);
				}
				else if (meter instanceof LongTaskTimer) {
					return;
				}
				else {
					meter.measure()
						.forEach((m) -> out.printf("%-32s %10s %12s  %s %s=%s%n", meter.getId().getName(), "", "", tags,
								m.getStatistic().name().toLowerCase(), m.getValue()));
				}
			});
		out.flush();
	}

	/**
	 * @return the arguments of a file line, without the values not given (the seventh)
	 * when no file has any
	 */
	private static Object[] withNotGiven(int notGiven, Object... arguments) {
		if (notGiven > 0) {
			return arguments;
		}
		Object[] without = new Object[arguments.length - 1];
		System.arraycopy(arguments, 0, without, 0, 6);
		System.arraycopy(arguments, 7, without, 6, arguments.length - 7);
		return without;
	}

	/**
	 * Prints the years not summed, a line each with its file, the first
	 * {@value #YEARS_NOT_SUMMED} of the run and how many more.
	 */
	static void yearsNotSummed(RunOutcome outcome, PrintWriter out) {
		int printed = 0;
		int total = 0;
		for (RunOutcome.FileLine file : outcome.files()) {
			for (String year : file.yearsNotSummed()) {
				total++;
				if (printed < YEARS_NOT_SUMMED) {
					printed++;
					out.println("  " + file.fileName() + ": " + year);
				}
			}
		}
		if (total > printed) {
			out.println("  and " + (total - printed) + " more");
		}
	}

	static void print(RunOutcome outcome, PrintWriter out, PrintWriter err) {
		log.info("{} (exit code {}: {})", outcome.message(), outcome.result().exitCode(),
				Tables.result(outcome.result()));
		if (outcome.result() == RunOutcome.Result.ALREADY_COMPLETE && !outcome.steps().isEmpty()) {
			out.println("Execution " + outcome.executionId() + " completed run date " + outcome.runDate()
					+ " earlier; its steps and files were:");
			out.println();
		}
		if (!outcome.steps().isEmpty()) {
			int width = Math.max(32, outcome.steps().stream().mapToInt((s) -> s.name().length()).max().orElse(0));
			out.printf("%-" + width + "s %-10s %10s %10s %9s %14s %9s%n", "step", "status", "read", "written",
					"filtered", "rejected whole", "seconds");
			for (RunOutcome.StepLine step : outcome.steps()) {
				out.printf("%-" + width + "s %-10s %,10d %,10d %,9d %,14d %9.2f%n", step.name(), step.status(),
						step.read(), step.written(), step.filtered(), step.skipped(),
						step.duration().toMillis() / 1000.0);
			}
			out.println();
		}
		if (!outcome.files().isEmpty()) {
			int width = Math.max(48, outcome.files().stream().mapToInt((f) -> f.fileName().length()).max().orElse(0));
			// the values not given, by reason, in a column of their own where a file has
			// some: "12 missing (:), 3 confidential (: c)"
			int notGiven = outcome.files().stream().mapToInt((f) -> f.valuesNotGiven().length()).max().orElse(0);
			String notGivenColumn = (notGiven == 0) ? "" : "%-" + Math.max(notGiven, 16) + "s  ";
			out.printf("%-" + width + "s %10s %10s %14s %10s %10s  " + notGivenColumn + "%s%n",
					withNotGiven(notGiven, "file", "rows read", "rejected", "rejected whole", "aggregates", "filtered",
							"values not given", "status"));
			for (RunOutcome.FileLine file : outcome.files()) {
				out.printf("%-" + width + "s %,10d %,10d %,14d %,10d %,10d  " + notGivenColumn + "%s%s%n",
						withNotGiven(notGiven, file.fileName(), file.rowsRead(), file.rowsRejected(),
								file.rowsRejectedWhole(), file.aggregateRows(), file.filteredRows(),
								file.valuesNotGiven(), file.status(),
								(file.failure() == null || file.failure().isEmpty()) ? "" : ": " + file.failure()));
			}
			out.println();
		}
		if (outcome.files().stream().anyMatch((f) -> !f.valuesNotGiven().isEmpty())) {
			out.println("values not given: value cells of an agency's file that hold no value, by reason: not "
					+ "available (:) or confidential (: c); they are missing, never zero, and counted in the "
					+ "report's Inputs sheet.");
			out.println();
		}
		if (outcome.files().stream().anyMatch((f) -> f.rowsRejected() > 0)) {
			out.println("rejected: rows with a value rejected or rejected whole; rejected whole: none of the row's "
					+ "values is used (a step's count). Every one is listed in the report's Rejects sheet.");
			out.println();
		}
		if (outcome.files().stream().anyMatch((f) -> f.filteredRows() > f.aggregateRows())) {
			out.println("filtered: the aggregate rows (listed in the report's Aggregates sheet) and the rows of series "
					+ "the job does not map, left out by a dataset's filters, or section headings (listed in its "
					+ "Filtered rows sheet).");
			out.println();
		}
		if (outcome.files().stream().anyMatch((f) -> !f.yearsNotSummed().isEmpty())) {
			out.println("years not summed, as a month or quarter is missing (listed in the report's Filtered rows "
					+ "sheet):");
			yearsNotSummed(outcome, out);
			out.println();
		}
		if (outcome.report() != null && !outcome.report().isEmpty()) {
			out.println("report: " + outcome.report());
		}
		switch (outcome.result()) {
			case SUCCESS, COMPLETED_WITH_REJECTS, ALREADY_COMPLETE -> out.println(outcome.message());
			default -> {
				out.flush();
				err.println("error: " + outcome.message());
			}
		}
		out.flush();
		err.flush();
	}

}
