package org.migrationstats.pipeline.ingest;

import org.migrationstats.pipeline.spec.Measure;

/**
 * One figure for one country and year, in persons, with where it came from.
 *
 * @param country the country key (ISO 3166 alpha-3, or the source's code for a territory)
 * @param year the calendar year
 * @param measure what is counted
 * @param value the count in persons
 * @param row the source row
 */
public record Observation(String country, int year, Measure measure, long value, long row) {

	public Observation {
		if (country == null || country.isBlank()) {
			throw new IllegalArgumentException("an observation needs a country");
		}
		if (measure == null) {
			throw new IllegalArgumentException("an observation needs a measure");
		}
	}

}
