package org.migrationstats.pipeline.ingest;

import java.util.List;

/**
 * One row of a source table, as text.
 *
 * @param row the 1-based row number in the file (the line where it starts for text, the
 * spreadsheet row for a sheet)
 * @param values the cells, in column order
 * @param table which of the file's tables the row is from (0 for the first sheet the
 * dataset names, or a text file)
 */
public record SourceRow(long row, List<String> values, int table) {

	public SourceRow {
		values = List.copyOf(values);
	}

	/**
	 * A row of a file's only table.
	 * @param row the 1-based row number
	 * @param values the cells
	 */
	public SourceRow(long row, List<String> values) {
		this(row, values, 0);
	}

}
