package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.RunOutcome;

/**
 * The tables the commands print: fixed columns, one line per row, easy to read and to
 * grep.
 */
final class Tables {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private Tables() {
	}

	static void executions(List<ExecutionHistory.Execution> executions, boolean withSteps, PrintWriter out) {
		out.printf("%9s  %-24s %-10s %7s  %-9s  %-19s  %-19s  %9s%n", "execution", "job", "run date", "attempt",
				"status", "start", "end", "duration");
		for (ExecutionHistory.Execution e : executions) {
			out.printf("%9d  %-24s %-10s %7d  %-9s  %-19s  %-19s  %9s%n", e.id(), e.job(), e.runDate(), e.attempt(),
					e.status(), time(e.start()), time(e.end()), duration(e.duration()));
			if (withSteps && !e.steps().isEmpty()) {
				steps(e.steps(), "           ", out);
			}
		}
	}

	static void steps(List<RunOutcome.StepLine> steps, String indent, PrintWriter out) {
		int width = Math.max(32, steps.stream().mapToInt((s) -> s.name().length()).max().orElse(0));
		out.printf("%s%-" + width + "s %-9s %10s %10s %9s %14s %9s%n", indent, "step", "status", "read", "written",
				"filtered", "rejected whole", "duration");
		for (RunOutcome.StepLine s : steps) {
			out.printf("%s%-" + width + "s %-9s %,10d %,10d %,9d %,14d %9s%n", indent, s.name(), s.status(), s.read(),
					s.written(), s.filtered(), s.skipped(), duration(s.duration()));
		}
	}

	/**
	 * @param result how an execution ended
	 * @return what its exit code means, as the help's list of exit codes says it
	 */
	static String result(RunOutcome.Result result) {
		return switch (result) {
			case SUCCESS -> "success";
			case FAILED -> "failed or stopped, restartable";
			case COMPLETED_WITH_REJECTS -> "completed, with rejected rows";
			case ALREADY_COMPLETE -> "already complete";
			case INVALID -> "usage error";
			case BUSY -> "busy";
			case INPUT_CHANGED -> "restart refused, an input file changed";
		};
	}

	static String time(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	static String duration(Duration duration) {
		if (duration == null) {
			return "-";
		}
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format("%.1f s", duration.toMillis() / 1000.0);
		}
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

}
