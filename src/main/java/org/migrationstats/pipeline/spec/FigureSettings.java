package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How figures are chosen and checked when sources overlap: which dataset wins for a
 * measure, how far two sources may differ before it is listed, which datasets are older
 * vintages of others, and which named country lists get totals of their own.
 *
 * @param precedence per measure, dataset ids in order of preference; datasets not listed
 * follow in job-file order
 * @param sourceTolerance the relative difference (0.01 is 1 %) beyond which two sources'
 * values for the same country, year and measure are listed
 * @param balanceTolerance persons: a balancing residual larger than this is listed
 * @param revisions newer dataset id mapped to the id of the older vintage it revises; an
 * older vintage is compared, never used for figures
 * @param groups named country lists, by name
 */
public record FigureSettings(Map<Measure, List<String>> precedence, BigDecimal sourceTolerance, long balanceTolerance,
		Map<String, String> revisions, Map<String, List<String>> groups) {

	/** The settings of a job file that says nothing about them. */
	public static final FigureSettings DEFAULTS = new FigureSettings(Map.of(), BigDecimal.ZERO, 600, Map.of(),
			Map.of());

	public FigureSettings {
		if (precedence == null || revisions == null || groups == null) {
			throw new IllegalArgumentException("precedence, revisions and groups may be empty but not null");
		}
		if (sourceTolerance == null || sourceTolerance.signum() < 0 || sourceTolerance.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException(
					"source-tolerance must be a share from 0 to 1 (0.01 is 1 %), found " + sourceTolerance);
		}
		if (balanceTolerance < 0) {
			throw new IllegalArgumentException(
					"balance-tolerance must be a whole number of persons, 0 or more, found " + balanceTolerance);
		}
		groups.forEach((name, keys) -> keys.forEach((key) -> {
			if (!JobSpec.COUNTRY_KEY.matcher(key).matches()) {
				throw new IllegalArgumentException(
						"group '" + name + "' must list country keys such as KAZ, found '" + key + "'");
			}
		}));
		precedence = copy(precedence);
		revisions = Map.copyOf(revisions);
		groups = copy(groups);
	}

	private static <K> Map<K, List<String>> copy(Map<K, List<String>> lists) {
		Map<K, List<String>> copy = new HashMap<>();
		lists.forEach((key, list) -> copy.put(key, List.copyOf(list)));
		return Map.copyOf(copy);
	}

}
