package org.migrationstats.pipeline.ingest;

import java.util.List;

/**
 * One row of a source table, as text.
 *
 * @param row the 1-based row number in the file (the line where it starts for text, the
 * spreadsheet row for a sheet)
 * @param values the cells, in column order
 */
public record SourceRow(long row, List<String> values) {

	public SourceRow {
		values = (values instanceof OwnedList) ? values : List.copyOf(values);
	}

	/**
	 * A row over an array its reader made for it and hands over: the row keeps the array
	 * without copying it, and nobody else may change it.
	 * @param row the 1-based row number
	 * @param cells the cells, none {@code null}
	 * @return the row
	 */
	public static SourceRow owning(long row, String[] cells) {
		return new SourceRow(row, OwnedList.of(cells));
	}

}
