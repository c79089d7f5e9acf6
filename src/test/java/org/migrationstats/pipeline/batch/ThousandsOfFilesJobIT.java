package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job with 30 and with 3,000 one-row files of one dataset, each in a JVM of its own
 * with the heap it is given in production ({@code -Xmx256m}): the same figures and counts
 * whatever the number of files, compute and report steps whose time grows no faster than
 * the files, and SIGTERM during the compute step of the 3,000 files stopping the run
 * within {@code pipeline.shutdown.timeout}, restartable, its restart giving every figure.
 */
class ThousandsOfFilesJobIT {

	private static final List<String> COUNTRIES = List.of("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "ARM", "AZE", "GEO",
			"MNG", "RUS", "UKR", "BLR", "MDA", "TUR", "IRN", "PAK", "IND", "CHN", "FRA");

	private static final int FIRST_YEAR = 1850;

	private static final String RUN_DATE = "2026-01-01";

	/**
	 * A period per two years of the 3,000 files' years. The compute step asks whether it
	 * was told to stop after each of its parts, and SIGTERM is recorded 0.5-1.3 s after
	 * it is sent (the running execution is read with its 3,000 step executions), while
	 * the step's first part takes about 1 s: the 75 periods keep it asking for 0.3 s
	 * more.
	 */
	private static final int PERIOD_YEARS = 2;

	private static final String PERIODS = IntStream.range(0, 150 / PERIOD_YEARS)
		.map((p) -> FIRST_YEAR + PERIOD_YEARS * p)
		.mapToObj((from) -> "  - { name: p%d, from: %d, to: %d }".formatted(from, from, from + PERIOD_YEARS - 1))
		.collect(Collectors.joining("\n"));

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How many times the 30 files' time (or the floor, if longer) the 3,000 files'
	 * compute and report steps may take. Each step reads every file's counts in one query
	 * and computes over the observations, so 100 times the files cost 2 to 7 times the
	 * time (compute 0.2 s to 1.4 s, report 1.6 s to 3.7 s, measured by hand). What it
	 * guards against is quadratic behaviour: reading each file's counts from its step
	 * execution took 162 s at 1,000 files, and the compute step alone 480 s at 3,000.
	 */
	private static final int MAX_RATIO = 8;

	/**
	 * A 30-file step takes a few tenths of a second, which a loaded machine can double or
	 * halve: the bound is taken against at least this much, so that it is about the
	 * growth with the files and not about the noise of a tiny time.
	 */
	private static final Duration FLOOR = Duration.ofSeconds(2);

	private final Path work = ScratchFolders.create("thousands-of-files");

	private final ChildJvm jvm = new ChildJvm(this.work,
			Map.of("pipeline.shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s"), List.of("-Xmx256m"));

	@Test
	void threeThousandFilesGiveTheirFiguresInLinearTimeAndStopOnSigtermWhileComputing() throws Exception {
		Path thirty = job("files-30", 30);
		Path threeThousand = job("files-3000", 3000);

		ChildJvm.Child.Result small = this.jvm.run("run", thirty.toString(), "--date", RUN_DATE);
		assertThat(small.exitCode()).as(small.output()).isEqualTo(3);
		long smallExecution = lastExecution("files-30");
		assertCountsAndFigures("files-30", smallExecution, 30);

		ChildJvm.Child big = this.jvm.start(Map.of(), "run", threeThousand.toString(), "--date", RUN_DATE);
		big.awaitOutput("Step computeFigures started");
		long signalled = System.nanoTime();
		ChildJvm.Child.Result terminated = big.terminate();
		Duration toStop = Duration.ofNanos(System.nanoTime() - signalled);

		long stopped = lastExecution("files-3000");
		assertThat(toStop).as(terminated.output()).isLessThan(SHUTDOWN_TIMEOUT);
		assertThat(terminated.output()).contains("the run was told to stop while computing")
			.doesNotContain("did not stop within");
		assertThat(terminated.exitCode()).isNotZero();
		assertThat(status(stopped)).isEqualTo("STOPPED");
		assertThat(stepStatus(stopped, "computeFigures")).isEqualTo("STOPPED");
		assertThat(stepNames(stopped)).doesNotContain("writeReports");
		assertThat(count("SELECT COUNT(*) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ?", runId(stopped)))
			.as("rolled back with the step")
			.isZero();
		assertThat(report("files-3000")).doesNotExist();
		try (Stream<Path> copies = Files.list(this.work.resolve("db/backups"))) {
			assertThat(copies).as("the 30 files' run's copy alone: a process told to terminate makes none").hasSize(1);
		}

		ChildJvm.Child.Result restart = this.jvm.run("restart", Long.toString(stopped));

		assertThat(restart.exitCode()).as(restart.output()).isEqualTo(3);
		long restarted = lastExecution("files-3000");
		assertThat(restarted).isGreaterThan(stopped);
		assertThat(stepNames(restarted)).containsExactly("computeFigures", "writeReports");
		assertCountsAndFigures("files-3000", stopped, 3000);

		Map<String, Duration> before = durations(smallExecution);
		Map<String, Duration> after = durations(restarted);
		System.out.printf("30 files: %s; 3,000 files: ingest %s (stopped execution), %s (restart)%n", before,
				durations(stopped).get("ingestDatasets"), after);
		for (String step : List.of("computeFigures", "writeReports")) {
			Duration bound = max(before.get(step), FLOOR).multipliedBy(MAX_RATIO);
			assertThat(after.get(step)).as("%s of 3,000 files against %s of 30", step, before.get(step))
				.isLessThanOrEqualTo(bound);
		}
	}

	/**
	 * Writes the files, one row each: file {@code i} gives country {@code i % 20} in year
	 * 1850 + {@code i / 20} a population of 1000 + {@code i}, except file 7, a country
	 * that does not exist (rejected), and file 11, the world (an aggregate, filtered).
	 */
	private Path job(String name, int files) throws IOException {
		Path input = Files.createDirectories(this.work.resolve(name));
		for (int i = 0; i < files; i++) {
			String country = (i == 7) ? "Atlantis" : (i == 11) ? "WLD" : country(i);
			Files.writeString(input.resolve(String.format("f%04d.csv", i)),
					"ISO3,Year,Population\n" + country + "," + year(i) + "," + (1000 + i) + "\n",
					StandardCharsets.UTF_8);
		}
		return Files.writeString(this.work.resolve(name + ".yml"), """
				name: %s
				membership: %s
				output: %s
				datasets:
				  - id: one-row-files
				    path: "%s/*.csv"
				    layout: long
				    measure: population
				    columns: { country: ISO3, year: Year, value: Population }
				limits: { max-reject-ratio: 1 }
				periods:
				%s
				""".formatted(name, Path.of("input/membership/iom.csv").toAbsolutePath(), this.work.resolve("output"),
				input, PERIODS), StandardCharsets.UTF_8);
	}

	private static String country(int file) {
		return COUNTRIES.get(file % COUNTRIES.size());
	}

	private static int year(int file) {
		return FIRST_YEAR + file / COUNTRIES.size();
	}

	/**
	 * The ingest step's counts, each file's counts in the Inputs table, the one rejected
	 * row and every country-year's population, worked out from how the files were
	 * written.
	 */
	private void assertCountsAndFigures(String name, long ingestExecution, int files) throws Exception {
		assertThat(text("SELECT READ_COUNT || ' ' || WRITE_COUNT || ' ' || FILTER_COUNT || ' ' || "
				+ "(READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT) FROM BATCH_STEP_EXECUTION "
				+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'ingestDatasets'", ingestExecution))
			.containsExactly(files + " " + (files - 2) + " 1 1");
		Path report = report(name);
		assertThat(JobFixture.csv(report, "inputs.csv")).hasSize(files)
			.extracting((r) -> r.get("Rows read") + " " + r.get("Rows written") + " " + r.get("Rows rejected") + " "
					+ r.get("Rows filtered"))
			.containsOnly("1 1 0 0", "1 0 1 0", "1 0 0 1")
			.filteredOn("1 1 0 0"::equals)
			.hasSize(files - 2);
		assertThat(JobFixture.csv(report, "rejects.csv"))
			.extracting(
					(r) -> r.get("File").replaceAll(".*/", "") + " " + r.get("Row") + " " + r.get("Value as written"))
			.containsExactly("f0007.csv 2 Atlantis");
		Map<String, String> expected = new LinkedHashMap<>();
		for (int i = 0; i < files; i++) {
			if (i != 7 && i != 11) {
				expected.put(country(i) + " " + year(i), Integer.toString(1000 + i));
			}
		}
		List<CSVRecord> countryYears = JobFixture.csv(report, "country_year.csv");
		assertThat(countryYears).hasSize(files - 2);
		assertThat(countryYears.stream()
			.collect(Collectors.toMap((r) -> r.get("Country code") + " " + r.get("Year"), (r) -> r.get("Population"))))
			.isEqualTo(expected);
		// a period's row for each country with a population in it: first, last, change
		List<String> periods = new ArrayList<>();
		for (int from = FIRST_YEAR; from < FIRST_YEAR + 150; from += PERIOD_YEARS) {
			for (String country : COUNTRIES.stream().sorted().toList()) {
				int start = from;
				if (IntStream.range(0, PERIOD_YEARS)
					.anyMatch((y) -> expected.containsKey(country + " " + (start + y)))) {
					String first = expected.getOrDefault(country + " " + from, "");
					String last = expected.getOrDefault(country + " " + (from + PERIOD_YEARS - 1), "");
					String change = (first.isEmpty() || last.isEmpty()) ? ""
							: Integer.toString(Integer.parseInt(last) - Integer.parseInt(first));
					periods.add("p" + from + " " + country + " " + first + " " + last + " " + change);
				}
			}
		}
		assertThat(JobFixture.csv(report, "periods.csv"))
			.extracting((r) -> r.get("Period") + " " + r.get("Country code") + " "
					+ r.get("Population, persons, mid-year of first year") + " "
					+ r.get("Population, persons, mid-year of last year") + " "
					+ r.get("Population change, persons, mid-year of first year to mid-year of last year"))
			.containsExactlyElementsOf(periods)
			.hasSize((files == 30) ? 19 : 1500);
	}

	private Path report(String name) {
		return this.work.resolve("output").resolve(name).resolve(RUN_DATE);
	}

	/**
	 * Each step's time as the job repository recorded it.
	 */
	private Map<String, Duration> durations(long execution) throws SQLException {
		Map<String, Duration> durations = new LinkedHashMap<>();
		try (Connection connection = this.jvm.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT STEP_NAME, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION "
							+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME NOT LIKE 'ingestFile:%' "
							+ "ORDER BY STEP_EXECUTION_ID")) {
			statement.setLong(1, execution);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					durations.put(rs.getString(1), Duration.between(rs.getTimestamp(2).toLocalDateTime(),
							rs.getTimestamp(3).toLocalDateTime()));
				}
			}
		}
		return durations;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private long lastExecution(String jobName) throws SQLException {
		return count("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
				+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", jobName);
	}

	private long runId(long execution) throws SQLException {
		return count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution);
	}

	private String status(long execution) throws SQLException {
		return text("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution).get(0);
	}

	private String stepStatus(long execution, String step) throws SQLException {
		return text("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", execution,
				step)
			.get(0);
	}

	private List<String> stepNames(long execution) throws SQLException {
		return text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
				+ "AND STEP_NAME NOT LIKE 'ingestFile:%' ORDER BY STEP_EXECUTION_ID", execution);
	}

	private long count(String sql, Object... args) throws SQLException {
		return FirstColumn.count(this.jvm::connect, sql, args);
	}

	private List<String> text(String sql, Object... args) throws SQLException {
		return FirstColumn.text(this.jvm::connect, sql, args);
	}

}
