package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.spec.SpecException;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restart <executionId | job --date D>}: goes on with a failed or stopped
 * execution from the step where it stopped.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = {
				"Restarts a failed or stopped execution from the step that did not finish; completed steps "
						+ "and completed files are not run again.",
				"Refused if an input file changed after it was ingested; a file that failed half-way may be mended "
						+ "(the rows already taken are checked). 'run --rerun' starts the date over." })
class RestartCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId | job>",
			description = "an execution id, or a job file with --date")
	private String target;

	@Option(names = "--date", paramLabel = "YYYY-MM-DD",
			description = "with a job file: the run date (default: today in the job's time zone)")
	private LocalDate date;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Long executionId = executionId(this.target);
		if (executionId != null && this.date != null) {
			err.println("error: --date goes with a job file, not with an execution id");
			return PipelineCommand.USAGE;
		}
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			JobRunner runner = context.getBean(JobRunner.class);
			RunOutcome outcome = (executionId != null) ? runner.restart(executionId)
					: runner.restart(Path.of(this.target), this.date);
			Summary.print(outcome, out, err);
			return outcome.result().exitCode();
		}
		catch (SpecException ex) {
			err.println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
	}

	private static Long executionId(String target) {
		try {
			return Long.parseLong(target);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
