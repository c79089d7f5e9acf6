package org.migrationstats.pipeline.compute;

import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * Period figures summed over the countries that held one membership status at the
 * period's end. Aggregates from source files are never part of a group.
 *
 * @param period the period's name
 * @param status the membership status at the period's end
 * @param countries how many countries the group has
 * @param netMigration the group's cumulative net migration
 * @param naturalIncrease the group's cumulative natural increase
 * @param populationStart the group's population in the first year
 * @param populationEnd the group's population in the last year
 * @param populationChange the group's population change
 */
public record GroupFigures(String period, MembershipStatus status, int countries, Long netMigration,
		Long naturalIncrease, Long populationStart, Long populationEnd, Long populationChange) {
}
