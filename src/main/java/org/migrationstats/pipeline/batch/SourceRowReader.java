package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.util.List;

import org.migrationstats.pipeline.ingest.CsvRowSource;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.spec.DatasetSpec;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one partition's file row by row. Its position (rows handed out) is saved with
 * every committed chunk, so a restart skips exactly the rows already committed.
 */
class SourceRowReader implements ItemStreamReader<SourceRow> {

	static final String ROWS = "reader.rows";

	private final DatasetSpec dataset;

	private final Path file;

	private CsvRowSource source;

	private long rows;

	SourceRowReader(DatasetSpec dataset, Path file) {
		this.dataset = dataset;
		this.file = file;
	}

	@Override
	public void open(ExecutionContext context) {
		this.source = new CsvRowSource(this.file, this.file.toString(), this.dataset);
		this.rows = context.getLong(ROWS, 0L);
		this.source.skip(this.rows);
	}

	/**
	 * @return the header of the file being read
	 */
	List<String> header() {
		return this.source.header();
	}

	@Override
	public SourceRow read() {
		SourceRow row = this.source.next();
		if (row != null) {
			this.rows++;
		}
		return row;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(ROWS, this.rows);
	}

	@Override
	public void close() {
		if (this.source != null) {
			this.source.close();
			this.source = null;
		}
	}

}
