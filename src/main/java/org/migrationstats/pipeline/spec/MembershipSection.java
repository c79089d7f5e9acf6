package org.migrationstats.pipeline.spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads what a job file says about membership besides the membership file itself:
 * {@code membership-dates}, {@code membership-checks} and {@code membership-totals}.
 */
final class MembershipSection {

	private static final Set<String> CHECK_KEYS = Set.of("id", "path", "party", "status", "as-of", "since",
			"tolerance-years", "scope");

	private static final Set<String> TOTALS_KEYS = Set.of("date", "members", "observers", "source");

	private final JobFileNodes nodes;

	MembershipSection(JobFileNodes nodes) {
		this.nodes = nodes;
	}

	List<LocalDate> dates(Map<String, Node> top) {
		Node node = top.get("membership-dates");
		if (node == null) {
			return List.of();
		}
		List<LocalDate> dates = new ArrayList<>();
		for (Node item : this.nodes.sequence(node, "membership-dates")) {
			dates.add(this.nodes.date(item, "membership-dates"));
		}
		return dates;
	}

	List<MembershipCheckSpec> checks(Map<String, Node> top) {
		Node node = top.get("membership-checks");
		if (node == null) {
			return List.of();
		}
		List<MembershipCheckSpec> checks = new ArrayList<>();
		for (Node item : this.nodes.sequence(node, "membership-checks")) {
			checks.add(check(item));
		}
		return checks;
	}

	private MembershipCheckSpec check(Node item) {
		Map<String, Node> map = this.nodes.mapping(item, "a membership check", CHECK_KEYS);
		String id = this.nodes.requiredText(map, "id", item);
		Path path = Path.of(this.nodes.requiredText(map, "path", item));
		String party = this.nodes.requiredText(map, "party", item);
		boolean snapshot = map.containsKey("status") || map.containsKey("as-of");
		boolean since = map.containsKey("since");
		if (snapshot == since) {
			throw this.nodes.error(item, "membership check '" + id + "' needs either 'status' with 'as-of' (a "
					+ "snapshot of statuses on one date) or 'since' (a column with the year full membership began)");
		}
		String status = snapshot ? this.nodes.requiredText(map, "status", item) : null;
		LocalDate asOf = snapshot ? this.nodes.date(this.nodes.requiredNode(map, "as-of", item), "as-of") : null;
		String sinceColumn = since ? this.nodes.requiredText(map, "since", item) : null;
		int tolerance = toleranceYears(map);
		String scope = this.nodes.optionalText(map, "scope", "countries-in-data");
		if (!scope.equals("countries-in-data") && !scope.equals("all")) {
			throw this.nodes.error(map.get("scope"), "scope must be countries-in-data or all, found '" + scope + "'");
		}
		return this.nodes.build(item, () -> new MembershipCheckSpec(id, path, party, status, asOf, sinceColumn,
				tolerance, scope.equals("all"), JobFileNodes.line(item)));
	}

	private int toleranceYears(Map<String, Node> map) {
		Node node = map.get("tolerance-years");
		if (node == null) {
			return 0;
		}
		String text = this.nodes.scalar(node, "tolerance-years");
		if (!text.matches("\\d{1,2}")) {
			throw this.nodes.error(node, "tolerance-years must be a whole number of years, found '" + text + "'");
		}
		return Integer.parseInt(text);
	}

	List<MembershipTotal> totals(Map<String, Node> top) {
		Node node = top.get("membership-totals");
		if (node == null) {
			return List.of();
		}
		List<MembershipTotal> totals = new ArrayList<>();
		Set<LocalDate> dates = new HashSet<>();
		for (Node item : this.nodes.sequence(node, "membership-totals")) {
			Map<String, Node> map = this.nodes.mapping(item, "membership totals", TOTALS_KEYS);
			LocalDate date = this.nodes.date(this.nodes.requiredNode(map, "date", item), "date");
			Integer members = partyCount(map, "members");
			Integer observers = partyCount(map, "observers");
			if (members == null && observers == null) {
				throw this.nodes.error(item, "the membership totals of " + date + " need 'members', 'observers' or "
						+ "both: the totals the organisation published that day");
			}
			String source = this.nodes.requiredText(map, "source", item);
			if (!dates.add(date)) {
				throw this.nodes.error(item, "membership totals for " + date + " are given twice");
			}
			totals.add(this.nodes.build(item,
					() -> new MembershipTotal(date, members, observers, source, JobFileNodes.line(item))));
		}
		return totals;
	}

	private Integer partyCount(Map<String, Node> map, String key) {
		Node node = map.get(key);
		if (node == null) {
			return null;
		}
		String text = this.nodes.scalar(node, key).strip();
		if (!text.matches("\\d{1,9}")) {
			throw this.nodes.error(node,
					"'" + key + "' must be a whole number of parties, 0 or more, found '" + text + "'");
		}
		return Integer.valueOf(text);
	}

}
