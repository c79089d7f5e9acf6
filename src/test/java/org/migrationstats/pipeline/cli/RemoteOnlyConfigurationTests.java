package org.migrationstats.pipeline.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteOnlyConfigurationTests {

	private static MockEnvironment prepared(MockEnvironment environment) {
		new RemoteOnlyConfiguration().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
		return environment;
	}

	@Test
	void rabbitMqIsLeftOutBesideTheExclusionsAlreadySetWhenPartitioningIsLocal() {
		MockEnvironment environment = prepared(
				new MockEnvironment().withProperty("spring.autoconfigure.exclude", "a.B, c.D")
					.withProperty("pipeline.partitioning", "local"));

		List<String> exclude = List.of(environment.getProperty("spring.autoconfigure.exclude", String[].class));
		assertThat(exclude).startsWith("a.B", "c.D").containsAll(RemoteOnlyConfiguration.RABBIT).hasSize(5);
	}

	@Test
	void rabbitMqIsLeftOutWhenNothingElseIs() {
		MockEnvironment environment = prepared(new MockEnvironment());

		assertThat(environment.getProperty("spring.autoconfigure.exclude", String[].class))
			.containsExactlyElementsOf(RemoteOnlyConfiguration.RABBIT);
	}

	@Test
	void rabbitMqStaysWhenPartitioningIsRemote() {
		MockEnvironment environment = prepared(new MockEnvironment().withProperty("spring.autoconfigure.exclude", "a.B")
			.withProperty("pipeline.partitioning", "remote"));

		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isEqualTo("a.B");
	}

}
