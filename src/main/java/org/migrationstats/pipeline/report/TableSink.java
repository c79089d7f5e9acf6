package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.List;

/**
 * Receives report tables row by row; the workbook and the CSV files are two sinks fed by
 * the same pass over the figures.
 */
interface TableSink {

	/**
	 * Starts a table.
	 * @param table the table's identity (sheet name, CSV file name, title)
	 * @param columns its columns
	 * @throws IOException if the output cannot be written
	 */
	void begin(TableInfo table, List<Column> columns) throws IOException;

	/**
	 * Adds a row; cells are {@code String}, {@code Long}, {@code Integer},
	 * {@code BigDecimal}, {@code LocalDate} or {@code null}.
	 * @param cells the row's cells, one per column
	 * @throws IOException if the output cannot be written
	 */
	void row(List<?> cells) throws IOException;

	/**
	 * Ends the current table.
	 * @throws IOException if the output cannot be written
	 */
	void end() throws IOException;

	/**
	 * A table of the report.
	 *
	 * @param sheet the sheet name (at most 31 characters)
	 * @param csv the CSV file name, without extension
	 * @param title the title written above the table
	 */
	record TableInfo(String sheet, String csv, String title) {

		public TableInfo {
			if (sheet.length() > 31) {
				throw new IllegalArgumentException("sheet name longer than Excel allows: " + sheet);
			}
		}

	}

}
