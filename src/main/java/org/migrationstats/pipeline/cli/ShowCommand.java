package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.Operations;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code show <executionId>}: one execution's parameters, steps and failure messages.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "Shows one execution: parameters, steps with their counts, failure messages.")
class ShowCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId>", description = "an execution id, as `status` lists them")
	private long executionId;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			JobExecution execution = context.getBean(Operations.class).execution(this.executionId);
			if (execution == null) {
				this.spec.commandLine().getErr().println("error: no execution " + this.executionId);
				return PipelineCommand.USAGE;
			}
			Operations.ExecutionLine line = Operations.line(execution);
			out.printf("execution %d of %s, run date %s, attempt %d: %s%n", line.id(), line.job(), line.runDate(),
					line.attempt(), line.status());
			execution.getJobParameters()
				.parameters()
				.forEach((p) -> out.printf("  %-16s %s%s%n", p.name(), p.value(),
						p.identifying() ? " (identifying)" : ""));
			out.printf("%n%-36s %-10s %10s %10s %9s %8s%n", "step", "status", "read", "written", "filtered", "skipped");
			for (StepExecution step : Operations.steps(execution)) {
				out.printf("%-36s %-10s %,10d %,10d %,9d %,8d%n", step.getStepName(), step.getStatus(),
						step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount());
				String exit = step.getExitStatus().getExitDescription();
				if (exit != null && !exit.isBlank()) {
					out.println("    " + exit.lines().findFirst().orElse(""));
				}
			}
			out.flush();
			return 0;
		}
	}

}
