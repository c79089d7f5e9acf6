package org.migrationstats.pipeline.compute;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrationstats.pipeline.spec.Measure;

/**
 * Computes country-year figures from observations in plain Java, by the same rules as the
 * set-based SQL of the compute step: per measure, the value of the preferred dataset (the
 * first row of its file where a dataset repeats a key); net migration as reported, else
 * immigrants minus emigrants; natural increase; population change to the next year; the
 * balancing residual. The reference the SQL is tested against (PublishedFiguresIT runs
 * both over every WPP 2024 country), kept with the tests as no production code needs it.
 */
public final class CountryYearCalculator {

	private CountryYearCalculator() {
	}

	/**
	 * One observation with where it came from.
	 *
	 * @param dataset the dataset id
	 * @param file the file
	 * @param row the row in the file
	 * @param country the country key
	 * @param year the year
	 * @param measure the measure
	 * @param value the value in persons
	 */
	public record Input(String dataset, String file, long row, String country, int year, Measure measure, long value) {
	}

	/**
	 * The computed figures of one country-year; {@code null} where the data do not allow
	 * a value.
	 *
	 * @param country the country key
	 * @param year the year
	 * @param population the population
	 * @param netMigration net migration
	 * @param births births
	 * @param deaths deaths
	 * @param naturalIncrease births minus deaths
	 * @param populationChange next year's population minus this year's
	 * @param reportedPopulationChange the reported population change
	 * @param balanceResidual reported change minus (births - deaths + net migration)
	 */
	public record Result(String country, int year, Long population, Long netMigration, Long births, Long deaths,
			Long naturalIncrease, Long populationChange, Long reportedPopulationChange, Long balanceResidual) {
	}

	/**
	 * @param inputs the observations
	 * @param ranks per measure, each dataset's rank (1 is preferred); a dataset without a
	 * rank is not used
	 * @return the figures per country and year, in country and year order
	 */
	public static List<Result> compute(List<Input> inputs, Map<Measure, Map<String, Integer>> ranks) {
		Comparator<Input> preference = Comparator
			.comparing((Input i) -> ranks.getOrDefault(i.measure(), Map.of()).get(i.dataset()))
			.thenComparing(Input::file)
			.thenComparingLong(Input::row);
		Map<String, Map<Integer, Map<Measure, Input>>> chosen = new TreeMap<>();
		for (Input input : inputs) {
			if (ranks.getOrDefault(input.measure(), Map.of()).get(input.dataset()) == null) {
				continue;
			}
			Map<Measure, Input> values = chosen.computeIfAbsent(input.country(), (c) -> new TreeMap<>())
				.computeIfAbsent(input.year(), (y) -> new EnumMap<>(Measure.class));
			Input current = values.get(input.measure());
			if (current == null || preference.compare(input, current) < 0) {
				values.put(input.measure(), input);
			}
		}
		List<Result> results = new java.util.ArrayList<>();
		chosen.forEach((country, years) -> years.forEach((year, values) -> {
			Long population = value(values, Measure.POPULATION);
			Long immigrants = value(values, Measure.IMMIGRANTS);
			Long emigrants = value(values, Measure.EMIGRANTS);
			Long netMigration = value(values, Measure.NET_MIGRATION);
			if (netMigration == null && immigrants != null && emigrants != null) {
				netMigration = immigrants - emigrants;
			}
			Long births = value(values, Measure.BIRTHS);
			Long deaths = value(values, Measure.DEATHS);
			Long naturalIncrease = (births != null && deaths != null) ? births - deaths : null;
			Map<Measure, Input> next = years.get(year + 1);
			Long nextPopulation = (next != null) ? value(next, Measure.POPULATION) : null;
			Long change = (population != null && nextPopulation != null) ? nextPopulation - population : null;
			Long reported = value(values, Measure.POPULATION_CHANGE);
			Long residual = (reported != null && naturalIncrease != null && netMigration != null)
					? reported - (naturalIncrease + netMigration) : null;
			results.add(new Result(country, year, population, netMigration, births, deaths, naturalIncrease, change,
					reported, residual));
		}));
		return results;
	}

	private static Long value(Map<Measure, Input> values, Measure measure) {
		Input input = values.get(measure);
		return (input != null) ? input.value() : null;
	}

}
