package org.migrationstats.pipeline.compute;

import java.math.BigDecimal;

import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * The figures of one country over one named period.
 *
 * @param period the period's name
 * @param from the first year
 * @param to the last year
 * @param country the country key
 * @param name the country's name
 * @param statusAtEnd the membership status on 31 December of the last year
 * @param netMigration net migration summed over the years of the period that have a value
 * @param netMigrationYears how many years have a value
 * @param naturalIncrease births minus deaths summed over the period
 * @param naturalIncreaseYears how many years have a value
 * @param populationStart the mid-year population of the first year
 * @param populationEnd the mid-year population of the last year
 * @param populationChange the end population minus the start population
 * @param reportedChange the reported population change summed over the period (WPP: from
 * 1 January of the first year to 1 January after the last)
 * @param reportedChangeYears how many years have a reported population change
 * @param flags the flags of the country-years the period's figures are built from, with
 * their years ({@code 2021 ep; 2022 p}); {@code null} for none
 */
public record PeriodFigures(String period, int from, int to, String country, String name, MembershipStatus statusAtEnd,
		Long netMigration, int netMigrationYears, Long naturalIncrease, int naturalIncreaseYears, Long populationStart,
		Long populationEnd, Long populationChange, Long reportedChange, int reportedChangeYears, String flags) {

	/**
	 * @return the number of years in the period
	 */
	public int years() {
		return this.to - this.from + 1;
	}

	/**
	 * @return the years population change spans, mid-year of the first year to mid-year
	 * of the last: one fewer than {@link #years()}, the calendar years the flows are
	 * summed over
	 */
	public int yearsOfChange() {
		return this.to - this.from;
	}

	/**
	 * @return average annual net migration per 1,000 of the mean of start and end
	 * population
	 */
	public BigDecimal averageNetMigrationRate() {
		return Rates.averageAnnualPerThousand(this.netMigration, this.populationStart, this.populationEnd,
				this.netMigrationYears);
	}

}
