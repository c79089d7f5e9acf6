package org.migrationstats.pipeline.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a job file's {@code report}: the countries the chart shows, by default the first
 * group's, and whether CSV text is guarded against spreadsheet formulas.
 */
final class ReportSection {

	private static final Set<String> REPORT_KEYS = Set.of("chart-countries", "csv-neutralise-formulas");

	private final JobFileNodes nodes;

	ReportSection(JobFileNodes nodes) {
		this.nodes = nodes;
	}

	/**
	 * Reads the report settings.
	 * @param top the job file's top-level keys
	 * @param groups the job's country groups in the file's order
	 * @return the settings
	 */
	ReportSettings read(Map<String, Node> top, Map<String, List<String>> groups) {
		Node node = top.get("report");
		Map<String, Node> map = (node != null) ? this.nodes.mapping(node, "report", REPORT_KEYS) : Map.of();
		boolean neutralise = neutralise(map);
		if (map.containsKey("chart-countries")) {
			Node list = map.get("chart-countries");
			List<String> keys = chartCountries(list);
			return this.nodes.build(list, () -> new ReportSettings(keys, "report: chart-countries", neutralise));
		}
		// The first list in the file's order; FigureSettings keeps the groups unordered.
		for (Map.Entry<String, List<String>> group : groups.entrySet()) {
			List<String> keys = new ArrayList<>(new LinkedHashSet<>(group.getValue()));
			if (!keys.isEmpty()) {
				List<String> first = keys.subList(0, Math.min(keys.size(), ReportSettings.MAX_CHART_COUNTRIES));
				return this.nodes.build(top.get("groups"),
						() -> new ReportSettings(first, "groups: " + group.getKey(), neutralise));
			}
		}
		return new ReportSettings(List.of(), "", neutralise);
	}

	private boolean neutralise(Map<String, Node> map) {
		Node node = map.get("csv-neutralise-formulas");
		if (node == null) {
			return true;
		}
		String text = this.nodes.scalar(node, "csv-neutralise-formulas").strip();
		if (!text.equals("true") && !text.equals("false")) {
			throw this.nodes.error(node, "csv-neutralise-formulas must be true or false, found '" + text + "'");
		}
		return Boolean.parseBoolean(text);
	}

	private List<String> chartCountries(Node list) {
		List<String> keys = this.nodes.names(list, "chart-countries").stream().map(String::strip).toList();
		for (String key : keys) {
			if (!JobSpec.COUNTRY_KEY.matcher(key).matches()) {
				throw this.nodes.error(list, "chart-countries must list country keys such as KAZ, found '" + key + "'");
			}
		}
		if (keys.isEmpty() || keys.size() > ReportSettings.MAX_CHART_COUNTRIES
				|| Set.copyOf(keys).size() < keys.size()) {
			throw this.nodes.error(list,
					"chart-countries must list from 1 to " + ReportSettings.MAX_CHART_COUNTRIES
							+ " different countries, found " + keys.size()
							+ (keys.isEmpty() ? "" : ": " + String.join(", ", keys)));
		}
		return keys;
	}

}
