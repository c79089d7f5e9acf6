package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.Operations;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abandon <executionId>}: gives up on a failed or stopped execution.
 */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = { "Gives up on a failed or stopped execution: its date is not restarted any more,",
				"and only `run --rerun` runs it again." })
class AbandonCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId>", description = "an execution id, as `status` lists them")
	private long executionId;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			Operations.ExecutionLine line = context.getBean(Operations.class).abandon(this.executionId);
			out.printf("execution %d of %s for %s is now %s%n", line.id(), line.job(), line.runDate(), line.status());
			out.flush();
			return 0;
		}
		catch (IllegalArgumentException ex) {
			this.spec.commandLine().getErr().println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
	}

}
