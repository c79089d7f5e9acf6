package org.migrationstats.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.SpecException;

import org.springframework.scheduling.support.CronExpression;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobs}: the job files, with their schedule and next run time.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
		description = "Lists the job files with their schedule and next scheduled time.")
class JobsCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	@Option(names = "--dir", defaultValue = "jobs", description = "the folder of job files (default ${DEFAULT-VALUE})")
	private Path dir;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		List<Path> files;
		try (Stream<Path> list = Files.list(this.dir)) {
			files = list.filter((p) -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
				.sorted()
				.toList();
		}
		int invalid = 0;
		out.printf("%-36s %-24s %-16s %s%n", "file", "job", "schedule", "next run");
		for (Path file : files) {
			try {
				JobSpec job = JobSpecReader.read(file);
				String next;
				try {
					ZonedDateTime at = CronExpression.parse(job.schedule()).next(ZonedDateTime.now(job.zone()));
					next = (at != null) ? TIME.format(at) : "never";
				}
				catch (IllegalArgumentException ex) {
					next = "invalid schedule: " + ex.getMessage();
					invalid++;
				}
				out.printf("%-36s %-24s %-16s %s%n", file, job.name(), job.schedule(), next);
			}
			catch (SpecException ex) {
				err.println("error: " + ex.getMessage());
				invalid++;
			}
		}
		out.flush();
		return (invalid > 0) ? PipelineCommand.USAGE : 0;
	}

}
