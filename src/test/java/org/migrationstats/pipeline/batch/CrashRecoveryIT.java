package org.migrationstats.pipeline.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the nightly job's process at chosen points (kill -9 in the middle of an ingest
 * chunk, during compute, while the report is being written; SIGTERM during ingest), then
 * recovers and restarts it in new processes, as an operator would, and checks that the
 * figures, row counts and CSV files equal those of a clean run, with no row lost or
 * counted twice, and that what had completed was not run again.
 * <p>
 * The process is stopped at an exact statement by {@code FaultInjection}, a test-only
 * hook; chunks of 100 rows make the World Bank file (1,105 rows) commit a few chunks
 * before the fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

	private static final String CLEAN_DATE = "2030-12-31";

	private static final String BIG_FILE_STEP = "ingestFile:wb-population#1";

	private final Path work = ScratchFolders.create("crash");

	private final ChildJvm jvm = new ChildJvm(this.work, Map.of("pipeline.chunk-size", "100"));

	private SampleJob job;

	private String cleanRunOutput;

	@BeforeAll
	void runCleanly() {
		this.job = SampleJob.copyTo(this.work.resolve("sample"));
		ChildJvm.Child.Result clean = run("run", this.job.jobFile().toString(), "--date", CLEAN_DATE);
		assertThat(clean.exitCode()).as(clean.output()).isZero();
		this.cleanRunOutput = clean.output();
	}

	@Test
	void computeAndReportLogWhatTheyDoAndARunOfACompletedDateLogsItsExitCode() throws Exception {
		assertThat(this.cleanRunOutput).containsPattern("Computed 1125 country-years of 15 countries in \\d+\\.\\d s")
			.containsPattern("Computed period since-independence \\(1991 to 2002\\) in \\d+\\.\\d s")
			.containsPattern("Computed membership check against cow-igo-v3 in \\d+\\.\\d s")
			.containsPattern("Wrote table Country-year \\(country_year.csv\\), 1,125 rows, in \\d+\\.\\d s")
			.containsPattern("Wrote the workbook nightly-migration-" + CLEAN_DATE + ".xlsx in \\d+\\.\\d s")
			.doesNotContain(" 0 rows done");

		ChildJvm.Child.Result again = run("run", this.job.jobFile().toString(), "--date", CLEAN_DATE);

		assertThat(again.exitCode()).isEqualTo(4);
		long execution = lastExecution(CLEAN_DATE);
		assertThat(again.output())
			.contains("Execution " + execution + " completed run date " + CLEAN_DATE
					+ " earlier; its steps and files were:")
			.containsPattern("INFO .*o.m.pipeline.cli.Summary: run date " + CLEAN_DATE
					+ " of job nightly-migration already completed \\(execution " + execution
					+ "\\); nothing was done\\. .*\\(exit code 4: already complete\\)");
	}

	@Test
	void killedInTheMiddleOfAnIngestChunk() throws Exception {
		String date = "2030-01-01";
		ChildJvm.Child child = pausedRun(date, "INSERT INTO MIG_OBSERVATION", BIG_FILE_STEP, 3, "paused-ingest");
		child.kill();

		long execution = lastExecution(date);
		assertThat(status(execution)).isEqualTo("STARTED");
		assertThat(stepStatus(execution, BIG_FILE_STEP)).isEqualTo("STARTED");
		assertThat(committedRows(date, "wb-population")).as("rows of the two chunks committed before the kill")
			.isEqualTo(200);
		List<String> completedBefore = completedSteps(execution);

		long restarted = recoverAndRestart(execution);

		assertThat(Files.readString(this.jvm.log()))
			.as("every line names job, execution, step and file; the restart says where it goes on")
			.contains("job=nightly-migration execution=" + restarted + " step=" + BIG_FILE_STEP + " file="
					+ this.job.input("worldbank/population.csv") + " ")
			.contains("Step " + BIG_FILE_STEP + " started on " + this.job.input("worldbank/population.csv")
					+ ", going on after row 200");
		assertThat(stepExecutions(date, BIG_FILE_STEP)).hasSize(2);
		assertThat(stepExecutions(date, BIG_FILE_STEP).get(1)).as("read by the restart").isEqualTo(1105 - 200);
		for (String step : completedBefore) {
			assertThat(stepExecutions(date, step)).as(step + " completed before the kill").hasSize(1);
		}
		assertThat(stepExecutions(date, "prepareInputs")).hasSize(1);
		assertSameAsCleanRun(date);
	}

	@Test
	void killedWhileComputing() throws Exception {
		String date = "2030-01-02";
		ChildJvm.Child child = pausedRun(date, "INSERT INTO MIG_COUNTRY_YEAR", "computeFigures", 1, "paused-compute");
		child.kill();

		long execution = lastExecution(date);
		assertThat(stepStatus(execution, "computeFigures")).isEqualTo("STARTED");
		assertThat(count("SELECT COUNT(*) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ?", runId(date))).isZero();

		long restarted = recoverAndRestart(execution);

		assertThat(stepNames(restarted)).containsExactly("computeFigures", "writeReports");
		for (String step : List.of("prepareInputs", "ingestDatasets", BIG_FILE_STEP, "ingestFile:wpp-births#1")) {
			assertThat(stepExecutions(date, step)).as(step).hasSize(1);
		}
		assertSameAsCleanRun(date);
	}

	@Test
	void terminatedWhileComputingStopsBetweenTwoPartsAndARestartComputesAgain() throws Exception {
		String date = "2030-01-07";
		ChildJvm.Child child = pausedRun(date, "INSERT INTO MIG_COUNTRY_YEAR", "computeFigures", 1,
				"paused-compute-sigterm");
		ChildJvm.Child.Result terminated = child.terminate();

		long execution = lastExecution(date);
		assertThat(terminated.exitCode()).as(terminated.output()).isNotZero();
		assertThat(status(execution)).as(terminated.output()).isEqualTo("STOPPED");
		assertThat(stepStatus(execution, "computeFigures")).isEqualTo("STOPPED");
		assertThat(terminated.output()).contains("the run was told to stop while computing, after 1125 country-years")
			.doesNotContain("Computed membership status at each year end");
		assertThat(count("SELECT COUNT(*) FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ?", runId(date)))
			.as("rolled back with the step")
			.isZero();

		ChildJvm.Child.Result restart = run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(stepNames(lastExecution(date))).containsExactly("computeFigures", "writeReports");
		assertSameAsCleanRun(date);
	}

	@Test
	void killedWhileWritingTheReport() throws Exception {
		String date = "2030-01-03";
		ChildJvm.Child child = pausedRun(date, "FROM MIG_MEMBERSHIP_COUNT WHERE RUN_ID", "writeReports", 1,
				"paused-report");
		child.kill();

		long execution = lastExecution(date);
		assertThat(stepStatus(execution, "writeReports")).isEqualTo("STARTED");
		Path unpublished = this.job.report(date).resolveSibling("." + date + ".tmp-" + execution);
		assertThat(unpublished.resolve("periods.csv")).as("half-written report").isRegularFile();
		assertThat(unpublished.resolve("rejects.csv")).doesNotExist();
		assertThat(this.job.report(date)).doesNotExist();

		long restarted = recoverAndRestart(execution);

		assertThat(stepNames(restarted)).containsExactly("writeReports");
		assertThat(stepExecutions(date, "computeFigures")).hasSize(1);
		assertThat(unpublished).doesNotExist();
		assertSameAsCleanRun(date);
	}

	@Test
	void terminatedWhileWritingTheReportPublishesNothingAndARestartWritesIt() throws Exception {
		String date = "2030-01-06";
		ChildJvm.Child child = pausedRun(date, "FROM MIG_MEMBERSHIP_COUNT WHERE RUN_ID", "writeReports", 1,
				"paused-report-sigterm");
		ChildJvm.Child.Result terminated = child.terminate();

		long execution = lastExecution(date);
		assertThat(terminated.exitCode()).as(terminated.output()).isNotZero();
		assertThat(status(execution)).as(terminated.output()).isEqualTo("STOPPED");
		assertThat(stepStatus(execution, "writeReports")).isEqualTo("STOPPED");
		assertThat(this.job.report(date)).as("no report of a stopped run is published").doesNotExist();
		assertThat(this.job.report(date).resolveSibling("." + date + ".tmp-" + execution)).doesNotExist();

		ChildJvm.Child.Result restart = run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(stepNames(lastExecution(date))).containsExactly("writeReports");
		assertSameAsCleanRun(date);
	}

	@Test
	void terminatedDuringIngestStopsCleanlyAndRestartsWithoutRecovery() throws Exception {
		String date = "2030-01-04";
		ChildJvm.Child child = pausedRun(date, "INSERT INTO MIG_OBSERVATION", BIG_FILE_STEP, 3, "paused-sigterm");
		ChildJvm.Child.Result terminated = child.terminate();

		long execution = lastExecution(date);
		assertThat(terminated.exitCode()).as(terminated.output()).isNotZero();
		assertThat(status(execution)).as(terminated.output()).isEqualTo("STOPPED");
		assertThat(stepStatus(execution, BIG_FILE_STEP)).isEqualTo("STOPPED");
		assertThat(terminated.output()).contains("stopped (execution " + execution + ")");
		long committed = committedRows(date, "wb-population");
		assertThat(committed).as("the chunk in progress at SIGTERM is finished, then the step stops").isEqualTo(300);

		ChildJvm.Child.Result restart = run("restart", Long.toString(execution));

		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(stepExecutions(date, BIG_FILE_STEP)).containsExactly(committed, 1105 - committed);
		assertSameAsCleanRun(date);
	}

	@Test
	void aSecondProcessIsToldTheDatabaseIsInUseWithoutAStackTrace() throws Exception {
		String date = "2030-01-05";
		ChildJvm.Child child = pausedRun(date, "INSERT INTO MIG_OBSERVATION", BIG_FILE_STEP, 1, "paused-locked");
		try {
			ChildJvm.Child.Result status = run("status");

			assertThat(status.exitCode()).as(status.output()).isEqualTo(5);
			assertThat(status.output()).contains("error: the database is in use by another process")
				.contains("pipeline.mv.db")
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
			assertThat(status.output().split("in use by another process", -1)).as("said once").hasSize(2);
		}
		finally {
			child.kill();
		}
		assertThat(run("recover").output()).contains("execution " + lastExecution(date) + " marked FAILED");
	}

	private long recoverAndRestart(long execution) throws SQLException {
		ChildJvm.Child.Result recover = run("recover");
		assertThat(recover.exitCode()).as(recover.output()).isZero();
		assertThat(recover.output()).contains("execution " + execution + " marked FAILED");
		assertThat(status(execution)).isEqualTo("FAILED");
		ChildJvm.Child.Result restart = run("restart", Long.toString(execution));
		assertThat(restart.exitCode()).as(restart.output()).isZero();
		long restarted = lastExecution(date(execution));
		assertThat(restarted).isGreaterThan(execution);
		assertThat(status(restarted)).isEqualTo("COMPLETED");
		return restarted;
	}

	private void assertSameAsCleanRun(String date) throws Exception {
		for (int i = 0; i < this.job.stableCsvFiles(CLEAN_DATE).size(); i++) {
			Path actual = this.job.stableCsvFiles(date).get(i);
			assertThat(actual).as(actual.getFileName().toString())
				.hasSameTextualContentAs(this.job.stableCsvFiles(CLEAN_DATE).get(i));
		}
		try (Stream<Path> siblings = Files.list(this.job.report(date).getParent())) {
			assertThat(siblings.map((p) -> p.getFileName().toString())).noneMatch((n) -> n.contains(".tmp-"));
		}
		long run = runId(date);
		long clean = runId(CLEAN_DATE);
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("MIG_OBSERVATION", "DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, MEASURE, VAL");
		tables.put("MIG_AGGREGATE_ROW", "DATASET_ID, FILE_NAME, SOURCE_ROW, SCHEME, CODE");
		tables.put("MIG_REJECTION", "STAGE, DATASET_ID, FILE_NAME, SOURCE_ROW, COLUMN_NAME, REASON");
		tables.put("MIG_COUNTRY_YEAR", "COUNTRY, YR, POPULATION, NET_MIGRATION, BIRTHS, DEATHS, POPULATION_CHANGE, "
				+ "NATURAL_INCREASE, STATUS");
		tables.put("MIG_PERIOD", "PERIOD_NAME, COUNTRY, NET_MIGRATION, NATURAL_INCREASE, POPULATION_START, "
				+ "POPULATION_END, POPULATION_CHANGE, STATUS_AT_END");
		tables.put("MIG_PERIOD_GROUP",
				"PERIOD_NAME, GROUPING, GROUP_NAME, COUNTRIES, NET_MIGRATION, POPULATION_CHANGE");
		for (Map.Entry<String, String> table : tables.entrySet()) {
			String rows = "SELECT COUNT(*) FROM " + table.getKey() + " WHERE RUN_ID = ?";
			assertThat(count(rows, run)).as(table.getKey() + " rows").isEqualTo(count(rows, clean));
			String distinct = "SELECT COUNT(*) FROM (SELECT DISTINCT " + table.getValue() + " FROM " + table.getKey()
					+ " WHERE RUN_ID = ?)";
			assertThat(count(distinct, run)).as(table.getKey() + ": no row twice").isEqualTo(count(rows, run));
			String difference = "SELECT COUNT(*) FROM (SELECT " + table.getValue() + " FROM " + table.getKey()
					+ " WHERE RUN_ID = ? EXCEPT SELECT " + table.getValue() + " FROM " + table.getKey()
					+ " WHERE RUN_ID = ?)";
			assertThat(count(difference, run, clean)).as(table.getKey() + " rows not in the clean run").isZero();
		}
		assertThat(count("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = ?", run)).isPositive();
		// each file's counts, over the executions that took blocks of it
		String fileCounts = "SELECT DATASET_ID || ' ' || FILE_NAME || ' ' || SHEET || ': ' || SUM(ROWS_READ) || ' ' "
				+ "|| SUM(ROWS_WRITTEN) || ' ' || SUM(ROWS_REJECTED) || ' ' || SUM(ROWS_REJECTED_WHOLE) || ' ' "
				+ "|| SUM(AGGREGATE_ROWS) || ' ' || SUM(OTHER_FILTERED_ROWS) || ' ' || SUM(OBSERVATIONS) || ' ' "
				+ "|| SUM(VALUES_REJECTED) FROM MIG_FILE_COUNT WHERE RUN_ID = ? "
				+ "GROUP BY DATASET_ID, FILE_NAME, SHEET ORDER BY DATASET_ID, FILE_NAME, SHEET";
		assertThat(text(fileCounts, run)).as("MIG_FILE_COUNT").isNotEmpty().isEqualTo(text(fileCounts, clean));
	}

	private ChildJvm.Child.Result run(String... args) {
		return this.jvm.run(args);
	}

	/**
	 * Starts a run of the sample job for a date that pauses after the given statement has
	 * run so many times in the given step, and returns once it has paused.
	 */
	private ChildJvm.Child pausedRun(String date, String sql, String step, int count, String markerName)
			throws Exception {
		Path marker = this.work.resolve(markerName);
		ChildJvm.Child child = this.jvm.start(pause(sql, step, count, marker), "run", this.job.jobFile().toString(),
				"--date", date);
		child.awaitPause(marker);
		return child;
	}

	private static Map<String, String> pause(String sql, String step, int count, Path marker) {
		return Map.of("faults.after-sql", sql, "faults.in-step", step, "faults.after-count", Integer.toString(count),
				"faults.action", "pause", "faults.marker", marker.toString());
	}

	private long committedRows(String date, String dataset) throws SQLException {
		return count(
				"SELECT COUNT(*) FROM (SELECT SOURCE_ROW FROM MIG_OBSERVATION WHERE RUN_ID = ? AND DATASET_ID = ? "
						+ "UNION SELECT SOURCE_ROW FROM MIG_AGGREGATE_ROW WHERE RUN_ID = ? AND DATASET_ID = ?)",
				runId(date), dataset, runId(date), dataset);
	}

	private long lastExecution(String date) throws SQLException {
		return count("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
				+ "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'runDate' "
				+ "AND p.PARAMETER_VALUE = ?", date);
	}

	private long runId(String date) throws SQLException {
		return count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", lastExecution(date));
	}

	private String date(long execution) throws SQLException {
		return text("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? "
				+ "AND PARAMETER_NAME = 'runDate'", execution)
			.get(0);
	}

	private String status(long execution) throws SQLException {
		return text("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution).get(0);
	}

	private String stepStatus(long execution, String step) throws SQLException {
		return text("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", execution,
				step)
			.get(0);
	}

	private List<String> completedSteps(long execution) throws SQLException {
		return text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STATUS = 'COMPLETED' "
				+ "ORDER BY STEP_EXECUTION_ID", execution);
	}

	private List<String> stepNames(long execution) throws SQLException {
		return text("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID",
				execution);
	}

	/**
	 * The read counts of a step's executions over every execution of the date, in order.
	 */
	private List<Long> stepExecutions(String date, String step) throws SQLException {
		List<Long> reads = new ArrayList<>();
		for (String read : text("SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
				+ "ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ? "
				+ "ORDER BY s.STEP_EXECUTION_ID", runId(date), step)) {
			reads.add(Long.parseLong(read));
		}
		return reads;
	}

	private long count(String sql, Object... args) throws SQLException {
		return FirstColumn.count(this.jvm::connect, sql, args);
	}

	private List<String> text(String sql, Object... args) throws SQLException {
		return FirstColumn.text(this.jvm::connect, sql, args);
	}

}
