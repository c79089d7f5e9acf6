package org.migrationstats.pipeline.ingest;

/**
 * A cell whose text is not a usable value; the message says why, in words for the
 * analyst.
 */
public class ValueException extends Exception {

	public ValueException(String message) {
		super(message);
	}

}
