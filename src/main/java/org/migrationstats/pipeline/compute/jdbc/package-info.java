/**
 * The compute step over the database: the set-based SQL that turns a run's observations
 * into country-year, period and group figures and lists source conflicts and revisions,
 * and the driver that runs it in the step's transaction, with the membership statuses,
 * counts and comparisons decided in plain Java, after removing the run's earlier results.
 * It may use {@code compute}, {@code reference}, {@code spec} and Spring JDBC;
 * {@code batch} calls it, and neither {@code report} nor {@code store} uses it.
 */
package org.migrationstats.pipeline.compute.jdbc;
