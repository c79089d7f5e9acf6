package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.List;

/**
 * Feeds every table to several sinks at once.
 */
final class TeeSink implements TableSink {

	private final List<TableSink> sinks;

	TeeSink(TableSink... sinks) {
		this.sinks = List.of(sinks);
	}

	@Override
	public void begin(TableInfo table, List<Column> columns) throws IOException {
		for (TableSink sink : this.sinks) {
			sink.begin(table, columns);
		}
	}

	@Override
	public void row(List<?> cells) throws IOException {
		for (TableSink sink : this.sinks) {
			sink.row(cells);
		}
	}

	@Override
	public void end() throws IOException {
		for (TableSink sink : this.sinks) {
			sink.end();
		}
	}

}
