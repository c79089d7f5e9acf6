package org.migrationstats.pipeline.ingest;

import java.util.Iterator;
import java.util.List;

/**
 * Rows from a list, as a sheet would give them, for tests of what reads rows.
 */
final class ListRowSource implements RowSource {

	private final Iterator<SourceRow> rows;

	ListRowSource(List<SourceRow> rows) {
		this.rows = rows.iterator();
	}

	@Override
	public String sheet() {
		return "";
	}

	@Override
	public SourceRow next() {
		return this.rows.hasNext() ? this.rows.next() : null;
	}

	@Override
	public void close() {
	}

}
