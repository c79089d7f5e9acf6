package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.cli.PipelineCommand;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a wide table leaves out is said: a year column outside 1800-2200 is listed once as
 * a reject of the header row, however many blocks the file is read in and across a
 * restart; and a table holding two rows of one country's measure (a UN flows table read
 * with one measure named and nothing to tell its rows apart) is refused by
 * {@code validate}, naming the columns the rows differ in, while a run keeps the first
 * row's values and rejects the others.
 */
@SpringBootTest(properties = "pipeline.chunk-size=2")
class WideTablesJobIT {

	private static final JobFixture JOBS = new JobFixture("wide-tables");

	/** A UN flows table, Criteria, Coverage and Type beside the years. */
	private static final String FLOWS = """
			International migration flows to and from selected countries

			Country,Code,Criteria,Coverage,Type,2015,2016,2017
			Kazakhstan,398,Residence,Both sexes,Immigrants,17130,16611,17524
			Kazakhstan,398,Residence,Both sexes,Emigrants,30047,33000,37735
			Kazakhstan,398,Residence,Both sexes,Net,-12917,-16389,-20211
			Kazakhstan,398,Citizenship,Male,Net,-6000,-8000,-10000
			""";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	private static Path job(String name, String file, String dataset) throws IOException {
		return JOBS.write(name + ".yml", """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: %s
				    path: %s
				%s
				limits: { max-reject-ratio: 1 }
				""".formatted(name, JOBS.output(), name, JOBS.work().resolve(file), dataset.stripTrailing()));
	}

	@Test
	void listsAYearColumnOutsideTheAcceptedYearsOnceAsARejectOfTheHeaderRow() throws IOException {
		JOBS.write("historical.csv", """
				Historical population (thousands)
				Country,1700,1820,1850,'2250'
				KAZ,,2000,2500,
				KGZ,,400,450,
				TJK,,500,520,
				TKM,,300,310,
				UZB,,2100,2300,
				""");
		Path job = job("historical", "historical.csv", """
				    layout: wide
				    measure: population
				    scale: thousands
				    columns: { country: Country }
				""");

		RunOutcome outcome = JobFixture.run(this.runner, job, "2026-06-01");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		Path report = JOBS.report("historical", "2026-06-01");
		List<CSVRecord> rejects = JobFixture.csv(report, "rejects.csv");
		assertThat(rejects)
			.extracting((r) -> r.get("Row"), (r) -> r.get("Column"), (r) -> r.get("Value as written"),
					(r) -> r.get("Reason"))
			.containsExactlyInAnyOrder(
					tuple("2", "1700", "1700", "year 1700 is outside 1800\u20132200: the column is left out"),
					tuple("2", "'2250'", "'2250'", "year 2250 is outside 1800\u20132200: the column is left out"));
		assertThat(outcome.files()).singleElement().satisfies((f) -> {
			assertThat(f.rowsRead()).isEqualTo(5);
			assertThat(f.rowsRejectedWhole()).isZero();
		});
		assertThat(JobFixture.csv(report, "country_year.csv")).filteredOn((r) -> r.get("Country code").equals("KAZ"))
			.extracting((r) -> r.get("Year"), (r) -> r.get("Population"))
			.containsExactly(tuple("1820", "2000000"), tuple("1850", "2500000"));
	}

	@Test
	void listsTheColumnsOnceAcrossARestart() throws IOException {
		// the third block (row 7) fails for a decimal comma; mended, the restart reads it
		Path file = JOBS.work().resolve("historical-restarted.csv");
		String table = """
				Historical population (thousands)
				Country,1700,1820,1850
				KAZ,,2000,2500
				KGZ,,400,450
				TJK,,500,520
				TKM,,300,310
				UZB,,2100,%s
				""";
		Files.writeString(file, table.formatted("\"2300,5\""), StandardCharsets.UTF_8);
		Path job = job("historical-restarted", "historical-restarted.csv", """
				    layout: wide
				    measure: population
				    scale: thousands
				    columns: { country: Country }
				""");
		LocalDate date = LocalDate.parse("2026-06-02");

		RunOutcome failed = this.runner.run(job, date, false);
		Files.writeString(file, table.formatted("2300"), StandardCharsets.UTF_8);
		RunOutcome restarted = this.runner.run(job, date, false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(JOBS.csv("historical-restarted", "2026-06-02", "rejects.csv"))
			.extracting((r) -> r.get("Row") + " " + r.get("Column"))
			.containsExactly("2 1700");
	}

	@Test
	void validateRefusesTwoRowsOfOneCountrysMeasureAndARunRejectsTheSecond() throws IOException {
		JOBS.write("flows.csv", FLOWS);
		Path job = job("flows-as-net", "flows.csv", """
				    layout: wide
				    measure: net-migration
				    columns: { country: [Code, Country] }
				""");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int validated = PipelineCommand.execute(new PrintWriter(out), new PrintWriter(err), "validate", job.toString());

		assertThat(validated).isEqualTo(2);
		assertThat(err.toString()).contains("error: dataset flows-as-net: " + JOBS.work().resolve("flows.csv")
				+ ", rows 4 and 5 both give Kazakhstan's net migration for 2015, 2016, 2017; they differ in columns "
				+ "\"Type\": add filters (the value of each column to keep) or a measure column ('series') to the "
				+ "dataset in the job file, so that one row is taken");

		RunOutcome outcome = JobFixture.run(this.runner, job, "2026-06-01");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		List<CSVRecord> rejects = JOBS.csv("flows-as-net", "2026-06-01", "rejects.csv");
		assertThat(rejects).extracting((r) -> r.get("Row")).containsOnly("5", "6", "7").hasSize(9);
		assertThat(rejects)
			.allSatisfy((r) -> assertThat(r.get("Reason")).startsWith("a second net_migration value for KAZ ")
				.endsWith("in this dataset; the first, at row 4, is kept"));
	}

	@Test
	void validateAcceptsTheSameTableWithFiltersAndAMeasureColumn() throws IOException {
		JOBS.write("flows.csv", FLOWS);
		Path job = job("flows-told-apart", "flows.csv", """
				    layout: wide
				    series: { Immigrants: immigrants, Emigrants: emigrants, Net: net-migration }
				    filters: { Criteria: Residence, Coverage: Both sexes }
				    columns: { country: [Code, Country], series: Type }
				""");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int validated = PipelineCommand.execute(new PrintWriter(out), new PrintWriter(err), "validate", job.toString());

		assertThat(validated).as(err.toString()).isZero();
		assertThat(out.toString()).contains("flows.csv: header on row 3, 4 data rows, the mapped columns present")
			.contains("note: dataset flows-told-apart: " + JOBS.work().resolve("flows.csv")
					+ ": 1 row filtered: 1 \"Male\" (filters keep Coverage: Both sexes)");
	}

}
