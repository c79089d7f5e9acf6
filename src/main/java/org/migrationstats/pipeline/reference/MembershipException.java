package org.migrationstats.pipeline.reference;

/**
 * A membership file that contradicts itself or names what is not known; says file and
 * row.
 */
public class MembershipException extends RuntimeException {

	public MembershipException(String file, long row, String message) {
		super(file + ((row > 0) ? ", row " + row : "") + ": " + message);
	}

}
