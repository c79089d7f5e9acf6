package org.migrationstats.pipeline.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.reference.Aggregate;
import org.migrationstats.pipeline.spec.Measure;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest's writes with COPY on PostgreSQL: text with tabs, quotes, newlines, carriage
 * returns, backslashes, a line holding the end-of-data marker, non-ASCII letters, empty
 * text and NULLs is stored as given, as the JDBC batches store it; and the rows go in the
 * transaction in progress, rolled back with it. Runs where
 * {@code PIPELINE_TEST_POSTGRES_URL} is set, in a schema of its own made afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = "PIPELINE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresCopyIT {

	private static final String SCHEMA = "postgres_copy_it";

	private static final List<String> AWKWARD = List.of("tab\there", "\"quoted\" and \"\"doubled\"\"",
			"line one\nline two", "carriage\r\nreturn", "back\\slash \\N \\t", "\\.", "\n\\.\n", "comma, \"and quote",
			"Ünïcödé – 東京 😀", "", " leading and trailing ", "NULL", "\\", "\"");

	private JdbcTemplate jdbc;

	private DriverManagerDataSource dataSource;

	@BeforeAll
	void schema() throws Exception {
		String url = System.getenv("PIPELINE_TEST_POSTGRES_URL");
		String user = System.getenv("PIPELINE_TEST_POSTGRES_USER");
		String password = System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD");
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		this.dataSource = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
				user, password);
		SchemaMigrations.bringUpToDate(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@Test
	void awkwardTextAndNullsGoInAsTheBatchesWriteThem() {
		IngestStore copy = new IngestStore(this.jdbc, true);
		IngestStore batches = new IngestStore(this.jdbc, false);
		for (int run = 1; run <= 2; run++) {
			IngestStore store = (run == 1) ? copy : batches;
			inTransaction(() -> writeAwkward(store, 1000 + 0L));
			// the same values under the other run id, by the other path
			this.jdbc.update("UPDATE MIG_OBSERVATION SET RUN_ID = ? WHERE RUN_ID = 1000", run);
			this.jdbc.update("UPDATE MIG_OBSERVATION_PART SET RUN_ID = ? WHERE RUN_ID = 1000", run);
			this.jdbc.update("UPDATE MIG_REJECTION SET RUN_ID = ? WHERE RUN_ID = 1000", run);
			this.jdbc.update("UPDATE MIG_AGGREGATE_ROW SET RUN_ID = ? WHERE RUN_ID = 1000", run);
		}

		int n = AWKWARD.size();
		assertThat(this.jdbc.queryForList(
				"SELECT FILE_NAME FROM MIG_OBSERVATION WHERE RUN_ID = 1 AND FLAGS IS NULL " + "ORDER BY SOURCE_ROW",
				String.class))
			.as("plain observations: file names as given")
			.containsExactlyElementsOf(AWKWARD);
		assertThat(this.jdbc.queryForList(
				"SELECT FLAGS FROM MIG_OBSERVATION WHERE RUN_ID = 1 AND FLAGS IS NOT NULL " + "ORDER BY SOURCE_ROW",
				String.class))
			.containsExactly("e", "ep");
		assertThat(
				this.jdbc.queryForList(
						"SELECT COALESCE(FLAGS, '<null>') || ':' || PART || '/' || PARTS || ':' "
								+ "|| VAL FROM MIG_OBSERVATION_PART WHERE RUN_ID = 1 ORDER BY SOURCE_ROW",
						String.class))
			.containsExactly("<null>:1/4:11", "p:2/12:12");
		assertThat(this.jdbc.queryForList(
				"SELECT RAW_VALUE FROM MIG_REJECTION WHERE RUN_ID = 1 AND WHOLE_ROW = FALSE " + "ORDER BY SOURCE_ROW",
				String.class))
			.containsExactlyElementsOf(AWKWARD);
		assertThat(this.jdbc.queryForList(
				"SELECT COLUMN_NAME FROM MIG_REJECTION WHERE RUN_ID = 1 AND WHOLE_ROW = TRUE " + "ORDER BY SOURCE_ROW",
				String.class))
			.as("empty text stays empty, not NULL")
			.containsExactly("", "");
		assertThat(this.jdbc.queryForList(
				"SELECT COALESCE(NAME, '<null>') FROM MIG_AGGREGATE_ROW WHERE RUN_ID = 1 " + "ORDER BY SOURCE_ROW",
				String.class))
			.containsExactly("World\t\"all\"\n\\", "");
		assertThat(this.jdbc.queryForList(
				"SELECT RAW_VALUE FROM MIG_AGGREGATE_ROW WHERE RUN_ID = 1 " + "ORDER BY SOURCE_ROW", String.class))
			.containsExactly("a\\b", "");

		for (String table : List.of("MIG_OBSERVATION", "MIG_OBSERVATION_PART", "MIG_REJECTION", "MIG_AGGREGATE_ROW")) {
			String copied = rowsOf(table, 1);
			assertThat(copied).as(table + ": COPY stores what the batches store").isEqualTo(rowsOf(table, 2));
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = 1", Long.class))
			.isEqualTo(n + 2L);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_REJECTION WHERE RUN_ID = 1", Long.class))
			.isEqualTo(n + 2L);
	}

	@Test
	void rowsCopiedInATransactionThatRollsBackAreGone() {
		IngestStore store = new IngestStore(this.jdbc, true);
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		transaction.executeWithoutResult((status) -> {
			writeAwkward(store, 77);
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = 77", Long.class))
				.as("seen inside the transaction that copied them")
				.isEqualTo(AWKWARD.size() + 2L);
			status.setRollbackOnly();
		});
		for (String table : List.of("MIG_OBSERVATION", "MIG_OBSERVATION_PART", "MIG_REJECTION", "MIG_AGGREGATE_ROW")) {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE RUN_ID = 77", Long.class))
				.as(table)
				.isZero();
		}
	}

	@Test
	void manyRowsGoInWhole() {
		IngestStore store = new IngestStore(this.jdbc, true);
		List<Observation> observations = new ArrayList<>();
		for (int i = 0; i < 25_003; i++) {
			observations.add(new Observation("KAZ", 1990 + i % 35, Measure.EMIGRANTS, i * 7L - 3, i + 2));
		}
		inTransaction(() -> store.saveObservations(88, "d\t1", "many\\rows.csv", observations));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) || ' ' || SUM(VAL) || ' ' || SUM(SOURCE_ROW) || ' ' || COUNT(DISTINCT FILE_NAME) "
						+ "FROM MIG_OBSERVATION WHERE RUN_ID = 88 AND DATASET_ID = 'd\t1' AND FILE_NAME = 'many\\rows.csv'",
				String.class))
			.isEqualTo(
					"25003 " + (7L * 25_002 * 25_003 / 2 - 3L * 25_003) + " " + (25_003L * 25_004 / 2 + 25_003) + " 1");
	}

	private void writeAwkward(IngestStore store, long runId) {
		List<Observation> plain = new ArrayList<>();
		List<Rejection> cells = new ArrayList<>();
		for (int i = 0; i < AWKWARD.size(); i++) {
			String text = AWKWARD.get(i);
			plain.add(new Observation("KAZ", 2000 + i, Measure.IMMIGRANTS, -i, i + 1));
			store.saveObservations(runId, "awkward", text, List.of(plain.get(i)));
			cells.add(new Rejection("awkward", text, text, i + 1, text, text, text));
		}
		List<Observation> flagged = List.of(new Observation("KGZ", 2001, Measure.EMIGRANTS, 5, 100, "e", 0, 1),
				new Observation("KGZ", 2002, Measure.EMIGRANTS, 6, 101, "ep", 0, 1),
				new Observation("KGZ", 2003, Measure.EMIGRANTS, 11, 102, "", 1, 4),
				new Observation("KGZ", 2003, Measure.EMIGRANTS, 12, 103, "p", 2, 12));
		store.saveObservations(runId, "awkward", "flags\t\"and\"\nparts", flagged);
		store.saveRejections(runId, IngestStore.INGEST, false, cells);
		store.saveRejections(runId, IngestStore.INGEST, true,
				List.of(new Rejection("awkward", "f", null, 500, null, "x\ty", "whole\nrow"),
						new Rejection("awkward", "f", "Sheet \"1\"", 501, "", "", "")));
		store.saveAggregateRows(runId, "awkward", "agg\\file",
				List.of(new MappedRow.AggregateRow(1, new Aggregate("WB", "WLD", "World\t\"all\"\n\\"), "a\\b"),
						new MappedRow.AggregateRow(2, new Aggregate("WB", "X\"Y", ""), "")));
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
			.executeWithoutResult((s) -> work.run());
	}

	/**
	 * @return every column of a run's rows, in one text, ordered
	 */
	private String rowsOf(String table, long run) {
		List<String> rows = this.jdbc.query("SELECT * FROM " + table + " WHERE RUN_ID = ?", (rs, i) -> {
			StringBuilder row = new StringBuilder();
			for (int c = 2; c <= rs.getMetaData().getColumnCount(); c++) {
				String value = rs.getString(c);
				row.append(rs.getMetaData().getColumnName(c))
					.append('=')
					.append((value != null) ? "[" + value + "]" : "NULL")
					.append(' ');
			}
			return row.toString();
		}, run);
		return String.join("\n", rows.stream().sorted().toList());
	}

}
