package org.migrationstats.pipeline.ingest;

/**
 * A whole source row that cannot be used; carries the rejection to record.
 */
public class RowRejectedException extends RuntimeException {

	private final transient Rejection rejection;

	public RowRejectedException(Rejection rejection) {
		super(rejection.describe());
		this.rejection = rejection;
	}

	public Rejection getRejection() {
		return this.rejection;
	}

}
