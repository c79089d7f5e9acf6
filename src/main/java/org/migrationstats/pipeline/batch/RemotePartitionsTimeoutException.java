package org.migrationstats.pipeline.batch;

/**
 * The ingest step's partitions did not all end within {@code pipeline.remote.timeout}: no
 * worker took some of them, or some still ran.
 */
class RemotePartitionsTimeoutException extends RuntimeException {

	RemotePartitionsTimeoutException(String message) {
		super(message);
	}

}
