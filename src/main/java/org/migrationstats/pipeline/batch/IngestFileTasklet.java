package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceRow;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Ingests one partition's file a block of rows at a time: each call reads up to a block
 * of rows, maps them, and writes their observations (or, for record-level datasets, their
 * sums), rejects and aggregate rows; the step commits that together with the reader's
 * position before the next call. Counts are kept per row, as a chunk-oriented step would:
 * read, filtered (aggregates, other series), skipped (rejected rows) and written.
 * <p>
 * A tasklet rather than a chunk-oriented step, because a chunk-oriented step handles each
 * row as an item through listeners, observations and fault-tolerant scanning: for files
 * of millions of rows that costs more than reading them. Rejected rows are not exceptions
 * here but records, kept in the same transaction.
 */
class IngestFileTasklet implements Tasklet {

	private final SourceRowReader reader;

	private final RowMappingProcessor processor;

	private final ObservationWriter writer;

	private final int blockRows;

	IngestFileTasklet(SourceRowReader reader, RowMappingProcessor processor, ObservationWriter writer, int blockRows) {
		this.reader = reader;
		this.processor = processor;
		this.writer = writer;
		this.blockRows = blockRows;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<MappedRow.CountryRow> rows = new ArrayList<>(Math.min(this.blockRows, 1 << 16));
		List<Rejection> rejected = new ArrayList<>();
		boolean ended = false;
		int taken = 0;
		while (taken < this.blockRows) {
			SourceRow row;
			try {
				row = this.reader.read();
			}
			catch (RowRejectedException ex) {
				// a file left out (on-error: skip): listed, and the reader is at its end
				rejected.add(ex.getRejection());
				contribution.incrementReadSkipCount();
				continue;
			}
			if (row == null) {
				ended = true;
				break;
			}
			taken++;
			contribution.incrementReadCount();
			try {
				MappedRow.CountryRow mapped = this.processor.process(row);
				if (mapped == null) {
					contribution.incrementFilterCount(1);
				}
				else {
					rows.add(mapped);
				}
			}
			catch (RowRejectedException ex) {
				rejected.add(ex.getRejection());
				contribution.incrementProcessSkipCount(1);
			}
		}
		this.writer.write(rows, rejected);
		contribution.incrementWriteCount(rows.size());
		return ended ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
	}

}
