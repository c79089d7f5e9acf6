package org.migrationstats.pipeline.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaConfigurationTests {

	@Test
	void springBatchsScriptRunsWhereItsTablesAreMissingAndNotAgain() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:batch-schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		database.setUser("sa");
		BatchJdbcProperties properties = new BatchJdbcProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		BatchDataSourceScriptDatabaseInitializer initializer = new SchemaConfiguration()
			.batchDataSourceInitializer(database, properties);

		assertThat(SchemaConfiguration.batchTablesExist(database)).isFalse();
		assertThat(initializer.initializeDatabase()).isTrue();
		assertThat(SchemaConfiguration.batchTablesExist(database)).isTrue();
		assertThat(new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION", Long.class))
			.isZero();

		assertThat(initializer.initializeDatabase()).isFalse();

		new JdbcTemplate(database).execute("DROP TABLE BATCH_STEP_EXECUTION_CONTEXT");
		assertThat(SchemaConfiguration.batchTablesExist(database)).isFalse();
	}

}
