package org.migrationstats.pipeline.store;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationsTests {

	private static DataSource database(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		return dataSource;
	}

	@Test
	void aNewDatabaseIsMigratedOnceAndThenLeftAloneWithoutFlyway() {
		DataSource database = database("schema-new");

		assertThat(SchemaMigrations.bringUpToDate(database)).isEqualTo(SchemaMigrations.Outcome.MIGRATED);
		JdbcTemplate jdbc = new JdbcTemplate(database);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION", Integer.class)).isZero();
		assertThat(SchemaMigrations.applied(database)).containsAll(SchemaMigrations.scripts()).contains(1);

		assertThat(SchemaMigrations.bringUpToDate(database)).isEqualTo(SchemaMigrations.Outcome.CURRENT);
	}

	@Test
	void aDatabaseMadeBeforeFlywayIsTakenAsVersionZeroAndBroughtUpToDate() {
		DataSource database = database("schema-before-flyway");
		JdbcTemplate jdbc = new JdbcTemplate(database);
		jdbc.execute("CREATE TABLE MIG_OBSERVATION (RUN_ID BIGINT NOT NULL, DATASET_ID VARCHAR(100) NOT NULL, "
				+ "FILE_NAME VARCHAR(1000) NOT NULL, SOURCE_ROW BIGINT NOT NULL, COUNTRY VARCHAR(3) NOT NULL, "
				+ "YR INT NOT NULL, MEASURE VARCHAR(20) NOT NULL, VAL BIGINT NOT NULL)");
		jdbc.update("INSERT INTO MIG_OBSERVATION VALUES (1, 'd', 'f', 2, 'KAZ', 2000, 'IMMIGRANTS', 5)");

		assertThat(SchemaMigrations.applied(database)).isEmpty();
		assertThat(SchemaMigrations.bringUpToDate(database)).isEqualTo(SchemaMigrations.Outcome.MIGRATED);

		assertThat(jdbc.queryForObject("SELECT VAL FROM MIG_OBSERVATION", Long.class)).as("the rows kept").isEqualTo(5);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM MIG_RUN_INPUT", Integer.class)).isZero();
		assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL "
				+ "ORDER BY \"installed_rank\"", String.class))
			.startsWith("0", "1");
		assertThat(SchemaMigrations.bringUpToDate(database)).isEqualTo(SchemaMigrations.Outcome.CURRENT);
	}

	@Test
	void aVersionMissingFromTheHistoryBringsFlywayBack() {
		DataSource database = database("schema-missing-version");
		SchemaMigrations.bringUpToDate(database);
		// the newest version, as a database made by the previous release lacks it
		int newest = SchemaMigrations.scripts().stream().mapToInt(Integer::intValue).max().orElseThrow();
		new JdbcTemplate(database).update("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = ?",
				Integer.toString(newest));

		assertThat(SchemaMigrations.applied(database)).doesNotContain(newest);
		assertThat(SchemaMigrations.bringUpToDate(database)).isEqualTo(SchemaMigrations.Outcome.MIGRATED);
		assertThat(SchemaMigrations.applied(database)).contains(newest);
	}

}
