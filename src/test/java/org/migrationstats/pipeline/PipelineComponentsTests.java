package org.migrationstats.pipeline;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The components the application names ({@link PipelineComponents}) are those a component
 * scan of its packages finds, less the web console's: a component added without being
 * named would be missing at run time, where only a test of the command that uses it would
 * notice.
 */
class PipelineComponentsTests {

	@Test
	void theNamedComponentsAreThoseAScanFinds() {
		// with remote partitioning on, whose configuration is there only then
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("remote", Map.of("pipeline.partitioning", "remote")));
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true,
				environment);
		Set<String> found = new TreeSet<>();
		for (BeanDefinition candidate : scan.findCandidateComponents("org.migrationstats.pipeline")) {
			String name = candidate.getBeanClassName();
			// test classes are on the class path too; the application's are in
			// target/classes
			if (!name.startsWith("org.migrationstats.pipeline.console.") && isMainClass(name)) {
				found.add(name);
			}
		}
		found.remove(PipelineApplication.class.getName());

		assertThat(new TreeSet<>(PipelineComponents.CLASSES)).isEqualTo(found).hasSizeGreaterThan(20);
	}

	private static boolean isMainClass(String name) {
		try {
			Class<?> type = Class.forName(name, false, PipelineComponentsTests.class.getClassLoader());
			String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
			return !location.contains("test-classes");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
