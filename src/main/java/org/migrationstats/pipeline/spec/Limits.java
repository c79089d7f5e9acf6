package org.migrationstats.pipeline.spec;

/**
 * Thresholds that turn too much bad input into a failed step.
 *
 * @param maxRejectRatio the largest share of a file's rows that may be rejected
 */
public record Limits(double maxRejectRatio) {

	public Limits {
		if (maxRejectRatio < 0 || maxRejectRatio > 1) {
			throw new IllegalArgumentException("max-reject-ratio must be between 0 and 1, was " + maxRejectRatio);
		}
	}

}
