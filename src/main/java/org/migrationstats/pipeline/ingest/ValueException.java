package org.migrationstats.pipeline.ingest;

/**
 * A cell whose text is not a usable value; the message says why, in words for the
 * analyst. Caught where the cell is mapped and written as its rejection, never logged: it
 * fills in no stack trace (see {@link RowRejectedException}).
 */
public class ValueException extends Exception {

	public ValueException(String message) {
		super(message, null, false, false);
	}

}
