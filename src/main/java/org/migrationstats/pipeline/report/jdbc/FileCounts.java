package org.migrationstats.pipeline.report.jdbc;

/**
 * What one file gave.
 *
 * @param datasetId the dataset
 * @param fileName the file
 * @param observations observations taken, a month's or quarter's value counting as one
 * @param rejections cells and rows rejected
 * @param aggregateRows aggregate rows set aside
 * @param notAvailable value cells without a value, not available (Eurostat's {@code :})
 * @param confidential value cells without a value, confidential (Eurostat's {@code : c})
 */
public record FileCounts(String datasetId, String fileName, long observations, long rejections, long aggregateRows,
		long notAvailable, long confidential) {
}
