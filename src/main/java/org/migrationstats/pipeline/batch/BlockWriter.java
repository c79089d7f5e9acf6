package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RecordSums;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.store.IngestStore;

/**
 * Writes what one block of a partition's rows gave: observations (or their sums per
 * country, year and measure for a record-level dataset), rejected rows and cells,
 * aggregate rows and the counts of the other filtered rows, inside the block's
 * transaction: in JDBC batches of at most {@value #BATCH} rows as they come, so that
 * memory does not grow with the block, and the rest when the block ends. It is handed
 * each mapped row; it does not map.
 */
class BlockWriter {

	static final int BATCH = 10_000;

	/** Different reasons and texts of filtered rows counted before they are written. */
	static final int FILTERED_BATCH = 1_000;

	private final IngestStore store;

	private final long runId;

	private final String datasetId;

	private final String file;

	private final boolean sumRecords;

	private final List<Observation> observations = new ArrayList<>();

	private final RecordSums sums = new RecordSums();

	private final List<Rejection> rejections = new ArrayList<>();

	private final List<Rejection> rowRejections = new ArrayList<>();

	private final List<MappedRow.AggregateRow> aggregates = new ArrayList<>();

	private final FilteredRows filtered = new FilteredRows();

	private String sheet = "";

	BlockWriter(IngestStore store, long runId, String datasetId, String file, boolean sumRecords) {
		this.store = store;
		this.runId = runId;
		this.datasetId = datasetId;
		this.file = file;
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
		if (row instanceof MappedRow.CountryRow country) {
			addCountryRow(country);
		}
		else if (row instanceof MappedRow.AggregateRow aggregate) {
			this.aggregates.add(aggregate);
			if (this.aggregates.size() >= BATCH) {
				flushAggregates();
			}
		}
		else if (row instanceof MappedRow.Filtered other) {
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
		this.rejections.addAll(row.rejections());
		if (this.rejections.size() >= BATCH) {
			flushRejections();
		}
	}

	/**
	 * @param rejection a row of the block rejected whole: none of its values is used
	 */
	void rejectRow(Rejection rejection) {
		this.rowRejections.add(rejection);
		if (this.rowRejections.size() >= BATCH) {
			flushRejections();
		}
	}

	/**
	 * @param columns the columns the table's header leaves out, rejected once per file
	 */
	void rejectColumns(List<Rejection> columns) {
		this.rejections.addAll(columns);
	}

	/**
	 * Writes what the block has left: the sums of a record-level dataset, the last
	 * observations and rejections and the rows set aside.
	 */
	void finish() {
		if (this.sumRecords) {
			this.observations.addAll(this.sums.drain());
		}
		flushObservations();
		flushRejections();
		flushAggregates();
		flushFiltered();
	}

	/**
	 * Drops the block's rows not yet written and deletes those of the file already
	 * stored, committed or in this block's transaction: the file is left out whole.
	 */
	void discardFile() {
		this.observations.clear();
		this.sums.drain();
		this.rejections.clear();
		this.rowRejections.clear();
		this.aggregates.clear();
		this.filtered.drain();
		this.store.deleteFile(this.runId, this.datasetId, this.file);
	}

	private void flushAggregates() {
		this.store.saveAggregateRows(this.runId, this.datasetId, this.file, this.aggregates);
		this.aggregates.clear();
	}

	private void flushFiltered() {
		if (this.filtered.size() > 0) {
			this.store.saveFilteredRows(this.runId, this.datasetId, this.file, this.sheet, this.filtered.drain());
		}
	}

	private void flushObservations() {
		this.store.saveObservations(this.runId, this.datasetId, this.file, this.observations);
		this.observations.clear();
	}

	private void flushRejections() {
		this.store.saveRejections(this.runId, IngestStore.INGEST, false, this.rejections);
		this.rejections.clear();
		this.store.saveRejections(this.runId, IngestStore.INGEST, true, this.rowRejections);
		this.rowRejections.clear();
	}

}
