package org.migrationstats.pipeline.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves RabbitMQ's auto-configuration out of a context that does not partition remotely
 * ({@code pipeline.partitioning} other than {@code remote}): its connection factory,
 * templates and listener infrastructure are used only to send and take partition
 * requests, and making them cost every run a few hundred classes before its first step.
 * Added to the exclusions already set ({@code spring.autoconfigure.exclude}).
 */
class RemoteOnlyConfiguration implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String EXCLUDE = "spring.autoconfigure.exclude";

	static final List<String> RABBIT = List.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
			"org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration",
			"org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if ("remote".equals(environment.getProperty("pipeline.partitioning", "local").strip())) {
			return;
		}
		List<String> exclude = new ArrayList<>();
		Arrays.stream(environment.getProperty(EXCLUDE, String[].class, new String[0]))
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.forEach(exclude::add);
		exclude.addAll(RABBIT);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("remoteOnlyConfiguration", Map.of(EXCLUDE, String.join(",", exclude))));
	}

}
