package org.migrationstats.pipeline.compute;

/**
 * Period figures summed over a group of countries: those with one membership status at
 * the period's end, an M49 region or sub-region, or a list named in the job file.
 * Aggregates from source files are never part of a group.
 *
 * @param period the period's name
 * @param from the period's first year
 * @param to the period's last year
 * @param grouping how the group is formed: membership, region, sub-region or list
 * @param group the group's name (a status, a region, a list name)
 * @param countries how many countries the group has
 * @param completeCountries how many of them have net migration for every year of the
 * period
 * @param netMigration the group's cumulative net migration
 * @param naturalIncrease the group's cumulative natural increase
 * @param populationStart the group's population in the first year
 * @param populationEnd the group's population in the last year
 * @param populationChange the group's population change
 */
public record GroupFigures(String period, int from, int to, String grouping, String group, int countries,
		int completeCountries, Long netMigration, Long naturalIncrease, Long populationStart, Long populationEnd,
		Long populationChange) {

	/**
	 * @return the calendar years the flows are summed over, both ends included
	 */
	public int years() {
		return this.to - this.from + 1;
	}

	/**
	 * @return the years population change spans, mid-year of the first year to mid-year
	 * of the last: one fewer than {@link #years()}
	 */
	public int yearsOfChange() {
		return this.to - this.from;
	}

	/**
	 * @param name the group's name to show
	 * @return the same figures under another name
	 */
	public GroupFigures named(String name) {
		return new GroupFigures(this.period, this.from, this.to, this.grouping, name, this.countries,
				this.completeCountries, this.netMigration, this.naturalIncrease, this.populationStart,
				this.populationEnd, this.populationChange);
	}

}
