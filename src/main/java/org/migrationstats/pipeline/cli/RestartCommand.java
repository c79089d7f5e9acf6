package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.JobRunner;
import org.migrationstats.pipeline.batch.Operations;
import org.migrationstats.pipeline.batch.RunOutcome;
import org.migrationstats.pipeline.batch.RunParameters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restart <executionId>}: restarts a failed or stopped execution from its failed
 * step.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Restarts a failed or stopped execution from its failed step,",
				"with the job file and run date it was started with." })
class RestartCommand implements Callable<Integer> {

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
			Path jobFile = RunParameters.jobFile(execution.getJobParameters());
			RunOutcome outcome = context.getBean(JobRunner.class)
				.run(jobFile, execution.getJobParameters().getLocalDate(RunParameters.RUN_DATE), false);
			Summary.print(outcome, out);
			return outcome.result().exitCode();
		}
	}

}
