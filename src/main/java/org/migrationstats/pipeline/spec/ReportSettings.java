package org.migrationstats.pipeline.spec;

import java.util.List;
import java.util.Set;

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
		if (chartCountries == null) {
			throw new IllegalArgumentException("chart countries may be empty, to let the report choose, but not null");
		}
		chartCountries = List.copyOf(chartCountries);
		chartCountriesFrom = (chartCountriesFrom != null) ? chartCountriesFrom : "";
		for (String key : chartCountries) {
			if (!JobSpec.COUNTRY_KEY.matcher(key).matches()) {
				throw new IllegalArgumentException(
						"chart-countries must list country keys such as KAZ, found '" + key + "'");
			}
		}
		if (chartCountries.size() > MAX_CHART_COUNTRIES || Set.copyOf(chartCountries).size() < chartCountries.size()) {
			throw new IllegalArgumentException(
					"chart-countries must list up to " + MAX_CHART_COUNTRIES + " different countries, found "
							+ chartCountries.size() + ": " + String.join(", ", chartCountries));
		}
		if (!chartCountries.isEmpty() && chartCountriesFrom.isBlank()) {
			throw new IllegalArgumentException("chart countries need where they came from, such as "
					+ "'report: chart-countries', for the report to say");
		}
	}

}
