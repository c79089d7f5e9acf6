package org.migrationstats.pipeline.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the keys of a dataset that make its {@link TableSpec}: file type, sheets, header
 * rows, number and period style, series codes, filters, failure policy, reject limits,
 * chunk size and length limits.
 */
final class TableSection {

	private static final Pattern LENGTH = Pattern.compile("(\\d{1,9})\\s*(KiB|MiB)?", Pattern.CASE_INSENSITIVE);

	private final JobFileNodes nodes;

	TableSection(JobFileNodes nodes) {
		this.nodes = nodes;
	}

	TableSpec read(Map<String, Node> map, Node node, Layout layout, ColumnMapping columns) {
		TableSpec.Format format = format(map);
		List<String> sheets = sheets(map, format);
		int headerRow = this.nodes.positive(map, "header-row", 0, TableSpec.MAX_HEADER_ROW);
		int headerRows = this.nodes.positive(map, "header-rows", 1, TableSpec.MAX_HEADER_ROWS);
		if (headerRow > 0 && headerRows > headerRow) {
			throw this.nodes.error(map.get("header-rows"),
					"header-rows " + headerRows + " is more than the rows down to " + "header-row " + headerRow);
		}
		String headerGroup = this.nodes.optionalText(map, "header-group", "");
		if (!headerGroup.isEmpty() && (layout != Layout.WIDE || headerRows < 2)) {
			throw this.nodes.error(map.get("header-group"), "header-group picks year columns by the header rows "
					+ "above them: it needs layout: wide and header-rows of 2 or more");
		}
		TableSpec.PeriodYear periodYear = periodYear(map);
		boolean decimalComma = decimalComma(map);
		Map<String, Measure> series = new LinkedHashMap<>();
		if (map.containsKey("series")) {
			for (Map.Entry<String, Node> entry : this.nodes.mapping(map.get("series"), "series", null).entrySet()) {
				series.put(entry.getKey().strip(), this.nodes.measure(entry.getValue()));
			}
		}
		if (series.isEmpty() != columns.series().isEmpty()) {
			throw this.nodes.error(map.containsKey("series") ? map.get("series") : node,
					"a series column and 'series' (each series code with its measure) go together: give both");
		}
		Map<String, List<String>> filters = filters(map.get("filters"));
		TableSpec.OnError onError = onError(map);
		Limits limits = (map.containsKey("max-rejects") || map.containsKey("max-reject-ratio"))
				? rejectLimits(node, map, 1.0) : null;
		int chunkSize = this.nodes.positive(map, "chunk-size", 0, TableSpec.MAX_CHUNK_SIZE);
		LengthLimits lengths = lengths(map, node);
		boolean sumToYear = this.nodes.bool(map, "sum-to-year");
		return this.nodes.build(node, () -> new TableSpec(format, sheets, headerRow, headerRows, headerGroup,
				periodYear, decimalComma, series, filters, onError, limits, chunkSize, lengths, sumToYear));
	}

	/**
	 * Reads {@code max-reject-ratio} and {@code max-rejects}, of the job or of a dataset.
	 * @param owner the node of the job or the dataset
	 * @param map the mapping holding them
	 * @param defaultRatio the ratio when only {@code max-rejects} is given
	 * @return the limits
	 */
	Limits rejectLimits(Node owner, Map<String, Node> map, double defaultRatio) {
		double ratio = map.containsKey("max-reject-ratio") ? ratio(map.get("max-reject-ratio")) : defaultRatio;
		long count = map.containsKey("max-rejects") ? this.nodes.positive(map, "max-rejects", -1, Integer.MAX_VALUE)
				: -1;
		return this.nodes.build(owner, () -> new Limits(ratio, count));
	}

	TableSpec.Format format(Map<String, Node> map) {
		Node node = map.get("format");
		if (node == null) {
			return TableSpec.Format.AUTO;
		}
		String text = this.nodes.scalar(node, "format").strip().toLowerCase(Locale.ROOT);
		TableSpec.Format agency = AgencyDefaults.format(text);
		return (agency != null) ? agency : switch (text) {
			case "auto" -> TableSpec.Format.AUTO;
			case "csv", "tsv", "text", "txt" -> TableSpec.Format.TEXT;
			case "xlsx" -> TableSpec.Format.XLSX;
			case "xls" -> TableSpec.Format.XLS;
			default -> throw this.nodes.error(node,
					"format must be auto, csv, tsv, text, xlsx, xls, sdmx-csv or eurostat-tsv, found '" + text + "'");
		};
	}

	private List<String> sheets(Map<String, Node> map, TableSpec.Format format) {
		if (map.containsKey("sheet") && map.containsKey("sheets")) {
			throw this.nodes.error(map.get("sheets"), "give either 'sheet' or 'sheets', not both");
		}
		List<String> sheets = map.containsKey("sheet") ? List.of(this.nodes.scalar(map.get("sheet"), "sheet").strip())
				: this.nodes.names(map.get("sheets"), "sheets").stream().map(String::strip).toList();
		for (String sheet : sheets) {
			if (sheet.isEmpty()) {
				throw this.nodes.error(map.getOrDefault("sheet", map.get("sheets")), "a sheet name is empty");
			}
		}
		if (!sheets.isEmpty() && (format == TableSpec.Format.TEXT)) {
			throw this.nodes.error(map.getOrDefault("sheet", map.get("sheets")), "a text file has no sheets");
		}
		return sheets;
	}

	private TableSpec.PeriodYear periodYear(Map<String, Node> map) {
		Node node = map.get("period-year");
		if (node == null) {
			return TableSpec.PeriodYear.NONE;
		}
		String text = this.nodes.scalar(node, "period-year").strip().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "start", "first" -> TableSpec.PeriodYear.START;
			case "end", "last" -> TableSpec.PeriodYear.END;
			default -> throw this.nodes.error(node,
					"period-year must be start or end (the year a 1990-1995 figure is given to), found '" + text + "'");
		};
	}

	private boolean decimalComma(Map<String, Node> map) {
		Node node = map.get("decimal");
		if (node == null) {
			return false;
		}
		String text = this.nodes.scalar(node, "decimal").strip().toLowerCase(Locale.ROOT);
		return switch (text) {
			case ",", "comma" -> true;
			case ".", "point", "dot" -> false;
			default -> throw this.nodes.error(node, "decimal must be comma or point, found '" + text + "'");
		};
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
		Map<String, Node> columns = this.nodes.mapping(node, "filters", null);
		if (columns.isEmpty()) {
			throw this.nodes.error(node, "filters is empty: name a column and the value(s) of the rows to keep, such "
					+ "as { Criteria: Residence }");
		}
		for (Map.Entry<String, Node> entry : columns.entrySet()) {
			String column = entry.getKey().strip();
			List<String> values = this.nodes.names(entry.getValue(), column).stream().map(String::strip).toList();
			if (column.isEmpty()) {
				throw this.nodes.error(entry.getValue(), "a filter needs the column's header");
			}
			if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
				throw this.nodes.error(entry.getValue(), "filter '" + column + "' must give the value, or a list of "
						+ "values, of the rows to keep, found " + (values.isEmpty() ? "none" : "an empty value"));
			}
			if (filters.put(column, values) != null) {
				throw this.nodes.error(entry.getValue(), "filter column '" + column + "' is named twice");
			}
		}
		return filters;
	}

	private TableSpec.OnError onError(Map<String, Node> map) {
		Node node = map.get("on-error");
		if (node == null) {
			return TableSpec.OnError.FAIL;
		}
		String text = this.nodes.scalar(node, "on-error").strip().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "fail" -> TableSpec.OnError.FAIL;
			case "skip" -> TableSpec.OnError.SKIP;
			default -> throw this.nodes.error(node,
					"on-error must be fail (the night fails) or skip (the file is listed and left out), found '" + text
							+ "'");
		};
	}

	private double ratio(Node ratio) {
		String text = this.nodes.scalar(ratio, "max-reject-ratio");
		try {
			double value = Double.parseDouble(text);
			if (value >= 0 && value <= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw this.nodes.error(ratio,
				"max-reject-ratio must be a number from 0 to 1 (0.05 is 5 %), found '" + text + "'");
	}

	private LengthLimits lengths(Map<String, Node> map, Node node) {
		// either limit alone moves the other's default as far as a cell must fit its row
		int given = length(map, "max-line-length", 0);
		int field = length(map, "max-field-length",
				Math.min(LengthLimits.DEFAULT.field(), (given > 0) ? given : LengthLimits.DEFAULT.field()));
		int line = (given > 0) ? given : Math.max(field, LengthLimits.DEFAULT.line());
		if (field > line) {
			throw this.nodes.error(map.get("max-field-length"), "max-field-length " + field
					+ " is more than max-line-length " + line + ": a cell cannot be longer than its row");
		}
		return this.nodes.build(node, () -> new LengthLimits(field, line));
	}

	/**
	 * Reads a number of characters: {@code 262144}, {@code 256 KiB} or {@code 1 MiB}.
	 */
	private int length(Map<String, Node> map, String key, int fallback) {
		Node node = map.get(key);
		if (node == null) {
			return fallback;
		}
		String text = this.nodes.scalar(node, key).strip();
		Matcher matcher = LENGTH.matcher(text);
		if (matcher.matches()) {
			long unit = (matcher.group(2) == null) ? 1 : matcher.group(2).equalsIgnoreCase("KiB") ? 1024 : 1024 * 1024;
			long length = Long.parseLong(matcher.group(1)) * unit;
			if (length >= 1 && length <= LengthLimits.MAX) {
				return (int) length;
			}
		}
		throw this.nodes.error(node, key + " must be a number of characters from 1 to 256 MiB, such as 262144, "
				+ "256 KiB or 1 MiB, found '" + text + "'");
	}

}
