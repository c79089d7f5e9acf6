package org.migrationstats.pipeline.batch;

import java.util.List;

import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.store.IngestStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Records every skipped row as a rejection, in the chunk's transaction, so no row
 * vanishes.
 */
class RejectedRowListener implements SkipListener<SourceRow, MappedRow.CountryRow> {

	private static final Logger log = LoggerFactory.getLogger(RejectedRowListener.class);

	private final IngestStore store;

	private final long runId;

	RejectedRowListener(IngestStore store, long runId) {
		this.store = store;
		this.runId = runId;
	}

	@Override
	public void onSkipInRead(Throwable cause) {
		if (cause instanceof RowRejectedException rejected) {
			log.warn("{}", rejected.getRejection().describe());
			this.store.saveRejections(this.runId, IngestStore.INGEST, List.of(rejected.getRejection()));
		}
	}

	@Override
	public void onSkipInProcess(SourceRow item, Throwable cause) {
		if (cause instanceof RowRejectedException rejected) {
			log.debug("Rejected {}", rejected.getRejection().describe());
			this.store.saveRejections(this.runId, IngestStore.INGEST, List.of(rejected.getRejection()));
		}
	}

}
