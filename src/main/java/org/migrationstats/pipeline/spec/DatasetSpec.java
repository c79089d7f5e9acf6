package org.migrationstats.pipeline.spec;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.List;

/**
 * One input of a job: where its files are and how to read them.
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

	public DatasetSpec {
		missing = List.copyOf(missing);
		referenceDate = (referenceDate != null) ? referenceDate : "";
		table = (table != null) ? table : TableSpec.DEFAULT;
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
