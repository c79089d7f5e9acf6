package org.migrationstats.pipeline.cli;

import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ExecutionControl;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abandon <executionId>}: marks a failed or stopped execution as never to be
 * restarted.
 */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = { "Marks a failed or stopped execution ABANDONED: it will not be restarted, and 'run' leaves "
				+ "its date alone unless given --rerun." })
class AbandonCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId>", converter = Arguments.ExecutionId.class,
			description = "the failed or stopped execution")
	private long executionId;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			return StopCommand.answer(context.getBean(ExecutionControl.class).abandon(this.executionId), this.spec);
		}
	}

}
