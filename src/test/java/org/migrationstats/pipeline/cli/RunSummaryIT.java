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
import org.migrationstats.pipeline.operate.ExecutionHistory;
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

	@Autowired
	private ExecutionHistory history;

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

	/**
	 * A Eurostat bulk download with 12 values not available ({@code :}) and 3
	 * confidential ones ({@code : c}): the run summary, {@code show} and the report's
	 * Inputs sheet count both by reason, and none is a zero.
	 */
	@Test
	void countsTheValuesNotGivenByReasonInTheRunSummaryShowAndInputs() throws IOException {
		Path data = WORK.resolve("migr_imm1ctz.tsv");
		Files.writeString(data,
				String.join("\n", "unit,sex,geo\\TIME_PERIOD\t2015 \t2016 \t2017 \t2018 \t2019 ",
						"NR,T,AT\t1000 \t1100 p\t1200 \t1300 \t1400 ", "NR,T,DE\t: \t: \t: \t: \t: ",
						"NR,T,FR\t: \t: \t: \t: \t: ", "NR,T,IT\t: \t: c\t: c\t: \t: c", ""),
				StandardCharsets.UTF_8);
		Path quarters = WORK.resolve("quarters.csv");
		Files.writeString(quarters,
				String.join("\n", "DATAFLOW,REF_AREA,FREQ,TIME_PERIOD,OBS_VALUE", "ESTAT:MIGR_EMI(1.0),AT,Q,2019-Q1,10",
						"ESTAT:MIGR_EMI(1.0),AT,Q,2019-Q2,20", "ESTAT:MIGR_EMI(1.0),AT,Q,2019-Q3,30", ""),
				StandardCharsets.UTF_8);
		Path job = WORK.resolve("estat.yml");
		Files.writeString(job, """
				name: estat
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: estat
				    path: %s
				    format: eurostat-tsv
				    measure: immigrants
				  - id: quarters
				    path: %s
				    format: sdmx-csv
				    measure: emigrants
				    sum-to-year: true
				""".formatted(WORK.resolve("output"), data, quarters), StandardCharsets.UTF_8);

		RunOutcome outcome = this.runner.run(job, LocalDate.parse("2020-06-30"), false);
		StringWriter out = new StringWriter();
		Summary.print(outcome, new PrintWriter(out), new PrintWriter(new StringWriter()));

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(outcome.files()).first().satisfies((file) -> {
			assertThat(file.missingNotAvailable()).isEqualTo(12);
			assertThat(file.missingConfidential()).isEqualTo(3);
			assertThat(file.valuesNotGiven()).isEqualTo("12 missing (:), 3 confidential (: c)");
		});
		assertThat(outcome.files()).last().satisfies((file) -> {
			assertThat(file.valuesNotGiven()).isEmpty();
			assertThat(file.yearsNotSummed()).containsExactly("AUT 2019 emigrants: 3 of 4 quarters, missing 2019-Q4");
		});
		List<String> lines = out.toString().lines().toList();
		assertThat(lines).filteredOn((l) -> l.startsWith("file "))
			.singleElement()
			.asString()
			.matches("file +rows read +rejected +rejected whole +aggregates +filtered +values not given +status");
		assertThat(lines).filteredOn((l) -> l.startsWith(data.toString()))
			.singleElement()
			.asString()
			.matches(".*migr_imm1ctz.tsv +4 +0 +0 +0 +0 +12 missing \\(:\\), 3 confidential \\(: c\\) +COMPLETED");
		assertThat(lines).filteredOn((l) -> l.startsWith(quarters.toString()))
			.singleElement()
			.asString()
			.matches(".*quarters.csv +3 +0 +0 +0 +0 +COMPLETED");
		assertThat(lines).anyMatch((l) -> l.startsWith("values not given: value cells of an agency's file"));
		assertThat(lines).containsSubsequence(
				"years not summed, as a month or quarter is missing (listed in the report's Filtered rows sheet):",
				"  " + quarters + ": AUT 2019 emigrants: 3 of 4 quarters, missing 2019-Q4");

		StringWriter shown = new StringWriter();
		ShowCommand.print(this.history.find(outcome.executionId()).orElseThrow(), new PrintWriter(shown));
		assertThat(shown.toString().lines()).filteredOn((l) -> l.contains("values not given"))
			.singleElement()
			.asString()
			.isEqualTo(" ".repeat(20) + " values not given: 12 missing (:), 3 confidential (: c)");
		assertThat(shown.toString().lines()).filteredOn((l) -> l.contains("year not summed"))
			.singleElement()
			.asString()
			.isEqualTo(" ".repeat(20) + " year not summed: AUT 2019 emigrants: 3 of 4 quarters, missing 2019-Q4");

		Path inputs = Path.of(outcome.report()).resolve("inputs.csv");
		assertThat(Files.readAllLines(inputs, StandardCharsets.UTF_8)).hasSize(3).satisfies((rows) -> {
			List<String> heading = List.of(rows.get(0).split(","));
			List<String> row = List.of(rows.get(1).split(","));
			assertThat(row.get(heading.indexOf("Values not given: not available"))).isEqualTo("12");
			assertThat(row.get(heading.indexOf("Values not given: confidential"))).isEqualTo("3");
			assertThat(row.get(heading.indexOf("Observations"))).isEqualTo("5");
		});
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
