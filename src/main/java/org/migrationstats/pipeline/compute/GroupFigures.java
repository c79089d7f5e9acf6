package org.migrationstats.pipeline.compute;

/**
 * Period figures summed over a group of countries: those with one membership status at
 * the period's end, an M49 region or sub-region, or a list named in the job file.
 * Aggregates from source files are never part of a group.
 *
 * @param period the period's name
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
public record GroupFigures(String period, String grouping, String group, int countries, int completeCountries,
		Long netMigration, Long naturalIncrease, Long populationStart, Long populationEnd, Long populationChange) {
}
