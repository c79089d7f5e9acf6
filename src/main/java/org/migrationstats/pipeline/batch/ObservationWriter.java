package org.migrationstats.pipeline.batch;

import java.util.ArrayList;
import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RecordSums;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.store.IngestStore;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's observations, rejected cells and filtered aggregate rows, each in one
 * JDBC batch, inside the chunk's transaction.
 */
class ObservationWriter implements ItemWriter<MappedRow.CountryRow> {

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

	@Override
	public void write(Chunk<? extends MappedRow.CountryRow> chunk) {
		List<Observation> observations = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		for (MappedRow.CountryRow row : chunk) {
			observations.addAll(row.observations());
			rejections.addAll(row.rejections());
		}
		this.store.saveObservations(this.runId, this.datasetId, this.file,
				this.sumRecords ? RecordSums.sum(observations) : observations);
		this.store.saveRejections(this.runId, IngestStore.INGEST, rejections);
		this.store.saveAggregateRows(this.runId, this.datasetId, this.file, this.processor.drainAggregates());
	}

}
