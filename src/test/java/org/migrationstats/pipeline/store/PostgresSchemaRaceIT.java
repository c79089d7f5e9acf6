package org.migrationstats.pipeline.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes that start at once on a database that is still empty (two schedulers on
 * two machines, say) both find the schema missing: they bring it up to date in turn, the
 * second finding the work done, instead of racing Flyway to its history table. Played
 * here by threads with their own connections, released together, on a schema made afresh
 * each round. Runs where {@code PIPELINE_TEST_POSTGRES_URL} is set.
 */
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresSchemaRaceIT {

	private static final String SCHEMA = "schema_race_it";

	private static final int STARTS = 4;

	@Test
	void startsAtOnceOnAnEmptyDatabaseBringItUpToDateOnce() throws Exception {
		String url = System.getenv("PIPELINE_TEST_POSTGRES_URL");
		String user = System.getenv("PIPELINE_TEST_POSTGRES_USER");
		String password = System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD");
		String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		ExecutorService starts = Executors.newFixedThreadPool(STARTS);
		try {
			for (int round = 1; round <= 5; round++) {
				try (Connection connection = DriverManager.getConnection(url, user, password);
						Statement statement = connection.createStatement()) {
					statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
					statement.execute("CREATE SCHEMA " + SCHEMA);
				}
				CyclicBarrier together = new CyclicBarrier(STARTS);
				List<Future<SchemaMigrations.Outcome>> outcomes = new ArrayList<>();
				for (int i = 0; i < STARTS; i++) {
					outcomes.add(starts.submit(() -> {
						DriverManagerDataSource dataSource = new DriverManagerDataSource(schemaUrl, user, password);
						together.await();
						return SchemaMigrations.bringUpToDate(dataSource);
					}));
				}
				List<SchemaMigrations.Outcome> results = new ArrayList<>();
				for (Future<SchemaMigrations.Outcome> outcome : outcomes) {
					results.add(outcome.get(2, TimeUnit.MINUTES));
				}

				assertThat(results).as("round " + round).containsOnlyOnce(SchemaMigrations.Outcome.MIGRATED);
				try (Connection connection = DriverManager.getConnection(schemaUrl, user, password);
						Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery(
								"SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"type\" = 'SQL'")) {
					rows.next();
					assertThat(rows.getLong(1)).as("round " + round + ": each script applied once")
						.isEqualTo(SchemaMigrations.scripts().size());
				}
			}
		}
		finally {
			starts.shutdownNow();
		}
	}

}
