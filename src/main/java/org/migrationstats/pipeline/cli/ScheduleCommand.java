package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.console.ConsoleApplication;
import org.migrationstats.pipeline.operate.ExecutionControl;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.LateNights;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code schedule}: the foreground daemon that runs every job file on its cron.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
		description = {
				"Runs in the foreground and fires every job file of the folder on its cron ('schedule', "
						+ "in the job's 'zone'), re-reading the folder as files change.",
				"A firing runs the job for its local date; a date runs once. Missed firings (machine off) are run "
						+ "at start-up, the latest only, for jobs with 'catch-up: true'.",
				"SIGTERM or Ctrl-C stops running executions cleanly (STOPPED, restartable) before exiting." })
class ScheduleCommand implements Callable<Integer> {

	private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

	@Option(names = "--dir", paramLabel = "<folder>", defaultValue = "jobs",
			description = "the folder of job files (default: ${DEFAULT-VALUE})")
	private Path folder;

	@Option(names = "--reload", paramLabel = "<duration>", defaultValue = "PT30S",
			description = "how often the job files are re-read, ISO-8601 (default: ${DEFAULT-VALUE})")
	private Duration reload;

	@Option(names = "--serve",
			description = "serve the web console too, from this process (as 'serve' does; with the embedded H2 "
					+ "database this is how the console sees the scheduler's runs)")
	private boolean serve;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		ConfigurableApplicationContext started = this.serve
				? ServeCommand.start(new ConsoleApplication.Settings(this.folder), this.spec.commandLine().getErr())
				: PipelineCommand.startContext();
		if (started == null) {
			return PipelineCommand.USAGE;
		}
		try (ConfigurableApplicationContext context = started) {
			JobRunner runner = context.getBean(JobRunner.class);
			ExecutionControl.Recovery recovery = context.getBean(ExecutionControl.class).recover();
			if (!recovery.recovered().isEmpty()) {
				log.warn("Executions {} were left running by a process that died; marked FAILED", recovery.recovered());
			}
			Scheduler scheduler = new Scheduler(this.folder, Clock.systemUTC(), (job, date) -> {
				RunOutcome outcome = runner.run(job.source(), date, false);
				log.info("{} for {}: {} (exit code {})", job.name(), date, outcome.message(),
						outcome.result().exitCode());
			});
			LateNights late = context.getBean(LateNights.class);
			late.lateAfter()
				.ifPresent((after) -> scheduler.watchLate(after, (firing) -> late.check(firing.job(),
						firing.jobFile().toString(), firing.runDate(), firing.time())));
			Runnable stop = scheduler::stop;
			Termination.onTerminate(stop);
			try {
				out.println("scheduling the jobs of " + this.folder.toAbsolutePath()
						+ (this.serve ? "; the console is at " + ConsoleApplication.address(context) : "")
						+ "; Ctrl-C stops");
				out.flush();
				scheduler.runUntilStopped(this.reload);
			}
			finally {
				Termination.forget(stop);
			}
			return 0;
		}
	}

}
