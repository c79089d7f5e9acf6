package org.migrationstats.pipeline.report;

/**
 * The report was written but not published, because its run was told to stop.
 */
public class ReportNotPublishedException extends RuntimeException {

	ReportNotPublishedException(String message) {
		super(message);
	}

}
