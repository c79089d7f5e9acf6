package org.migrationstats.pipeline.spec;

/**
 * Thresholds that turn too much bad input into a failed step.
 *
 * @param maxRejectRatio the largest share of a file's rows that may be rejected
 * @param maxRejects the largest number of rows a dataset may have rejected, or -1 for no
 * limit
 */
public record Limits(double maxRejectRatio, long maxRejects) {

	public Limits {
		if (!(maxRejectRatio >= 0 && maxRejectRatio <= 1)) {
			throw new IllegalArgumentException("max-reject-ratio must be between 0 and 1, was " + maxRejectRatio);
		}
		if (maxRejects < -1) {
			throw new IllegalArgumentException("max-rejects must be 0 or more, was " + maxRejects);
		}
	}

	/**
	 * A ratio limit alone.
	 * @param maxRejectRatio the largest share of a file's rows that may be rejected
	 */
	public Limits(double maxRejectRatio) {
		this(maxRejectRatio, -1);
	}

}
