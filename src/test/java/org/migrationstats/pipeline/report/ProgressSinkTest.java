package org.migrationstats.pipeline.report;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's progress lines: one per table written, and one every
 * {@value ProgressSink#PROGRESS_ROWS} rows of a long table; every row reaches the sink
 * behind.
 */
class ProgressSinkTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressSink.class);

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
	void aLongTableSaysHowFarItGotAndEveryTableWhenItIsWritten() throws Exception {
		Counting counted = new Counting();
		ProgressSink sink = new ProgressSink(counted);
		sink.begin(new TableSink.TableInfo("Rejects", "rejects", "Rejected cells and rows"),
				List.of(Column.text("Reason")));
		for (int i = 0; i < 2 * ProgressSink.PROGRESS_ROWS + 7; i++) {
			sink.row(List.of("unknown country 'QZX'"));
		}
		sink.end();
		sink.begin(new TableSink.TableInfo("Notes", "notes", "Notes"), List.of(Column.text("Note")));
		sink.row(List.of("one"));
		sink.end();

		assertThat(counted.tables).containsExactly("rejects", "notes");
		assertThat(counted.rows).isEqualTo(2 * ProgressSink.PROGRESS_ROWS + 8);
		List<String> messages = this.lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(messages).hasSize(4);
		assertThat(messages.get(0))
			.matches("Writing table Rejects \\(rejects\\.csv\\): 250,000 rows so far, in [0-9.,]+ s");
		assertThat(messages.get(1))
			.matches("Writing table Rejects \\(rejects\\.csv\\): 500,000 rows so far, in [0-9.,]+ s");
		assertThat(messages.get(2)).matches("Wrote table Rejects \\(rejects\\.csv\\), 500,007 rows, in [0-9.,]+ s");
		assertThat(messages.get(3)).matches("Wrote table Notes \\(notes\\.csv\\), 1 rows, in [0-9.,]+ s");
	}

	/** Counts the rows handed on. */
	private static final class Counting implements TableSink {

		private final List<String> tables = new ArrayList<>();

		private long rows;

		@Override
		public void begin(TableInfo table, List<Column> columns) {
			this.tables.add(table.csv());
		}

		@Override
		public void row(List<?> cells) {
			this.rows++;
		}

		@Override
		public void end() {
		}

	}

}
