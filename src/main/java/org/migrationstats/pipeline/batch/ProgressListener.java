package org.migrationstats.pipeline.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * While a file is ingested, a progress line at most every ten seconds: rows so far, rows
 * per second, the file. One instance per partition (step scope).
 */
class ProgressListener implements ChunkListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	private static final long EVERY_NANOS = 10_000_000_000L;

	private final String file;

	private final long started = System.nanoTime();

	private long lastLine = System.nanoTime();

	ProgressListener(String file) {
		this.file = file;
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		long now = System.nanoTime();
		if (now - this.lastLine < EVERY_NANOS) {
			return;
		}
		this.lastLine = now;
		var context = StepSynchronizationManager.getContext();
		StepExecution step = (context != null) ? context.getStepExecution() : null;
		if (step == null) {
			return;
		}
		long rows = step.getReadCount();
		double seconds = (now - this.started) / 1e9;
		log.info("{}: {} rows read, {} rows/s, {} rejected, file {} (execution {})", step.getStepName(),
				String.format("%,d", rows), String.format("%,.0f", rows / Math.max(seconds, 0.001)),
				step.getSkipCount(), this.file, step.getJobExecution().getId());
	}

}
