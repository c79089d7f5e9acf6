package org.migrationstats.pipeline.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a dataset's files are laid out beyond their columns: which sheets, where the header
 * is, how numbers and periods are written, and what to do with a file that cannot be
 * read.
 *
 * @param format the file type; {@link Format#AUTO} tells it by the file's first bytes
 * @param sheets the sheets of a workbook to read, by name or 1-based index; empty means
 * the first sheet
 * @param headerRow the 1-based row of the header (the lowest row of a multi-row header);
 * 0 finds it: the first row naming one of the country columns
 * @param headerRows how many rows, ending at the header row, make up the header; upper
 * rows name groups of columns and are carried rightwards over the empty cells of a merged
 * group
 * @param headerGroup for a wide table, the text a year column's group header must contain
 * (e.g. "both sexes"); empty takes every year column
 * @param periodYear for a wide table with period headers such as {@code 1990-1995}, the
 * year a period's figure is given to
 * @param decimalComma whether numbers are written with a decimal comma ({@code 1.234,5})
 * @param series for a table with a series column (a column that says what each row
 * measures), the measure each series code stands for; rows of other series are filtered
 * @param filters the classifier columns whose values decide which rows are kept, each
 * with the values kept (compared as header names are: case, repeated spaces and footnote
 * marks ignored); rows holding another value are filtered
 * @param onError what a file that cannot be read does to the night
 * @param limits the dataset's own reject limits, or {@code null} for the job's
 * @param chunkSize the rows ingested and committed together, or 0 for the pipeline's
 * default
 * @param lengths how long a cell and a row may be
 * @param sumToYear whether monthly and quarterly values are summed to their year (a year
 * with a month or quarter missing is not summed but listed); otherwise a period shorter
 * than a year is rejected
 */
public record TableSpec(Format format, List<String> sheets, int headerRow, int headerRows, String headerGroup,
		PeriodYear periodYear, boolean decimalComma, Map<String, Measure> series, Map<String, List<String>> filters,
		OnError onError, Limits limits, int chunkSize, LengthLimits lengths, boolean sumToYear) {

	/** The defaults: type told by content, first sheet, header found, one header row. */
	public static final TableSpec DEFAULT = new TableSpec(Format.AUTO, List.of(), 0, 1, "", PeriodYear.NONE, false,
			Map.of(), OnError.FAIL, null, 0);

	/** The last row of a worksheet, and so the lowest a header may be. */
	static final int MAX_HEADER_ROW = 1_048_576;

	/** The most rows a header may span. */
	static final int MAX_HEADER_ROWS = 20;

	/** The most rows ingested and committed together. */
	static final int MAX_CHUNK_SIZE = 1_000_000;

	public TableSpec {
		if (format == null || periodYear == null || onError == null) {
			throw new IllegalArgumentException("a table needs its format (AUTO to tell it from the file), its period "
					+ "year (NONE to refuse period headers) and its on-error policy");
		}
		if (sheets == null || series == null || filters == null) {
			throw new IllegalArgumentException("a table's sheets, series and filters may be empty but not null");
		}
		sheets = List.copyOf(sheets);
		if (sheets.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("a sheet name is empty");
		}
		if (!sheets.isEmpty() && format == Format.TEXT) {
			throw new IllegalArgumentException("a text file has no sheets");
		}
		if (headerRow < 0 || headerRow > MAX_HEADER_ROW) {
			throw new IllegalArgumentException("header-row must be a row from 1 to " + MAX_HEADER_ROW
					+ ", or 0 to find the header, found " + headerRow);
		}
		if (headerRows < 1 || headerRows > MAX_HEADER_ROWS) {
			throw new IllegalArgumentException(
					"header-rows must be a whole number from 1 to " + MAX_HEADER_ROWS + ", found " + headerRows);
		}
		if (headerRow > 0 && headerRows > headerRow) {
			throw new IllegalArgumentException(
					"header-rows " + headerRows + " is more than the rows down to header-row " + headerRow);
		}
		headerGroup = (headerGroup != null) ? headerGroup : "";
		if (!headerGroup.isEmpty() && headerRows < 2) {
			throw new IllegalArgumentException("header-group picks year columns by the header rows above them: it "
					+ "needs layout: wide and header-rows of 2 or more");
		}
		series.forEach((code, measure) -> {
			if (measure == null) {
				throw new IllegalArgumentException("series code '" + code + "' needs the measure it stands for");
			}
		});
		// sorted, so that the definition a restart compares reads the same in every
		// process
		series = Collections.unmodifiableMap(new TreeMap<>(series));
		Map<String, List<String>> kept = new TreeMap<>();
		filters.forEach((column, values) -> {
			if (column.isBlank()) {
				throw new IllegalArgumentException("a filter needs the column's header");
			}
			if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException("filter '" + column + "' must give the value, or a list of values, "
						+ "of the rows to keep, found " + (values.isEmpty() ? "none" : "an empty value"));
			}
			kept.put(column, List.copyOf(values));
		});
		filters = Collections.unmodifiableMap(kept);
		if (chunkSize < 0 || chunkSize > MAX_CHUNK_SIZE) {
			throw new IllegalArgumentException("chunk-size must be a whole number from 1 to " + MAX_CHUNK_SIZE
					+ ", or 0 for the pipeline's default, found " + chunkSize);
		}
		lengths = (lengths != null) ? lengths : LengthLimits.DEFAULT;
	}

	public TableSpec(Format format, List<String> sheets, int headerRow, int headerRows, String headerGroup,
			PeriodYear periodYear, boolean decimalComma, Map<String, Measure> series, Map<String, List<String>> filters,
			OnError onError, Limits limits, int chunkSize, LengthLimits lengths) {
		this(format, sheets, headerRow, headerRows, headerGroup, periodYear, decimalComma, series, filters, onError,
				limits, chunkSize, lengths, false);
	}

	/**
	 * A spec without filters, with the default length limits.
	 * @param format the file type
	 * @param sheets the sheets to read
	 * @param headerRow the header's row, or 0 to find it
	 * @param headerRows the rows making up the header
	 * @param headerGroup the group heading of the year columns to take
	 * @param periodYear the year a period's figure is given to
	 * @param decimalComma whether numbers have a decimal comma
	 * @param series the measure of each series code
	 * @param onError what a file that cannot be read does
	 * @param limits the dataset's own reject limits, or {@code null}
	 * @param chunkSize the rows committed together, or 0 for the default
	 */
	public TableSpec(Format format, List<String> sheets, int headerRow, int headerRows, String headerGroup,
			PeriodYear periodYear, boolean decimalComma, Map<String, Measure> series, OnError onError, Limits limits,
			int chunkSize) {
		this(format, sheets, headerRow, headerRows, headerGroup, periodYear, decimalComma, series, Map.of(), onError,
				limits, chunkSize, LengthLimits.DEFAULT);
	}

	/**
	 * A spec with the pipeline's default chunk size.
	 * @param format the file type
	 * @param sheets the sheets to read
	 * @param headerRow the header's row, or 0 to find it
	 * @param headerRows the rows making up the header
	 * @param headerGroup the group heading of the year columns to take
	 * @param periodYear the year a period's figure is given to
	 * @param decimalComma whether numbers have a decimal comma
	 * @param series the measure of each series code
	 * @param onError what a file that cannot be read does
	 * @param limits the dataset's own reject limits, or {@code null}
	 */
	public TableSpec(Format format, List<String> sheets, int headerRow, int headerRows, String headerGroup,
			PeriodYear periodYear, boolean decimalComma, Map<String, Measure> series, OnError onError, Limits limits) {
		this(format, sheets, headerRow, headerRows, headerGroup, periodYear, decimalComma, series, onError, limits, 0);
	}

	/**
	 * @return this without what only decides how failures are judged (on-error and
	 * limits, the row length that fails a file) or how often rows are committed: what a
	 * restart compares with the first run's definition. A row length raised after a file
	 * failed on it does not change the rows committed before.
	 */
	public TableSpec reading() {
		return new TableSpec(this.format, this.sheets, this.headerRow, this.headerRows, this.headerGroup,
				this.periodYear, this.decimalComma, this.series, this.filters, OnError.FAIL, null, 0,
				new LengthLimits(this.lengths.field(), Math.max(this.lengths.field(), LengthLimits.DEFAULT.line())),
				this.sumToYear);
	}

	/** The type of a dataset's files. */
	public enum Format {

		/** Told by the file's first bytes: a workbook (.xlsx, .xls) or delimited text. */
		AUTO,

		/** Delimited text. */
		TEXT,

		/** An Office Open XML workbook. */
		XLSX,

		/** A BIFF8 (Excel 97-2003) workbook. */
		XLS,

		/**
		 * SDMX-CSV (1.0 or 2.0): a long table with a column per dimension,
		 * {@code TIME_PERIOD}, {@code OBS_VALUE} and attribute columns.
		 */
		SDMX_CSV,

		/**
		 * Eurostat's bulk download TSV: a wide table whose first column joins the
		 * dimension codes with commas, and whose values carry their flags.
		 */
		EUROSTAT_TSV;

		/**
		 * @return whether this is a statistical agency's exchange format, whose values
		 * carry flags and whose columns have standard names
		 */
		public boolean agency() {
			return this == SDMX_CSV || this == EUROSTAT_TSV;
		}

	}

	/** The year a period's figure belongs to. */
	public enum PeriodYear {

		/** Period headers are refused: the job file must say. */
		NONE,

		/** The first year of the period ({@code 1990} for {@code 1990-1995}). */
		START,

		/** The last year of the period ({@code 1995} for {@code 1990-1995}). */
		END

	}

	/** What a file that cannot be read (missing, corrupt, encrypted) does. */
	public enum OnError {

		/**
		 * Its partition fails, and so does the night; the other files are still ingested.
		 */
		FAIL,

		/** It is listed as rejected with its reason and the night goes on without it. */
		SKIP

	}

}
