package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a job file's {@code datasets}: each dataset's id, files, layout, measure, columns
 * and text encoding; the keys that make its {@link TableSpec} are read by
 * {@link TableSection}.
 */
final class DatasetsSection {

	private static final Set<String> DATASET_KEYS = Set.of("id", "path", "format", "delimiter", "encoding", "layout",
			"measure", "columns", "scale", "missing", "vintage", "reference-date", "sum-records", "sum-to-year",
			"sheet", "sheets", "header-row", "header-rows", "header-group", "period-year", "decimal", "series",
			"filters", "on-error", "max-rejects", "max-reject-ratio", "chunk-size", "max-field-length",
			"max-line-length");

	private static final Set<String> LIMITS_KEYS = Set.of("max-reject-ratio", "max-rejects");

	private static final Set<String> COLUMN_ROLES = Set.of("country", "year", "value", "series");

	private final JobFileNodes nodes;

	private final TableSection tables;

	DatasetsSection(JobFileNodes nodes) {
		this.nodes = nodes;
		this.tables = new TableSection(nodes);
	}

	List<DatasetSpec> read(Map<String, Node> top, Node root) {
		Node node = top.get("datasets");
		if (node == null) {
			throw this.nodes.error(root, "'datasets' is missing: a job needs at least one dataset");
		}
		List<Node> items = this.nodes.sequence(node, "datasets");
		if (items.isEmpty()) {
			throw this.nodes.error(node, "'datasets' is empty: a job needs at least one dataset");
		}
		List<DatasetSpec> datasets = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (Node item : items) {
			DatasetSpec dataset = dataset(item);
			if (!ids.add(dataset.id())) {
				throw this.nodes.error(item, "dataset id '" + dataset.id() + "' is used twice");
			}
			datasets.add(dataset);
		}
		return datasets;
	}

	/**
	 * Reads the job's {@code limits}, those of every dataset that sets none of its own.
	 * @param top the job file's top-level keys
	 * @return the limits
	 */
	Limits limits(Map<String, Node> top) {
		Node node = top.get("limits");
		if (node == null) {
			return new Limits(0.05);
		}
		return this.tables.rejectLimits(node, this.nodes.mapping(node, "limits", LIMITS_KEYS), 0.05);
	}

	private DatasetSpec dataset(Node node) {
		Map<String, Node> map = this.nodes.mapping(node, "a dataset", DATASET_KEYS);
		String id = this.nodes.requiredText(map, "id", node);
		if (!JobSpec.NAME.matcher(id).matches()) {
			throw this.nodes.error(map.get("id"),
					"dataset id must be lower-case letters, digits and hyphens, found '" + id + "'");
		}
		if (id.length() > DatasetSpec.MAX_ID_LENGTH) {
			throw this.nodes.error(map.get("id"),
					"dataset id must be at most " + DatasetSpec.MAX_ID_LENGTH + " characters, found " + id.length());
		}
		String path = this.nodes.requiredText(map, "path", node);
		Layout layout = layout(map, node);
		Measure measure = map.containsKey("measure") ? this.nodes.measure(map.get("measure")) : null;
		ColumnMapping columns = columns(map, node, layout, measure);
		if (layout == Layout.WIDE && measure == null && columns.series().isEmpty()) {
			throw this.nodes.error(node, "dataset '" + id + "' is wide: it needs 'measure' (one of " + Measure.keys()
					+ "), or a series column saying each row's measure with 'series'");
		}
		TableSpec table = this.tables.read(map, node, layout, columns);
		char delimiter = delimiter(map);
		Charset encoding = encoding(map);
		BigDecimal scale = scale(map);
		List<String> missing = missing(map);
		String vintage = this.nodes.optionalText(map, "vintage", "");
		String referenceDate = this.nodes.optionalText(map, "reference-date", "");
		boolean sumRecords = this.nodes.bool(map, "sum-records");
		return this.nodes.build(node, () -> new DatasetSpec(id, path, delimiter, encoding, layout, measure, columns,
				scale, missing, vintage, JobFileNodes.line(node), referenceDate, sumRecords, table));
	}

	private Layout layout(Map<String, Node> map, Node node) {
		Node layout = map.get("layout");
		TableSpec.Format format = this.tables.format(map);
		if (layout == null && format.agency()) {
			return AgencyDefaults.layout(format);
		}
		if (layout == null) {
			throw this.nodes.error(node,
					"'layout' is missing: expected wide (years as columns) or long (a year column)");
		}
		String text = this.nodes.scalar(layout, "layout");
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "wide" -> Layout.WIDE;
			case "long" -> Layout.LONG;
			default -> throw this.nodes.error(layout, "layout must be wide or long, found '" + text + "'");
		};
	}

	private ColumnMapping columns(Map<String, Node> dataset, Node datasetNode, Layout layout, Measure measure) {
		Node written = dataset.get("columns");
		TableSpec.Format format = this.tables.format(dataset);
		if (written == null && !format.agency()) {
			throw this.nodes.error(datasetNode, "'columns' is missing: at least the country column must be named");
		}
		Node node = (written != null) ? written : datasetNode;
		Map<String, Node> map = (written != null) ? this.nodes.mapping(written, "columns", null) : Map.of();
		Map<String, List<String>> given = new LinkedHashMap<>();
		map.forEach((role, names) -> given.put(role, this.nodes.names(names, role)));
		// an agency's format has standard column names: those not given are taken from it
		Map<String, List<String>> named = format.agency() ? AgencyDefaults.columns(format, given) : given;
		List<String> country = named.getOrDefault("country", List.of());
		if (country.isEmpty()) {
			throw this.nodes.error(node, "columns needs 'country': the header(s) of the country code or name column");
		}
		List<String> year = named.getOrDefault("year", List.of());
		List<String> value = named.getOrDefault("value", List.of());
		List<String> series = named.getOrDefault("series", List.of());
		Map<Measure, List<String>> measures = new EnumMap<>(Measure.class);
		for (Map.Entry<String, List<String>> entry : named.entrySet()) {
			String key = entry.getKey();
			if (COLUMN_ROLES.contains(key)) {
				continue;
			}
			Measure m = Measure.fromKey(key)
				.orElseThrow(() -> this.nodes.error(map.get(key), "unknown column role '" + key
						+ "', expected country, year, value, series or a measure (" + Measure.keys() + ")"));
			measures.put(m, entry.getValue());
		}
		if (layout == Layout.WIDE && (!year.isEmpty() || !value.isEmpty() || !measures.isEmpty())) {
			throw this.nodes.error(node, "a wide dataset takes its years from the header: name only the 'country' "
					+ "column, and a 'series' column if a column says each row's measure");
		}
		if (layout == Layout.WIDE && !series.isEmpty() && measure != null) {
			throw this.nodes.error(dataset.get("measure"), "'measure: " + measure.key() + "' and a 'series' column "
					+ "exclude each other: the dataset's 'series' names the measure of each value of the series column");
		}
		if (layout == Layout.LONG) {
			checkLong(dataset, node, measure, year, value, measures, series);
		}
		return this.nodes.build(node, () -> new ColumnMapping(country, year, value, measures, series));
	}

	private void checkLong(Map<String, Node> dataset, Node node, Measure measure, List<String> year, List<String> value,
			Map<Measure, List<String>> measures, List<String> series) {
		if (year.isEmpty()) {
			throw this.nodes.error(node, "a long dataset needs a 'year' column");
		}
		if (value.isEmpty() && measures.isEmpty()) {
			throw this.nodes.error(node, "a long dataset needs a 'value' column (with 'measure') or measure columns "
					+ "such as 'immigrants'");
		}
		if (!series.isEmpty() && (value.isEmpty() || measure != null || !measures.isEmpty())) {
			throw this.nodes.error(node, "a 'series' column goes with one 'value' column, and the dataset's 'series' "
					+ "names the measure of each series code: remove 'measure' and measure columns");
		}
		if (!value.isEmpty() && measure == null && series.isEmpty()) {
			throw this.nodes.error(node, "a 'value' column needs the dataset's 'measure'");
		}
		if (!value.isEmpty() && !measures.isEmpty()) {
			throw this.nodes.error(node, "name either a 'value' column or measure columns, not both");
		}
		if (measure != null && !measures.isEmpty()) {
			throw this.nodes.error(dataset.get("measure"),
					"'measure: " + measure.key() + "' goes with a 'value' column; measure columns ("
							+ measures.keySet().stream().map(Measure::key).sorted().collect(Collectors.joining(", "))
							+ ") name their measures themselves: remove 'measure'");
		}
	}

	private char delimiter(Map<String, Node> map) {
		Node delimiter = map.get("delimiter");
		if (delimiter != null) {
			String text = this.nodes.scalar(delimiter, "delimiter");
			return switch (text) {
				case ",", ";", "|" -> text.charAt(0);
				case "\t", "tab", "\\t" -> '\t';
				case "auto" -> 0;
				default ->
					throw this.nodes.error(delimiter, "delimiter must be one of , ; | tab, found '" + text + "'");
			};
		}
		Node format = map.get("format");
		if (format != null) {
			return switch (this.nodes.scalar(format, "format").toLowerCase(Locale.ROOT)) {
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
		String text = this.nodes.scalar(node, "encoding");
		try {
			return Charset.forName(text);
		}
		catch (IllegalArgumentException ex) {
			throw this.nodes.error(node,
					"unknown encoding '" + text + "', expected for instance UTF-8 or windows-1252");
		}
	}

	private BigDecimal scale(Map<String, Node> map) {
		Node node = map.get("scale");
		if (node == null) {
			return BigDecimal.ONE;
		}
		String text = this.nodes.scalar(node, "scale").toLowerCase(Locale.ROOT);
		return switch (text) {
			case "units", "persons", "1" -> BigDecimal.ONE;
			case "thousands", "1000" -> BigDecimal.valueOf(1000);
			case "millions", "1000000" -> BigDecimal.valueOf(1_000_000);
			default ->
				throw this.nodes.error(node, "scale must be persons, thousands or millions, found '" + text + "'");
		};
	}

	private List<String> missing(Map<String, Node> map) {
		Node node = map.get("missing");
		return (node != null) ? this.nodes.names(node, "missing") : JobSpecReader.DEFAULT_MISSING;
	}

}
