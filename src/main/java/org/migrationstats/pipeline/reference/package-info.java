/**
 * What the pipeline knows about the world: countries, territories, historical states,
 * aggregates and their codes and names (shipped under {@code reference/}), and an
 * organisation's membership records, deciding a party's status on a date and comparing
 * membership sources. Plain Java: it may use {@code spec} and Commons CSV, nothing of
 * Spring, POI or JDBC.
 */
package org.migrationstats.pipeline.reference;
