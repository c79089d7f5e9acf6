package org.migrationstats.pipeline.ingest;

import java.io.Closeable;

/**
 * The rows of one table (a delimited text file or one sheet of a workbook) as text cells,
 * in file order, before any header is known: title rows, header rows, data, notes.
 * Implementations stream: memory does not grow with the number of rows.
 */
public interface RowSource extends Closeable {

	/**
	 * @return the sheet's name, or an empty string for a text file
	 */
	String sheet();

	/**
	 * Reads the next row. Cells are the text as a user sees it in the file: numbers in
	 * plain notation without grouping ({@code 1234567}, {@code -0.5}, no trailing
	 * {@code .0} on whole numbers), dates as ISO dates, formulas as their cached value;
	 * empty cells between filled ones are empty strings, trailing empty cells may be left
	 * out. Workbook rows with no cells at all may be skipped entirely.
	 * @return the row with its 1-based row number in the file (the line where it starts
	 * for text, the spreadsheet row for a sheet), or {@code null} after the last row
	 * @throws SourceFormatException naming the file (and row, where there is one) when
	 * the file cannot be read further
	 */
	SourceRow next();

	@Override
	void close();

}
