package org.migrationstats.pipeline.report.jdbc;

/**
 * An aggregate (such as World or a region) a dataset gave rows for, left out of every
 * figure.
 *
 * @param dataset the dataset
 * @param scheme the code scheme the aggregate belongs to
 * @param code the aggregate's code
 * @param name the aggregate's name
 * @param rows how many rows the dataset gave for it
 */
public record AggregateFound(String dataset, String scheme, String code, String name, long rows) {
}
