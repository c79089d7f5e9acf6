/**
 * Statistical agencies' exchange formats read as tables: SDMX-CSV (versions 1.0 and 2.0,
 * with or without labels) and Eurostat's bulk download TSV. Each wraps the delimited text
 * reader of {@code ingest} and hands out rows a long or wide table mapping understands;
 * the values' flags and periods are read by the mapping. Plain Java: it may use
 * {@code ingest}, {@code spec} and Commons CSV, nothing of Spring, POI or JDBC.
 */
package org.migrationstats.pipeline.ingest.sdmx;
