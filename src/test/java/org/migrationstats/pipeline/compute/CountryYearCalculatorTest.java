package org.migrationstats.pipeline.compute;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.compute.CountryYearCalculator.Input;
import org.migrationstats.pipeline.compute.CountryYearCalculator.Result;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kazakhstan 1994 and 1995 as WPP 2024 and the World Bank give them (net migrants
 * -520,345, births 305,624 and deaths 160,827 in 1994; population 16,740,000 mid-1994 and
 * 16,427,700 mid-1995), and made-up flows for the derived values.
 */
class CountryYearCalculatorTest {

	private static final Map<Measure, Map<String, Integer>> RANKS = Map.of(Measure.POPULATION,
			Map.of("wb", 1, "other", 2), Measure.NET_MIGRATION, Map.of("wpp", 1), Measure.BIRTHS, Map.of("wpp", 1),
			Measure.DEATHS, Map.of("wpp", 1), Measure.IMMIGRANTS, Map.of("flows", 1), Measure.EMIGRANTS,
			Map.of("flows", 1), Measure.POPULATION_CHANGE, Map.of("wpp", 1));

	@Test
	void derivesNaturalIncreasePopulationChangeAndTheBalancingResidual() {
		List<Result> results = CountryYearCalculator.compute(List.of(in("wb", 1, 1994, Measure.POPULATION, 16_740_000),
				in("wb", 2, 1995, Measure.POPULATION, 16_427_700), in("wpp", 3, 1994, Measure.NET_MIGRATION, -520_345),
				in("wpp", 4, 1994, Measure.BIRTHS, 305_624), in("wpp", 5, 1994, Measure.DEATHS, 160_827),
				in("wpp", 6, 1994, Measure.POPULATION_CHANGE, -375_000)), RANKS);
		assertThat(results).hasSize(2);
		Result y1994 = results.get(0);
		assertThat(y1994.naturalIncrease()).isEqualTo(144_797L);
		assertThat(y1994.populationChange()).isEqualTo(16_427_700L - 16_740_000L);
		assertThat(y1994.balanceResidual()).isEqualTo(-375_000L - (144_797L - 520_345L));
		assertThat(results.get(1).populationChange()).isNull();
	}

	@Test
	void theRankedFirstDatasetWinsAndWithinItTheFirstRow() {
		List<Result> results = CountryYearCalculator.compute(List.of(in("other", 1, 2000, Measure.POPULATION, 1),
				in("wb", 9, 2000, Measure.POPULATION, 2), in("wb", 3, 2000, Measure.POPULATION, 3)), RANKS);
		assertThat(results.get(0).population()).isEqualTo(3L);
	}

	@Test
	void aDatasetWithoutRankIsNotUsed() {
		List<Result> results = CountryYearCalculator.compute(List.of(in("vintage", 1, 2000, Measure.POPULATION, 5)),
				RANKS);
		assertThat(results).isEmpty();
	}

	@Test
	void netMigrationFallsBackToImmigrantsMinusEmigrantsOnlyWhenNotReported() {
		List<Result> flowsOnly = CountryYearCalculator.compute(
				List.of(in("flows", 1, 2010, Measure.IMMIGRANTS, 1200), in("flows", 1, 2010, Measure.EMIGRANTS, 200)),
				RANKS);
		assertThat(flowsOnly.get(0).netMigration()).isEqualTo(1000L);
		List<Result> reported = CountryYearCalculator.compute(List.of(in("flows", 1, 2010, Measure.IMMIGRANTS, 1200),
				in("flows", 1, 2010, Measure.EMIGRANTS, 200), in("wpp", 2, 2010, Measure.NET_MIGRATION, 900)), RANKS);
		assertThat(reported.get(0).netMigration()).isEqualTo(900L);
	}

	private static Input in(String dataset, long row, int year, Measure measure, long value) {
		return new Input(dataset, dataset + ".csv", row, "KAZ", year, measure, value);
	}

}
