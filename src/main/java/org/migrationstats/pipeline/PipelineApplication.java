package org.migrationstats.pipeline;

import org.migrationstats.pipeline.cli.PipelineCommand;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The migration-statistics pipeline: nightly Spring Batch jobs declared by YAML files.
 * The web console ({@code org.migrationstats.pipeline.console}) is left out of the
 * component scan: only the commands that serve it ({@code serve},
 * {@code schedule --serve}) add its configuration, so that a {@code run} starts no web
 * server and loads none of its beans.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.migrationstats\\.pipeline\\.console\\..*") })
public class PipelineApplication {

	public static void main(String[] args) {
		System.exit(PipelineCommand.execute(args));
	}

}
