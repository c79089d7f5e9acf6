/**
 * The report: an Excel workbook (cover, contents, notes, definitions, the figures tables,
 * charts, checks, rejects, run details and inputs) and one CSV file per table, written
 * into a temporary folder and published in one move. It reads a run's figures and what
 * its inputs gave through {@code report.jdbc}; it may use the records of {@code compute},
 * {@code reference}, {@code spec}, {@code store} (the run's inputs and membership),
 * {@code ingest} (what the flag letters mean), {@code schedule} (the next run), POI and
 * Commons CSV, never {@code compute.jdbc}.
 */
package org.migrationstats.pipeline.report;
