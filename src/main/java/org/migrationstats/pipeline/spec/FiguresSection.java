package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads what a job file says about the figures: {@code periods}, {@code groups} and
 * {@code figures} (precedence, revisions, tolerances).
 */
final class FiguresSection {

	private static final Set<String> FIGURES_KEYS = Set.of("precedence", "source-tolerance", "balance-tolerance",
			"revisions");

	private final JobFileNodes nodes;

	FiguresSection(JobFileNodes nodes) {
		this.nodes = nodes;
	}

	List<PeriodSpec> periods(Map<String, Node> top) {
		Node node = top.get("periods");
		if (node == null) {
			return List.of();
		}
		List<PeriodSpec> periods = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (Node item : this.nodes.sequence(node, "periods")) {
			Map<String, Node> map = this.nodes.mapping(item, "a period", Set.of("name", "from", "to"));
			String name = this.nodes.requiredText(map, "name", item);
			int from = year(map, "from", item);
			int to = year(map, "to", item);
			PeriodSpec period = this.nodes.build(item, () -> new PeriodSpec(name, from, to));
			if (!names.add(name)) {
				throw this.nodes.error(item, "period name '" + name + "' is used twice");
			}
			periods.add(period);
		}
		return periods;
	}

	private int year(Map<String, Node> map, String key, Node owner) {
		String text = this.nodes.requiredText(map, key, owner);
		try {
			int year = Integer.parseInt(text);
			if (year >= PeriodSpec.FIRST_YEAR && year <= PeriodSpec.LAST_YEAR) {
				return year;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw this.nodes.error(map.get(key), "'" + key + "' must be a year such as 1991, found '" + text + "'");
	}

	/**
	 * Reads {@code groups}, the named country lists.
	 * @param top the job file's top-level keys
	 * @return the lists by name, in the file's order
	 */
	Map<String, List<String>> groups(Map<String, Node> top) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		if (!top.containsKey("groups")) {
			return groups;
		}
		for (Map.Entry<String, Node> entry : this.nodes.mapping(top.get("groups"), "groups", null).entrySet()) {
			List<String> keys = this.nodes.names(entry.getValue(), entry.getKey());
			for (String key : keys) {
				if (!JobSpec.COUNTRY_KEY.matcher(key).matches()) {
					throw this.nodes.error(entry.getValue(), "group '" + entry.getKey() + "' must list country keys "
							+ "such as KAZ, found '" + key + "'");
				}
			}
			groups.put(entry.getKey(), keys);
		}
		return groups;
	}

	FigureSettings figures(Map<String, Node> top, List<DatasetSpec> datasets, Map<String, List<String>> groups) {
		Node node = top.get("figures");
		if (node == null) {
			return this.nodes.build(top.get("groups"),
					() -> new FigureSettings(Map.of(), FigureSettings.DEFAULTS.sourceTolerance(),
							FigureSettings.DEFAULTS.balanceTolerance(), Map.of(), groups));
		}
		Set<String> ids = new LinkedHashSet<>();
		datasets.forEach((d) -> ids.add(d.id()));
		Map<String, Node> map = this.nodes.mapping(node, "figures", FIGURES_KEYS);
		Map<Measure, List<String>> precedence = new EnumMap<>(Measure.class);
		if (map.containsKey("precedence")) {
			for (Map.Entry<String, Node> entry : this.nodes.mapping(map.get("precedence"), "precedence", null)
				.entrySet()) {
				Measure measure = Measure.fromKey(entry.getKey())
					.orElseThrow(() -> this.nodes.error(entry.getValue(), "unknown measure '" + entry.getKey()
							+ "' in precedence, expected one of " + Measure.keys()));
				List<String> order = this.nodes.names(entry.getValue(), entry.getKey());
				checkDatasets(order, ids, entry.getValue(), "precedence");
				precedence.put(measure, order);
			}
		}
		Map<String, String> revisions = new LinkedHashMap<>();
		if (map.containsKey("revisions")) {
			for (Map.Entry<String, Node> entry : this.nodes.mapping(map.get("revisions"), "revisions", null)
				.entrySet()) {
				String older = this.nodes.scalar(entry.getValue(), entry.getKey()).strip();
				checkDatasets(List.of(entry.getKey(), older), ids, entry.getValue(), "revisions");
				revisions.put(entry.getKey(), older);
			}
		}
		BigDecimal sourceTolerance = sourceTolerance(map);
		long balanceTolerance = balanceTolerance(map);
		return this.nodes.build(node,
				() -> new FigureSettings(precedence, sourceTolerance, balanceTolerance, revisions, groups));
	}

	private void checkDatasets(List<String> named, Set<String> ids, Node node, String what) {
		for (String id : named) {
			if (!ids.contains(id)) {
				throw this.nodes.error(node, what + " names dataset '" + id
						+ "', which the job does not declare (it has " + String.join(", ", ids) + ")");
			}
		}
	}

	private BigDecimal sourceTolerance(Map<String, Node> map) {
		Node node = map.get("source-tolerance");
		if (node == null) {
			return FigureSettings.DEFAULTS.sourceTolerance();
		}
		String text = this.nodes.scalar(node, "source-tolerance").strip();
		BigDecimal tolerance;
		try {
			tolerance = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			tolerance = BigDecimal.valueOf(-1);
		}
		if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
			throw this.nodes.error(node,
					"source-tolerance must be a share from 0 to 1 (0.01 is 1 %), found '" + text + "'");
		}
		return tolerance;
	}

	private long balanceTolerance(Map<String, Node> map) {
		Node node = map.get("balance-tolerance");
		if (node == null) {
			return FigureSettings.DEFAULTS.balanceTolerance();
		}
		String text = this.nodes.scalar(node, "balance-tolerance").strip();
		if (!text.matches("\\d{1,12}")) {
			throw this.nodes.error(node, "balance-tolerance must be a whole number of persons, found '" + text + "'");
		}
		return Long.parseLong(text);
	}

}
