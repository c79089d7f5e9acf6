package org.migrationstats.pipeline.batch;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What operating the jobs needs beside the steps themselves: every step logs its start,
 * progress and end, with the run in the logging context; jobs and steps are observed
 * (Micrometer timers {@code spring.batch.job}, {@code spring.batch.step} and the item and
 * chunk meters), kept in a registry that {@code run --metrics} prints and that a
 * Prometheus or other registry can replace.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

	@Bean
	static StepProgress stepProgress(Environment environment) {
		return new StepProgress(environment.getProperty("pipeline.progress.every-rows", Long.class, 100_000L),
				environment.getProperty("pipeline.progress.every", Duration.class, Duration.ofSeconds(10)));
	}

	@Bean
	static BeanPostProcessor stepProgressRegistrar(ObjectProvider<StepProgress> stepProgress) {
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings({ "rawtypes", "unchecked" })
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractStep step) {
					step.registerStepExecutionListener(stepProgress.getObject());
				}
				if (bean instanceof TaskletStep taskletStep) {
					taskletStep.registerChunkListener(stepProgress.getObject());
				}
				return bean;
			}

		};
	}

}
