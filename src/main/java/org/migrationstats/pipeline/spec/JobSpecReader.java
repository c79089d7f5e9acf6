package org.migrationstats.pipeline.spec;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a job file into a {@link JobSpec}, refusing anything it does not understand with
 * the file, the line and what was expected.
 */
public final class JobSpecReader {

	/** Markers that mean "no value" when a dataset does not list its own. */
	public static final List<String> DEFAULT_MISSING = List.of("", "..", "...", "-", "\u2014", "NA", "n/a", "N/A");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Set<String> TOP_KEYS = Set.of("name", "schedule", "zone", "membership", "membership-dates",
			"membership-totals", "membership-checks", "aliases", "output", "datasets", "periods", "limits", "figures",
			"groups", "report", "catch-up", "ingest-threads");

	private static final Set<String> DATASET_KEYS = Set.of("id", "path", "format", "delimiter", "encoding", "layout",
			"measure", "columns", "scale", "missing", "vintage", "reference-date", "sum-records", "sum-to-year",
			"sheet", "sheets", "header-row", "header-rows", "header-group", "period-year", "decimal", "series",
			"filters", "on-error", "max-rejects", "max-reject-ratio", "chunk-size", "max-field-length",
			"max-line-length");

	private static final Pattern LENGTH = Pattern.compile("(\\d{1,9})\\s*(KiB|MiB)?", Pattern.CASE_INSENSITIVE);

	/**
	 * How many aliases ({@code *name}) of lists and mappings a job file may hold
	 * (SnakeYAML's default, stated here): a job file needs few, and aliases of aliases
	 * ("billion laughs") make a document whose expansion no memory holds.
	 */
	private static final int MAX_ALIASES = 50;

	private final Path file;

	private JobSpecReader(Path file) {
		this.file = file;
	}

	/**
	 * Reads and validates a job file.
	 * @param file the YAML file
	 * @return the validated spec
	 * @throws SpecException if the file is missing, malformed or invalid
	 */
	public static JobSpec read(Path file) {
		return new JobSpecReader(file).parse();
	}

	private JobSpec parse() {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.file);
		}
		catch (NoSuchFileException ex) {
			throw new SpecException(this.file, 0, "job file not found");
		}
		catch (IOException ex) {
			throw new SpecException(this.file, 0, "cannot read the job file: " + ex.getMessage());
		}
		Node root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(MAX_ALIASES);
			options.setAllowRecursiveKeys(false);
			root = new Yaml(options).compose(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			throw new SpecException(this.file, line, "not valid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			// SnakeYAML's own limits (aliases, nesting depth, document size) say no mark
			throw new SpecException(this.file, 0, "the YAML is refused: " + ex.getMessage());
		}
		if (root == null) {
			throw new SpecException(this.file, 0, "the job file is empty");
		}
		Map<String, Node> top = mapping(root, "the job", TOP_KEYS);
		String name = requiredText(top, "name", root);
		if (!NAME.matcher(name).matches()) {
			throw error(top.get("name"), "name must be lower-case letters, digits and hyphens, found '" + name + "'");
		}
		String schedule = optionalText(top, "schedule", "0 30 2 * * *");
		ZoneId zone = zone(top);
		Path membership = Path.of(requiredText(top, "membership", root));
		Path output = Path.of(optionalText(top, "output", "output"));
		List<DatasetSpec> datasets = datasets(top, root);
		List<PeriodSpec> periods = periods(top);
		Limits limits = limits(top);
		return new JobSpec(name, this.file, schedule, zone, membership, datasets, periods, output, limits,
				sha256(bytes), membershipDates(top), membershipChecks(top), aliases(top), figures(top, datasets),
				report(top), bool(top, "catch-up"), positive(top, "ingest-threads", 0, 64), membershipTotals(top));
	}

	private ReportSettings report(Map<String, Node> top) {
		Node node = top.get("report");
		Map<String, Node> map = (node != null)
				? mapping(node, "report", Set.of("chart-countries", "csv-neutralise-formulas")) : Map.of();
		boolean neutralise = true;
		if (map.containsKey("csv-neutralise-formulas")) {
			String text = scalar(map.get("csv-neutralise-formulas"), "csv-neutralise-formulas").strip();
			if (!text.equals("true") && !text.equals("false")) {
				throw error(map.get("csv-neutralise-formulas"),
						"csv-neutralise-formulas must be true or false, found '" + text + "'");
			}
			neutralise = Boolean.parseBoolean(text);
		}
		if (map.containsKey("chart-countries")) {
			Node list = map.get("chart-countries");
			List<String> keys = names(list, "chart-countries").stream().map(String::strip).toList();
			for (String key : keys) {
				if (!key.matches("[A-Z]{3}")) {
					throw error(list, "chart-countries must list country keys such as KAZ, found '" + key + "'");
				}
			}
			if (keys.isEmpty() || keys.size() > ReportSettings.MAX_CHART_COUNTRIES
					|| Set.copyOf(keys).size() < keys.size()) {
				throw error(list,
						"chart-countries must list from 1 to " + ReportSettings.MAX_CHART_COUNTRIES
								+ " different countries, found " + keys.size()
								+ (keys.isEmpty() ? "" : ": " + String.join(", ", keys)));
			}
			return new ReportSettings(keys, "report: chart-countries", neutralise);
		}
		if (top.containsKey("groups")) {
			// The first list in the file's order; FigureSettings keeps the groups
			// unordered.
			for (Map.Entry<String, Node> group : mapping(top.get("groups"), "groups", null).entrySet()) {
				List<String> keys = new ArrayList<>(new LinkedHashSet<>(names(group.getValue(), group.getKey())));
				if (!keys.isEmpty()) {
					return new ReportSettings(
							keys.subList(0, Math.min(keys.size(), ReportSettings.MAX_CHART_COUNTRIES)),
							"groups: " + group.getKey(), neutralise);
				}
			}
		}
		return new ReportSettings(List.of(), "", neutralise);
	}

	private List<LocalDate> membershipDates(Map<String, Node> top) {
		Node node = top.get("membership-dates");
		if (node == null) {
			return List.of();
		}
		List<LocalDate> dates = new ArrayList<>();
		for (Node item : sequence(node, "membership-dates")) {
			dates.add(date(item, "membership-dates"));
		}
		return dates;
	}

	private List<MembershipTotal> membershipTotals(Map<String, Node> top) {
		Node node = top.get("membership-totals");
		if (node == null) {
			return List.of();
		}
		List<MembershipTotal> totals = new ArrayList<>();
		Set<LocalDate> dates = new java.util.HashSet<>();
		for (Node item : sequence(node, "membership-totals")) {
			Map<String, Node> map = mapping(item, "membership totals",
					Set.of("date", "members", "observers", "source"));
			LocalDate date = date(requiredNode(map, "date", item), "date");
			Integer members = partyCount(map, "members");
			Integer observers = partyCount(map, "observers");
			if (members == null && observers == null) {
				throw error(item, "the membership totals of " + date
						+ " need 'members', 'observers' or both: the totals the organisation published that day");
			}
			String source = requiredText(map, "source", item);
			if (!dates.add(date)) {
				throw error(item, "membership totals for " + date + " are given twice");
			}
			totals.add(new MembershipTotal(date, members, observers, source, line(item)));
		}
		return totals;
	}

	private Integer partyCount(Map<String, Node> map, String key) {
		Node node = map.get(key);
		if (node == null) {
			return null;
		}
		String text = scalar(node, key).strip();
		if (!text.matches("\\d{1,9}")) {
			throw error(node, "'" + key + "' must be a whole number of parties, 0 or more, found '" + text + "'");
		}
		return Integer.valueOf(text);
	}

	private LocalDate date(Node node, String what) {
		String text = scalar(node, what);
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeException ex) {
			throw error(node, "'" + what + "' needs dates such as 2002-12-02, found '" + text + "'");
		}
	}

	private List<MembershipCheckSpec> membershipChecks(Map<String, Node> top) {
		Node node = top.get("membership-checks");
		if (node == null) {
			return List.of();
		}
		List<MembershipCheckSpec> checks = new ArrayList<>();
		for (Node item : sequence(node, "membership-checks")) {
			Map<String, Node> map = mapping(item, "a membership check",
					Set.of("id", "path", "party", "status", "as-of", "since", "tolerance-years", "scope"));
			String id = requiredText(map, "id", item);
			Path path = Path.of(requiredText(map, "path", item));
			String party = requiredText(map, "party", item);
			boolean snapshot = map.containsKey("status") || map.containsKey("as-of");
			boolean since = map.containsKey("since");
			if (snapshot == since) {
				throw error(item, "membership check '" + id + "' needs either 'status' with 'as-of' (a snapshot of "
						+ "statuses on one date) or 'since' (a column with the year full membership began)");
			}
			String status = snapshot ? requiredText(map, "status", item) : null;
			LocalDate asOf = snapshot ? date(requiredNode(map, "as-of", item), "as-of") : null;
			String sinceColumn = since ? requiredText(map, "since", item) : null;
			int tolerance = 0;
			if (map.containsKey("tolerance-years")) {
				String text = scalar(map.get("tolerance-years"), "tolerance-years");
				if (!text.matches("\\d{1,2}")) {
					throw error(map.get("tolerance-years"),
							"tolerance-years must be a whole number of years, found '" + text + "'");
				}
				tolerance = Integer.parseInt(text);
			}
			String scope = optionalText(map, "scope", "countries-in-data");
			if (!scope.equals("countries-in-data") && !scope.equals("all")) {
				throw error(map.get("scope"), "scope must be countries-in-data or all, found '" + scope + "'");
			}
			checks.add(new MembershipCheckSpec(id, path, party, status, asOf, sinceColumn, tolerance,
					scope.equals("all"), line(item)));
		}
		return checks;
	}

	private FigureSettings figures(Map<String, Node> top, List<DatasetSpec> datasets) {
		Set<String> ids = new LinkedHashSet<>();
		datasets.forEach((d) -> ids.add(d.id()));
		Map<String, List<String>> groups = new LinkedHashMap<>();
		if (top.containsKey("groups")) {
			for (Map.Entry<String, Node> entry : mapping(top.get("groups"), "groups", null).entrySet()) {
				List<String> keys = names(entry.getValue(), entry.getKey());
				for (String key : keys) {
					if (!key.matches("[A-Z]{3}")) {
						throw error(entry.getValue(), "group '" + entry.getKey() + "' must list country keys such as "
								+ "KAZ, found '" + key + "'");
					}
				}
				groups.put(entry.getKey(), keys);
			}
		}
		Node node = top.get("figures");
		if (node == null) {
			return new FigureSettings(Map.of(), FigureSettings.DEFAULTS.sourceTolerance(),
					FigureSettings.DEFAULTS.balanceTolerance(), Map.of(), groups);
		}
		Map<String, Node> map = mapping(node, "figures",
				Set.of("precedence", "source-tolerance", "balance-tolerance", "revisions"));
		Map<Measure, List<String>> precedence = new java.util.EnumMap<>(Measure.class);
		if (map.containsKey("precedence")) {
			for (Map.Entry<String, Node> entry : mapping(map.get("precedence"), "precedence", null).entrySet()) {
				Measure measure = Measure.fromKey(entry.getKey())
					.orElseThrow(() -> error(entry.getValue(), "unknown measure '" + entry.getKey()
							+ "' in precedence, expected one of " + measureKeys()));
				List<String> order = names(entry.getValue(), entry.getKey());
				checkDatasets(order, ids, entry.getValue(), "precedence");
				precedence.put(measure, order);
			}
		}
		Map<String, String> revisions = new LinkedHashMap<>();
		if (map.containsKey("revisions")) {
			for (Map.Entry<String, Node> entry : mapping(map.get("revisions"), "revisions", null).entrySet()) {
				String older = scalar(entry.getValue(), entry.getKey()).strip();
				checkDatasets(List.of(entry.getKey(), older), ids, entry.getValue(), "revisions");
				revisions.put(entry.getKey(), older);
			}
		}
		BigDecimal tolerance = FigureSettings.DEFAULTS.sourceTolerance();
		if (map.containsKey("source-tolerance")) {
			String text = scalar(map.get("source-tolerance"), "source-tolerance").strip();
			try {
				tolerance = new BigDecimal(text);
			}
			catch (NumberFormatException ex) {
				tolerance = BigDecimal.valueOf(-1);
			}
			if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
				throw error(map.get("source-tolerance"),
						"source-tolerance must be a share from 0 to 1 (0.01 is 1 %), found '" + text + "'");
			}
		}
		long balance = FigureSettings.DEFAULTS.balanceTolerance();
		if (map.containsKey("balance-tolerance")) {
			String text = scalar(map.get("balance-tolerance"), "balance-tolerance").strip();
			if (!text.matches("\\d{1,12}")) {
				throw error(map.get("balance-tolerance"),
						"balance-tolerance must be a whole number of persons, found '" + text + "'");
			}
			balance = Long.parseLong(text);
		}
		return new FigureSettings(precedence, tolerance, balance, revisions, groups);
	}

	private void checkDatasets(List<String> named, Set<String> ids, Node node, String what) {
		for (String id : named) {
			if (!ids.contains(id)) {
				throw error(node, what + " names dataset '" + id + "', which the job does not declare (it has "
						+ String.join(", ", ids) + ")");
			}
		}
	}

	private boolean bool(Map<String, Node> map, String key) {
		Node node = map.get(key);
		if (node == null) {
			return false;
		}
		String text = scalar(node, key).strip().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "true", "yes" -> true;
			case "false", "no" -> false;
			default -> throw error(node, "'" + key + "' must be true or false, found '" + text + "'");
		};
	}

	private Map<String, String> aliases(Map<String, Node> top) {
		Node node = top.get("aliases");
		if (node == null) {
			return Map.of();
		}
		Map<String, String> aliases = new LinkedHashMap<>();
		for (Map.Entry<String, Node> entry : mapping(node, "aliases", null).entrySet()) {
			String key = scalar(entry.getValue(), entry.getKey()).strip();
			if (!key.matches("[A-Z]{3}")) {
				throw error(entry.getValue(), "alias '" + entry.getKey() + "' must map to a country key such as KAZ, "
						+ "found '" + key + "'");
			}
			aliases.put(entry.getKey(), key);
		}
		return aliases;
	}

	private Node requiredNode(Map<String, Node> map, String key, Node owner) {
		Node node = map.get(key);
		if (node == null) {
			throw error(owner, "'" + key + "' is missing");
		}
		return node;
	}

	private ZoneId zone(Map<String, Node> top) {
		String zone = optionalText(top, "zone", "UTC");
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw error(top.get("zone"), "zone must be a time zone such as UTC or Europe/Geneva, found '" + zone + "'");
		}
	}

	private List<DatasetSpec> datasets(Map<String, Node> top, Node root) {
		Node node = top.get("datasets");
		if (node == null) {
			throw error(root, "'datasets' is missing: a job needs at least one dataset");
		}
		List<Node> items = sequence(node, "datasets");
		if (items.isEmpty()) {
			throw error(node, "'datasets' is empty: a job needs at least one dataset");
		}
		List<DatasetSpec> datasets = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (Node item : items) {
			DatasetSpec dataset = dataset(item);
			if (!ids.add(dataset.id())) {
				throw error(item, "dataset id '" + dataset.id() + "' is used twice");
			}
			datasets.add(dataset);
		}
		return datasets;
	}

	private DatasetSpec dataset(Node node) {
		Map<String, Node> map = mapping(node, "a dataset", DATASET_KEYS);
		String id = requiredText(map, "id", node);
		if (!NAME.matcher(id).matches()) {
			throw error(map.get("id"), "dataset id must be lower-case letters, digits and hyphens, found '" + id + "'");
		}
		if (id.length() > 60) {
			throw error(map.get("id"), "dataset id must be at most 60 characters, found " + id.length());
		}
		String path = requiredText(map, "path", node);
		Layout layout = layout(map, node);
		Measure measure = map.containsKey("measure") ? measure(map.get("measure")) : null;
		ColumnMapping columns = columns(map, node, layout, measure);
		if (layout == Layout.WIDE && measure == null && columns.series().isEmpty()) {
			throw error(node, "dataset '" + id + "' is wide: it needs 'measure' (one of " + measureKeys()
					+ "), or a series column saying each row's measure with 'series'");
		}
		TableSpec table = table(map, node, layout, columns);
		return new DatasetSpec(id, path, delimiter(map, path), encoding(map), layout, measure, columns, scale(map),
				missing(map), optionalText(map, "vintage", ""), line(node), optionalText(map, "reference-date", ""),
				bool(map, "sum-records"), table);
	}

	private TableSpec table(Map<String, Node> map, Node node, Layout layout, ColumnMapping columns) {
		TableSpec.Format format = format(map);
		if (map.containsKey("sheet") && map.containsKey("sheets")) {
			throw error(map.get("sheets"), "give either 'sheet' or 'sheets', not both");
		}
		List<String> sheets = map.containsKey("sheet") ? List.of(scalar(map.get("sheet"), "sheet").strip())
				: names(map.get("sheets"), "sheets").stream().map(String::strip).toList();
		for (String sheet : sheets) {
			if (sheet.isEmpty()) {
				throw error(map.getOrDefault("sheet", map.get("sheets")), "a sheet name is empty");
			}
		}
		if (!sheets.isEmpty() && (format == TableSpec.Format.TEXT)) {
			throw error(map.getOrDefault("sheet", map.get("sheets")), "a text file has no sheets");
		}
		int headerRow = positive(map, "header-row", 0, 1_048_576);
		int headerRows = positive(map, "header-rows", 1, 20);
		if (headerRow > 0 && headerRows > headerRow) {
			throw error(map.get("header-rows"),
					"header-rows " + headerRows + " is more than the rows down to " + "header-row " + headerRow);
		}
		String headerGroup = optionalText(map, "header-group", "");
		if (!headerGroup.isEmpty() && (layout != Layout.WIDE || headerRows < 2)) {
			throw error(map.get("header-group"), "header-group picks year columns by the header rows above them: "
					+ "it needs layout: wide and header-rows of 2 or more");
		}
		TableSpec.PeriodYear periodYear = TableSpec.PeriodYear.NONE;
		if (map.containsKey("period-year")) {
			String text = scalar(map.get("period-year"), "period-year").strip().toLowerCase(Locale.ROOT);
			periodYear = switch (text) {
				case "start", "first" -> TableSpec.PeriodYear.START;
				case "end", "last" -> TableSpec.PeriodYear.END;
				default -> throw error(map.get("period-year"),
						"period-year must be start or end (the year a 1990-1995 figure is given to), found '" + text
								+ "'");
			};
		}
		boolean decimalComma = false;
		if (map.containsKey("decimal")) {
			String text = scalar(map.get("decimal"), "decimal").strip().toLowerCase(Locale.ROOT);
			decimalComma = switch (text) {
				case ",", "comma" -> true;
				case ".", "point", "dot" -> false;
				default -> throw error(map.get("decimal"), "decimal must be comma or point, found '" + text + "'");
			};
		}
		Map<String, Measure> series = new LinkedHashMap<>();
		if (map.containsKey("series")) {
			for (Map.Entry<String, Node> entry : mapping(map.get("series"), "series", null).entrySet()) {
				series.put(entry.getKey().strip(), measure(entry.getValue()));
			}
		}
		if (series.isEmpty() != columns.series().isEmpty()) {
			throw error(map.containsKey("series") ? map.get("series") : node,
					"a series column and 'series' (each series code with its measure) go together: give both");
		}
		Map<String, List<String>> filters = filters(map.get("filters"));
		TableSpec.OnError onError = TableSpec.OnError.FAIL;
		if (map.containsKey("on-error")) {
			String text = scalar(map.get("on-error"), "on-error").strip().toLowerCase(Locale.ROOT);
			onError = switch (text) {
				case "fail" -> TableSpec.OnError.FAIL;
				case "skip" -> TableSpec.OnError.SKIP;
				default -> throw error(map.get("on-error"),
						"on-error must be fail (the night fails) or skip (the file is listed and left out), found '"
								+ text + "'");
			};
		}
		Limits limits = null;
		if (map.containsKey("max-rejects") || map.containsKey("max-reject-ratio")) {
			double ratio = map.containsKey("max-reject-ratio") ? ratio(map.get("max-reject-ratio")) : 1.0;
			long count = map.containsKey("max-rejects") ? positive(map, "max-rejects", -1, Integer.MAX_VALUE) : -1;
			limits = new Limits(ratio, count);
		}
		int chunkSize = positive(map, "chunk-size", 0, 1_000_000);
		// either limit alone moves the other's default as far as a cell must fit its row
		int line = length(map, "max-line-length", 0);
		int field = length(map, "max-field-length",
				Math.min(LengthLimits.DEFAULT.field(), (line > 0) ? line : LengthLimits.DEFAULT.field()));
		line = (line > 0) ? line : Math.max(field, LengthLimits.DEFAULT.line());
		if (field > line) {
			throw error(map.get("max-field-length"), "max-field-length " + field + " is more than max-line-length "
					+ line + ": a cell cannot be longer than its row");
		}
		return new TableSpec(format, sheets, headerRow, headerRows, headerGroup, periodYear, decimalComma, series,
				filters, onError, limits, chunkSize, new LengthLimits(field, line), bool(map, "sum-to-year"));
	}

	/**
	 * Reads {@code filters}: each classifier column with the value, or list of values, a
	 * row must hold there to be kept.
	 */
	private Map<String, List<String>> filters(Node node) {
		if (node == null) {
			return Map.of();
		}
		Map<String, List<String>> filters = new LinkedHashMap<>();
		Map<String, Node> columns = mapping(node, "filters", null);
		if (columns.isEmpty()) {
			throw error(node, "filters is empty: name a column and the value(s) of the rows to keep, such as "
					+ "{ Criteria: Residence }");
		}
		for (Map.Entry<String, Node> entry : columns.entrySet()) {
			String column = entry.getKey().strip();
			List<String> values = names(entry.getValue(), column).stream().map(String::strip).toList();
			if (column.isEmpty()) {
				throw error(entry.getValue(), "a filter needs the column's header");
			}
			if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
				throw error(entry.getValue(), "filter '" + column + "' must give the value, or a list of values, "
						+ "of the rows to keep, found " + (values.isEmpty() ? "none" : "an empty value"));
			}
			if (filters.put(column, values) != null) {
				throw error(entry.getValue(), "filter column '" + column + "' is named twice");
			}
		}
		return filters;
	}

	/**
	 * Reads a number of characters: {@code 262144}, {@code 256 KiB} or {@code 1 MiB}.
	 */
	private int length(Map<String, Node> map, String key, int fallback) {
		Node node = map.get(key);
		if (node == null) {
			return fallback;
		}
		String text = scalar(node, key).strip();
		java.util.regex.Matcher matcher = LENGTH.matcher(text);
		if (matcher.matches()) {
			long unit = (matcher.group(2) == null) ? 1 : matcher.group(2).equalsIgnoreCase("KiB") ? 1024 : 1024 * 1024;
			long length = Long.parseLong(matcher.group(1)) * unit;
			if (length >= 1 && length <= LengthLimits.MAX) {
				return (int) length;
			}
		}
		throw error(node, key + " must be a number of characters from 1 to 256 MiB, such as 262144, 256 KiB or "
				+ "1 MiB, found '" + text + "'");
	}

	private TableSpec.Format format(Map<String, Node> map) {
		Node node = map.get("format");
		if (node == null) {
			return TableSpec.Format.AUTO;
		}
		String text = scalar(node, "format").strip().toLowerCase(Locale.ROOT);
		TableSpec.Format agency = AgencyDefaults.format(text);
		return (agency != null) ? agency : switch (text) {
			case "auto" -> TableSpec.Format.AUTO;
			case "csv", "tsv", "text", "txt" -> TableSpec.Format.TEXT;
			case "xlsx" -> TableSpec.Format.XLSX;
			case "xls" -> TableSpec.Format.XLS;
			default -> throw error(node,
					"format must be auto, csv, tsv, text, xlsx, xls, sdmx-csv or eurostat-tsv, found '" + text + "'");
		};
	}

	private int positive(Map<String, Node> map, String key, int fallback, int max) {
		Node node = map.get(key);
		if (node == null) {
			return fallback;
		}
		String text = scalar(node, key).strip();
		try {
			int value = Integer.parseInt(text);
			if (value >= 1 && value <= max || (fallback < 0 && value == 0)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw error(node, key + " must be a whole number from " + ((fallback < 0) ? 0 : 1) + " to " + max + ", found '"
				+ text + "'");
	}

	private Layout layout(Map<String, Node> map, Node node) {
		Node layout = map.get("layout");
		if (layout == null && format(map).agency()) {
			return AgencyDefaults.layout(format(map));
		}
		if (layout == null) {
			throw error(node, "'layout' is missing: expected wide (years as columns) or long (a year column)");
		}
		String text = scalar(layout, "layout");
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "wide" -> Layout.WIDE;
			case "long" -> Layout.LONG;
			default -> throw error(layout, "layout must be wide or long, found '" + text + "'");
		};
	}

	private Measure measure(Node node) {
		String text = scalar(node, "measure");
		return Measure.fromKey(text)
			.orElseThrow(() -> error(node, "unknown measure '" + text + "', expected one of " + measureKeys()));
	}

	private ColumnMapping columns(Map<String, Node> dataset, Node datasetNode, Layout layout, Measure measure) {
		Node node = dataset.get("columns");
		TableSpec.Format format = format(dataset);
		if (node == null && !format.agency()) {
			throw error(datasetNode, "'columns' is missing: at least the country column must be named");
		}
		node = (node != null) ? node : datasetNode;
		Map<String, Node> map = (dataset.get("columns") != null) ? mapping(node, "columns", null) : Map.of();
		Map<String, List<String>> written = new java.util.LinkedHashMap<>();
		map.forEach((role, names) -> written.put(role, names(names, role)));
		Map<String, List<String>> named = format.agency() ? AgencyDefaults.columns(format, written) : written;
		List<String> country = named.getOrDefault("country", List.of());
		if (country.isEmpty()) {
			throw error(node, "columns needs 'country': the header(s) of the country code or name column");
		}
		List<String> year = named.getOrDefault("year", List.of());
		List<String> value = named.getOrDefault("value", List.of());
		List<String> series = named.getOrDefault("series", List.of());
		Map<Measure, List<String>> measures = new EnumMap<>(Measure.class);
		for (Map.Entry<String, List<String>> entry : named.entrySet()) {
			String key = entry.getKey();
			if (Set.of("country", "year", "value", "series").contains(key)) {
				continue;
			}
			Measure m = Measure.fromKey(key)
				.orElseThrow(() -> error(map.get(key), "unknown column role '" + key
						+ "', expected country, year, value, series or a measure (" + measureKeys() + ")"));
			measures.put(m, entry.getValue());
		}
		if (layout == Layout.WIDE && (!year.isEmpty() || !value.isEmpty() || !measures.isEmpty())) {
			throw error(node, "a wide dataset takes its years from the header: name only the 'country' column, "
					+ "and a 'series' column if a column says each row's measure");
		}
		if (layout == Layout.WIDE && !series.isEmpty() && measure != null) {
			throw error(dataset.get("measure"), "'measure: " + measure.key() + "' and a 'series' column exclude "
					+ "each other: the dataset's 'series' names the measure of each value of the series column");
		}
		if (layout == Layout.LONG) {
			if (year.isEmpty()) {
				throw error(node, "a long dataset needs a 'year' column");
			}
			if (value.isEmpty() && measures.isEmpty()) {
				throw error(node, "a long dataset needs a 'value' column (with 'measure') or measure columns such as "
						+ "'immigrants'");
			}
			if (!series.isEmpty() && (value.isEmpty() || measure != null || !measures.isEmpty())) {
				throw error(node, "a 'series' column goes with one 'value' column, and the dataset's 'series' names "
						+ "the measure of each series code: remove 'measure' and measure columns");
			}
			if (!value.isEmpty() && measure == null && series.isEmpty()) {
				throw error(node, "a 'value' column needs the dataset's 'measure'");
			}
			if (!value.isEmpty() && !measures.isEmpty()) {
				throw error(node, "name either a 'value' column or measure columns, not both");
			}
			if (measure != null && !measures.isEmpty()) {
				throw error(dataset.get("measure"), "'measure: " + measure.key()
						+ "' goes with a 'value' column; measure columns ("
						+ measures.keySet().stream().map(Measure::key).sorted().collect(Collectors.joining(", "))
						+ ") name their measures themselves: remove 'measure'");
			}
		}
		return new ColumnMapping(country, year, value, measures, series);
	}

	private char delimiter(Map<String, Node> map, String path) {
		Node format = map.get("format");
		Node delimiter = map.get("delimiter");
		if (delimiter != null) {
			String text = scalar(delimiter, "delimiter");
			return switch (text) {
				case ",", ";", "|" -> text.charAt(0);
				case "\t", "tab", "\\t" -> '\t';
				case "auto" -> 0;
				default -> throw error(delimiter, "delimiter must be one of , ; | tab, found '" + text + "'");
			};
		}
		if (format != null) {
			String text = scalar(format, "format").toLowerCase(Locale.ROOT);
			return switch (text) {
				case "csv" -> ',';
				case "tsv" -> '\t';
				default -> 0;
			};
		}
		return 0;
	}

	private Charset encoding(Map<String, Node> map) {
		Node node = map.get("encoding");
		if (node == null) {
			return StandardCharsets.UTF_8;
		}
		String text = scalar(node, "encoding");
		try {
			return Charset.forName(text);
		}
		catch (IllegalArgumentException ex) {
			throw error(node, "unknown encoding '" + text + "', expected for instance UTF-8 or windows-1252");
		}
	}

	private BigDecimal scale(Map<String, Node> map) {
		Node node = map.get("scale");
		if (node == null) {
			return BigDecimal.ONE;
		}
		String text = scalar(node, "scale").toLowerCase(Locale.ROOT);
		return switch (text) {
			case "units", "persons", "1" -> BigDecimal.ONE;
			case "thousands", "1000" -> BigDecimal.valueOf(1000);
			case "millions", "1000000" -> BigDecimal.valueOf(1_000_000);
			default -> throw error(node, "scale must be persons, thousands or millions, found '" + text + "'");
		};
	}

	private List<String> missing(Map<String, Node> map) {
		Node node = map.get("missing");
		return (node != null) ? names(node, "missing") : DEFAULT_MISSING;
	}

	private List<PeriodSpec> periods(Map<String, Node> top) {
		Node node = top.get("periods");
		if (node == null) {
			return List.of();
		}
		List<PeriodSpec> periods = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (Node item : sequence(node, "periods")) {
			Map<String, Node> map = mapping(item, "a period", Set.of("name", "from", "to"));
			String name = requiredText(map, "name", item);
			int from = year(map, "from", item);
			int to = year(map, "to", item);
			if (to < from) {
				throw error(item, "period '" + name + "' ends (" + to + ") before it starts (" + from + ")");
			}
			if (!names.add(name)) {
				throw error(item, "period name '" + name + "' is used twice");
			}
			periods.add(new PeriodSpec(name, from, to));
		}
		return periods;
	}

	private int year(Map<String, Node> map, String key, Node owner) {
		String text = requiredText(map, key, owner);
		try {
			int year = Integer.parseInt(text);
			if (year >= 1800 && year <= 2200) {
				return year;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw error(map.get(key), "'" + key + "' must be a year such as 1991, found '" + text + "'");
	}

	private Limits limits(Map<String, Node> top) {
		Node node = top.get("limits");
		if (node == null) {
			return new Limits(0.05);
		}
		Map<String, Node> map = mapping(node, "limits", Set.of("max-reject-ratio", "max-rejects"));
		double ratio = map.containsKey("max-reject-ratio") ? ratio(map.get("max-reject-ratio")) : 0.05;
		long count = map.containsKey("max-rejects") ? positive(map, "max-rejects", -1, Integer.MAX_VALUE) : -1;
		return new Limits(ratio, count);
	}

	private double ratio(Node ratio) {
		String text = scalar(ratio, "max-reject-ratio");
		try {
			double value = Double.parseDouble(text);
			if (value >= 0 && value <= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw error(ratio, "max-reject-ratio must be a number from 0 to 1 (0.05 is 5 %), found '" + text + "'");
	}

	private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
		if (!(node instanceof MappingNode mapping)) {
			throw error(node, what + " must be a mapping of keys to values");
		}
		Map<String, Node> result = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			String key = scalar(tuple.getKeyNode(), "a key");
			if (allowed != null && !allowed.contains(key)) {
				throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + ", expected one of "
						+ String.join(", ", allowed.stream().sorted().toList()));
			}
			if (result.put(key, tuple.getValueNode()) != null) {
				throw error(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
			}
		}
		return result;
	}

	private List<Node> sequence(Node node, String what) {
		if (!(node instanceof SequenceNode sequence)) {
			throw error(node, "'" + what + "' must be a list (items starting with '- ')");
		}
		return sequence.getValue();
	}

	private List<String> names(Node node, String what) {
		if (node == null) {
			return List.of();
		}
		if (node instanceof ScalarNode scalar) {
			return List.of(scalar.getValue());
		}
		List<String> names = new ArrayList<>();
		for (Node item : sequence(node, what)) {
			names.add(scalar(item, what));
		}
		return names;
	}

	private String requiredText(Map<String, Node> map, String key, Node owner) {
		Node node = map.get(key);
		if (node == null) {
			throw error(owner, "'" + key + "' is missing");
		}
		String text = scalar(node, key);
		if (text.isBlank()) {
			throw error(node, "'" + key + "' is empty");
		}
		return text.trim();
	}

	private String optionalText(Map<String, Node> map, String key, String fallback) {
		Node node = map.get(key);
		return (node != null) ? scalar(node, key).trim() : fallback;
	}

	private String scalar(Node node, String what) {
		if (!(node instanceof ScalarNode scalar)) {
			throw error(node, "'" + what + "' must be a single value, not a list or a mapping");
		}
		return scalar.getValue();
	}

	private SpecException error(Node node, String message) {
		return new SpecException(this.file, line(node), message);
	}

	private static int line(Node node) {
		return (node != null && node.getStartMark() != null) ? node.getStartMark().getLine() + 1 : 0;
	}

	private static String measureKeys() {
		return String.join(", ", java.util.Arrays.stream(Measure.values()).map(Measure::key).toList());
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
