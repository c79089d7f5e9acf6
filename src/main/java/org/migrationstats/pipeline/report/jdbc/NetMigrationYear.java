package org.migrationstats.pipeline.report.jdbc;

/**
 * One country's net migration in one year, as the report's chart plots it.
 *
 * @param country the country key
 * @param year the year
 * @param netMigration net migration, {@code null} where unknown
 */
public record NetMigrationYear(String country, int year, Long netMigration) {
}
