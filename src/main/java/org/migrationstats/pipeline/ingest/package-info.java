/**
 * The table layer: reading delimited text (dialect and encoding, strict decoding, the
 * header below a title block, notes below the data; byte ranges of one large file read
 * apart), parsing numbers and year headers, checking the decimal separator, and mapping a
 * row to observations, rejections or an aggregate row. Plain Java: it may use
 * {@code spec}, {@code reference} and Commons CSV, nothing of Spring, POI or JDBC
 * ({@code ingest.excel} is the one place POI is used).
 */
package org.migrationstats.pipeline.ingest;
