package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code show <executionId>}: one execution in full: steps, failure messages, input files
 * and the report.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
		description = "Shows one execution: its steps and their counts, failure messages, the input files "
				+ "(size, SHA-256, rows read) and where the report is.")
class ShowCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "<executionId>", converter = Arguments.ExecutionId.class,
			description = "the execution, as 'status' lists it")
	private long executionId;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			Optional<ExecutionHistory.Details> found = context.getBean(ExecutionHistory.class).find(this.executionId);
			if (found.isEmpty()) {
				err.println("error: there is no job execution " + this.executionId
						+ "; 'pipeline status' lists the recent ones");
				return PipelineCommand.USAGE;
			}
			print(found.get(), out);
			out.flush();
			return 0;
		}
	}

	static void print(ExecutionHistory.Details details, PrintWriter out) {
		ExecutionHistory.Execution e = details.execution();
		out.printf("execution   %d (run %d)%n", e.id(), details.runId());
		out.printf("job         %s, from %s%n", e.job(), details.jobFile());
		out.printf("run date    %s, attempt %d%n", e.runDate(), e.attempt());
		out.printf("status      %s%s%n", e.status(),
				details.result()
					.map((result) -> ", exit code " + result.exitCode() + " (" + Tables.result(result) + ")")
					.orElse(", running"));
		out.printf("started     %s%n", Tables.time(e.start()));
		out.printf("ended       %s (%s)%n", Tables.time(e.end()), Tables.duration(e.duration()));
		if (!details.exitMessage().isEmpty()) {
			out.printf("message     %s%n", details.exitMessage());
		}
		out.printf("report      %s%n", (details.report() != null) ? details.report() : "-");
		out.println();
		if (!e.steps().isEmpty()) {
			Tables.steps(e.steps(), "", out);
			for (RunOutcome.StepLine step : e.steps()) {
				if (!step.failure().isEmpty()) {
					out.printf("%s failed: %s%n", step.name(), step.failure());
				}
			}
			out.println();
		}
		if (!details.workers().isEmpty()) {
			out.printf("%-40s %s%n", "partition", "worker (host pid)");
			details.workers().forEach((step, worker) -> out.printf("%-40s %s%n", step, worker));
			out.println();
		}
		if (details.inputs().isEmpty()) {
			out.println("inputs      none: the execution ended before its inputs were checked and recorded");
		}
		else {
			out.printf("%-20s %-48s %12s  %-16s %10s %9s %14s  %s%n", "dataset", "file", "bytes", "sha-256",
					"rows read", "rejected", "rejected whole", "status");
			for (ExecutionHistory.InputFile input : details.inputs()) {
				RunOutcome.FileLine counts = details.countsRead(input).orElse(null);
				boolean read = counts != null;
				out.printf("%-20s %-48s %,12d  %-16s %10s %9s %14s  %s%n", input.datasetId(), input.fileName(),
						input.size(), input.sha256().substring(0, 16),
						read ? String.format("%,d", counts.rowsRead()) : "-",
						read ? String.format("%,d", counts.rowsRejected()) : "-",
						read ? String.format("%,d", counts.rowsRejectedWhole()) : "-",
						read ? counts.status() : "not read by this or an earlier execution");
				if (read && !counts.valuesNotGiven().isEmpty()) {
					out.printf("%-20s values not given: %s%n", "", counts.valuesNotGiven());
				}
				if (read) {
					for (String year : counts.yearsNotSummed()) {
						out.printf("%-20s year not summed: %s%n", "", year);
					}
				}
			}
		}
	}

}
