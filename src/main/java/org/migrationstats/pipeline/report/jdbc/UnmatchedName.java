package org.migrationstats.pipeline.report.jdbc;

/**
 * A country name or code of a dataset no country was found for.
 *
 * @param dataset the dataset
 * @param asWritten the name or code as written
 * @param reason the reason, with the closest known names
 * @param rows how many rows hold it
 * @param firstRow the first of them
 */
public record UnmatchedName(String dataset, String asWritten, String reason, long rows, long firstRow) {
}
