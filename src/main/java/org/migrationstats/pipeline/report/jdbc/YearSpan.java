package org.migrationstats.pipeline.report.jdbc;

/**
 * The first and last year of a run's country-year figures.
 *
 * @param first the first year
 * @param last the last year
 */
public record YearSpan(int first, int last) {
}
