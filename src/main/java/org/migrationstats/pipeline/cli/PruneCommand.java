package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.operate.RunRetention;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code prune}: deletes the stored rows of runs that finished long ago.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
		description = {
				"Deletes from the database the observations, rejects and figures of runs that completed or "
						+ "were abandoned longer ago than --older-than; their reports under output/ and their "
						+ "history in 'status' and 'show' stay.",
				"Failed and stopped runs keep everything, whatever their age: a restart needs it." })
class PruneCommand implements Callable<Integer> {

	@Parameters(index = "0", arity = "0..1", paramLabel = "<job>", description = "only this job (its name)")
	private String job;

	@Option(names = "--older-than", paramLabel = "<age>", defaultValue = "30d",
			description = "how long ago a run must have ended: 30d, 12h or an ISO-8601 duration such as P30D "
					+ "(default: ${DEFAULT-VALUE})")
	private String olderThan;

	@Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
	private boolean dryRun;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		Duration age = age(this.olderThan, this.spec);
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = PipelineCommand.startContext()) {
			LocalDateTime cutoff = RunRetention.cutoff(age);
			List<RunRetention.Pruned> pruned = context.getBean(RunRetention.class).prune(this.job, cutoff, this.dryRun);
			if (pruned.isEmpty()) {
				out.println("nothing to prune: no completed or abandoned run with stored rows ended before "
						+ cutoff.withNano(0));
			}
			else {
				out.printf("%-24s %-10s %7s %9s %-10s %-19s %12s%n", "job", "run date", "attempt", "execution",
						"status", "ended", this.dryRun ? "rows to go" : "rows gone");
				long total = 0;
				for (RunRetention.Pruned p : pruned) {
					out.printf("%-24s %-10s %7d %9d %-10s %-19s %,12d%n", p.job(), p.runDate(), p.attempt(),
							p.executionId(), p.status(), p.ended().withNano(0), p.rows());
					total += p.rows();
				}
				out.printf("%s %,d rows of %d run(s)%n", this.dryRun ? "would delete" : "deleted", total,
						pruned.size());
			}
			out.flush();
			return 0;
		}
	}

	static Duration age(String text, CommandSpec spec) {
		String t = text.strip().toLowerCase(Locale.ROOT);
		try {
			if (t.matches("\\d{1,6}d")) {
				return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
			}
			if (t.matches("\\d{1,7}h")) {
				return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
			}
			if (t.startsWith("p")) {
				return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
			}
		}
		catch (java.time.format.DateTimeParseException ex) {
			// reported below
		}
		throw new CommandLine.ParameterException(spec.commandLine(),
				"--older-than must be an age such as 30d, 12h or P30D, found '" + text + "'");
	}

}
