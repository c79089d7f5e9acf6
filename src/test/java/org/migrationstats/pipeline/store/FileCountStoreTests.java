package org.migrationstats.pipeline.store;

import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.Rejection;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class FileCountStoreTests {

	private static final FileCountStore.InputTable FLOWS = new FileCountStore.InputTable(1, "flows", "in/flows.csv",
			"");

	private JdbcTemplate jdbc;

	private FileCountStore store;

	@BeforeEach
	void database() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:file-counts-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		database.setUser("sa");
		SchemaMigrations.bringUpToDate(database);
		this.jdbc = new JdbcTemplate(database);
		this.store = new FileCountStore(this.jdbc);
	}

	@Test
	void blocksAddUpPerExecutionAndAnEarlierExecutionIsReadAsItEnded() {
		this.store.add(FLOWS, 10, counts(5, 4, 1), null);
		this.store.add(FLOWS, 10, counts(5, 5, 0), "CHECKED");
		this.store.add(FLOWS, 12, counts(7, 6, 1), null);
		this.store.end(FLOWS, 12);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_FILE_COUNT", Integer.class))
			.as("one row per table and execution")
			.isEqualTo(2);
		assertThat(this.store.asOf(1, 10)).singleElement().satisfies((t) -> {
			assertThat(t.counts()).isEqualTo(counts(10, 9, 1));
			assertThat(t.numberFormat()).isEqualTo("CHECKED");
			assertThat(t.ended()).isFalse();
		});
		assertThat(this.store.asOf(1, 12)).singleElement().satisfies((t) -> {
			assertThat(t.counts()).isEqualTo(counts(17, 15, 2));
			assertThat(t.numberFormat()).as("the last execution that mapped a row").isEqualTo("CHECKED");
			assertThat(t.ended()).isTrue();
		});
		assertThat(this.store.totals(1)).extracting(FileCountStore.TableCounts::counts)
			.containsExactly(counts(17, 15, 2));
		assertThat(this.store.asOf(2, 12)).as("another run").isEmpty();
	}

	@Test
	void aCancelledTableCountsFromNoneInTheExecutionThatCancelsItAndAsItWasBefore() {
		this.store.add(FLOWS, 10, counts(5, 4, 1), "CHECKED");
		this.store.add(FLOWS, 12, counts(5, 5, 0), null);

		this.store.cancel(FLOWS, 12, "CHECKED");
		this.store.add(FLOWS, 12, counts(3, 3, 0), null);

		assertThat(this.store.total(FLOWS)).isEqualTo(counts(3, 3, 0));
		assertThat(this.store.asOf(1, 10)).extracting(FileCountStore.TableCounts::counts)
			.containsExactly(counts(5, 4, 1));
	}

	@Test
	void valuesNotGivenAreCountedByReasonWithTheBlocksAndCancelledWithThem() {
		this.store.add(FLOWS, 10, new RowCounts(5, 5, 0, 0, 0, 0, 40, 0, 8, 2), null);
		this.store.add(FLOWS, 10, new RowCounts(5, 5, 0, 0, 0, 0, 45, 0, 4, 1), null);
		assertThat(this.store.total(FLOWS)).extracting(RowCounts::missingNotAvailable, RowCounts::missingConfidential)
			.containsExactly(12L, 3L);

		this.store.cancel(FLOWS, 12, null);
		this.store.add(FLOWS, 12, new RowCounts(5, 5, 0, 0, 0, 0, 49, 0, 1, 0), null);

		assertThat(this.store.total(FLOWS)).extracting(RowCounts::missingNotAvailable, RowCounts::missingConfidential)
			.containsExactly(1L, 0L);
		assertThat(this.store.asOf(1, 10)).extracting(FileCountStore.TableCounts::counts)
			.containsExactly(new RowCounts(10, 10, 0, 0, 0, 0, 85, 0, 12, 3));
	}

	@Test
	void sheetsOfAFileAreCountedApart() {
		FileCountStore.InputTable first = new FileCountStore.InputTable(1, "stock", "in/stock.xlsx", "Table 1");
		FileCountStore.InputTable second = new FileCountStore.InputTable(1, "stock", "in/stock.xlsx", "Table 2");
		this.store.add(first, 10, counts(3, 3, 0), null);
		this.store.add(second, 10, counts(4, 2, 2), null);

		assertThat(this.store.total(first)).isEqualTo(counts(3, 3, 0));
		assertThat(this.store.asOf(1, 10)).extracting(FileCountStore.TableCounts::sheet)
			.containsExactlyInAnyOrder("Table 1", "Table 2");
	}

	@Test
	void rowsRejectedWhileComputingCountOnceAndOnlyWhereIngestRejectedNothingOfThem() {
		IngestStore ingest = new IngestStore(this.jdbc);
		ingest.saveRejections(1, IngestStore.INGEST, false, List.of(rejection(2), rejection(3)));
		ingest.saveRejections(1, "compute", false, List.of(rejection(3), rejection(4), rejection(4), rejection(5)));

		assertThat(this.store.rowsRejectedOnlyWhileComputing(1)).containsExactly(Map.entry("flows:in/flows.csv", 2L));
		assertThat(this.store.rowsRejectedOnlyWhileComputing(2)).isEmpty();
		// rows rejected while ingesting alone: none rejected only later
		ingest.saveRejections(3, IngestStore.INGEST, false, List.of(rejection(2), rejection(3)));
		assertThat(this.store.rowsRejectedOnlyWhileComputing(3)).isEmpty();
	}

	private static RowCounts counts(long read, long written, long rejected) {
		return new RowCounts(read, written, rejected, 0, 0, 0, written * 2, rejected);
	}

	private static Rejection rejection(long row) {
		return new Rejection("flows", "in/flows.csv", "", row, "Value", "x", "not a number");
	}

}
