package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.SpecException;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run <job> [--date D] [--rerun]}: runs a job for a night, restarts it if that
 * night failed, or says it is already done.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Runs a job for a run date.",
				"A date that failed is restarted from the failed step; a completed date is left alone unless "
						+ "--rerun is given." })
class RunCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<job>", description = "the job file, e.g. jobs/nightly-migration.yml")
	private Path jobFile;

	@Option(names = "--date", paramLabel = "YYYY-MM-DD",
			description = "the run date (default: today in the job's time zone)")
	private LocalDate date;

	@Option(names = "--rerun", description = "run a completed date again from scratch, as a new attempt")
	private boolean rerun;

	@Option(names = "--metrics",
			description = "after the summary, print the run's Micrometer meters (spring.batch.job, .step, .item...)")
	private boolean metrics;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try {
			JobSpecReader.read(this.jobFile);
		}
		catch (SpecException ex) {
			err.println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			RunOutcome outcome = context.getBean(JobRunner.class).run(this.jobFile, this.date, this.rerun);
			Summary.print(outcome, out, err);
			if (this.metrics) {
				Summary.printMeters(context.getBean(MeterRegistry.class), out);
			}
			return outcome.result().exitCode();
		}
	}

}
