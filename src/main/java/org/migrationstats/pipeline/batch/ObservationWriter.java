package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RecordSums;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.store.IngestStore;

/**
 * Writes a block's observations (or their sums per country, year and measure for a
 * record-level dataset), its rejected rows and cells, its aggregate rows and the counts
 * of its other filtered rows, inside the block's transaction: in JDBC batches of at most
 * {@value #BATCH} rows as they come, so that memory does not grow with the block, and the
 * rest when the block ends.
 */
class ObservationWriter {

	static final int BATCH = 10_000;

	/** Different reasons and texts of filtered rows counted before they are written. */
	static final int FILTERED_BATCH = 1_000;

	private final IngestStore store;

	private final RowMappingProcessor processor;

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

	/** Value cells of an agency's file that held no value, per reason. */
	private final Map<String, Long> missing = new TreeMap<>();

	ObservationWriter(IngestStore store, RowMappingProcessor processor, long runId, String datasetId, String file,
			boolean sumRecords) {
		this.sumRecords = sumRecords;
		this.store = store;
		this.processor = processor;
		this.runId = runId;
		this.datasetId = datasetId;
		this.file = file;
	}

	/**
	 * @param row a mapped row of the block
	 */
	void add(MappedRow.CountryRow row) {
		if (this.sumRecords) {
			row.observations().forEach(this.sums::add);
		}
		else {
			this.observations.addAll(row.observations());
			if (this.observations.size() >= BATCH) {
				flushObservations();
			}
		}
		row.missing().forEach((reason) -> this.missing.merge(reason, 1L, Long::sum));
		for (Rejection rejection : row.rejections()) {
			this.rejections.add(rejection);
		}
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
	 * @param row a row of the block filtered: about an aggregate, or left out for another
	 * reason
	 */
	void setAside(MappedRow row) {
		if (row instanceof MappedRow.AggregateRow aggregate) {
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
		else {
			throw new IllegalArgumentException("not a filtered row: " + row);
		}
	}

	/**
	 * Writes what the block has left: the sums of a record-level dataset, the last
	 * observations and rejections, the rows set aside, and with the file's first block
	 * the columns its header leaves out.
	 */
	void finish() {
		if (this.sumRecords) {
			this.observations.addAll(this.sums.drain());
		}
		flushObservations();
		this.rejections.addAll(this.processor.drainLeftOutColumns());
		flushRejections();
		flushAggregates();
		flushFiltered();
		if (!this.missing.isEmpty()) {
			this.store.saveMissingValues(this.runId, this.datasetId, this.file, this.processor.sheet(), this.missing);
			this.missing.clear();
		}
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
		this.missing.clear();
		this.processor.drainLeftOutColumns();
		this.store.deleteFile(this.runId, this.datasetId, this.file);
	}

	private void flushAggregates() {
		this.store.saveAggregateRows(this.runId, this.datasetId, this.file, this.aggregates);
		this.aggregates.clear();
	}

	private void flushFiltered() {
		if (this.filtered.size() > 0) {
			this.store.saveFilteredRows(this.runId, this.datasetId, this.file, this.processor.sheet(),
					this.filtered.drain());
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
