package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.FlaggedCell;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RecordSums;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.store.FileCountStore;
import org.migrationstats.pipeline.store.IngestStore;
import org.migrationstats.pipeline.store.RowCounts;

/**
 * Writes what one block of a partition's rows gave: observations (or their sums per
 * country, year and measure for a record-level dataset), rejected rows and cells,
 * aggregate rows and the counts of the other filtered rows, inside the block's
 * transaction: in JDBC batches of at most {@value #BATCH} rows as they come, so that
 * memory does not grow with the block, and the rest when the block ends, with the block's
 * counts. It is handed each mapped row; it does not map.
 */
class BlockWriter {

	static final int BATCH = 10_000;

	/** Different reasons and texts of filtered rows counted before they are written. */
	static final int FILTERED_BATCH = 1_000;

	private final IngestStore store;

	private final FileCountStore counts;

	private final FileCountStore.InputTable table;

	private final long executionId;

	private final boolean sumRecords;

	private final List<Observation> observations = new ArrayList<>();

	private final RecordSums sums = new RecordSums();

	private final List<Rejection> rejections = new ArrayList<>();

	private final List<Rejection> rowRejections = new ArrayList<>();

	private final List<MappedRow.AggregateRow> aggregates = new ArrayList<>();

	private final FilteredRows filtered = new FilteredRows();

	private final Tally tally = new Tally();

	/** Value cells of an agency's file that held no value, per reason. */
	private final Map<String, Long> missing = new TreeMap<>();

	private String sheet = "";

	/**
	 * @param store where rows go
	 * @param counts where the block's counts go
	 * @param table the table the partition reads
	 * @param executionId the job execution
	 * @param sumRecords whether the dataset is record-level: its observations are summed
	 */
	BlockWriter(IngestStore store, FileCountStore counts, FileCountStore.InputTable table, long executionId,
			boolean sumRecords) {
		this.store = store;
		this.counts = counts;
		this.table = table;
		this.executionId = executionId;
		this.sumRecords = sumRecords;
	}

	/**
	 * @param sheet the sheet being read, empty for a text file: filtered rows are counted
	 * per sheet
	 */
	void open(String sheet) {
		this.sheet = sheet;
	}

	/**
	 * @param row a mapped row of the block: a country's, or one filtered (about an
	 * aggregate, or left out for another reason)
	 */
	void add(MappedRow row) {
		this.tally.read++;
		if (row instanceof MappedRow.CountryRow country) {
			this.tally.written++;
			addCountryRow(country);
		}
		else if (row instanceof MappedRow.AggregateRow aggregate) {
			this.tally.aggregates++;
			this.aggregates.add(aggregate);
			if (this.aggregates.size() >= BATCH) {
				flushAggregates();
			}
		}
		else if (row instanceof MappedRow.Filtered other) {
			this.tally.otherFiltered++;
			this.filtered.add(other);
			if (this.filtered.size() >= FILTERED_BATCH) {
				flushFiltered();
			}
		}
	}

	private void addCountryRow(MappedRow.CountryRow row) {
		if (this.sumRecords) {
			row.observations().forEach(this.sums::add);
		}
		else {
			this.observations.addAll(row.observations());
			if (this.observations.size() >= BATCH) {
				flushObservations();
			}
		}
		for (String reason : row.missing()) {
			this.missing.merge(reason, 1L, Long::sum);
			if (FlaggedCell.CONFIDENTIAL.equals(reason)) {
				this.tally.missingConfidential++;
			}
			else {
				this.tally.missingNotAvailable++;
			}
		}
		if (!row.rejections().isEmpty()) {
			this.tally.rejected++;
			this.tally.valuesRejected += row.rejections().size();
			this.rejections.addAll(row.rejections());
			if (this.rejections.size() >= BATCH) {
				flushRejections();
			}
		}
	}

	/**
	 * @param rejection a row of the block rejected whole: none of its values is used
	 */
	void rejectRow(Rejection rejection) {
		this.tally.read++;
		addRowRejection(rejection);
	}

	/**
	 * @param rejection the file, or the rest of it from where it could not be read, left
	 * out as one rejected row (row 0): it is not a row read
	 */
	void rejectFile(Rejection rejection) {
		addRowRejection(rejection);
	}

	private void addRowRejection(Rejection rejection) {
		this.tally.rejected++;
		this.tally.rejectedWhole++;
		this.tally.valuesRejected++;
		this.rowRejections.add(rejection);
		if (this.rowRejections.size() >= BATCH) {
			flushRejections();
		}
	}

	/**
	 * @param columns the columns the table's header leaves out, rejected once per file
	 * (their header row counts as one row rejected)
	 */
	void rejectColumns(List<Rejection> columns) {
		if (!columns.isEmpty()) {
			this.tally.rejected++;
			this.tally.valuesRejected += columns.size();
			this.rejections.addAll(columns);
		}
	}

	/**
	 * Writes what the block has left: the sums of a record-level dataset, the last
	 * observations and rejections and the rows set aside; and adds the block's counts to
	 * the table's.
	 * @param numberFormat what the table's value cells showed about the decimal separator
	 * so far, or {@code null} if no row was mapped
	 */
	void finish(String numberFormat) {
		if (this.sumRecords) {
			this.observations.addAll(this.sums.drain());
		}
		flushObservations();
		flushRejections();
		flushAggregates();
		flushFiltered();
		if (!this.missing.isEmpty()) {
			this.store.saveMissingValues(this.table.runId(), this.table.datasetId(), this.table.fileName(), this.sheet,
					this.missing);
			this.missing.clear();
		}
		this.counts.add(this.table, this.executionId, this.tally.drain(), numberFormat);
	}

	/**
	 * Drops the block's rows not yet written and deletes those of the file already
	 * stored, committed or in this block's transaction, with their counts: the file is
	 * left out whole, or read again from its first row.
	 * @param numberFormat what the file's value cells showed about the decimal separator,
	 * or {@code null}
	 */
	void discardFile(String numberFormat) {
		this.observations.clear();
		this.sums.drain();
		this.rejections.clear();
		this.rowRejections.clear();
		this.aggregates.clear();
		this.filtered.drain();
		this.missing.clear();
		this.tally.drain();
		this.store.deleteFile(this.table.runId(), this.table.datasetId(), this.table.fileName());
		this.counts.cancel(this.table, this.executionId, numberFormat);
	}

	/**
	 * @return what every execution counted of the table so far, the blocks written in
	 * this transaction included
	 */
	RowCounts total() {
		return this.counts.total(this.table);
	}

	/**
	 * Records, with the last block, that the table was read to its end.
	 */
	void end() {
		this.counts.end(this.table, this.executionId);
	}

	private void flushAggregates() {
		this.store.saveAggregateRows(this.table.runId(), this.table.datasetId(), this.table.fileName(),
				this.aggregates);
		this.aggregates.clear();
	}

	private void flushFiltered() {
		if (this.filtered.size() > 0) {
			this.store.saveFilteredRows(this.table.runId(), this.table.datasetId(), this.table.fileName(), this.sheet,
					this.filtered.drain());
		}
	}

	private void flushObservations() {
		this.tally.observations += this.observations.size();
		this.store.saveObservations(this.table.runId(), this.table.datasetId(), this.table.fileName(),
				this.observations);
		this.observations.clear();
	}

	private void flushRejections() {
		this.store.saveRejections(this.table.runId(), IngestStore.INGEST, false, this.rejections);
		this.rejections.clear();
		this.store.saveRejections(this.table.runId(), IngestStore.INGEST, true, this.rowRejections);
		this.rowRejections.clear();
	}

	/** The counts of the block being written. */
	private static final class Tally {

		private long read;

		private long written;

		private long rejected;

		private long rejectedWhole;

		private long aggregates;

		private long otherFiltered;

		private long observations;

		private long valuesRejected;

		private long missingNotAvailable;

		private long missingConfidential;

		RowCounts drain() {
			RowCounts counts = new RowCounts(this.read, this.written, this.rejected, this.rejectedWhole,
					this.aggregates, this.otherFiltered, this.observations, this.valuesRejected,
					this.missingNotAvailable, this.missingConfidential);
			this.missingNotAvailable = 0;
			this.missingConfidential = 0;
			this.read = 0;
			this.written = 0;
			this.rejected = 0;
			this.rejectedWhole = 0;
			this.aggregates = 0;
			this.otherFiltered = 0;
			this.observations = 0;
			this.valuesRejected = 0;
			return counts;
		}

	}

}
