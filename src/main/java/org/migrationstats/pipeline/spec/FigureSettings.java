package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
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
		precedence = Map.copyOf(precedence);
		revisions = Map.copyOf(revisions);
		groups = Map.copyOf(groups);
	}

}
