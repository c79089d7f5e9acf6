package org.migrationstats.pipeline.batch;

import java.io.IOException;

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
			log.error("{}: {}", what, JobRunner.describe(failure));
		}
		else {
			log.error("{}: {}", what, JobRunner.describe(failure), failure);
		}
	}

}
