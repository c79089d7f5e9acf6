package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.schedule.JobFiles;
import org.migrationstats.pipeline.schedule.NightlySchedule;
import org.migrationstats.pipeline.spec.JobSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobs}: the job files and when each runs next.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
		description = "Lists the job files with their schedule and next scheduled time.")
class JobsCommand implements Callable<Integer> {

	private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	@Option(names = "--dir", paramLabel = "<folder>", defaultValue = "jobs",
			description = "the folder of job files (default: ${DEFAULT-VALUE})")
	private Path folder;

	@Spec
	private CommandSpec spec;

	Clock clock = Clock.systemDefaultZone();

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		JobFiles.Scan scan = JobFiles.scan(this.folder);
		if (scan.jobs().isEmpty() && scan.errors().isEmpty()) {
			err.println("error: no job files (*.yml) in " + this.folder.toAbsolutePath());
			return PipelineCommand.USAGE;
		}
		Instant now = this.clock.instant();
		if (!scan.jobs().isEmpty()) {
			out.printf("%-40s %-24s %-16s %-16s %-8s %s%n", "file", "job", "schedule", "zone", "catch-up", "next run");
		}
		for (JobSpec job : scan.jobs()) {
			String next;
			try {
				next = NightlySchedule.of(job)
					.nextAfter(now)
					.map((time) -> NEXT.format(time) + " (run date " + time.toLocalDate() + ")")
					.orElse("never");
			}
			catch (IllegalArgumentException ex) {
				next = "invalid schedule: " + ex.getMessage();
			}
			out.printf("%-40s %-24s %-16s %-16s %-8s %s%n", job.source(), job.name(), job.schedule(), job.zone(),
					job.catchUp() ? "yes" : "no", next);
		}
		List<String> errors = scan.errors();
		errors.forEach((e) -> err.println("error: " + e));
		out.flush();
		err.flush();
		return errors.isEmpty() ? 0 : PipelineCommand.USAGE;
	}

}
