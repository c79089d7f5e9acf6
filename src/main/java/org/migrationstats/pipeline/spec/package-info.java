/**
 * Job files: reading a YAML job file into an immutable
 * {@link org.migrationstats.pipeline.spec.JobSpec} (datasets, column mapping, membership,
 * figures settings, periods, report settings), validated as it is read, with errors that
 * name the file and line. Plain Java: it may use SnakeYAML and the JDK, nothing of
 * Spring, POI or JDBC.
 */
package org.migrationstats.pipeline.spec;
