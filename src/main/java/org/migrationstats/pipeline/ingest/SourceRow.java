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
		values = List.copyOf(values);
	}

}
