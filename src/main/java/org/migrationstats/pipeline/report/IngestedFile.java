package org.migrationstats.pipeline.report;

/**
 * What the ingest step did with one input file, over every execution of the run, as the
 * report's Inputs sheet lists it.
 *
 * @param datasetId the dataset
 * @param fileName the file, as the job names it
 * @param rowsRead data rows read and committed
 * @param rowsWritten rows that gave observations
 * @param rowsRejected rows with at least one value rejected, or rejected whole
 * @param rowsFiltered rows about aggregates (World, regions), set aside, and rows left
 * out on purpose for another reason (other series, filters, section headings)
 * @param numberFormat the decimal separator its numbers were read with, and whether its
 * cells confirmed it (e.g. "decimal point, checked"); empty if no row was mapped
 */
public record IngestedFile(String datasetId, String fileName, long rowsRead, long rowsWritten, long rowsRejected,
		long rowsFiltered, String numberFormat) {
}
