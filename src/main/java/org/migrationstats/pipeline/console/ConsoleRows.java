package org.migrationstats.pipeline.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.stereotype.Component;

/**
 * What the console's pages show, row by row, and how they write times and durations
 * ({@code @consoleRows} in the templates).
 */
@Component("consoleRows")
public class ConsoleRows {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/**
	 * @param duration a duration, or {@code null}
	 * @return it in seconds, one decimal, or "-"
	 */
	public String seconds(Duration duration) {
		return (duration != null) ? String.format("%.1f s", duration.toMillis() / 1000.0) : "-";
	}

	/**
	 * @param time a time, or {@code null}
	 * @return it to the second, or "-"
	 */
	public String time(LocalDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	/**
	 * @param count a count
	 * @return it with thousands separators
	 */
	public String count(long count) {
		return String.format("%,d", count);
	}

	/**
	 * A job file as the jobs page lists it.
	 *
	 * @param name the job's name
	 * @param file its file
	 * @param schedule its cron
	 * @param zone its zone
	 * @param next its next firing
	 * @param last its latest execution, or {@code null}
	 */
	public record JobRow(String name, String file, String schedule, String zone, String next,
			ExecutionHistory.Execution last) {
	}

	/**
	 * An input file of a run with what it gave.
	 *
	 * @param input the file as the run recorded it
	 * @param counts what it gave, or {@code null} if no execution read it yet
	 */
	public record FileRow(ExecutionHistory.InputFile input, RunOutcome.FileLine counts) {
	}

	/**
	 * A hidden field of a confirmation form.
	 *
	 * @param name its name
	 * @param value its value
	 */
	public record Field(String name, String value) {
	}

}
