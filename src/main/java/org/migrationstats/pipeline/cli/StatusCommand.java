package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.Operations;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code status [<job>] [--limit N]}: the recent executions, newest first.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Lists recent executions, newest first.")
class StatusCommand implements Callable<Integer> {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Parameters(index = "0", arity = "0..1", paramLabel = "<job>", description = "a job name, e.g. nightly-migration")
	private String job;

	@Option(names = "--limit", defaultValue = "20", description = "how many executions (default ${DEFAULT-VALUE})")
	private int limit;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			List<Operations.ExecutionLine> lines = context.getBean(Operations.class).recent(this.job, this.limit);
			out.printf("%6s  %-24s %-10s %3s  %-10s %-19s  %-19s %9s%n", "id", "job", "run date", "try", "status",
					"start", "end", "seconds");
			for (Operations.ExecutionLine line : lines) {
				out.printf("%6d  %-24s %-10s %3d  %-10s %-19s  %-19s %9s%n", line.id(), line.job(), line.runDate(),
						line.attempt(), line.status(), (line.start() != null) ? TIME.format(line.start()) : "",
						(line.end() != null) ? TIME.format(line.end()) : "",
						(line.duration() != null) ? String.format("%.1f", line.duration().toMillis() / 1000.0) : "");
			}
			if (lines.isEmpty()) {
				out.println("no executions" + ((this.job != null) ? " of " + this.job : ""));
			}
			out.flush();
			return 0;
		}
	}

}
