package org.migrationstats.pipeline.compute;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.spec.FigureSettings;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;

class PrecedenceTest {

	private static final List<String> DATASETS = List.of("wb-population", "wpp-net-migration", "wb-net-migration",
			"wb-population-2023");

	@Test
	void withoutSettingsDatasetsArePreferredInJobFileOrder() {
		assertThat(Precedence.order(FigureSettings.DEFAULTS, DATASETS).get(Measure.NET_MIGRATION))
			.containsExactlyElementsOf(DATASETS);
	}

	@Test
	void aMeasuresListedDatasetsComeFirstAndTheRestFollowInJobFileOrder() {
		FigureSettings settings = new FigureSettings(
				Map.of(Measure.NET_MIGRATION, List.of("wb-net-migration", "wpp-net-migration")), BigDecimal.ZERO, 600,
				Map.of(), Map.of());
		Map<Measure, List<String>> order = Precedence.order(settings, DATASETS);
		assertThat(order.get(Measure.NET_MIGRATION)).containsExactly("wb-net-migration", "wpp-net-migration",
				"wb-population", "wb-population-2023");
		assertThat(order.get(Measure.POPULATION)).containsExactlyElementsOf(DATASETS);
	}

	@Test
	void anOlderVintageIsNeverPreferredForAnyMeasure() {
		FigureSettings settings = new FigureSettings(Map.of(Measure.POPULATION, List.of("wb-population-2023")),
				BigDecimal.ZERO, 600, Map.of("wb-population", "wb-population-2023"), Map.of());
		assertThat(Precedence.order(settings, DATASETS).values())
			.allSatisfy((ids) -> assertThat(ids).doesNotContain("wb-population-2023").hasSize(3));
	}

}
