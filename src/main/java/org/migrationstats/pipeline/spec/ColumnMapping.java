package org.migrationstats.pipeline.spec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which source columns hold what. Each entry lists the accepted header names, first match
 * wins; the country may be found by code or by name. The country column is always named;
 * a value column and measure columns exclude each other.
 *
 * @param country columns that identify the country (codes first, then names)
 * @param year the year column of a long table; empty for wide tables
 * @param value the value column of a long table with a single measure; empty otherwise
 * @param measures measure columns of a long table with one column per measure
 * @param series the series column of a table whose rows each hold one measure, named by a
 * code in that column (a long table's value column, or a wide table's year columns, such
 * as a UN flows table's {@code Type}: Immigrants, Emigrants, Net); empty otherwise
 */
public record ColumnMapping(List<String> country, List<String> year, List<String> value,
		Map<Measure, List<String>> measures, List<String> series) {

	public ColumnMapping {
		if (country == null || country.isEmpty()) {
			throw new IllegalArgumentException(
					"columns needs 'country': the header(s) of the country code or name column");
		}
		if (year == null || value == null || measures == null || series == null) {
			throw new IllegalArgumentException("the year, value, measure and series columns may be empty but not null");
		}
		country = List.copyOf(country);
		year = List.copyOf(year);
		value = List.copyOf(value);
		// in measure order, so that the definition a restart compares reads the same in
		// every process (Map.copyOf iterates in an order that changes from one JVM to the
		// next)
		Map<Measure, List<String>> byMeasure = new EnumMap<>(Measure.class);
		measures.forEach((measure, headers) -> byMeasure.put(measure, List.copyOf(headers)));
		measures = byMeasure.isEmpty() ? Map.of() : Collections.unmodifiableMap(byMeasure);
		series = List.copyOf(series);
		if (!value.isEmpty() && !measures.isEmpty()) {
			throw new IllegalArgumentException("name either a 'value' column or measure columns, not both");
		}
	}

	/**
	 * A mapping without a series column.
	 * @param country columns that identify the country
	 * @param year the year column of a long table
	 * @param value the value column of a long table with a single measure
	 * @param measures measure columns of a long table
	 */
	public ColumnMapping(List<String> country, List<String> year, List<String> value,
			Map<Measure, List<String>> measures) {
		this(country, year, value, measures, List.of());
	}

}
