package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;

import org.springframework.batch.core.job.JobInterruptedException;

/**
 * Tells the failures an operator can act on from the message alone (bad input, a limit, a
 * full disk, a stop) from those that are bugs, and logs each accordingly: one line for
 * the first, the full stack trace for the second.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * @param failure a failure
	 * @return whether its message says all an operator needs: an exception of the
	 * pipeline's own, an I/O failure or a stop
	 */
	public static boolean isExpected(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof IOException || t instanceof JobInterruptedException) {
				return true;
			}
			if (t.getClass().getName().startsWith("org.migrationstats.") && !(t instanceof IllegalStateException)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Logs a failure at error level: its message if expected, else with its stack trace.
	 * @param log the logger
	 * @param what what failed
	 * @param failure the failure
	 */
	public static void log(Logger log, String what, Throwable failure) {
		if (isExpected(failure)) {
			log.error("{}: {}", what, describe(failure));
		}
		else {
			log.error("{}: {}", what, describe(failure), failure);
		}
	}

	/**
	 * @param failure a failure
	 * @return the message of its outermost exception of the pipeline's own, or
	 * {@code null} if it has none
	 */
	public static String ownMessage(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t.getClass().getName().startsWith("org.migrationstats.")) {
				return t.getMessage();
			}
		}
		return null;
	}

	/**
	 * The message an operator needs from a failure: that of the outermost exception of
	 * the pipeline's own (which names the file, row or limit), else that of the root
	 * cause.
	 * @param failure a step's or job's failure
	 * @return its message
	 */
	public static String describe(Throwable failure) {
		String own = ownMessage(failure);
		if (own != null) {
			return own;
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * The operator's message in an exit description read back from the job repository,
	 * where Spring Batch keeps a failure's stack trace: the message of the outermost
	 * exception of the pipeline's own, else the first line.
	 * @param description an exit description
	 * @return its message
	 */
	public static String messageOf(String description) {
		String own = null;
		for (String line : description.split("\n")) {
			String text = line.strip();
			if (text.startsWith("Caused by: ")) {
				text = text.substring("Caused by: ".length());
			}
			if (own == null && text.startsWith("org.migrationstats.") && text.contains(": ")) {
				own = text.substring(text.indexOf(": ") + 2);
			}
		}
		if (own != null) {
			return own;
		}
		int newline = description.indexOf('\n');
		return (newline >= 0) ? description.substring(0, newline) : description;
	}

	public static Duration duration(LocalDateTime start, LocalDateTime end) {
		return (start != null && end != null) ? Duration.between(start, end) : Duration.ZERO;
	}

}
