package org.migrationstats.pipeline.batch;

import java.util.function.BooleanSupplier;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Ingests one partition's file a block of rows at a time: each call reads up to a block
 * of rows ({@link SourceRowReader}), maps them ({@link TableMapping}) and hands each
 * mapped row to the {@link BlockWriter}, which writes their observations (or, for
 * record-level datasets, their sums), rejects and filtered rows, and the block's counts;
 * the step commits that together with the reader's position before the next call. Counts
 * are kept per row, as a chunk-oriented step would: read, filtered (aggregates, other
 * series, rows the dataset's filters leave out, section headings), skipped (rows rejected
 * whole) and written.
 * <p>
 * A tasklet rather than a chunk-oriented step, because a chunk-oriented step handles each
 * row as an item through listeners, observations and fault-tolerant scanning: for files
 * of millions of rows that costs more than reading them. Rejected rows are not exceptions
 * here but records, kept in the same transaction.
 * <p>
 * A file that mapping finds unusable (a value cell that reads only with the other decimal
 * separator than the job file's, a mapped column missing) fails the partition, or, for a
 * dataset with {@code on-error: skip} read one table per file, is left out whole: the
 * rows already taken from it are deleted in the same transaction, since they were read
 * under a declaration its own cells contradict.
 * <p>
 * A file read to its end with more rows rejected than its {@code max-reject-ratio} fails
 * the partition once its last block is committed, so that its counts and rejects can be
 * seen; the restart deletes what was stored of it and reads it again from its first row,
 * whether the limit was raised or the file mended.
 */
class IngestFileTasklet implements Tasklet, ItemStream {

	/**
	 * The key saying the file went over its reject limit: a restart deletes what was
	 * stored of it and reads it again from its first row.
	 */
	static final String START_OVER = "ingest.start-over";

	/** How often within a block the progress line is offered the rows read so far. */
	private static final int PROGRESS_ROWS = 10_000;

	/**
	 * How often within a block it is asked whether the partition was told to stop (one
	 * query): a block of a record-level dataset holds millions of rows, and a stop that
	 * waited for its end would wait seconds; the block ends early instead, and is
	 * committed.
	 */
	static final int STOP_CHECK_ROWS = 100_000;

	private final SourceRowReader reader;

	private final TableMapping mapping;

	private final BlockWriter writer;

	private final int blockRows;

	private final StepProgress progress;

	private final boolean leaveOutUnusable;

	private final RejectLimits.FileLimit limit;

	private final BooleanSupplier stopRequested;

	/** Whether what was stored of the file is still to be deleted, in the first block. */
	private boolean startingOver;

	/** Why the file, read to its end, fails its partition: over its reject limit. */
	private RejectLimitException overLimit;

	/**
	 * @param leaveOutUnusable whether a file that mapping finds unusable is left out
	 * rather than failing the partition: {@code on-error: skip}, and one table per file,
	 * as the rows of one sheet of a workbook cannot be told from another's once stored
	 * @param limit the file's reject limit, checked as it ends; {@code null} for a file
	 * read as several sheets, whose limit is checked once all its sheets are in
	 * @param stopRequested whether the run, or this partition alone, was told to stop;
	 * asked every {@value #STOP_CHECK_ROWS} rows of a block longer than that
	 */
	IngestFileTasklet(SourceRowReader reader, TableMapping mapping, BlockWriter writer, int blockRows,
			StepProgress progress, boolean leaveOutUnusable, RejectLimits.FileLimit limit,
			BooleanSupplier stopRequested) {
		this.reader = reader;
		this.mapping = mapping;
		this.writer = writer;
		this.blockRows = blockRows;
		this.progress = progress;
		this.leaveOutUnusable = leaveOutUnusable;
		this.limit = limit;
		this.stopRequested = stopRequested;
	}

	@Override
	public void open(ExecutionContext context) {
		this.startingOver = context.containsKey(START_OVER);
		this.overLimit = null;
		ExecutionContext from = this.startingOver ? new ExecutionContext() : context;
		this.reader.open(from);
		this.mapping.open(from);
		this.writer.open(this.reader.sheet());
	}

	@Override
	public void update(ExecutionContext context) {
		this.reader.update(context);
		this.mapping.update(context);
		if (this.startingOver || this.overLimit != null) {
			context.putString(START_OVER, "true");
		}
		else {
			context.remove(START_OVER);
		}
	}

	@Override
	public void close() {
		this.reader.close();
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.overLimit != null) {
			// the file's last block is committed: its rows and counts stay
			throw this.overLimit;
		}
		if (this.startingOver) {
			this.writer.discardFile(null);
			this.startingOver = false;
		}
		long written = 0;
		boolean ended = false;
		boolean discarded = false;
		int taken = 0;
		while (taken < this.blockRows) {
			SourceRow row;
			try {
				row = this.reader.read();
			}
			catch (RowRejectedException ex) {
				// a file left out (on-error: skip): listed, and the reader is at its end
				this.writer.rejectFile(ex.getRejection());
				contribution.incrementReadSkipCount();
				continue;
			}
			if (row == null) {
				ended = true;
				break;
			}
			taken++;
			contribution.incrementReadCount();
			if (taken % PROGRESS_ROWS == 0) {
				StepExecution step = contribution.getStepExecution();
				this.progress.progress(step, step.getReadCount() + taken);
			}
			try {
				MappedRow mapped = this.mapping.map(row);
				this.writer.add(mapped);
				if (mapped instanceof MappedRow.CountryRow) {
					written++;
				}
				else {
					contribution.incrementFilterCount(1);
				}
			}
			catch (RowRejectedException ex) {
				this.writer.rejectRow(ex.getRejection());
				contribution.incrementProcessSkipCount(1);
			}
			catch (SourceFormatException ex) {
				if (!this.leaveOutUnusable) {
					throw ex;
				}
				// none of the file's rows is kept: neither those of this block nor those
				// of the blocks committed before
				this.writer.discardFile(this.mapping.numberFormat());
				discarded = true;
				written = 0;
				contribution.getStepExecution().setWriteCount(0);
				this.writer.rejectFile(this.reader.leaveOut(ex));
				contribution.incrementReadSkipCount();
				ended = true;
				break;
			}
			if (taken % STOP_CHECK_ROWS == 0 && taken < this.blockRows && this.stopRequested.getAsBoolean()) {
				// the block ends here and is committed; the step stops at its end, as
				// at any block's, and a restart reads on from the next row
				break;
			}
		}
		if (!discarded) {
			this.writer.rejectColumns(this.mapping.leftOutColumns());
		}
		this.writer.finish(this.mapping.numberFormat());
		contribution.incrementWriteCount(written);
		if (!ended) {
			return RepeatStatus.CONTINUABLE;
		}
		this.overLimit = (this.limit != null) ? this.limit.check(this.writer.total()) : null;
		if (this.overLimit != null) {
			// one more call, after this block commits, fails the partition
			return RepeatStatus.CONTINUABLE;
		}
		this.writer.end();
		return RepeatStatus.FINISHED;
	}

}
