package org.migrationstats.pipeline.batch;

/**
 * Too many rows of an input were rejected for the job's limit; the message names the
 * files.
 */
public class RejectLimitException extends RuntimeException {

	public RejectLimitException(String message) {
		super(message);
	}

}
