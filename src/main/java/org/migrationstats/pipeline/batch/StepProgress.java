package org.migrationstats.pipeline.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.migrationstats.pipeline.ingest.ByteRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * Logs what each step does while it runs: a line when it starts, a progress line every so
 * many rows or seconds (rows done, rows per second, the file being read) and a line with
 * its counts when it ends. Puts the job, execution, step and file into the logging
 * context of the thread that runs the step.
 */
class StepProgress implements StepExecutionListener, ChunkListener<Object, Object> {

	static final String STEP = "step";

	static final String FILE = "file";

	private static final Logger log = LoggerFactory.getLogger(StepProgress.class);

	private final long everyRows;

	private final Duration everyTime;

	private final Map<Long, Progress> progress = new ConcurrentHashMap<>();

	StepProgress(long everyRows, Duration everyTime) {
		this.everyRows = everyRows;
		this.everyTime = everyTime;
	}

	@Override
	public void beforeStep(StepExecution step) {
		MDC.put(RunLogging.JOB, step.getJobExecution().getJobInstance().getJobName());
		MDC.put(RunLogging.EXECUTION, String.valueOf(step.getJobExecution().getId()));
		MDC.put(STEP, step.getStepName());
		String file = step.getExecutionContext().getString(DatasetPartitioner.FILE, null);
		if (file != null) {
			MDC.put(FILE, file);
		}
		boolean startOver = step.getExecutionContext().containsKey(IngestFileTasklet.START_OVER);
		long done = startOver ? 0 : step.getExecutionContext().getLong(SourceRowReader.ROWS, 0L);
		this.progress.put(step.getId(), new Progress(System.nanoTime(), done));
		ByteRange range = DatasetPartitioner.range(step.getExecutionContext());
		if (range != null) {
			file = file + ", " + range.describe();
		}
		if (file != null) {
			log.info("Step {} started on {}{}", step.getStepName(), file,
					startOver ? ", reading it again from its first row (it went over its reject limit)"
							: (done > 0) ? String.format(", going on after row %,d", done) : "");
		}
		else {
			log.info("Step {} started", step.getStepName());
		}
	}

	@Override
	public void afterChunk(ChunkContext context) {
		// after a block of the ingest tasklet commits: its counts are applied by now
		StepExecution step = context.getStepContext().getStepExecution();
		progress(step, step.getReadCount());
	}

	/**
	 * Logs a progress line if enough rows or time have gone by since the last: called
	 * after each committed block, and by the ingest step within a block (a record-level
	 * dataset's block can be a million rows).
	 * @param step the step
	 * @param read the rows this execution of the step has read so far
	 */
	void progress(StepExecution step, long read) {
		Progress p = this.progress.get(step.getId());
		if (p == null) {
			return;
		}
		long now = System.nanoTime();
		long rows = p.firstRow + read;
		if (rows == 0) {
			// a step that reads no rows (compute, report) says what it does in its own
			// lines
			return;
		}
		if (rows - p.lastRows >= this.everyRows || now - p.lastLogged >= this.everyTime.toNanos()) {
			double seconds = Math.max((now - p.started) / 1e9, 1e-3);
			log.info("Step {}: {} rows done, {} rows/s, reading {}", step.getStepName(), String.format("%,d", rows),
					String.format("%,.0f", read / seconds),
					step.getExecutionContext().getString(DatasetPartitioner.FILE, "-"));
			p.lastLogged = now;
			p.lastRows = rows;
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		try {
			this.progress.remove(step.getId());
			for (Throwable failure : step.getFailureExceptions()) {
				if (failure instanceof JobInterruptedException) {
					continue;
				}
				if (failure instanceof JobExecutionException && String.valueOf(failure.getMessage())
					.startsWith("Partition handler returned an unsuccessful")) {
					// each failed partition has logged its own failure
					log.error("Step {} failed: partition(s) {} failed", step.getStepName(),
							step.getJobExecution()
								.getStepExecutions()
								.stream()
								.filter((s) -> s.getStatus() == BatchStatus.FAILED && s != step
										&& s.getStepName().startsWith(PipelineBatchConfiguration.INGEST_FILE + ":"))
								.map(StepExecution::getStepName)
								.sorted()
								.toList());
					continue;
				}
				Failures.log(log, "Step " + step.getStepName() + " failed", failure);
			}
			Duration took = Duration.between(step.getStartTime(), java.time.LocalDateTime.now());
			log.info("Step {} ended {}: read {}, written {}, filtered {}, rejected whole {}, in {} s",
					step.getStepName(), step.getStatus(), step.getReadCount(), step.getWriteCount(),
					step.getFilterCount(), step.getSkipCount(), String.format("%.1f", took.toMillis() / 1000.0));
			return null;
		}
		finally {
			MDC.remove(STEP);
			MDC.remove(FILE);
		}
	}

	private static final class Progress {

		private final long started;

		private final long firstRow;

		private long lastLogged;

		private long lastRows;

		private Progress(long started, long firstRow) {
			this.started = started;
			this.firstRow = firstRow;
			this.lastLogged = started;
			this.lastRows = firstRow;
		}

	}

}
