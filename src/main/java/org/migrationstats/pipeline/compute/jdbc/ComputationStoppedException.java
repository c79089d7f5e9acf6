package org.migrationstats.pipeline.compute.jdbc;

/**
 * The computation stopped between two of its parts because its run was told to stop.
 */
public class ComputationStoppedException extends RuntimeException {

	ComputationStoppedException(String message) {
		super(message);
	}

}
