package org.migrationstats.pipeline.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.faults.FaultInjection;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.JobLock;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs, or two restarts, of the same job and date at once: exactly one proceeds. And
 * a disk that fills up while the report is written: the step fails, nothing is published,
 * the restart publishes the whole report. The full disk is a write to {@code /dev/full},
 * made by the test-only {@link FaultInjection} the first time the report step reads the
 * membership counts, when the rejects and aggregates files are still to be written.
 */
@SpringBootTest(properties = { "faults.after-sql=FROM MIG_MEMBERSHIP_COUNT WHERE RUN_ID", "faults.in-step=writeReports",
		"faults.action=disk-full" })
@Import(FaultInjection.class)
class ConcurrencyAndDiskFullIT {

	private static final Path WORK = ScratchFolders.create("concurrency");

	private static final String FULL_DISK_DATE = "2027-05-01";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
		registry.add("faults.disk-full.glob",
				() -> WORK.resolve("disk-full/output/nightly-migration")
					.resolve("." + FULL_DISK_DATE + ".tmp-*")
					.toString());
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JobLock lock;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aRunWhileAnotherExecutionOfTheJobHoldsItsLockDoesNothing() {
		SampleJob job = SampleJob.copyTo(WORK.resolve("held"));
		Optional<JobLock.Held> other = this.lock.tryAcquire("nightly-migration");
		assertThat(other).isPresent();
		try (JobLock.Held held = other.get()) {
			RunOutcome outcome = this.runner.run(job.jobFile(), LocalDate.parse("2027-01-01"), false);

			assertThat(outcome.result()).isEqualTo(RunOutcome.Result.BUSY);
			assertThat(outcome.result().exitCode()).isEqualTo(5);
			assertThat(outcome.message()).contains("another execution of nightly-migration is running")
				.contains("nothing was done for 2027-01-01");
			assertThat(executions("2027-01-01")).isZero();
		}
		assertThat(this.runner.run(job.jobFile(), LocalDate.parse("2027-01-01"), false).result())
			.isEqualTo(RunOutcome.Result.SUCCESS);
	}

	@Test
	void twoRunsOfTheSameDateAtOnceStartOneExecution() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("two-runs"));
		List<RunOutcome> outcomes = together(
				() -> this.runner.run(job.jobFile(), LocalDate.parse("2027-02-01"), false));

		assertThat(outcomes).extracting(RunOutcome::result)
			.containsOnlyOnce(RunOutcome.Result.SUCCESS)
			.containsAnyOf(RunOutcome.Result.BUSY, RunOutcome.Result.ALREADY_COMPLETE);
		assertThat(executions("2027-02-01")).isEqualTo(1);
	}

	@Test
	void twoRestartsOfTheSameExecutionAtOnceStartOneExecution() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("two-restarts"));
		job.setJobFileText("max-reject-ratio: 0.05", "max-reject-ratio: 0.0");
		Files.writeString(job.input("wpp2024/migration.txt"), Files.readString(job.input("wpp2024/migration.txt"))
			.replace("\n860\tUzbekistan\t", "\n860?\tUzbekistn\t"));
		RunOutcome failed = this.runner.run(job.jobFile(), LocalDate.parse("2027-03-01"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		job.setJobFileText("max-reject-ratio: 0.0", "max-reject-ratio: 0.5");

		List<RunOutcome> outcomes = together(() -> this.runner.restart(failed.executionId()));

		assertThat(outcomes).extracting(RunOutcome::result)
			.containsOnlyOnce(RunOutcome.Result.COMPLETED_WITH_REJECTS)
			.containsAnyOf(RunOutcome.Result.BUSY, RunOutcome.Result.INVALID);
		assertThat(executions("2027-03-01")).isEqualTo(2);
	}

	@Test
	void aFullDiskFailsTheReportStepPublishesNothingAndTheRestartPublishesTheWholeReport() throws Exception {
		SampleJob job = SampleJob.copyTo(WORK.resolve("disk-full"));

		RunOutcome failed = this.runner.run(job.jobFile(), LocalDate.parse(FULL_DISK_DATE), false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.steps()).filteredOn((s) -> s.name().equals("writeReports"))
			.extracting(RunOutcome.StepLine::status)
			.containsExactly("FAILED");
		assertThat(failed.message()).contains("No space left on device");
		assertThat(job.report(FULL_DISK_DATE)).doesNotExist();

		RunOutcome restarted = this.runner.run(job.jobFile(), LocalDate.parse(FULL_DISK_DATE), false);

		assertThat(restarted.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name).containsExactly("writeReports");
		for (Path csv : job.stableCsvFiles(FULL_DISK_DATE)) {
			assertThat(csv).isRegularFile().isNotEmptyFile();
		}
		assertThat(NightlyJobIT.csv(job.report(FULL_DISK_DATE).resolve("aggregates.csv"), ',')).isNotEmpty();
		try (Stream<Path> siblings = Files.list(job.report(FULL_DISK_DATE).getParent())) {
			assertThat(siblings.map((p) -> p.getFileName().toString())).containsExactly(FULL_DISK_DATE);
		}
	}

	private long executions(String date) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE "
				+ "PARAMETER_NAME = 'runDate' AND PARAMETER_VALUE = ?", Long.class, date);
	}

	private static List<RunOutcome> together(Callable<RunOutcome> action) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Callable<RunOutcome> waiting = () -> {
				start.await();
				return action.call();
			};
			Future<RunOutcome> first = threads.submit(waiting);
			Future<RunOutcome> second = threads.submit(waiting);
			start.countDown();
			return List.of(first.get(), second.get());
		}
		finally {
			threads.shutdown();
		}
	}

}
