/**
 * Figures in plain Java: the records a run's figures are read into (per country and year,
 * per period, per group), crude rates from exact counts rounded once, the order in which
 * datasets are preferred per measure, and membership status at a year end and the counts
 * on the days a report shows. Plain Java: it may use {@code spec} and {@code reference},
 * nothing of Spring, POI or JDBC ({@code compute.jdbc} is the one place figures are
 * computed in SQL), and never {@code report}.
 */
package org.migrationstats.pipeline.compute;
