package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A file with a row longer than its dataset allows (here rows of 1 KiB, one of 20 KiB; 1
 * MiB by default, which a field of 200 MB or a quote left open passes): its partition
 * fails naming the row, the other files are ingested, and a restart after raising
 * {@code max-line-length} goes on, rejecting the row whose cell is longer than
 * {@code max-field-length}. With {@code on-error: skip} the rest of the file is listed as
 * left out and the night completes.
 */
@SpringBootTest
class RowLengthJobIT {

	private static final JobFixture JOBS = new JobFixture("row-length");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	private static Path files() throws IOException {
		JOBS.write("population.csv", """
				Country,Year,Value
				KAZ,2001,14858948
				KAZ,2002,14858335
				KAZ,2003,14909018
				""");
		return Files.writeString(
				JOBS.work().resolve("notes.csv"), "Country,Year,Value,Note\nKAZ,2001,-88000,\n"
						+ "KAZ,2002,-62000,\nKAZ,2003,-8000," + "n".repeat(20 * 1024) + "\nKAZ,2004,14000,\n",
				StandardCharsets.UTF_8);
	}

	private static Path job(String name, String limits) throws IOException {
		return JOBS.write(name + ".yml", """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: population
				    path: %s
				    layout: long
				    measure: population
				    columns: { country: Country, year: Year, value: Value }
				  - id: net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				%s
				limits: { max-reject-ratio: 1 }
				""".formatted(name, JOBS.output(), JOBS.work().resolve("population.csv"),
				JOBS.work().resolve("notes.csv"), limits.stripTrailing()));
	}

	private static List<String> netMigration(Path report) throws IOException {
		return JobFixture.csv(report, "country_year.csv")
			.stream()
			.filter((r) -> !r.get("Net migration").isEmpty())
			.map((r) -> r.get("Year") + " " + r.get("Net migration"))
			.toList();
	}

	@Test
	void aRowLongerThanAllowedFailsItsFileOnlyAndARestartWithAHigherLimitGoesOn() throws IOException {
		Path notes = files();
		Path job = job("long-row", """
				    max-field-length: 512
				    max-line-length: 1 KiB
				""");
		LocalDate date = LocalDate.parse("2026-06-01");

		RunOutcome failed = this.runner.run(job, date, false);

		assertThat(failed.result()).as(failed.message()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.files())
			.extracting(RunOutcome.FileLine::datasetId, RunOutcome.FileLine::status, RunOutcome.FileLine::rowsRead)
			.containsExactly(tuple("population", "COMPLETED", 3L), tuple("net-migration", "FAILED", 0L));
		assertThat(failed.files().get(1).failure())
			.startsWith(notes + ", row 4: a row of more than 1,024 characters "
					+ "(max-line-length), read up to byte offset ")
			.endsWith(": the file is read no further; a quote left open makes the rest of a file one field, and a "
					+ "row this long needs a higher max-line-length in the job file");

		job("long-row", """
				    max-field-length: 512
				    max-line-length: 64 KiB
				""");
		RunOutcome restarted = this.runner.run(job, date, false);

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		Path report = JOBS.report("long-row", date.toString());
		List<CSVRecord> rejects = JobFixture.csv(report, "rejects.csv");
		assertThat(rejects).extracting((r) -> r.get("Row"), (r) -> r.get("Column"), (r) -> r.get("Reason"))
			.containsExactly(tuple("4", "Note",
					"a cell of 20,480 characters, more than max-field-length (512): the row is left out"));
		assertThat(netMigration(report)).containsExactly("2001 -88000", "2002 -62000", "2004 14000");
	}

	@Test
	void withOnErrorSkipTheRestOfTheFileIsListedAndTheNightCompletes() throws IOException {
		Path notes = files();
		Path job = job("long-row-skipped", """
				    on-error: skip
				    max-line-length: 1 KiB
				""");
		LocalDate date = LocalDate.parse("2026-06-02");

		RunOutcome outcome = this.runner.run(job, date, false);

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		Path report = JOBS.report("long-row-skipped", date.toString());
		List<CSVRecord> rejects = JobFixture.csv(report, "rejects.csv");
		assertThat(rejects).singleElement()
			.satisfies(
					(r) -> assertThat(r.get("Reason")).startsWith("the rest of the file was left out (on-error: skip): "
							+ notes + ", row 4: a row of more than 1,024 characters (max-line-length)"));
		assertThat(netMigration(report)).as("the rows read before it").containsExactly("2001 -88000", "2002 -62000");
	}

}
