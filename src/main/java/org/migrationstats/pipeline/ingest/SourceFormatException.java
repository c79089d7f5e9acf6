package org.migrationstats.pipeline.ingest;

/**
 * A source file that cannot be read at all (missing, undecodable, or without the columns
 * the job names); the message names the file.
 */
public class SourceFormatException extends RuntimeException {

	public SourceFormatException(String message) {
		super(message);
	}

	public SourceFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
