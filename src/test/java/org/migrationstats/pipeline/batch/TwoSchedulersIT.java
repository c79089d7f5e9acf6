package org.migrationstats.pipeline.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers on two "machines" (two JVMs) sharing the PostgreSQL database, both with
 * the same job file firing every 20 seconds: the night runs once. The job lock
 * ({@code MIG_JOB_LOCK}) lets one firing run while the other is told the job is busy, and
 * the run date in the job instance's identity makes every later firing of that date find
 * it complete; no leader election is needed. Works in a schema of its own, made afresh.
 */
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class TwoSchedulersIT {

	private static final String SCHEMA = "two_schedulers_it";

	private final Path work = ScratchFolders.create("schedulers");

	@Test
	void twoSchedulersSharingTheDatabaseRunANightOnce() throws Exception {
		java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
		org.junit.jupiter.api.Assumptions.assumeTrue(
				now.isAfter(java.time.LocalTime.of(0, 5)) && now.isBefore(java.time.LocalTime.of(23, 50)),
				"the run date would change during the test");
		String url = System.getenv("PIPELINE_TEST_POSTGRES_URL");
		try (Connection connection = DriverManager.getConnection(url, user(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		SampleJob job = SampleJob.copyTo(this.work.resolve("sample"));
		job.setJobFileText("schedule: \"0 30 2 * * *\"", "schedule: \"*/20 * * * * *\"");
		Map<String, String> properties = Map.of("spring.datasource.url", schemaUrl, "spring.datasource.username",
				user(), "spring.datasource.password", password());
		List<ChildJvm.Child> schedulers = new ArrayList<>();
		try {
			for (String machine : List.of("machine-a", "machine-b")) {
				schedulers.add(new ChildJvm(this.work.resolve(machine), properties, List.of("-Xmx256m")).start(Map.of(),
						"schedule", "--dir", this.work.resolve("sample").toString()));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
			while (count(schemaUrl, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'") == 0) {
				assertThat(System.nanoTime()).as("a night completed within 4 minutes").isLessThan(deadline);
				for (ChildJvm.Child scheduler : schedulers) {
					assertThat(scheduler.process().isAlive()).as(scheduler.text()).isTrue();
				}
				Thread.sleep(500);
			}
			// both schedulers fire again, at least once, for the same date
			Thread.sleep(45_000);
		}
		finally {
			for (ChildJvm.Child scheduler : schedulers) {
				scheduler.terminate();
			}
		}
		assertThat(count(schemaUrl, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("one night").isEqualTo(1);
		assertThat(count(schemaUrl, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("run once").isEqualTo(1);
		assertThat(count(schemaUrl, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'prepareInputs'"))
			.isEqualTo(1);
	}

	private static long count(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user(), password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getLong(1) : 0;
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) {
				// the schema's tables are not made yet
				return 0;
			}
			throw ex;
		}
	}

	private static String user() {
		return System.getenv("PIPELINE_TEST_POSTGRES_USER");
	}

	private static String password() {
		return System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD");
	}

}
