package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.faults.FaultInjection;
import org.migrationstats.pipeline.operate.ExecutionControl;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A block of a record-level dataset is a million rows here (the chunk size times
 * {@link PipelineBatchConfiguration#RECORD_BLOCKS}), so a stop does not wait for its end:
 * the partition asks every {@value IngestFileTasklet#STOP_CHECK_ROWS} rows whether the
 * run was told to stop, ends the block there and commits it; the restart reads on from
 * the next row, and the sums equal those computed here from the file. The stop comes
 * while the partition is held (by the test-only {@link FaultInjection}) right after its
 * first question, so the block ends at the second.
 */
@SpringBootTest(properties = { "pipeline.chunk-size=1000",
		"faults.after-sql=SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID",
		"faults.in-step=" + RecordBlockStopIT.STEP, "faults.after-count=1", "faults.action=pause" })
@Import(FaultInjection.class)
class RecordBlockStopIT {

	static final String STEP = "ingestFile:registrations#1";

	private static final JobFixture JOBS = new JobFixture("record-block-stop");

	private static final Path MARKER = JOBS.work().resolve("paused");

	private static final int ROWS = 250_000;

	private static final List<String> COUNTRIES = List.of("KAZ", "KGZ", "TJK", "UZB");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
		registry.add("faults.marker", MARKER::toString);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private ExecutionControl control;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aStopEndsTheBlockEarlyAndTheRestartReadsOnFromTheNextRow() throws Exception {
		Map<String, long[]> expected = new HashMap<>();
		Path records = JOBS.write("registrations.csv", records(expected));
		Path jobFile = JOBS.write("registrations.yml", """
				name: registrations
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: registrations
				    path: %s
				    layout: long
				    sum-records: true
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				""".formatted(JOBS.output(), records));

		CompletableFuture<RunOutcome> stopped = CompletableFuture
			.supplyAsync(() -> JobFixture.run(this.runner, jobFile, "2026-06-01"));
		awaitMarker(stopped);
		long execution = this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
		ExecutionControl.Answer answer = this.control.stop(execution);
		assertThat(answer.done()).as(answer.message()).isTrue();
		RunOutcome outcome = stopped.get(2, TimeUnit.MINUTES);

		assertThat(status(execution)).as(outcome.message()).isEqualTo("STOPPED");
		assertThat(partitions(execution)).as("the block ended at the second question, not at its millionth row")
			.containsExactly("STOPPED 200000");

		RunOutcome restarted = JobFixture.run(this.runner, jobFile, "2026-06-01");

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		long restart = this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
		assertThat(partitions(restart)).as("read on from the row after the block").containsExactly("COMPLETED 50000");
		Map<String, CSVRecord> figures = new HashMap<>();
		for (CSVRecord row : JOBS.csv("registrations", "2026-06-01", "country_year.csv")) {
			figures.put(row.get("Country code") + " " + row.get("Year"), row);
		}
		assertThat(figures.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((key, sums) -> {
			assertThat(Long.parseLong(figures.get(key).get("Immigrants"))).as(key).isEqualTo(sums[0]);
			assertThat(Long.parseLong(figures.get(key).get("Emigrants"))).as(key).isEqualTo(sums[1]);
		});
	}

	private static String records(Map<String, long[]> expected) {
		StringBuilder csv = new StringBuilder("Office,ISO3,Year,Arrivals,Departures\n");
		Random random = new Random(20260601);
		for (int i = 0; i < ROWS; i++) {
			String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
			int year = 2000 + random.nextInt(5);
			int arrivals = random.nextInt(500);
			int departures = random.nextInt(500);
			csv.append("office-").append(i % 101).append(',').append(country).append(',').append(year).append(',');
			csv.append(arrivals).append(',').append(departures).append('\n');
			long[] sums = expected.computeIfAbsent(country + " " + year, (k) -> new long[2]);
			sums[0] += arrivals;
			sums[1] += departures;
		}
		return csv.toString();
	}

	private static void awaitMarker(CompletableFuture<RunOutcome> run) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!Files.exists(MARKER)) {
			assertThat(run).as("the run ended before it was held").isNotDone();
			assertThat(System.nanoTime()).as("held within two minutes").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private String status(long execution) {
		return this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, execution);
	}

	private List<String> partitions(long execution) {
		return this.jdbc
			.queryForList("SELECT STATUS || ' ' || CAST(READ_COUNT AS VARCHAR(20)) FROM BATCH_STEP_EXECUTION "
					+ "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", String.class, execution, STEP);
	}

}
