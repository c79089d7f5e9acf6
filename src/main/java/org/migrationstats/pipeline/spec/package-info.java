/**
 * Job files: the immutable records a job is made of
 * ({@link org.migrationstats.pipeline.spec.JobSpec}, its datasets with their columns and
 * tables, membership checks and totals, figure, period and report settings), each
 * refusing in its constructor what a job file may not say; and
 * {@link org.migrationstats.pipeline.spec.JobSpecReader}, which reads a YAML job file
 * into them section by section, with errors that name the file and line. Plain Java: it
 * may use SnakeYAML and the JDK, nothing of Spring, POI or JDBC.
 */
package org.migrationstats.pipeline.spec;
