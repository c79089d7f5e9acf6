package org.migrationstats.pipeline.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Brings the pipeline's tables up to date as soon as the data source exists, before any
 * other bean is given it ({@link SchemaMigrations}); in place of Boot's own Flyway
 * start-up, which is switched off ({@code spring.flyway.enabled=false}) because it loads
 * Flyway even when there is nothing to do.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchemaConfiguration.class);

	/** Spring Batch's job repository tables, as its schema scripts create them. */
	static final List<String> BATCH_TABLES = List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
			"BATCH_STEP_EXECUTION_CONTEXT");

	@Bean
	static BeanPostProcessor schemaMigrations() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource
						&& SchemaMigrations.bringUpToDate(dataSource) == SchemaMigrations.Outcome.MIGRATED) {
					log.info("The pipeline's tables were brought up to the newest schema version");
				}
				return bean;
			}

		};
	}

	/**
	 * Spring Batch's schema script, run only where its tables are missing. Boot runs it
	 * at every start (with continue-on-error,
	 * {@code spring.batch.jdbc.initialize-schema}); on a database that has them, each
	 * statement failed, and H2 wrote every failure to its trace file
	 * ({@code pipeline.trace.db}) at every run.
	 * @param dataSource the database
	 * @param properties Boot's Spring Batch JDBC settings
	 * @return the initializer
	 */
	@Bean
	BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
			BatchJdbcProperties properties) {
		return new BatchDataSourceScriptDatabaseInitializer(dataSource, properties) {

			@Override
			public boolean initializeDatabase() {
				return !batchTablesExist(dataSource) && super.initializeDatabase();
			}

		};
	}

	/**
	 * @param dataSource the database
	 * @return whether every one of Spring Batch's tables is there
	 */
	static boolean batchTablesExist(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			for (String table : BATCH_TABLES) {
				try (Statement statement = connection.createStatement()) {
					statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
				}
				catch (SQLException missing) {
					return false;
				}
			}
			return true;
		}
		catch (SQLException ex) {
			// the script's own run reports why the database cannot be reached
			return false;
		}
	}

}
