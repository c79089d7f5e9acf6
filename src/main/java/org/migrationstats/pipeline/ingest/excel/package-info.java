/**
 * Workbooks: telling a file's type by its first bytes, the streaming {@code .xlsx}
 * reader, {@code .xls} through POI, and the messages for broken or hostile files. It may
 * use {@code ingest}, {@code spec} and POI; it gives the rest of the pipeline
 * {@link org.migrationstats.pipeline.ingest.TableReader}s, never POI types.
 */
package org.migrationstats.pipeline.ingest.excel;
