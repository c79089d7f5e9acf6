package org.migrationstats.pipeline.report.jdbc;

/**
 * What one file gave.
 *
 * @param datasetId the dataset
 * @param fileName the file
 * @param observations observations taken, a month's or quarter's value counting as one
 * @param rejections cells and rows rejected
 * @param aggregateRows aggregate rows set aside
 */
public record FileCounts(String datasetId, String fileName, long observations, long rejections, long aggregateRows) {
}
