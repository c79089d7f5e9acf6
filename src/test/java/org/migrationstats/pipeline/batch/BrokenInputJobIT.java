package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
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

/**
 * A broken file in a night of good ones: the job file decides whether it fails the night
 * (its own partition fails, the others are ingested) or is left out and listed with its
 * reason; and a dataset's own reject limit fails the night with a message.
 */
@SpringBootTest
class BrokenInputJobIT {

	private static final Path WORK = ScratchFolders.create("broken-input");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Test
	void aFileTheJobFileSaysToSkipIsListedWithItsReasonAndTheNightGoesOn() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("skip"));
		Path page = job.input("undesa/undesa_pd_2020_ims_stock_sample.xlsx");
		Files.writeString(page,
				"<!DOCTYPE html>\n<html><body><table><tr><td>Migrant stock</td></tr></table>" + "</body></html>\n",
				StandardCharsets.UTF_8);
		onError(job, "skip");

		RunOutcome outcome = run(job, "2026-03-01");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		List<CSVRecord> rejects = NightlyJobIT.csv(job.report("2026-03-01").resolve("rejects.csv"), ',');
		assertThat(rejects).singleElement().satisfies((r) -> {
			assertThat(r.get("Dataset")).isEqualTo("undesa-migrant-stock");
			assertThat(r.get("File")).endsWith("undesa_pd_2020_ims_stock_sample.xlsx");
			assertThat(r.get("Reason")).startsWith("the file was left out (on-error: skip): ")
				.contains("undesa_pd_2020_ims_stock_sample.xlsx: an HTML page");
		});
		assertThat(outcome.files()).filteredOn((f) -> f.fileName().endsWith("population.csv"))
			.allSatisfy((f) -> assertThat(f.rowsRead()).isPositive());
		assertThat(NightlyJobIT.csv(job.report("2026-03-01").resolve("periods.csv"), ','))
			.filteredOn((r) -> r.get("Period").equals("since-independence") && r.get("Country code").equals("KAZ"))
			.singleElement()
			.satisfies((r) -> assertThat(r.toList()).contains("-3067947"));
	}

	@Test
	void aFileWithoutAMappedColumnIsLeftOutWhenTheJobFileSaysToSkip() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("skip-column"));
		job.setJobFileText("      year: Year\n", "      year: Annee\n");
		job.setJobFileText("    measure: population\n", "    measure: population\n    on-error: skip\n");

		RunOutcome outcome = run(job, "2026-03-04");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(NightlyJobIT.csv(job.report("2026-03-04").resolve("rejects.csv"), ',')).hasSize(2)
			.allSatisfy((r) -> assertThat(r.get("Reason")).startsWith("the file was left out (on-error: skip): ")
				.contains(": no year column: expected one of [Annee]"));
	}

	@Test
	void aBrokenWorkbookFailsItsOwnPartitionNamingTheFileAndTheOthersAreIngested() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("fail"));
		Path truncated = job.input("undesa/undesa_pd_2020_ims_stock_sample.xlsx");
		byte[] whole = Files.readAllBytes(truncated);
		Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));

		RunOutcome outcome = run(job, "2026-03-02");

		assertThat(outcome.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(outcome.message()).contains("undesa_pd_2020_ims_stock_sample.xlsx");
		assertThat(outcome.files()).filteredOn((f) -> f.fileName().endsWith("stock_sample.xlsx"))
			.singleElement()
			.satisfies((f) -> assertThat(f.failure()).startsWith(truncated.toString())
				.contains("not a readable workbook")
				.doesNotContain("\tat "));
		assertThat(outcome.steps()).filteredOn((s) -> s.name().startsWith("ingestFile:w"))
			.hasSize(6)
			.allSatisfy((s) -> assertThat(s.status()).isEqualTo("COMPLETED"));

		Files.write(truncated, whole);
		RunOutcome restarted = run(job, "2026-03-02");
		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name)
			.as("only the failed partition is read again")
			.containsExactly("ingestDatasets", "ingestFile:undesa-migrant-stock#1", "computeFigures", "writeReports");
	}

	@Test
	void aDatasetsOwnRejectLimitFailsTheNightWithAMessage() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("limit"));
		Path migration = job.input("wpp2024/migration.txt");
		String text = Files.readString(migration, StandardCharsets.UTF_8);
		Files.writeString(migration, text.replace("\n860\tUzbekistan\t", "\n860?\tUzbekistn\t"),
				StandardCharsets.UTF_8);
		job.setJobFileText("    measure: net-migration\n", "    measure: net-migration\n    max-rejects: 0\n");

		RunOutcome outcome = run(job, "2026-03-03");

		assertThat(outcome.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(outcome.message()).contains("dataset wpp-net-migration: 1 rows rejected, more than max-rejects 0");
	}

	private static void onError(SampleJob job, String onError) throws IOException {
		job.setJobFileText("    measure: migrant-stock\n",
				"    measure: migrant-stock\n    on-error: " + onError + "\n");
	}

	private RunOutcome run(SampleJob job, String runDate) {
		return this.runner.run(job.jobFile(), LocalDate.parse(runDate), false);
	}

}
