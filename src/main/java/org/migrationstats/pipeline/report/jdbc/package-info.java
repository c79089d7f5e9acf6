/**
 * The report's queries: a run's computed figures
 * ({@link org.migrationstats.pipeline.report.jdbc.FigureQueries}) and what its inputs
 * gave ({@link org.migrationstats.pipeline.report.jdbc.InputQueries}), each row a record.
 * It may use the records of {@code compute}, {@code reference}, {@code ingest} and
 * {@code spec} and Spring JDBC; it reads the tables {@code compute.jdbc} fills without
 * using that package, and only {@code report} uses it.
 */
package org.migrationstats.pipeline.report.jdbc;
