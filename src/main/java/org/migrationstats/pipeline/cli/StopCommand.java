package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ExecutionControl;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stop <executionId>}: asks a running execution to stop cleanly.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
		description = {
				"Asks a running execution to stop at the end of the chunk in progress; it ends STOPPED "
						+ "and can be restarted.",
				"With the embedded H2 database only the process running the job can open it: stop that process "
						+ "with SIGTERM (Ctrl-C) instead, which stops its executions the same way." })
class StopCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId>", converter = Arguments.ExecutionId.class,
			description = "the running execution")
	private long executionId;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			return answer(context.getBean(ExecutionControl.class).stop(this.executionId), this.spec);
		}
	}

	static int answer(ExecutionControl.Answer answer, CommandSpec spec) {
		if (answer.done()) {
			PrintWriter out = spec.commandLine().getOut();
			out.println(answer.message());
			out.flush();
			return 0;
		}
		PrintWriter err = spec.commandLine().getErr();
		err.println("error: " + answer.message());
		err.flush();
		return PipelineCommand.USAGE;
	}

}
