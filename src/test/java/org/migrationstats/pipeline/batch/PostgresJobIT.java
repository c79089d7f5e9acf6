package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped job on PostgreSQL, the production database: the same figures as on H2, and
 * a failed report step restarted. Runs where {@code PIPELINE_TEST_POSTGRES_URL} (with
 * {@code PIPELINE_TEST_POSTGRES_USER} and {@code PIPELINE_TEST_POSTGRES_PASSWORD}) names
 * a database; {@code .ci/run} starts one when PostgreSQL can be installed.
 */
@SpringBootTest
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresJobIT {

	private static final Path WORK = ScratchFolders.create("postgres");

	// Job names are unique per test run, so runs left in the database by earlier builds
	// do
	// not make this one "already complete".
	private static final String RUN_DATE = "2002-12-31";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.postgres(registry);
	}

	@Autowired
	private JobRunner runner;

	@Test
	void theSampleJobGivesTheKazakhstanFiguresAndRestartsAFailedReportStep() throws IOException {
		SampleJob job = SampleJob.copyTo(WORK.resolve("sample"));
		String name = "pg-" + UUID.randomUUID().toString().substring(0, 8);
		job.setJobFileText("name: nightly-migration", "name: " + name);
		Files.createDirectories(job.output());
		Path blocker = job.output().resolve(name);
		Files.writeString(blocker, "a file where the report folder should be");

		RunOutcome failed = this.runner.run(job.jobFile(), LocalDate.parse(RUN_DATE), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		Files.delete(blocker);
		RunOutcome restarted = this.runner.run(job.jobFile(), LocalDate.parse(RUN_DATE), false);

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name).containsExactly("writeReports");
		Path report = job.output().resolve(name).resolve(RUN_DATE);
		CSVRecord kazakhstan = NightlyJobIT.csv(report.resolve("periods.csv"), ',')
			.stream()
			.filter((r) -> r.get("Country code").equals("KAZ") && r.get("Period").equals("since-independence"))
			.findFirst()
			.orElseThrow();
		assertThat(kazakhstan.get("Cumulative net migration, persons, sum of calendar years first to last"))
			.isEqualTo("-3067947");
		assertThat(kazakhstan.get("Natural increase, persons, sum of calendar years first to last"))
			.isEqualTo("1547334");
		assertThat(kazakhstan.get("Population, persons, mid-year of first year")).isEqualTo("17278600");
		assertThat(kazakhstan.get("Population, persons, mid-year of last year")).isEqualTo("15656677");
		List<CSVRecord> revisions = NightlyJobIT.csv(report.resolve("sources.csv"), ',')
			.stream()
			.filter((r) -> r.get("Country code").equals("KAZ") && r.get("Year").equals("2002"))
			.toList();
		assertThat(revisions).singleElement().satisfies((r) -> assertThat(r.get("B minus A")).isEqualTo("-797729"));
	}

}
