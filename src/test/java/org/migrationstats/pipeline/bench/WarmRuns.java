package org.migrationstats.pipeline.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a job file several times in one process, each time for the next run date, as the
 * scheduler does night after night: the first run pays for start-up and cold code, the
 * later ones do not. Prints the last run's steps in the summary's format and its wall
 * time, for {@code -Dbench.launch=warm}.
 */
public final class WarmRuns {

	private WarmRuns() {
	}

	/**
	 * @param args the job file and how many runs (at least 2)
	 */
	public static void main(String[] args) {
		Path job = Path.of(args[0]);
		int runs = Integer.parseInt(args[1]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PipelineApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run()) {
			JobRunner runner = context.getBean(JobRunner.class);
			for (int i = 0; i < runs; i++) {
				long start = System.nanoTime();
				RunOutcome outcome = runner.run(job, LocalDate.of(2000, 1, 1).plusDays(i), false);
				double seconds = (System.nanoTime() - start) / 1e9;
				System.out.printf(Locale.ROOT, "run %d of %d: %s in %.2f s%n", i + 1, runs, outcome.result(), seconds);
				if (i == runs - 1) {
					for (RunOutcome.StepLine step : outcome.steps()) {
						System.out.printf(Locale.ROOT, "%-32s %-10s %,10d %,10d %,9d %,8d %9.2f%n", step.name(),
								step.status(), step.read(), step.written(), step.filtered(), step.skipped(),
								step.duration().toMillis() / 1000.0);
					}
					System.out.printf(Locale.ROOT, "warm run wall %.3f%n", seconds);
				}
			}
		}
	}

}
