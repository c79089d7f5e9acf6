/**
 * The pipeline's own tables, shared by every stage: the schema and its versioned
 * migrations (H2 and PostgreSQL), the runs with their inputs and membership file, and the
 * ingest writes (observations, rejections, aggregate and filtered rows, committed with
 * the reader's position so that a restart neither loses nor repeats a block). It uses
 * JDBC through Spring's {@code JdbcTemplate} and the plain records of {@code ingest},
 * {@code compute}, {@code reference} and {@code spec}; the stages use it, never the
 * reverse.
 */
package org.migrationstats.pipeline.store;
