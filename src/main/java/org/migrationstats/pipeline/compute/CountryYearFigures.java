package org.migrationstats.pipeline.compute;

import java.math.BigDecimal;

import org.migrationstats.pipeline.reference.MembershipStatus;

/**
 * The figures of one country in one year. Counts are persons; {@code null} means the
 * sources give no value.
 *
 * @param country the country key
 * @param name the country's name
 * @param year the year
 * @param status the membership status on 31 December of the year
 * @param population the mid-year population
 * @param populationSource the dataset the population came from
 * @param immigrants immigrants in the year
 * @param emigrants emigrants in the year
 * @param netMigration net migration in the year, as reported or immigrants minus
 * emigrants
 * @param netMigrationSource the dataset net migration came from
 * @param births live births in the year
 * @param deaths deaths in the year
 * @param naturalIncrease births minus deaths
 * @param populationChange the next year's population minus this year's
 * @param reportedPopulationChange population change as a source reports it (WPP: 1
 * January to 1 January)
 * @param migrationFlowsNet immigrants minus emigrants, where both are given
 * @param balanceResidual reported population change minus (births - deaths + net
 * migration)
 * @param migrantStock the international migrant stock at mid-year: persons living in the
 * country who were born in another (or are foreign citizens), as the source counts them
 * @param flags the flags of the values the figures are built from, per measure
 * ({@code emigrants p; immigrants e}); {@code null} for none
 */
public record CountryYearFigures(String country, String name, int year, MembershipStatus status, Long population,
		String populationSource, Long immigrants, Long emigrants, Long netMigration, String netMigrationSource,
		Long births, Long deaths, Long naturalIncrease, Long populationChange, Long reportedPopulationChange,
		Long migrationFlowsNet, Long balanceResidual, Long migrantStock, String flags) {

	/**
	 * @return net migration per 1,000 mid-year population
	 */
	public BigDecimal netMigrationRate() {
		return Rates.perThousand(this.netMigration, this.population);
	}

	/**
	 * @return live births per 1,000 mid-year population
	 */
	public BigDecimal birthRate() {
		return Rates.perThousand(this.births, this.population);
	}

	/**
	 * @return deaths per 1,000 mid-year population
	 */
	public BigDecimal deathRate() {
		return Rates.perThousand(this.deaths, this.population);
	}

}
