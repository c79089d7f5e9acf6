package org.migrationstats.pipeline.batch;

/**
 * An input the job names that is missing or unreadable; the message names it.
 */
public class InputException extends RuntimeException {

	public InputException(String message) {
		super(message);
	}

}
