package org.migrationstats.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-of-run summary on a file with six bad rows, four rejected whole and two with
 * one bad value each: the step table and the file table give the same count under the
 * same words.
 */
@SpringBootTest
class RunSummaryIT {

	private static final Path WORK = scratch();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + WORK.resolve("db/pipeline").toAbsolutePath());
	}

	@Autowired
	private JobRunner runner;

	@Test
	void stepsAndFilesCountRejectedRowsAlike() throws IOException {
		Path data = WORK.resolve("flows.csv");
		Files.writeString(data,
				String.join("\n", "ISO3,Year,Immigrants,Emigrants", "KAZ,1994,30000,550000", "KGZ,1994,12000,x",
						"XYZ,1994,1,2", "TJK,19x4,1,2", "UZB,1994,3", "ATL,1994,1,2", "TKM,1994,?,4000",
						"RUS,1994,1146000,337000", ""),
				StandardCharsets.UTF_8);
		Path job = WORK.resolve("flows.yml");
		Files.writeString(job, """
				name: flows
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: flows
				    path: %s
				    layout: long
				    columns: { country: ISO3, year: Year, immigrants: Immigrants, emigrants: Emigrants }
				limits: { max-reject-ratio: 1 }
				""".formatted(WORK.resolve("output"), data), StandardCharsets.UTF_8);

		RunOutcome outcome = this.runner.run(job, LocalDate.parse("2002-12-31"), false);
		StringWriter out = new StringWriter();
		Summary.print(outcome, new PrintWriter(out), new PrintWriter(new StringWriter()));

		assertThat(outcome.result()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		List<String> lines = out.toString().lines().toList();
		assertThat(lines).filteredOn((l) -> l.startsWith("step "))
			.singleElement()
			.asString()
			.contains("rejected whole");
		assertThat(lines).filteredOn((l) -> l.startsWith("ingestFile:flows#1 "))
			.singleElement()
			.asString()
			.matches("ingestFile:flows#1 +COMPLETED +8 +4 +0 +4 +[0-9.]+");
		assertThat(lines).filteredOn((l) -> l.startsWith("file "))
			.singleElement()
			.asString()
			.matches("file +rows read +rejected +rejected whole +aggregates +filtered +status");
		assertThat(lines).filteredOn((l) -> l.startsWith(data.toString()))
			.singleElement()
			.asString()
			.matches(".*flows.csv +8 +6 +4 +0 +0 +COMPLETED");
		assertThat(lines).anyMatch((l) -> l.startsWith("rejected: rows with a value rejected or rejected whole"));
	}

	private static Path scratch() {
		try {
			return Files.createTempDirectory("run-summary");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
