package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each table of the report as it is written, with its rows and time, and a line
 * every {@value #PROGRESS_ROWS} rows of a long one (a night's million rejected rows took
 * 20 s to query and write): the report step reads no rows, so these lines are its
 * progress.
 */
final class ProgressSink implements TableSink {

	private static final Logger log = LoggerFactory.getLogger(ProgressSink.class);

	static final int PROGRESS_ROWS = 250_000;

	private final TableSink sink;

	private TableInfo table;

	private long rows;

	private long started;

	ProgressSink(TableSink sink) {
		this.sink = sink;
	}

	@Override
	public void begin(TableInfo table, List<Column> columns) throws IOException {
		this.table = table;
		this.rows = 0;
		this.started = System.nanoTime();
		this.sink.begin(table, columns);
	}

	@Override
	public void row(List<?> cells) throws IOException {
		this.sink.row(cells);
		this.rows++;
		if (this.rows % PROGRESS_ROWS == 0) {
			log.info("Writing table {} ({}.csv): {} rows so far, in {} s", this.table.sheet(), this.table.csv(),
					String.format("%,d", this.rows), seconds());
		}
	}

	@Override
	public void end() throws IOException {
		this.sink.end();
		log.info("Wrote table {} ({}.csv), {} rows, in {} s", this.table.sheet(), this.table.csv(),
				String.format("%,d", this.rows), seconds());
	}

	private String seconds() {
		return String.format("%.1f", (System.nanoTime() - this.started) / 1e9);
	}

}
