package org.migrationstats.pipeline.spec;

import java.util.List;

/**
 * What the job file says about its report: which countries the net migration chart shows,
 * and whether the CSV files guard text against spreadsheet formulas.
 *
 * @param chartCountries the country keys of the net migration chart, in the order given;
 * empty to let the report choose the five largest absolute net migration totals
 * @param chartCountriesFrom where the list came from, for the report to say: the job
 * file's {@code report: chart-countries}, or the first {@code groups} list; empty when
 * the list is empty
 * @param neutraliseCsv whether CSV text cells that a spreadsheet could take for a formula
 * get a leading apostrophe; off for machine consumers that want every text as read
 */
public record ReportSettings(List<String> chartCountries, String chartCountriesFrom, boolean neutraliseCsv) {

	/** The most countries one chart shows legibly. */
	public static final int MAX_CHART_COUNTRIES = 12;

	/**
	 * The settings of a job file that says nothing about its report and has no groups.
	 */
	public static final ReportSettings DEFAULTS = new ReportSettings(List.of(), "", true);

	public ReportSettings {
		chartCountries = List.copyOf(chartCountries);
		chartCountriesFrom = (chartCountriesFrom != null) ? chartCountriesFrom : "";
	}

}
