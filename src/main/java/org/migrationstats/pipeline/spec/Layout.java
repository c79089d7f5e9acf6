package org.migrationstats.pipeline.spec;

/**
 * How a table arranges its values.
 */
public enum Layout {

	/** One row per country, one column per year. */
	WIDE,

	/** One row per country and year, one column per measure. */
	LONG

}
