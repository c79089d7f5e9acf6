package org.migrationstats.pipeline.spec;

import java.util.List;
import java.util.Map;

/**
 * What a job file may leave out for a statistical agency's exchange format, because the
 * format names it: SDMX-CSV is a long table whose country is {@code REF_AREA} (or
 * Eurostat's {@code geo}), whose period is {@code TIME_PERIOD} and whose value is
 * {@code OBS_VALUE}; Eurostat's bulk TSV is a wide table whose country is {@code geo}.
 */
final class AgencyDefaults {

	/** The country columns of SDMX-CSV files: SDMX's name, then Eurostat's. */
	static final List<String> SDMX_COUNTRY = List.of("REF_AREA", "geo");

	private AgencyDefaults() {
	}

	/**
	 * @param text a {@code format} as the job file writes it, in lower case
	 * @return the agency format it names, or {@code null}
	 */
	static TableSpec.Format format(String text) {
		return switch (text) {
			case "sdmx-csv", "sdmx" -> TableSpec.Format.SDMX_CSV;
			case "eurostat-tsv", "eurostat" -> TableSpec.Format.EUROSTAT_TSV;
			default -> null;
		};
	}

	/**
	 * @param format an agency format
	 * @return the layout its files have
	 */
	static Layout layout(TableSpec.Format format) {
		return (format == TableSpec.Format.EUROSTAT_TSV) ? Layout.WIDE : Layout.LONG;
	}

	/**
	 * @param format an agency format
	 * @param columns the columns the job file names (any may be missing)
	 * @return the columns, with those the format names filled in where the job file names
	 * none
	 */
	static Map<String, List<String>> columns(TableSpec.Format format, Map<String, List<String>> columns) {
		Map<String, List<String>> filled = new java.util.LinkedHashMap<>(columns);
		if (format == TableSpec.Format.EUROSTAT_TSV) {
			filled.putIfAbsent("country", List.of("geo"));
			return filled;
		}
		filled.putIfAbsent("country", SDMX_COUNTRY);
		filled.putIfAbsent("year", List.of("TIME_PERIOD"));
		boolean measureColumns = filled.keySet()
			.stream()
			.anyMatch((role) -> !List.of("country", "year", "value", "series").contains(role));
		if (!measureColumns) {
			filled.putIfAbsent("value", List.of("OBS_VALUE"));
		}
		return filled;
	}

}
