package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.SpecException;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code status [<job>] [--limit N]}: the recent executions, newest first, with their
 * steps' counts.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Lists recent executions, newest first: id, job, run date, attempt, status, start, end, "
				+ "duration, and per step the rows read, written, filtered and rejected whole." })
class StatusCommand implements Callable<Integer> {

	@Parameters(index = "0", arity = "0..1", paramLabel = "<job>",
			description = "a job name or job file (default: every job)")
	private String job;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "10",
			description = "how many executions to list (default: ${DEFAULT-VALUE})")
	private int limit;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (this.limit < 1) {
			err.println("error: --limit must be at least 1");
			return PipelineCommand.USAGE;
		}
		String jobName;
		try {
			jobName = jobName(this.job);
		}
		catch (SpecException ex) {
			err.println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			List<ExecutionHistory.Execution> executions = context.getBean(ExecutionHistory.class)
				.recent(jobName, this.limit);
			if (executions.isEmpty()) {
				out.println((jobName != null) ? "no executions of " + jobName : "no executions yet");
			}
			else {
				Tables.executions(executions, true, out);
			}
			out.flush();
			return 0;
		}
	}

	/**
	 * @param job a job name or a job file, or {@code null}
	 * @return the job's name, or {@code null}
	 */
	static String jobName(String job) {
		if (job == null) {
			return null;
		}
		if (job.endsWith(".yml") || job.endsWith(".yaml") || Files.isRegularFile(Path.of(job))) {
			return JobSpecReader.read(Path.of(job)).name();
		}
		return job;
	}

}
