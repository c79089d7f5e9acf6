package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.Operations;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code recover}: marks executions left STARTED by a killed process as FAILED, so that
 * running the same command again restarts them.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
		description = { "Marks executions left STARTED by a process that died (kill -9, power loss) as FAILED,",
				"so that running them again restarts them. Run it only when no pipeline process is running." })
class RecoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			List<Operations.ExecutionLine> recovered = context.getBean(Operations.class).recover();
			for (Operations.ExecutionLine line : recovered) {
				out.printf("recovered execution %d of %s for %s: now %s; run it again to restart it%n", line.id(),
						line.job(), line.runDate(), line.status());
			}
			if (recovered.isEmpty()) {
				out.println("no execution was left running");
			}
			out.flush();
			return 0;
		}
	}

}
