package org.migrationstats.pipeline.operate;

import org.migrationstats.pipeline.batch.Failures;
import org.slf4j.Logger;

/**
 * Logs the failure of an operator's command the way the jobs log theirs: one line for a
 * failure its message explains (bad input, a limit, a full disk, a stop), the stack trace
 * for one that is a bug.
 */
public final class FailureLogging {

	private FailureLogging() {
	}

	/**
	 * @param log the logger
	 * @param what what failed
	 * @param failure the failure
	 */
	public static void log(Logger log, String what, Throwable failure) {
		Failures.log(log, what, failure);
	}

}
