package org.migrationstats.pipeline.batch;

import java.time.Duration;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What operating the jobs needs beside the steps themselves: every step logs its start,
 * progress and end, with the run in the logging context.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	@Bean
	static BeanPostProcessor stepProgressRegistrar(Environment environment) {
		StepProgress progress = new StepProgress(
				environment.getProperty("pipeline.progress.every-rows", Long.class, 100_000L),
				environment.getProperty("pipeline.progress.every", Duration.class, Duration.ofSeconds(10)));
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings({ "rawtypes", "unchecked" })
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractStep step) {
					step.registerStepExecutionListener(progress);
				}
				if (bean instanceof ChunkOrientedStep chunkStep) {
					chunkStep.registerChunkListener(progress);
				}
				return bean;
			}

		};
	}

}
