package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.ExecutionControl;
import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the nightly job on purpose in each of its later steps, restarts it, and checks
 * that the restart ran only what had failed and ended with exactly the figures of a clean
 * run. Chunks of five rows make the failing partition commit some chunks before it fails.
 */
@SpringBootTest(properties = "pipeline.chunk-size=5")
class RestartIT {

	private static final Path WORK = ScratchFolders.create("restart");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ExecutionControl control;

	@Autowired
	private ExecutionHistory history;

	@Test
	void aBrokenFileFailsItsOwnPartitionAndARestartReadsOnlyWhatWasNotCommitted() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("broken-file"));
		Path births = job.input("wpp2024/births.txt");
		byte[] good = Files.readAllBytes(births);
		Files.write(births, withInvalidUtf8OnLine(good, 12));

		RunOutcome failed = run(job, "2026-01-01");

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains("births.txt")
			.contains("line 12, byte offset")
			.contains("not valid UTF-8");
		assertThat(status(failed, "ingestFile:wpp-births#1")).isEqualTo("FAILED");
		assertThat(failed.files()).filteredOn((f) -> f.fileName().endsWith("births.txt"))
			.singleElement()
			.satisfies((f) -> assertThat(f.failure()).as("the summary's line for the file")
				.startsWith(births + ", line 12, byte offset")
				.doesNotContain("Exception")
				.doesNotContain("\tat "));
		assertThat(status(failed, "ingestFile:wb-population#1")).isEqualTo("COMPLETED");
		assertThat(status(failed, "ingestFile:wpp-net-migration#1")).isEqualTo("COMPLETED");
		long committedBirthRows = distinctRows(failed.executionId(), "wpp-births", "MIG_OBSERVATION")
				+ distinctRows(failed.executionId(), "wpp-births", "MIG_AGGREGATE_ROW");
		assertThat(committedBirthRows).as("rows of births.txt committed before the failure").isEqualTo(10);

		Files.write(births, good);
		RunOutcome restarted = run(job, "2026-01-01");

		assertThat(restarted.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name)
			.containsExactly("ingestDatasets", "ingestFile:wpp-births#1", "computeFigures", "writeReports");
		assertThat(step(restarted, "ingestFile:wpp-births#1").read()).isEqualTo(17 - committedBirthRows);
		assertThat(executions(job, "2026-01-01", "ingestFile:wb-population#1")).isEqualTo(1);
		assertThat(executions(job, "2026-01-01", "ingestFile:wpp-births#1")).isEqualTo(2);
		assertThat(executions(job, "2026-01-01", "prepareInputs")).isEqualTo(1);
		assertSameAsCleanRun(job, "2026-01-01", restarted.executionId());
	}

	@Test
	void anEarlierFailedExecutionIsShownWithWhatItDidNotWithWhatItsRestartDid() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("shown-as-it-was"));
		Path births = job.input("wpp2024/births.txt");
		Path deaths = job.input("wpp2024/deaths.txt");
		byte[] good = Files.readAllBytes(births);
		Path aside = deaths.resolveSibling("deaths.txt.aside");
		Files.move(deaths, aside);
		RunOutcome missing = run(job, "2026-08-01");
		Files.move(aside, deaths);
		Files.write(births, withInvalidUtf8OnLine(good, 12));
		RunOutcome broken = run(job, "2026-08-01");
		Files.write(births, good);
		RunOutcome completed = run(job, "2026-08-01");
		assertThat(missing.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(missing.message()).contains("deaths.txt");
		assertThat(broken.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(completed.result()).isEqualTo(RunOutcome.Result.SUCCESS);

		ExecutionHistory.Details first = this.history.find(missing.executionId()).orElseThrow();
		assertThat(first.inputs()).as("the first execution failed before recording its inputs").isEmpty();
		assertThat(first.files()).isEmpty();

		ExecutionHistory.Details second = this.history.find(broken.executionId()).orElseThrow();
		assertThat(second.files()).filteredOn((f) -> f.datasetId().equals("wpp-births"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.status()).isEqualTo("FAILED");
				assertThat(f.rowsRead()).as("rows committed before the broken line").isEqualTo(10);
				assertThat(f.failure()).contains("line 12");
			});

		ExecutionHistory.Details third = this.history.find(completed.executionId()).orElseThrow();
		assertThat(third.files()).filteredOn((f) -> f.datasetId().equals("wpp-births"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.status()).isEqualTo("COMPLETED");
				assertThat(f.rowsRead()).isEqualTo(17);
			});
	}

	@Test
	void aFileWithTooManyRejectsFailsItsOwnPartitionAndARaisedLimitLetsTheRestartFinish() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("reject-limit"));
		withAnUnknownCountry(job);

		RunOutcome failed = run(job, "2026-02-01");

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(status(failed, "ingestFile:wpp-net-migration#1")).isEqualTo("FAILED");
		assertThat(status(failed, "ingestFile:wpp-births#1")).as("the other files are read").isEqualTo("COMPLETED");
		assertThat(failed.steps()).extracting(RunOutcome.StepLine::name).doesNotContain("computeFigures");
		assertThat(failed.message()).contains("migration.txt")
			.contains("1 of 17 rows rejected (5.9 %)")
			.contains("max-reject-ratio 5.0 %")
			.contains("show " + failed.executionId());
		assertThat(failed.files()).filteredOn((f) -> f.fileName().endsWith("migration.txt"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.status()).isEqualTo("FAILED");
				assertThat(f.rowsRead()).as("the file's blocks are committed before it fails").isEqualTo(17);
				assertThat(f.rowsRejected()).isEqualTo(1);
				assertThat(f.failure()).contains("max-reject-ratio 5.0 %");
			});
		assertThat(this.jdbc.queryForObject("SELECT REASON FROM MIG_REJECTION WHERE RUN_ID = ? AND DATASET_ID = ?",
				String.class, runId(failed), "wpp-net-migration"))
			.startsWith("unknown country '860?'")
			.contains("closest known: Uzbekistan");

		job.setJobFileText("max-reject-ratio: 0.05", "max-reject-ratio: 0.10");
		RunOutcome restarted = run(job, "2026-02-01");

		assertThat(restarted.result()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name)
			.containsExactly("ingestDatasets", "ingestFile:wpp-net-migration#1", "computeFigures", "writeReports");
		assertThat(step(restarted, "ingestFile:wpp-net-migration#1").read()).as("read again from its first row")
			.isEqualTo(17);
		assertThat(NightlyJobIT.csv(job.report("2026-02-01").resolve("rejects.csv"), ',')).hasSize(1);
		assertSameAsCleanRun(job, "2026-02-01", restarted.executionId(), (clean) -> {
			withAnUnknownCountry(clean);
			clean.setJobFileText("max-reject-ratio: 0.05", "max-reject-ratio: 0.10");
		});
	}

	@Test
	void aFileWithTooManyRejectsMendedBeforeTheRestartIsReadAgainWhole() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("reject-limit-mended"));
		Path migration = job.input("wpp2024/migration.txt");
		byte[] good = Files.readAllBytes(migration);
		withAnUnknownCountry(job);
		RunOutcome failed = run(job, "2026-02-02");
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains("1 of 17 rows rejected (5.9 %)");

		Files.write(migration, good);
		RunOutcome restarted = run(job, "2026-02-02");

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.files()).allSatisfy((f) -> assertThat(f.rowsRejected()).isZero());
		assertThat(this.history.find(failed.executionId()).orElseThrow().files())
			.as("the failed execution is shown as it ended")
			.filteredOn((f) -> f.fileName().endsWith("migration.txt"))
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.status()).isEqualTo("FAILED");
				assertThat(f.rowsRejected()).isEqualTo(1);
			});
		assertSameAsCleanRun(job, "2026-02-02", restarted.executionId());
	}

	@Test
	void aReportThatCannotBeWrittenFailsItsStepAndTheRestartOnlyWritesTheReport() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("report-blocked"));
		Files.createDirectories(job.output());
		Path blocker = job.output().resolve("nightly-migration");
		Files.writeString(blocker, "a file where the job's report folder should be");

		RunOutcome failed = run(job, "2026-03-01");

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(status(failed, "writeReports")).isEqualTo("FAILED");
		assertThat(status(failed, "computeFigures")).isEqualTo("COMPLETED");

		Files.delete(blocker);
		RunOutcome restarted = run(job, "2026-03-01");

		assertThat(restarted.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name).containsExactly("writeReports");
		assertSameAsCleanRun(job, "2026-03-01", restarted.executionId());
	}

	@Test
	void aRestartRefusesAFileThatChangedAfterItWasIngestedUnlessRerun() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("changed-input"));
		Path blocker = job.output().resolve("nightly-migration");
		Files.createDirectories(job.output());
		Files.writeString(blocker, "a file where the job's report folder should be");
		assertThat(run(job, "2026-05-01").result()).isEqualTo(RunOutcome.Result.FAILED);
		Files.delete(blocker);
		Path deaths = job.input("wpp2024/deaths.txt");
		Files.writeString(deaths, Files.readString(deaths).replace("\t101.35\t", "\t101.36\t"));

		RunOutcome refused = run(job, "2026-05-01");

		assertThat(refused.result()).isEqualTo(RunOutcome.Result.INPUT_CHANGED);
		assertThat(refused.result().exitCode()).isEqualTo(6);
		assertThat(refused.message()).contains("refusing to restart")
			.contains(deaths + " (dataset wpp-deaths) changed after it was ingested: same size, different content")
			.contains("--rerun");
		assertThat(this.runner.run(job.jobFile(), LocalDate.parse("2026-05-01"), true).result())
			.isEqualTo(RunOutcome.Result.SUCCESS);
	}

	@Test
	void aRestartRefusesADatasetDeclaredDifferentlyAfterItWasIngested() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("changed-declaration"));
		Path blocker = job.output().resolve("nightly-migration");
		Files.createDirectories(job.output());
		Files.writeString(blocker, "a file where the job's report folder should be");
		assertThat(run(job, "2026-05-02").result()).isEqualTo(RunOutcome.Result.FAILED);
		String yaml = Files.readString(job.jobFile());
		assertThat(yaml).contains("scale: thousands");
		Files.writeString(job.jobFile(), yaml.replaceFirst("scale: thousands", "scale: millions"));

		RunOutcome refused = run(job, "2026-05-02");

		assertThat(refused.result()).isEqualTo(RunOutcome.Result.INPUT_CHANGED);
		assertThat(refused.message()).contains("refusing to restart")
			.containsPattern("dataset wpp-[a-z-]+, already ingested, is declared differently in " + job.jobFile()
					+ " \\(line \\d+\\) than when the run started");

		Files.writeString(job.jobFile(), "# a comment moves every line down\n" + yaml);
		Files.delete(blocker);
		RunOutcome restarted = run(job, "2026-05-02");

		assertThat(restarted.result()).as("a declaration that only moved is the same")
			.isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name).containsExactly("writeReports");
	}

	@Test
	void aRestartRefusesAFileWhoseAlreadyIngestedRowsChanged() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("changed-prefix"));
		Path births = job.input("wpp2024/births.txt");
		byte[] good = Files.readAllBytes(births);
		Files.write(births, withInvalidUtf8OnLine(good, 12));
		assertThat(run(job, "2026-06-01").result()).isEqualTo(RunOutcome.Result.FAILED);
		String mended = new String(good, java.nio.charset.StandardCharsets.UTF_8);
		Files.writeString(births, mended.replace("\n398\tKazakhstan\t", "\n398\tKazakhstan X\t"));

		RunOutcome restarted = run(job, "2026-06-01");

		assertThat(restarted.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(restarted.message())
			.contains("births.txt: the 10 rows ingested before the restart are no longer " + "what the file holds");
	}

	@Test
	void anAbandonedDateIsNotRestartedButCanBeRerun() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("abandoned"));
		Files.createDirectories(job.output());
		Files.writeString(job.output().resolve("nightly-migration"), "a file where the report folder should be");
		RunOutcome failed = run(job, "2026-07-01");
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);

		ExecutionControl.Answer abandoned = this.control.abandon(failed.executionId());

		assertThat(abandoned.done()).isTrue();
		assertThat(abandoned.message()).contains("abandoned");
		RunOutcome again = run(job, "2026-07-01");
		assertThat(again.result()).isEqualTo(RunOutcome.Result.ALREADY_COMPLETE);
		assertThat(again.message()).contains("already abandoned").contains("--rerun");
		Files.delete(job.output().resolve("nightly-migration"));
		assertThat(this.runner.run(job.jobFile(), LocalDate.parse("2026-07-01"), true).result())
			.isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.history.recent("nightly-migration", 50))
			.filteredOn((l) -> l.runDate().toString().equals("2026-07-01"))
			.extracting((l) -> l.attempt() + ":" + l.status())
			.containsExactly("2:COMPLETED", "1:ABANDONED");
	}

	@Test
	void runningACompletedDateAgainChangesNothingUnlessForced() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("completed"));
		RunOutcome first = run(job, "2026-04-01");
		long observations = countRows("MIG_OBSERVATION");
		long executions = countRows("BATCH_JOB_EXECUTION");
		byte[] periods = Files.readAllBytes(job.report("2026-04-01").resolve("periods.csv"));

		RunOutcome again = run(job, "2026-04-01");

		assertThat(again.result()).isEqualTo(RunOutcome.Result.ALREADY_COMPLETE);
		assertThat(again.executionId()).isEqualTo(first.executionId());
		assertThat(again.message()).contains("already completed").contains("--rerun");
		assertThat(countRows("MIG_OBSERVATION")).isEqualTo(observations);
		assertThat(countRows("BATCH_JOB_EXECUTION")).isEqualTo(executions);

		RunOutcome forced = this.runner.run(job.jobFile(), LocalDate.parse("2026-04-01"), true);

		assertThat(forced.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(forced.executionId()).isNotEqualTo(first.executionId());
		assertThat(Files.readAllBytes(job.report("2026-04-01").resolve("periods.csv"))).isEqualTo(periods);
	}

	private void assertSameAsCleanRun(SampleJob job, String runDate, long restartedExecution) throws IOException {
		assertSameAsCleanRun(job, runDate, restartedExecution, (clean) -> {
		});
	}

	private void assertSameAsCleanRun(SampleJob job, String runDate, long restartedExecution, Preparation preparation)
			throws IOException {
		// Same job, same database, another date: a separate instance computed in one go.
		String cleanDate = LocalDate.parse(runDate).plusYears(50).toString();
		SampleJob clean = SampleJob.copyTo(WORK.resolve("clean-" + runDate));
		preparation.prepare(clean);
		RunOutcome cleanRun = run(clean, cleanDate);
		assertThat(cleanRun.result()).isIn(RunOutcome.Result.SUCCESS, RunOutcome.Result.COMPLETED_WITH_REJECTS);
		List<Path> expected = clean.stableCsvFiles(cleanDate);
		List<Path> actual = job.stableCsvFiles(runDate);
		for (int i = 0; i < expected.size(); i++) {
			// rejects name their file, in the folder each copy of the sample is in
			assertThat(Files.readString(actual.get(i)).replace(job.input("").toString(), "input"))
				.as(actual.get(i).getFileName().toString())
				.isEqualTo(Files.readString(expected.get(i)).replace(clean.input("").toString(), "input"));
		}
		// The rows of each file, counted over the failed and the restarted execution.
		assertThat(inputRows(job.report(runDate))).isEqualTo(inputRows(clean.report(cleanDate)));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM MIG_OBSERVATION o JOIN BATCH_JOB_EXECUTION e "
						+ "ON e.JOB_INSTANCE_ID = o.RUN_ID WHERE e.JOB_EXECUTION_ID = ?",
				Long.class, restartedExecution))
			.isEqualTo(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM MIG_OBSERVATION o JOIN BATCH_JOB_EXECUTION e "
							+ "ON e.JOB_INSTANCE_ID = o.RUN_ID WHERE e.JOB_EXECUTION_ID = ?",
					Long.class, cleanRun.executionId()));
	}

	private static void withAnUnknownCountry(SampleJob job) throws IOException {
		Path migration = job.input("wpp2024/migration.txt");
		String text = Files.readString(migration, StandardCharsets.UTF_8);
		Files.writeString(migration, text.replace("\n860\tUzbekistan\t", "\n860?\tUzbekistn\t"),
				StandardCharsets.UTF_8);
	}

	private static List<String> inputRows(Path report) throws IOException {
		return NightlyJobIT.csv(report.resolve("inputs.csv"), ',')
			.stream()
			.map((r) -> String.join(" ", r.get("Dataset"), r.get("Rows read"), r.get("Rows written"),
					r.get("Rows rejected"), r.get("Rows filtered"), r.get("Observations"), r.get("Values rejected")))
			.toList();
	}

	private RunOutcome run(SampleJob job, String runDate) {
		return this.runner.run(job.jobFile(), LocalDate.parse(runDate), false);
	}

	private long executions(SampleJob job, String runDate, String stepName) throws Exception {
		JobInstance instance = this.jobRepository.getJobInstance("nightly-migration",
				RunParameters.of(new JobSpecs().get(job.jobFile()), LocalDate.parse(runDate), 1));
		return this.jobRepository.getStepExecutionCount(instance, stepName);
	}

	private long runId(RunOutcome outcome) {
		return this.jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Long.class, outcome.executionId());
	}

	private long distinctRows(long executionId, String dataset, String table) {
		return this.jdbc.queryForObject("SELECT COUNT(DISTINCT o.SOURCE_ROW) FROM " + table + " o "
				+ "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = o.RUN_ID "
				+ "WHERE e.JOB_EXECUTION_ID = ? AND o.DATASET_ID = ?", Long.class, executionId, dataset);
	}

	private long countRows(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	private static String status(RunOutcome outcome, String step) {
		return step(outcome, step).status();
	}

	private static RunOutcome.StepLine step(RunOutcome outcome, String name) {
		return outcome.steps()
			.stream()
			.filter((s) -> s.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + name + " in " + outcome.steps()));
	}

	/** What a clean run's copy of the sample is given before it runs. */
	private interface Preparation {

		void prepare(SampleJob job) throws IOException;

	}

	private static byte[] withInvalidUtf8OnLine(byte[] text, int line) {
		int offset = 0;
		for (int seen = 1; seen < line; offset++) {
			if (text[offset] == '\n') {
				seen++;
			}
		}
		byte[] broken = text.clone();
		broken[offset] = (byte) 0xC3;
		broken[offset + 1] = (byte) 0x28;
		return broken;
	}

}
