package org.migrationstats.pipeline.report;

import java.util.EnumSet;
import java.util.Set;

import org.migrationstats.pipeline.spec.Measure;

/**
 * Which figures a run can give, from the measures its datasets gave values for (an older
 * vintage kept only for comparison gives none): a column that no dataset of the run can
 * fill, such as immigrants when no flows dataset was loaded, is left out of the run's
 * tables rather than shown empty in every row. Likewise the flags column, which only a
 * run with a flagged value (provisional, estimated, ...) shows.
 *
 * @param measures the measures the run has values for
 * @param flagged whether a value some country-year's figures are built from carries a
 * flag
 */
record Availability(Set<Measure> measures, boolean flagged) {

	Availability {
		measures = measures.isEmpty() ? EnumSet.noneOf(Measure.class) : EnumSet.copyOf(measures);
	}

	/**
	 * A run without a flagged value.
	 */
	Availability(Set<Measure> measures) {
		this(measures, false);
	}

	boolean has(Measure measure) {
		return this.measures.contains(measure);
	}

	boolean population() {
		return has(Measure.POPULATION);
	}

	/**
	 * @return whether both immigrants and emigrants are given, so that their difference
	 * can be
	 */
	boolean flows() {
		return has(Measure.IMMIGRANTS) && has(Measure.EMIGRANTS);
	}

	/**
	 * @return whether net migration is given, or can be taken as immigrants minus
	 * emigrants
	 */
	boolean netMigration() {
		return has(Measure.NET_MIGRATION) || flows();
	}

	boolean births() {
		return has(Measure.BIRTHS);
	}

	boolean deaths() {
		return has(Measure.DEATHS);
	}

	boolean naturalIncrease() {
		return births() && deaths();
	}

	boolean reportedChange() {
		return has(Measure.POPULATION_CHANGE);
	}

	/**
	 * @return whether the balancing residual can be computed: reported population change,
	 * births, deaths and net migration
	 */
	boolean balance() {
		return reportedChange() && naturalIncrease() && netMigration();
	}

	boolean migrantStock() {
		return has(Measure.MIGRANT_STOCK);
	}

}
