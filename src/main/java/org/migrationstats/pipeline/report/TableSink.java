package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.List;

/**
 * Receives report tables row by row; the workbook and the CSV files are two sinks fed by
 * the same pass over the figures.
 */
interface TableSink {

	/**
	 * Starts a table: on a sheet of its own, or below the previous table when that one is
	 * on the same sheet.
	 * @param table the table's identity (sheet name, CSV file name, title)
	 * @param columns its columns
	 * @throws IOException if the output cannot be written
	 */
	void begin(TableInfo table, List<Column> columns) throws IOException;

	/**
	 * Adds a row; cells are {@code String}, {@code Long}, {@code Integer},
	 * {@code BigDecimal}, {@code LocalDate}, {@link Missing} or {@code null} (a figure
	 * not available; in a text column, no text).
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
	 * @param sheet the sheet name (at most 31 characters, none of {@code : \ / ? * [ ]},
	 * not starting or ending with an apostrophe)
	 * @param csv the CSV file name, without extension: lower-case letters, digits and
	 * underscores; also gives the Excel table its name
	 * @param title the title written above the table, which also says what the sheet
	 * holds in the Contents sheet
	 * @param notes the citations of the notes that apply to the whole table, such as
	 * {@code [note 1] [note 4]}, written after the title; empty for none
	 */
	record TableInfo(String sheet, String csv, String title, String notes) {

		/**
		 * A table no note applies to as a whole.
		 */
		TableInfo(String sheet, String csv, String title) {
			this(sheet, csv, title, "");
		}

		public TableInfo {
			notes = (notes != null) ? notes : "";
			if (sheet.isEmpty() || sheet.length() > 31) {
				throw new IllegalArgumentException("sheet name must have 1 to 31 characters: '" + sheet + "'");
			}
			if (sheet.matches(".*[:\\\\/?*\\[\\]].*") || sheet.startsWith("'") || sheet.endsWith("'")) {
				throw new IllegalArgumentException("sheet name has a character Excel does not allow: '" + sheet + "'");
			}
			if (!csv.matches("[a-z][a-z0-9_]*")) {
				throw new IllegalArgumentException(
						"CSV name must be lower-case letters, digits and underscores: '" + csv + "'");
			}
		}

		/**
		 * @return the title as written above the table: with its note citations
		 */
		String titleWithNotes() {
			return this.notes.isEmpty() ? this.title : this.title + " " + this.notes;
		}

		/**
		 * @return the Excel table's name: the CSV name in upper camel case, such as
		 * {@code CountryYear}
		 */
		String tableName() {
			StringBuilder name = new StringBuilder();
			for (String part : this.csv.split("_")) {
				if (!part.isEmpty()) {
					name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
				}
			}
			return name.toString();
		}

	}

}
