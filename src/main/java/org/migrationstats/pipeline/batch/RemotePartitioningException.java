package org.migrationstats.pipeline.batch;

/**
 * The ingest step's partitions could not be sent to the broker, or did not all end within
 * {@code pipeline.remote.timeout}: no worker took some of them, or some still ran.
 */
class RemotePartitioningException extends RuntimeException {

	RemotePartitioningException(String message, Throwable cause) {
		super(message, cause);
	}

}
