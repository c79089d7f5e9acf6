package org.migrationstats.pipeline.store;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
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

}
