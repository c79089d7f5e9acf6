package org.migrationstats.pipeline.compute;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Crude rates per 1,000 population, computed from exact counts and rounded once.
 */
public final class Rates {

	/** Decimal places a rate is given with (as WPP publishes them). */
	public static final int SCALE = 3;

	private Rates() {
	}

	/**
	 * @param count the events in the year (net migrants, births, deaths)
	 * @param population the mid-year population
	 * @return the count per 1,000 population, rounded half to even to {@value #SCALE}
	 * decimals, or {@code null} when either is unknown or the population is not positive
	 */
	public static BigDecimal perThousand(Long count, Long population) {
		if (count == null || population == null || population <= 0) {
			return null;
		}
		return BigDecimal.valueOf(count)
			.multiply(BigDecimal.valueOf(1000))
			.divide(BigDecimal.valueOf(population), SCALE, RoundingMode.HALF_EVEN);
	}

	/**
	 * The average annual rate over a period: the period's total per 1,000 of the mean of
	 * the populations at its two ends, divided by its length in years.
	 * @param total the period's total (e.g. cumulative net migration)
	 * @param start the population in the first year
	 * @param end the population in the last year
	 * @param years the number of years the total covers
	 * @return the rate, or {@code null} when an input is missing
	 */
	public static BigDecimal averageAnnualPerThousand(Long total, Long start, Long end, int years) {
		if (total == null || start == null || end == null || years <= 0 || start + end <= 0) {
			return null;
		}
		BigDecimal meanPopulation = BigDecimal.valueOf(start).add(BigDecimal.valueOf(end));
		return BigDecimal.valueOf(total)
			.multiply(BigDecimal.valueOf(2000))
			.divide(meanPopulation.multiply(BigDecimal.valueOf(years)), SCALE, RoundingMode.HALF_EVEN);
	}

}
