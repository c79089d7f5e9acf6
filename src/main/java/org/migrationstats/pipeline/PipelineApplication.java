package org.migrationstats.pipeline;

import org.migrationstats.pipeline.cli.PipelineCommand;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The migration-statistics pipeline: nightly Spring Batch jobs declared by YAML files.
 * Its components are named in {@link PipelineComponents}, not found by a component scan.
 * The web console's ({@code org.migrationstats.pipeline.console}) are not among them:
 * only the commands that serve it ({@code serve}, {@code schedule --serve}) add its
 * configuration, so that a {@code run} starts no web server and loads none of its beans.
 * <p>
 * Transactions are explicit (a step's, a {@code TransactionTemplate}'s): no bean is made
 * transactional by annotation, so Boot's transaction and AOP auto-configurations, whose
 * proxy creator would look for {@code @Transactional} on every method of every bean at
 * every start, are left out: here rather than in {@code spring.autoconfigure.exclude},
 * which the console's start empties to put its web configurations back.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@Import(PipelineComponents.class)
public class PipelineApplication {

	public static void main(String[] args) {
		System.exit(PipelineCommand.execute(args));
	}

}
