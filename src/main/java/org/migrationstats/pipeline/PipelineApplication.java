package org.migrationstats.pipeline;

import org.migrationstats.pipeline.cli.PipelineCommand;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The migration-statistics pipeline: nightly Spring Batch jobs declared by YAML files.
 */
@SpringBootApplication
public class PipelineApplication {

	public static void main(String[] args) {
		System.exit(PipelineCommand.execute(args));
	}

}
