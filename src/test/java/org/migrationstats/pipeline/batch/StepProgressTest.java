package org.migrationstats.pipeline.batch;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress lines: one for rows read, none for a step that reads no rows.
 */
class StepProgressTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(StepProgress.class);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void listen() {
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void stopListening() {
		this.logger.detachAppender(this.lines);
	}

	@Test
	void aStepThatReadsRowsSaysHowManyAndAStepThatReadsNoneDoesNot() {
		StepProgress progress = new StepProgress(1, Duration.ZERO);
		StepExecution ingest = MetaDataInstanceFactory.createStepExecution("ingestFile:wb-population#1", 11L);
		StepExecution compute = MetaDataInstanceFactory.createStepExecution("computeFigures", 12L);
		progress.beforeStep(ingest);
		progress.beforeStep(compute);

		progress.progress(ingest, 20_000);
		progress.progress(compute, 0);

		List<String> messages = this.lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(messages).hasSize(3)
			.startsWith("Step ingestFile:wb-population#1 started", "Step computeFigures started");
		assertThat(messages.get(2))
			.matches("Step ingestFile:wb-population#1: 20,000 rows done, [0-9,]+ rows/s, reading -");
	}

}
