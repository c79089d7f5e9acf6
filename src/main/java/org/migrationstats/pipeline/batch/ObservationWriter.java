package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RecordSums;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.store.IngestStore;

/**
 * Writes a block's observations (or their sums per country, year and measure for a
 * record-level dataset), its rejected rows and cells and its filtered aggregate rows,
 * each in one JDBC batch, inside the block's transaction.
 */
class ObservationWriter {

	private final IngestStore store;

	private final RowMappingProcessor processor;

	private final long runId;

	private final String datasetId;

	private final String file;

	private final boolean sumRecords;

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
	 * @param rows the block's mapped rows
	 * @param rejectedRows the block's rows rejected whole
	 */
	void write(List<MappedRow.CountryRow> rows, List<Rejection> rejectedRows) {
		List<Observation> observations = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>(rejectedRows);
		for (MappedRow.CountryRow row : rows) {
			observations.addAll(row.observations());
			rejections.addAll(row.rejections());
		}
		this.store.saveObservations(this.runId, this.datasetId, this.file,
				this.sumRecords ? RecordSums.sum(observations) : observations);
		this.store.saveRejections(this.runId, IngestStore.INGEST, rejections);
		this.store.saveAggregateRows(this.runId, this.datasetId, this.file, this.processor.drainAggregates());
	}

}
