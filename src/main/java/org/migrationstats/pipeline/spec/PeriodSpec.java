package org.migrationstats.pipeline.spec;

/**
 * A named span of whole years, both ends included, over which figures are summed.
 *
 * @param name the name shown in the report
 * @param from the first year
 * @param to the last year
 */
public record PeriodSpec(String name, int from, int to) {

	public PeriodSpec {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a period needs a name");
		}
		if (to < from) {
			throw new IllegalArgumentException(
					"period '" + name + "' ends (" + to + ") before it starts (" + from + ")");
		}
	}

	/**
	 * @return the number of calendar years the period covers
	 */
	public int years() {
		return this.to - this.from + 1;
	}

}
