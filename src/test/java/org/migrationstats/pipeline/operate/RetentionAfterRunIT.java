package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.migrationstats.pipeline.batch.ScratchFolders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each run ends by pruning the stored rows of its job's finished runs older than
 * {@code pipeline.retention} (here a millisecond, so that the test needs no waiting): the
 * database holds what a restart or an inspection needs, not every night ever run, while
 * reports and history stay.
 */
@SpringBootTest(properties = "pipeline.retention=1ms")
class RetentionAfterRunIT {

	private static final Path WORK = ScratchFolders.create("retention");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aRunPrunesTheRowsOfTheFinishedRunsBeforeItAndKeepsTheirReportsAndHistory() throws IOException {
		Path file = Files.writeString(WORK.resolve("kaz.csv"), "Country,Year,Value\nKAZ,1990,-103336\nKAZ,1991,-5\n",
				StandardCharsets.UTF_8);
		Path job = Files.writeString(WORK.resolve("kept.yml"), """
				name: kept
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(WORK.resolve("output"), file), StandardCharsets.UTF_8);

		RunOutcome first = this.runner.run(job, LocalDate.parse("2026-12-01"), false);
		long firstRun = runId(first.executionId());
		RunOutcome second = this.runner.run(job, LocalDate.parse("2026-12-02"), false);

		assertThat(first.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(second.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(observations(firstRun)).as("the first run's rows, pruned after the second").isZero();
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, first.executionId()))
			.isEqualTo("COMPLETED");
		assertThat(WORK.resolve("output/kept/2026-12-01/periods.csv")).isRegularFile();
		assertThat(this.runner.run(job, LocalDate.parse("2026-12-01"), false).result())
			.as("a pruned date is still complete: it does not run again unasked")
			.isEqualTo(RunOutcome.Result.ALREADY_COMPLETE);
	}

	private long runId(long executionId) {
		return this.jdbc.queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				Long.class, executionId);
	}

	private long observations(long runId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = ?", Long.class, runId);
	}

}
