package org.migrationstats.pipeline.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an observation counts: every measure is a number of persons in a country and year.
 */
public enum Measure {

	POPULATION, POPULATION_CHANGE, IMMIGRANTS, EMIGRANTS, NET_MIGRATION, BIRTHS, DEATHS, MIGRANT_STOCK;

	/**
	 * The spelling used in job files: lower case with hyphens, e.g.
	 * {@code net-migration}.
	 * @return the key of this measure in a job file
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * @return whether a value below zero is a figure and not an error: a balance (net
	 * migration, population change) may be negative, a count of persons may not
	 */
	public boolean mayBeNegative() {
		return this == NET_MIGRATION || this == POPULATION_CHANGE;
	}

	/**
	 * @return the measure in words, as a message names it: {@code migrant stock}
	 */
	public String words() {
		return name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/**
	 * @return every measure's job-file key in declaration order, as a message lists the
	 * measures allowed
	 */
	static String keys() {
		return String.join(", ", Arrays.stream(values()).map(Measure::key).toList());
	}

	/**
	 * Finds a measure by its job-file key or its constant name, case-insensitive.
	 * @param text the key as written, e.g. {@code net-migration} or {@code NET_MIGRATION}
	 * @return the measure, or empty when none matches
	 */
	public static Optional<Measure> fromKey(String text) {
		String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(values()).filter((m) -> m.name().equals(normalised)).findFirst();
	}

}
