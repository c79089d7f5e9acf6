package org.migrationstats.pipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.Rejection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * Writes what ingest takes from a file: observations, rejected cells and rows, the
 * aggregate rows it set aside and the counts of the other rows it filtered. Called inside
 * the chunk's transaction, so a chunk's rows and the reader's position are committed
 * together. On PostgreSQL, observations, rejections and aggregate rows go in with
 * {@code COPY} on the transaction's connection ({@code pipeline.postgres.copy}, on by
 * default), elsewhere with JDBC batches.
 */
@Repository
public class IngestStore {

	/** The stage recorded with rejections found while reading files. */
	public static final String INGEST = "ingest";

	private static final Logger log = LoggerFactory.getLogger(IngestStore.class);

	/**
	 * Observations go in by {@value} rows a statement (multi-row VALUES, in H2 and
	 * PostgreSQL alike), in JDBC batches of such statements: a database executes a batch
	 * statement by statement, so fewer, wider statements cost less per row.
	 */
	static final int ROWS_PER_INSERT = 100;

	private static final String INSERT = "INSERT INTO MIG_OBSERVATION (RUN_ID, DATASET_ID, FILE_NAME, SOURCE_ROW, "
			+ "COUNTRY, YR, MEASURE, VAL) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String MULTI_ROW_INSERT = INSERT + ", (?, ?, ?, ?, ?, ?, ?, ?)".repeat(ROWS_PER_INSERT - 1);

	private static final String OBSERVATION_COLUMNS = "RUN_ID, DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, "
			+ "MEASURE, VAL";

	private static final String REJECTION_COLUMNS = "RUN_ID, STAGE, DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, "
			+ "COLUMN_NAME, RAW_VALUE, REASON, WHOLE_ROW";

	private static final String AGGREGATE_COLUMNS = "RUN_ID, DATASET_ID, FILE_NAME, SOURCE_ROW, SCHEME, CODE, NAME, "
			+ "RAW_VALUE";

	private final JdbcTemplate jdbc;

	private final boolean copyWherePostgres;

	private volatile PostgresCopy copy;

	private volatile boolean copyDecided;

	/**
	 * @param jdbc the database, written with COPY if it is PostgreSQL
	 */
	public IngestStore(JdbcTemplate jdbc) {
		this(jdbc, true);
	}

	/**
	 * @param jdbc the database
	 * @param copyWherePostgres whether to write with COPY on PostgreSQL
	 * ({@code pipeline.postgres.copy}), or with JDBC batches as elsewhere
	 */
	@Autowired
	public IngestStore(JdbcTemplate jdbc, @Value("${pipeline.postgres.copy:true}") boolean copyWherePostgres) {
		this.jdbc = jdbc;
		this.copyWherePostgres = copyWherePostgres;
	}

	/**
	 * @return the COPY writer, or {@code null} when the database is not PostgreSQL or
	 * COPY is switched off
	 */
	private PostgresCopy copy() {
		if (!this.copyDecided) {
			if (this.copyWherePostgres && isPostgres()) {
				this.copy = new PostgresCopy(this.jdbc.getDataSource(), this.jdbc.getExceptionTranslator());
				log.info("Ingest writes observations, rejections and aggregate rows with COPY (PostgreSQL)");
			}
			this.copyDecided = true;
		}
		return this.copy;
	}

	private boolean isPostgres() {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(this.jdbc.getDataSource(),
					java.sql.DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equalsIgnoreCase(product);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("cannot read which database this is: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param file the file
	 * @param observations the observations, inserted in one JDBC batch
	 */
	public void saveObservations(long runId, String datasetId, String file, List<Observation> observations) {
		for (Observation o : observations) {
			if (!o.flags().isEmpty() || o.partOfYear()) {
				saveFlaggedObservations(runId, datasetId, file, observations);
				return;
			}
		}
		PostgresCopy copy = copy();
		if (copy != null) {
			copy.copy("MIG_OBSERVATION", OBSERVATION_COLUMNS, observations,
					(o, row) -> fields(row, runId, datasetId, file, o));
			return;
		}
		int whole = observations.size() - observations.size() % ROWS_PER_INSERT;
		if (whole > 0) {
			this.jdbc.batchUpdate(MULTI_ROW_INSERT, new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement ps, int i) throws SQLException {
					int p = 1;
					for (Observation o : observations.subList(i * ROWS_PER_INSERT, (i + 1) * ROWS_PER_INSERT)) {
						p = bind(ps, p, runId, datasetId, file, o);
					}
				}

				@Override
				public int getBatchSize() {
					return whole / ROWS_PER_INSERT;
				}

			});
		}
		List<Observation> rest = observations.subList(whole, observations.size());
		if (!rest.isEmpty()) {
			this.jdbc.batchUpdate(INSERT, rest, rest.size(), (ps, o) -> bind(ps, 1, runId, datasetId, file, o));
		}
	}

	/**
	 * Saves a block that holds flagged values or values of months and quarters: those of
	 * whole years with their flags, the others apart, to be summed to years by compute.
	 */
	private void saveFlaggedObservations(long runId, String datasetId, String file, List<Observation> observations) {
		List<Observation> plain = new ArrayList<>();
		List<Observation> flagged = new ArrayList<>();
		List<Observation> parts = new ArrayList<>();
		for (Observation o : observations) {
			(o.partOfYear() ? parts : o.flags().isEmpty() ? plain : flagged).add(o);
		}
		saveObservations(runId, datasetId, file, plain);
		PostgresCopy copy = copy();
		if (copy != null) {
			copy.copy("MIG_OBSERVATION", OBSERVATION_COLUMNS + ", FLAGS", flagged,
					(o, row) -> fields(row, runId, datasetId, file, o).text(o.flags()));
			copy.copy("MIG_OBSERVATION_PART", OBSERVATION_COLUMNS + ", FLAGS, PART, PARTS", parts,
					(o, row) -> fields(row, runId, datasetId, file, o).text(o.flags().isEmpty() ? null : o.flags())
						.number(o.part())
						.number(o.parts()));
			return;
		}
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_OBSERVATION (RUN_ID, DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, MEASURE, VAL, "
						+ "FLAGS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				flagged, flagged.size(), (ps, o) -> ps.setString(bind(ps, 1, runId, datasetId, file, o), o.flags()));
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_OBSERVATION_PART (RUN_ID, DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, MEASURE, "
						+ "VAL, FLAGS, PART, PARTS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				parts, parts.size(), (ps, o) -> {
					int p = bind(ps, 1, runId, datasetId, file, o);
					ps.setString(p, o.flags().isEmpty() ? null : o.flags());
					ps.setInt(p + 1, o.part());
					ps.setInt(p + 2, o.parts());
				});
	}

	/**
	 * Saves how many value cells of a block held no value, per reason.
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param file the file
	 * @param sheet the sheet, empty for a text file
	 * @param counts cells per reason
	 */
	public void saveMissingValues(long runId, String datasetId, String file, String sheet, Map<String, Long> counts) {
		if (counts.isEmpty()) {
			return;
		}
		List<Map.Entry<String, Long>> rows = List.copyOf(counts.entrySet());
		this.jdbc
			.batchUpdate("INSERT INTO MIG_MISSING_VALUE (RUN_ID, DATASET_ID, FILE_NAME, SHEET, REASON, CELL_COUNT) "
					+ "VALUES (?, ?, ?, ?, ?, ?)", rows, rows.size(), (ps, c) -> {
						ps.setLong(1, runId);
						ps.setString(2, datasetId);
						ps.setString(3, file);
						ps.setString(4, sheet);
						ps.setString(5, c.getKey());
						ps.setLong(6, c.getValue());
					});
	}

	private static PostgresCopy.Row fields(PostgresCopy.Row row, long runId, String datasetId, String file,
			Observation o) {
		return row.number(runId)
			.text(datasetId)
			.text(file)
			.number(o.row())
			.text(o.country())
			.number(o.year())
			.text(o.measure().name())
			.number(o.value());
	}

	/**
	 * Sets one observation's eight parameters from the given index on.
	 * @return the index of the next row's first parameter
	 */
	private static int bind(PreparedStatement ps, int first, long runId, String datasetId, String file, Observation o)
			throws SQLException {
		ps.setLong(first, runId);
		ps.setString(first + 1, datasetId);
		ps.setString(first + 2, file);
		ps.setLong(first + 3, o.row());
		ps.setString(first + 4, o.country());
		ps.setInt(first + 5, o.year());
		ps.setString(first + 6, o.measure().name());
		ps.setLong(first + 7, o.value());
		return first + 8;
	}

	/**
	 * @param runId the run
	 * @param stage where the rejection was made (ingest or compute)
	 * @param wholeRows whether these rejected their rows whole, or single values of rows
	 * whose other values are used
	 * @param rejections the rejected cells or rows
	 */
	public void saveRejections(long runId, String stage, boolean wholeRows, List<Rejection> rejections) {
		if (rejections.isEmpty()) {
			return;
		}
		PostgresCopy copy = copy();
		if (copy != null) {
			copy.copy("MIG_REJECTION", REJECTION_COLUMNS, rejections,
					(r, row) -> row.number(runId)
						.text(stage)
						.text(r.dataset())
						.text(r.file())
						.text(r.sheet())
						.number(r.row())
						.text(clip(r.column(), 1000))
						.text(clip(r.rawValue(), 4000))
						.text(clip(r.reason(), 4000))
						.bool(wholeRows));
			return;
		}
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_REJECTION (" + REJECTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				rejections, rejections.size(), (ps, r) -> {
					ps.setLong(1, runId);
					ps.setString(2, stage);
					ps.setString(3, r.dataset());
					ps.setString(4, r.file());
					ps.setString(5, r.sheet());
					ps.setLong(6, r.row());
					ps.setString(7, clip(r.column(), 1000));
					ps.setString(8, clip(r.rawValue(), 4000));
					ps.setString(9, clip(r.reason(), 4000));
					ps.setBoolean(10, wholeRows);
				});
	}

	/**
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param file the file
	 * @param rows the aggregate rows set aside
	 */
	public void saveAggregateRows(long runId, String datasetId, String file, List<MappedRow.AggregateRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		PostgresCopy copy = copy();
		if (copy != null) {
			copy.copy("MIG_AGGREGATE_ROW", AGGREGATE_COLUMNS, rows,
					(a, row) -> row.number(runId)
						.text(datasetId)
						.text(file)
						.number(a.row())
						.text(a.aggregate().scheme())
						.text(a.aggregate().code())
						.text(a.aggregate().name())
						.text(clip(a.raw(), 1000)));
			return;
		}
		this.jdbc.batchUpdate(
				"INSERT INTO MIG_AGGREGATE_ROW (" + AGGREGATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows,
				rows.size(), (ps, a) -> {
					ps.setLong(1, runId);
					ps.setString(2, datasetId);
					ps.setString(3, file);
					ps.setLong(4, a.row());
					ps.setString(5, a.aggregate().scheme());
					ps.setString(6, a.aggregate().code());
					ps.setString(7, a.aggregate().name());
					ps.setString(8, clip(a.raw(), 1000));
				});
	}

	/**
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param file the file
	 * @param sheet the sheet, empty for a text file
	 * @param counts the rows filtered for another reason than being about an aggregate,
	 * counted per reason and text
	 */
	public void saveFilteredRows(long runId, String datasetId, String file, String sheet,
			List<FilteredRows.Count> counts) {
		if (counts.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("INSERT INTO MIG_FILTERED_ROW (RUN_ID, DATASET_ID, FILE_NAME, SHEET, REASON, RAW_VALUE, "
				+ "ROW_COUNT, FIRST_ROW) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", counts, counts.size(), (ps, c) -> {
					ps.setLong(1, runId);
					ps.setString(2, datasetId);
					ps.setString(3, file);
					ps.setString(4, sheet);
					ps.setString(5, clip(c.reason(), 1000));
					ps.setString(6, clip(c.raw(), 1000));
					ps.setLong(7, c.rows());
					ps.setLong(8, c.firstRow());
				});
	}

	/**
	 * Deletes what ingest stored of one file of a run: its observations (or sums), its
	 * aggregate and other filtered rows and its rejections, for a file left out after
	 * some of its rows were taken.
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param file the file
	 */
	public void deleteFile(long runId, String datasetId, String file) {
		for (String table : new String[] { "MIG_OBSERVATION", "MIG_AGGREGATE_ROW", "MIG_FILTERED_ROW",
				"MIG_OBSERVATION_PART", "MIG_MISSING_VALUE" }) {
			this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ? AND DATASET_ID = ? AND FILE_NAME = ?", runId,
					datasetId, file);
		}
		this.jdbc.update(
				"DELETE FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE = ? AND DATASET_ID = ? AND FILE_NAME = ?", runId,
				INGEST, datasetId, file);
	}

	private static String clip(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "\u2026";
	}

}
