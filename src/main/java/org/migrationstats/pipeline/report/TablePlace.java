package org.migrationstats.pipeline.report;

import org.apache.poi.ss.util.CellReference;

/**
 * Where a table was written: its sheet, its header row (0-based) and size.
 *
 * @param sheet the sheet name
 * @param headerRow the header row, 0-based
 * @param columns the number of columns, from column A
 * @param dataRows the number of data rows
 */
record TablePlace(String sheet, int headerRow, int columns, int dataRows) {

	/**
	 * @param column a column, 0-based
	 * @return an absolute reference to the column's data cells, such as
	 * {@code 'Chart data'!$B$4:$B$40}
	 */
	String data(int column) {
		String letter = CellReference.convertNumToColString(column);
		return "'" + this.sheet.replace("'", "''") + "'!$" + letter + "$" + (this.headerRow + 2) + ":$" + letter + "$"
				+ (this.headerRow + 1 + Math.max(this.dataRows, 1));
	}

	/**
	 * @param column a column, 0-based
	 * @return the header cell of the column
	 */
	CellReference header(int column) {
		return new CellReference(this.sheet, this.headerRow, column, true, true);
	}

}
