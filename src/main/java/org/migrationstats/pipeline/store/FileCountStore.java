package org.migrationstats.pipeline.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationstats.pipeline.ingest.Period;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What ingest counted of each input table, kept per job execution in
 * {@code MIG_FILE_COUNT}. A block adds its counts inside its own transaction, so that
 * they commit with the rows they count and the reader's position: a restart neither loses
 * nor doubles them. A run's counts, or a run's as one of its executions left it, are read
 * in one query, whatever the number of files or executions.
 */
@Repository
public class FileCountStore {

	private static final String COUNTS = "ROWS_READ, ROWS_WRITTEN, ROWS_REJECTED, ROWS_REJECTED_WHOLE, "
			+ "AGGREGATE_ROWS, OTHER_FILTERED_ROWS, OBSERVATIONS, VALUES_REJECTED, MISSING_NOT_AVAILABLE, "
			+ "MISSING_CONFIDENTIAL";

	private static final String TABLE = "RUN_ID = ? AND DATASET_ID = ? AND FILE_NAME = ? AND SHEET = ?";

	private static final String ADD = "UPDATE MIG_FILE_COUNT SET ROWS_READ = ROWS_READ + ?, "
			+ "ROWS_WRITTEN = ROWS_WRITTEN + ?, ROWS_REJECTED = ROWS_REJECTED + ?, "
			+ "ROWS_REJECTED_WHOLE = ROWS_REJECTED_WHOLE + ?, AGGREGATE_ROWS = AGGREGATE_ROWS + ?, "
			+ "OTHER_FILTERED_ROWS = OTHER_FILTERED_ROWS + ?, OBSERVATIONS = OBSERVATIONS + ?, "
			+ "VALUES_REJECTED = VALUES_REJECTED + ?, MISSING_NOT_AVAILABLE = MISSING_NOT_AVAILABLE + ?, "
			+ "MISSING_CONFIDENTIAL = MISSING_CONFIDENTIAL + ?, NUMBER_FORMAT = COALESCE(?, NUMBER_FORMAT) WHERE "
			+ TABLE + " AND JOB_EXECUTION_ID = ?";

	private static final String INSERT = "INSERT INTO MIG_FILE_COUNT (" + COUNTS + ", NUMBER_FORMAT, RUN_ID, "
			+ "DATASET_ID, FILE_NAME, SHEET, JOB_EXECUTION_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String TOTAL = "SELECT SUM(ROWS_READ), SUM(ROWS_WRITTEN), SUM(ROWS_REJECTED), "
			+ "SUM(ROWS_REJECTED_WHOLE), SUM(AGGREGATE_ROWS), SUM(OTHER_FILTERED_ROWS), SUM(OBSERVATIONS), "
			+ "SUM(VALUES_REJECTED), SUM(MISSING_NOT_AVAILABLE), SUM(MISSING_CONFIDENTIAL) FROM MIG_FILE_COUNT WHERE "
			+ TABLE + " AND JOB_EXECUTION_ID <= ?";

	private static final String AS_OF = "SELECT DATASET_ID, FILE_NAME, SHEET, " + COUNTS + ", NUMBER_FORMAT, ENDED "
			+ "FROM MIG_FILE_COUNT WHERE RUN_ID = ? AND JOB_EXECUTION_ID <= ? ORDER BY JOB_EXECUTION_ID";

	/*
	 * The rows the compute step rejected (a second value for a country, year and measure)
	 * of which ingest rejected no value, per file: a row counts once as rejected. The
	 * rows rejected later, less those ingest rejected: both databases keep only the first
	 * side's rows while they read the second's. Grouping every rejection of the run by
	 * row instead held a million groups for a run with a million rejected rows, and took
	 * 27 s at its end with a 256 MB heap.
	 */
	private static final String REJECTED_ONLY_WHILE_COMPUTING = """
			SELECT DATASET_ID, FILE_NAME, COUNT(*)
			FROM (
			    SELECT DATASET_ID, FILE_NAME, SOURCE_ROW FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE <> ?
			    EXCEPT
			    SELECT DATASET_ID, FILE_NAME, SOURCE_ROW FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE = ?
			) rows_rejected
			GROUP BY DATASET_ID, FILE_NAME
			""";

	/*
	 * How many rejections of the run are of another stage than ingest's: as a rule none.
	 * Two ranges of the index on run and stage, which find them without reading the
	 * ingest step's.
	 */
	private static final String REJECTED_WHILE_COMPUTING = "SELECT (SELECT COUNT(*) FROM MIG_REJECTION "
			+ "WHERE RUN_ID = ? AND STAGE < ?) + (SELECT COUNT(*) FROM MIG_REJECTION WHERE RUN_ID = ? AND STAGE > ?)";

	private final JdbcTemplate jdbc;

	public FileCountStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a block's counts to what the execution counted of the table.
	 * @param table the table
	 * @param executionId the job execution the block belongs to
	 * @param counts the block's counts
	 * @param numberFormat what the table's value cells showed about the decimal separator
	 * so far, or {@code null} if none was mapped yet
	 */
	public void add(InputTable table, long executionId, RowCounts counts, String numberFormat) {
		int updated = this.jdbc.update(ADD, (ps) -> bind(ps, counts, numberFormat, table, executionId));
		if (updated == 0) {
			this.jdbc.update(INSERT, (ps) -> bind(ps, counts, numberFormat, table, executionId));
		}
	}

	/**
	 * Cancels what earlier blocks counted of the table, for a table whose stored rows are
	 * deleted: its counts start again from none.
	 * @param table the table
	 * @param executionId the job execution deleting them
	 * @param numberFormat what its value cells showed about the decimal separator, or
	 * {@code null}
	 */
	public void cancel(InputTable table, long executionId, String numberFormat) {
		this.jdbc.update("DELETE FROM MIG_FILE_COUNT WHERE " + TABLE + " AND JOB_EXECUTION_ID = ?", table.runId(),
				table.datasetId(), table.fileName(), table.sheet(), executionId);
		add(table, executionId, total(table, executionId - 1).negated(), numberFormat);
	}

	/**
	 * Records that the execution read the table to its end.
	 * @param table the table
	 * @param executionId the job execution
	 */
	public void end(InputTable table, long executionId) {
		this.jdbc.update("UPDATE MIG_FILE_COUNT SET ENDED = TRUE WHERE " + TABLE + " AND JOB_EXECUTION_ID = ?",
				table.runId(), table.datasetId(), table.fileName(), table.sheet(), executionId);
	}

	/**
	 * @param table the table
	 * @return what every execution of the run counted of it, with what the current
	 * transaction added
	 */
	public RowCounts total(InputTable table) {
		return total(table, Long.MAX_VALUE);
	}

	private RowCounts total(InputTable table, long asOf) {
		return this.jdbc.queryForObject(TOTAL, (rs, n) -> counts(rs, 1), table.runId(), table.datasetId(),
				table.fileName(), table.sheet(), asOf);
	}

	/**
	 * @param runId the run
	 * @param executionId the last job execution taken into account
	 * @return per table of the run that an execution up to that one took blocks of, what
	 * they counted, in the order they were first counted
	 */
	public List<TableCounts> asOf(long runId, long executionId) {
		Map<List<String>, TableCounts> tables = new LinkedHashMap<>();
		this.jdbc.query(AS_OF, (ResultSet rs) -> {
			TableCounts row = new TableCounts(rs.getString(1), rs.getString(2), rs.getString(3), counts(rs, 4),
					rs.getString(14), rs.getBoolean(15));
			tables.merge(List.of(row.datasetId(), row.fileName(), row.sheet()), row, TableCounts::then);
		}, runId, executionId);
		return new ArrayList<>(tables.values());
	}

	/**
	 * @param runId the run
	 * @return per table of the run, what all its executions counted
	 */
	public List<TableCounts> totals(long runId) {
		return asOf(runId, Long.MAX_VALUE);
	}

	/**
	 * @param runId the run
	 * @return per dataset and file, keyed by both joined with a colon: the rows rejected
	 * while computing (a second value for a country, year and measure) and not while
	 * ingesting
	 */
	public Map<String, Long> rowsRejectedOnlyWhileComputing(long runId) {
		Map<String, Long> rows = new LinkedHashMap<>();
		Long later = this.jdbc.queryForObject(REJECTED_WHILE_COMPUTING, Long.class, runId, IngestStore.INGEST, runId,
				IngestStore.INGEST);
		if (later == null || later == 0) {
			return rows;
		}
		this.jdbc.query(REJECTED_ONLY_WHILE_COMPUTING, (ResultSet rs) -> {
			rows.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3));
		}, runId, IngestStore.INGEST, runId, IngestStore.INGEST);
		return rows;
	}

	/**
	 * @param runId the run
	 * @return per dataset and file, keyed by both joined with a colon: the years whose
	 * months or quarters were not summed as some are missing, as compute listed them
	 * ({@code AUT 2022 emigrants: 3 of 4 quarters, missing 2022-Q4}), in their order
	 */
	public Map<String, List<String>> yearsNotSummed(long runId) {
		Map<String, List<String>> years = new LinkedHashMap<>();
		this.jdbc.query("SELECT DATASET_ID, FILE_NAME, RAW_VALUE FROM MIG_FILTERED_ROW WHERE RUN_ID = ? AND REASON = ? "
				+ "ORDER BY DATASET_ID, FILE_NAME, RAW_VALUE", (ResultSet rs) -> {
					years.computeIfAbsent(rs.getString(1) + ":" + rs.getString(2), (k) -> new ArrayList<>())
						.add(rs.getString(3));
				}, runId, Period.YEAR_NOT_SUMMED);
		return years;
	}

	private static void bind(PreparedStatement ps, RowCounts counts, String numberFormat, InputTable table,
			long executionId) throws SQLException {
		ps.setLong(1, counts.rowsRead());
		ps.setLong(2, counts.rowsWritten());
		ps.setLong(3, counts.rowsRejected());
		ps.setLong(4, counts.rowsRejectedWhole());
		ps.setLong(5, counts.aggregateRows());
		ps.setLong(6, counts.otherFilteredRows());
		ps.setLong(7, counts.observations());
		ps.setLong(8, counts.valuesRejected());
		ps.setLong(9, counts.missingNotAvailable());
		ps.setLong(10, counts.missingConfidential());
		ps.setString(11, numberFormat);
		ps.setLong(12, table.runId());
		ps.setString(13, table.datasetId());
		ps.setString(14, table.fileName());
		ps.setString(15, table.sheet());
		ps.setLong(16, executionId);
	}

	private static RowCounts counts(ResultSet rs, int first) throws SQLException {
		return new RowCounts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
				rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6), rs.getLong(first + 7),
				rs.getLong(first + 8), rs.getLong(first + 9));
	}

	/**
	 * One input table of a run, as a partition of the ingest step reads it.
	 *
	 * @param runId the run
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param sheet the sheet, for a dataset reading several sheets of each file; empty
	 * for a file read as one table
	 */
	public record InputTable(long runId, String datasetId, String fileName, String sheet) {

		/**
		 * What the sheet column holds for a byte range of a text file, before its number.
		 */
		static final String RANGE = "#range ";

		/**
		 * A byte range of a text file is counted apart from the others, as a sheet is, in
		 * the sheet column, which a text file leaves empty; the ranges are added up when
		 * the file's counts are read.
		 * @param index the range's place, from 0
		 * @param count how many ranges the file is read in
		 * @return what the sheet column holds for it
		 */
		public static String rangeSheet(int index, int count) {
			return RANGE + (index + 1) + " of " + count;
		}

	}

	/**
	 * What ingest counted of one table.
	 *
	 * @param datasetId the dataset
	 * @param fileName the file
	 * @param sheet the sheet, empty for a file read as one table
	 * @param counts its counts
	 * @param numberFormat what its value cells showed about the decimal separator, or
	 * {@code null} if none was mapped
	 * @param ended whether it was read to its end
	 */
	public record TableCounts(String datasetId, String fileName, String sheet, RowCounts counts, String numberFormat,
			boolean ended) {

		/**
		 * @return whether the table is a byte range of a text file
		 */
		public boolean range() {
			return this.sheet.startsWith(InputTable.RANGE);
		}

		/**
		 * @param later what a later execution counted of the same table
		 * @return both executions' counts together
		 */
		TableCounts then(TableCounts later) {
			return new TableCounts(this.datasetId, this.fileName, this.sheet, this.counts.plus(later.counts),
					(later.numberFormat != null) ? later.numberFormat : this.numberFormat, this.ended || later.ended);
		}

	}

}
