package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One input of a job: where its files are and how to read them. Its layout, measure,
 * columns and table agree with each other as a job file must have them: a wide table
 * takes its years from the header, a long one names its year and value or measure
 * columns, and a series column comes with the measure of each series code.
 *
 * @param id the dataset's name in reports and rejects
 * @param path a file path or glob, relative to the working directory
 * @param delimiter the field separator of a text file, or 0 to detect it from the file
 * @param encoding the character set of the file
 * @param layout wide or long
 * @param measure the measure of a wide table, or of a long table with one value column
 * @param columns the column mapping
 * @param scale the factor that turns a source value into persons (1000 for thousands)
 * @param missing the markers that mean "no value" in a cell
 * @param vintage the edition of the source, shown in the report
 * @param line the line of the job file where the dataset is declared
 * @param referenceDate the day of the year its figures refer to, as the source states it
 * (e.g. "mid-year", "1 January"); empty when the job file does not say
 * @param sumRecords whether rows are records (one per office, permit or event) to be
 * summed per country, year and measure; otherwise a second row for the same key is an
 * error
 * @param table the sheets, header rows, number style and failure policy
 */
public record DatasetSpec(String id, String path, char delimiter, Charset encoding, Layout layout, Measure measure,
		ColumnMapping columns, BigDecimal scale, List<String> missing, String vintage, int line, String referenceDate,
		boolean sumRecords, TableSpec table) {

	/** The longest a dataset id may be. */
	static final int MAX_ID_LENGTH = 60;

	public DatasetSpec {
		if (id == null || !JobSpec.NAME.matcher(id).matches()) {
			throw new IllegalArgumentException(
					"dataset id must be lower-case letters, digits and hyphens, found '" + id + "'");
		}
		if (id.length() > MAX_ID_LENGTH) {
			throw new IllegalArgumentException(
					"dataset id must be at most " + MAX_ID_LENGTH + " characters, found " + id.length());
		}
		if (path == null || path.isBlank()) {
			throw new IllegalArgumentException("dataset '" + id + "' needs the path of its files");
		}
		if (delimiter != 0 && ",;|\t".indexOf(delimiter) < 0) {
			throw new IllegalArgumentException("dataset '" + id
					+ "': the delimiter must be one of , ; | tab, or 0 to detect it, found '" + delimiter + "'");
		}
		if (encoding == null || layout == null || columns == null || missing == null) {
			throw new IllegalArgumentException(
					"dataset '" + id + "' needs its encoding, layout, columns and missing-value markers");
		}
		if (scale == null || scale.signum() <= 0) {
			throw new IllegalArgumentException("dataset '" + id
					+ "': the scale must be a factor above 0, such as 1000 for thousands, found " + scale);
		}
		if (line < 0) {
			throw new IllegalArgumentException(
					"dataset '" + id + "': the line must be 0 (not read from a file) or more, found " + line);
		}
		missing = List.copyOf(missing);
		vintage = (vintage != null) ? vintage : "";
		referenceDate = (referenceDate != null) ? referenceDate : "";
		table = (table != null) ? table : TableSpec.DEFAULT;
		if (layout == Layout.WIDE) {
			checkWide(id, measure, columns);
		}
		else {
			checkLong(id, measure, columns);
		}
		if (columns.series().isEmpty() != table.series().isEmpty()) {
			throw new IllegalArgumentException("dataset '" + id
					+ "': a series column and 'series' (each series code with its measure) go together: give both");
		}
		if (!table.headerGroup().isEmpty() && layout != Layout.WIDE) {
			throw new IllegalArgumentException("dataset '" + id + "': header-group picks year columns by the header "
					+ "rows above them: it needs layout: wide and header-rows of 2 or more");
		}
	}

	private static void checkWide(String id, Measure measure, ColumnMapping columns) {
		if (!columns.year().isEmpty() || !columns.value().isEmpty() || !columns.measures().isEmpty()) {
			throw new IllegalArgumentException("dataset '" + id + "': a wide dataset takes its years from the header: "
					+ "name only the 'country' column, and a 'series' column if a column says each row's measure");
		}
		if (measure != null && !columns.series().isEmpty()) {
			throw new IllegalArgumentException("dataset '" + id + "': 'measure: " + measure.key() + "' and a 'series' "
					+ "column exclude each other: the dataset's 'series' names the measure of each value of the "
					+ "series column");
		}
		if (measure == null && columns.series().isEmpty()) {
			throw new IllegalArgumentException("dataset '" + id + "' is wide: it needs 'measure' (one of "
					+ Measure.keys() + "), or a series column saying each row's measure with 'series'");
		}
	}

	private static void checkLong(String id, Measure measure, ColumnMapping columns) {
		String dataset = "dataset '" + id + "': ";
		if (columns.year().isEmpty()) {
			throw new IllegalArgumentException(dataset + "a long dataset needs a 'year' column");
		}
		if (columns.value().isEmpty() && columns.measures().isEmpty()) {
			throw new IllegalArgumentException(dataset + "a long dataset needs a 'value' column (with 'measure') or "
					+ "measure columns such as 'immigrants'");
		}
		if (!columns.series().isEmpty()
				&& (columns.value().isEmpty() || measure != null || !columns.measures().isEmpty())) {
			throw new IllegalArgumentException(dataset + "a 'series' column goes with one 'value' column, and the "
					+ "dataset's 'series' names the measure of each series code: remove 'measure' and measure columns");
		}
		if (!columns.value().isEmpty() && measure == null && columns.series().isEmpty()) {
			throw new IllegalArgumentException(dataset + "a 'value' column needs the dataset's 'measure'");
		}
		if (measure != null && !columns.measures().isEmpty()) {
			throw new IllegalArgumentException(dataset + "'measure: " + measure.key()
					+ "' goes with a 'value' column; measure columns ("
					+ columns.measures().keySet().stream().map(Measure::key).sorted().collect(Collectors.joining(", "))
					+ ") name their measures themselves: remove 'measure'");
		}
	}

	/**
	 * @return this dataset as it decides what is read from its files, without its place
	 * in the job file, its vintage text or its failure policy: what a restart compares
	 * with the first run's
	 */
	public String readingDefinition() {
		return new DatasetSpec(this.id, this.path, this.delimiter, this.encoding, this.layout, this.measure,
				this.columns, this.scale, this.missing, "", 0, this.referenceDate, this.sumRecords,
				this.table.reading())
			.toString();
	}

	/**
	 * A dataset whose reference date the job file does not state.
	 */
	public DatasetSpec(String id, String path, char delimiter, Charset encoding, Layout layout, Measure measure,
			ColumnMapping columns, BigDecimal scale, List<String> missing, String vintage, int line) {
		this(id, path, delimiter, encoding, layout, measure, columns, scale, missing, vintage, line, "", false,
				TableSpec.DEFAULT);
	}

}
