package org.migrationstats.pipeline.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with 300,000 rejected rows on PostgreSQL, in a JVM with a 96 MB heap: the report
 * step streams the rejects from the database a thousand rows at a time
 * ({@code spring.jdbc.template.fetch-size}), where PostgreSQL's driver would otherwise
 * hold the whole result in memory (with the fetch size at 0 this run ends with
 * {@code OutOfMemoryError} in its report step). Runs where
 * {@code PIPELINE_TEST_POSTGRES_URL} names a database, as {@link PostgresJobIT} does.
 */
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresManyRejectsIT {

	private static final int REJECTED = 300_000;

	private static final int OBSERVATIONS = 5;

	private static final String RUN_DATE = "2026-02-01";

	private final Path work = ScratchFolders.create("postgres-rejects");

	@Test
	void aReportOfHundredsOfThousandsOfRejectedRowsIsStreamedInASmallHeap() throws IOException {
		Path input = this.work.resolve("rejects.csv");
		try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
			out.write("ISO3,Year,Population\n");
			for (int i = 0; i < OBSERVATIONS; i++) {
				out.write("KAZ," + (2000 + i) + "," + (16_000_000 + i) + "\n");
			}
			// rows OBSERVATIONS + 2 onwards: a value that is not a number, rejected with
			// its
			// row
			for (int i = 0; i < REJECTED; i++) {
				out.write("KAZ," + (1800 + i % 400) + ",1O" + i + "\n");
			}
		}
		String name = "pg-rejects-" + UUID.randomUUID().toString().substring(0, 8);
		Path job = Files.writeString(this.work.resolve("rejects.yml"), """
				name: %s
				membership: %s
				output: %s
				datasets:
				  - id: mostly-rejected
				    path: %s
				    layout: long
				    measure: population
				    columns: { country: ISO3, year: Year, value: Population }
				limits: { max-reject-ratio: 1 }
				""".formatted(name, Path.of("input/membership/iom.csv").toAbsolutePath(), this.work.resolve("output"),
				input), StandardCharsets.UTF_8);
		ChildJvm jvm = new ChildJvm(this.work,
				Map.of("spring.datasource.url", System.getenv("PIPELINE_TEST_POSTGRES_URL"),
						"spring.datasource.username", System.getenv("PIPELINE_TEST_POSTGRES_USER"),
						"spring.datasource.password", System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD")),
				List.of("-Xmx96m"));

		ChildJvm.Child.Result run = jvm.run("run", job.toString(), "--date", RUN_DATE);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(run.output()).doesNotContain("OutOfMemoryError");
		Path report = this.work.resolve("output").resolve(name).resolve(RUN_DATE);
		long rows = 0;
		try (Reader reader = Files.newBufferedReader(report.resolve("rejects.csv"), StandardCharsets.UTF_8)) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)) {
				long line = OBSERVATIONS + 2 + rows;
				assertThat(row.get("Row")).isEqualTo(Long.toString(line));
				assertThat(row.get("Value as written")).isEqualTo("1O" + rows);
				assertThat(row.get("Reason")).isEqualTo("\"1O" + rows + "\" is not a number");
				rows++;
			}
		}
		assertThat(rows).as("every rejected row, once, in row order").isEqualTo(REJECTED);
		assertThat(NightlyJobIT.csv(report.resolve("inputs.csv"), ',')).singleElement()
			.extracting((r) -> r.get("Rows read") + " " + r.get("Rows written") + " " + r.get("Rows rejected") + " "
					+ r.get("Observations") + " " + r.get("Values rejected"))
			.as("a row whose value alone is rejected is written, without an observation")
			.isEqualTo((OBSERVATIONS + REJECTED) + " " + (OBSERVATIONS + REJECTED) + " " + REJECTED + " " + OBSERVATIONS
					+ " " + REJECTED);
		assertThat(NightlyJobIT.csv(report.resolve("country_year.csv"), ','))
			.extracting((r) -> r.get("Country code") + " " + r.get("Year") + " " + r.get("Population"))
			.containsExactly("KAZ 2000 16000000", "KAZ 2001 16000001", "KAZ 2002 16000002", "KAZ 2003 16000003",
					"KAZ 2004 16000004");
	}

}
