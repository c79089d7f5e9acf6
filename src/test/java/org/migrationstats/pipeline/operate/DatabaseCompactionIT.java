package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.migrationstats.pipeline.batch.ScratchFolders;
import org.migrationstats.pipeline.reference.Country;
import org.migrationstats.pipeline.reference.CountryReference;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty nights of a job that stores about 37,000 observations a run, each pruning the
 * runs before it (retention of a millisecond, so that the test needs no waiting) and
 * compacting the H2 file when more than half of it is free: the file stays within a fixed
 * size, however many nights run, and the last night's rows are all there.
 */
@SpringBootTest(
		properties = { "pipeline.retention=1ms", "pipeline.backup.after-run=false", "pipeline.compact.min-size=4MB" })
class DatabaseCompactionIT {

	private static final Path WORK = ScratchFolders.create("compaction");

	private static final int NIGHTS = Integer.getInteger("nights", 50);

	/** Four times the minimum size: what the file may reach between two compactions. */
	private static final long LIMIT = 16L << 20;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void fiftyNightsWithRetentionLeaveTheFileWithinAFixedSize() throws IOException {
		List<String> countries = CountryReference.shipped()
			.countries()
			.stream()
			.filter((c) -> c.m49() > 0 && c.key().matches("[A-Z]{3}") && !c.region().isEmpty())
			.map(Country::key)
			.toList();
		StringBuilder csv = new StringBuilder("ISO3,Year,Arrivals,Departures\n");
		for (String country : countries) {
			for (int year = 1950; year < 2024; year++) {
				csv.append(country)
					.append(',')
					.append(year)
					.append(',')
					.append(year * 7 % 1000)
					.append(',')
					.append(year * 3 % 1000)
					.append('\n');
			}
		}
		Path file = Files.writeString(WORK.resolve("flows.csv"), csv, StandardCharsets.UTF_8);
		Path job = Files.writeString(WORK.resolve("nightly.yml"), """
				name: nightly
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: flows
				    path: %s
				    layout: long
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: all, from: 1950, to: 2023 }
				""".formatted(WORK.resolve("output"), file), StandardCharsets.UTF_8);
		Path database = WORK.resolve("db/pipeline.mv.db");
		long largest = 0;
		for (int night = 0; night < NIGHTS; night++) {
			RunOutcome last = this.runner.run(job, LocalDate.parse("2026-01-01").plusDays(night), false);
			assertThat(last.result()).as("night %d", night).isIn(RunOutcome.Result.SUCCESS);
			long size = Files.size(database);
			largest = Math.max(largest, size);
			System.out.printf("night %d: %d KB%n", night, size >> 10);
		}
		assertThat(largest).as("the largest the file was, in bytes").isLessThan(LIMIT);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'",
				Long.class))
			.as("the nights' history, kept through every compaction")
			.isEqualTo(NIGHTS);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_FILE_COUNT", Long.class))
			.as("the per-file counts of every night, kept by a prune and through every compaction")
			.isEqualTo(NIGHTS);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(DISTINCT RUN_ID) FROM MIG_OBSERVATION", Long.class))
			.as("nights whose observations are kept: every night's pruned by the next, the last one's by its own"
					+ " end when it finished a millisecond before the prune looked")
			.isLessThanOrEqualTo(1L);
		assertThat(WORK.resolve("output/nightly/2026-02-19/nightly-2026-02-19.xlsx")).isRegularFile();
	}

}
