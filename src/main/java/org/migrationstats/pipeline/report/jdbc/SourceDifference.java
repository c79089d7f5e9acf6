package org.migrationstats.pipeline.report.jdbc;

/**
 * A value on which two datasets disagree: a conflict between sources beyond the tolerance
 * (A is the value used) or a revision between vintages (A is the newer, B the older).
 *
 * @param kind conflict or revision
 * @param country the country key
 * @param name the country's name
 * @param year the year
 * @param measure the measure
 * @param datasetA dataset A
 * @param valueA dataset A's value
 * @param datasetB dataset B
 * @param valueB dataset B's value
 * @param difference B minus A
 */
public record SourceDifference(String kind, String country, String name, int year, String measure, String datasetA,
		long valueA, String datasetB, long valueB, long difference) {
}
