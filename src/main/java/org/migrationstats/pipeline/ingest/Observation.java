package org.migrationstats.pipeline.ingest;

import org.migrationstats.pipeline.spec.Measure;

/**
 * One figure for one country and year (or a month or quarter of it), in persons, with its
 * flags and where it came from.
 *
 * @param country the country key (ISO 3166 alpha-3, or the source's code for a territory)
 * @param year the calendar year
 * @param measure what is counted
 * @param value the count in persons
 * @param row the source row
 * @param flags the agency's flags on the value (see {@link ValueFlags}), empty for none
 * @param part the month (1-12) or quarter (1-4) of the year, or 0 for the whole year
 * @param parts how many such parts make the year: 1, 4 or 12
 */
public record Observation(String country, int year, Measure measure, long value, long row, String flags, int part,
		int parts) {

	public Observation {
		if (country == null || country.isBlank()) {
			throw new IllegalArgumentException("an observation needs a country");
		}
		if (measure == null) {
			throw new IllegalArgumentException("an observation needs a measure");
		}
		flags = (flags != null) ? flags : ValueFlags.NONE;
	}

	/**
	 * An observation of a whole year, without flags.
	 * @param country the country key
	 * @param year the calendar year
	 * @param measure what is counted
	 * @param value the count in persons
	 * @param row the source row
	 */
	public Observation(String country, int year, Measure measure, long value, long row) {
		this(country, year, measure, value, row, ValueFlags.NONE, 0, 1);
	}

	/**
	 * @return whether the value is of a month or quarter, to be summed to its year
	 */
	public boolean partOfYear() {
		return this.parts > 1;
	}

}
