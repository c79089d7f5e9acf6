package org.migrationstats.pipeline.spec;

/**
 * A named span of whole years, both ends included, over which figures are summed.
 *
 * @param name the name shown in the report
 * @param from the first year
 * @param to the last year
 */
public record PeriodSpec(String name, int from, int to) {

	/** The first year a period may start in. */
	static final int FIRST_YEAR = 1800;

	/** The last year a period may end in. */
	static final int LAST_YEAR = 2200;

	public PeriodSpec {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a period needs a name");
		}
		if (to < from) {
			throw new IllegalArgumentException(
					"period '" + name + "' ends (" + to + ") before it starts (" + from + ")");
		}
		if (from < FIRST_YEAR || to > LAST_YEAR) {
			throw new IllegalArgumentException("period '" + name + "' must lie within the years " + FIRST_YEAR + " to "
					+ LAST_YEAR + ", found " + from + " to " + to);
		}
	}

	/**
	 * @return the number of calendar years the period covers
	 */
	public int years() {
		return this.to - this.from + 1;
	}

}
