package org.migrationstats.pipeline.ingest;

import java.util.List;

/**
 * One data row of a source file, as text.
 *
 * @param row the 1-based row number in the file, the header being row 1 when it is the
 * first line
 * @param values the cells, in column order
 */
public record SourceRow(long row, List<String> values) {

	public SourceRow {
		values = List.copyOf(values);
	}

}
