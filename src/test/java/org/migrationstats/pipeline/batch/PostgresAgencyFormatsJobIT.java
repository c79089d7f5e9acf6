package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;

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
 * The agencies' files of {@link AgencyFormatsJobIT} on PostgreSQL: the SQL that sums
 * quarters to years, lists the years it cannot sum, merges flags and counts the values
 * not given gives the same figures, flags and counts as on H2. Runs where
 * {@code PIPELINE_TEST_POSTGRES_URL} (with {@code PIPELINE_TEST_POSTGRES_USER} and
 * {@code PIPELINE_TEST_POSTGRES_PASSWORD}) names a database.
 */
@SpringBootTest
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresAgencyFormatsJobIT {

	private static final Path WORK = ScratchFolders.create("postgres-agency");

	private static final String RUN_DATE = "2026-06-01";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.postgres(registry);
	}

	@Autowired
	private JobRunner runner;

	@Test
	void givesTheSameFiguresFlagsAndCountsAsOnH2() throws IOException {
		// unique per test run, so that runs left in the database by earlier builds do not
		// make this one "already complete"
		String name = "pg-agency-" + UUID.randomUUID().toString().substring(0, 8);
		RunOutcome outcome = this.runner.run(AgencyFormatsJobIT.writeJob(WORK, name), LocalDate.parse(RUN_DATE), false);

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		Path report = WORK.resolve("output").resolve(name).resolve(RUN_DATE);
		assertThat(NightlyJobIT.csv(report.resolve("rejects.csv"), ',')).isEmpty();
		AgencyFormatsJobIT.assertFigures(report);
		AgencyFormatsJobIT.assertFlags(report);
		AgencyFormatsJobIT.assertValuesNotGiven(report);
		AgencyFormatsJobIT.assertRowsAndYearsLeftOut(report);
	}

}
