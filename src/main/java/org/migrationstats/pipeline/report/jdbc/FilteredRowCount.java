package org.migrationstats.pipeline.report.jdbc;

/**
 * Rows of one file and sheet left out on purpose for one reason and text, other than
 * aggregates: another series, the dataset's filters, section headings.
 *
 * @param dataset the dataset
 * @param file the file
 * @param sheet the sheet
 * @param reason why they were left out
 * @param asWritten the text that decided it, as written
 * @param rows how many rows
 * @param firstRow the first of them
 */
public record FilteredRowCount(String dataset, String file, String sheet, String reason, String asWritten, long rows,
		long firstRow) {
}
