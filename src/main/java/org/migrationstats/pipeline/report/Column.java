package org.migrationstats.pipeline.report;

/**
 * A column of a report table: its header and what kind of value it holds.
 *
 * @param header the header text
 * @param kind what the cells hold
 */
public record Column(String header, Kind kind) {

	/** What a column's cells hold, which decides their Excel format. */
	public enum Kind {

		/** Text; from an input file, so never to be evaluated. */
		TEXT,

		/** A whole number of persons, with thousands separators. */
		COUNT,

		/** A calendar year or a small whole number, without separators. */
		YEAR,

		/** A rate with its decimals. */
		RATE,

		/** A calendar date. */
		DATE

	}

	static Column text(String header) {
		return new Column(header, Kind.TEXT);
	}

	static Column count(String header) {
		return new Column(header, Kind.COUNT);
	}

	static Column year(String header) {
		return new Column(header, Kind.YEAR);
	}

	static Column rate(String header) {
		return new Column(header, Kind.RATE);
	}

	static Column date(String header) {
		return new Column(header, Kind.DATE);
	}

}
