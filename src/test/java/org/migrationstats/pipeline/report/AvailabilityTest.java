package org.migrationstats.pipeline.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which columns of the figures tables a run leaves out, from the measures its datasets
 * give, and what the note on them says.
 */
class AvailabilityTest {

	@Test
	void aRunWithoutFlowsLeavesOutImmigrantsEmigrantsAndTheirDifferenceAndNothingElse() {
		Availability sample = new Availability(EnumSet.of(Measure.POPULATION, Measure.NET_MIGRATION, Measure.BIRTHS,
				Measure.DEATHS, Measure.POPULATION_CHANGE, Measure.MIGRANT_STOCK));
		assertThat(new CountryYearSheet(sample).leftOut()).containsExactly("Immigrants", "Emigrants",
				"Immigrants minus emigrants");
		assertThat(new PeriodSheets(sample).periodsLeftOut()).isEmpty();
		assertThat(new PeriodSheets(sample).groupsLeftOut()).isEmpty();
	}

	@Test
	void aRunOfFlowsAloneKeepsNetMigrationAsTheirDifferenceAndLeavesOutWhatNeedsPopulationOrBirths() {
		Availability flows = new Availability(EnumSet.of(Measure.IMMIGRANTS, Measure.EMIGRANTS));
		assertThat(flows.netMigration()).isTrue();
		assertThat(new CountryYearSheet(flows).leftOut()).containsExactly("Population", "Population source", "Births",
				"Deaths", "Natural increase", "Population change", "Net migration rate, per 1,000",
				"Birth rate, per 1,000", "Death rate, per 1,000", "Reported population change", "Balancing residual",
				"International migrant stock");
		assertThat(new PeriodSheets(flows).periodsLeftOut()).containsExactly("Years of population change",
				"Natural increase, persons, sum of calendar years first to last",
				"Natural increase, calendar years with data", "Population, persons, mid-year of first year",
				"Population, persons, mid-year of last year",
				"Population change, persons, mid-year of first year to mid-year of last year",
				"Net migration rate, per 1,000 mean population per calendar year with data",
				"Reported population change, persons, sum of the source's yearly changes, calendar years first to last",
				"Reported population change, calendar years with data");
	}

	@Test
	void birthsWithoutDeathsGiveABirthRateButNoNaturalIncrease() {
		Availability births = new Availability(EnumSet.of(Measure.POPULATION, Measure.BIRTHS));
		List<String> leftOut = new CountryYearSheet(births).leftOut();
		assertThat(leftOut).contains("Deaths", "Natural increase", "Death rate, per 1,000", "Net migration")
			.doesNotContain("Births", "Birth rate, per 1,000", "Population change");
	}

	@Test
	void theNoteNamesTheColumnsLeftOutPerTableOrSaysThereAreNone() {
		assertThat(NotesSheets.leftOut(
				Map.of("Country-year", List.of("Immigrants", "Emigrants"), "Periods", List.of(), "Groups", List.of())))
			.endsWith(" Left out in this run: Country-year: Immigrants; Emigrants.");
		assertThat(NotesSheets.leftOut(Map.of())).endsWith(" This run leaves out no column.");
	}

	@Test
	void aRunWithEveryMeasureLeavesOutNoColumn() {
		Availability all = new Availability(EnumSet.allOf(Measure.class));
		assertThat(new CountryYearSheet(all).leftOut()).isEmpty();
		assertThat(new PeriodSheets(all).periodsLeftOut()).isEmpty();
	}

}
