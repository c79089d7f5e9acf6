package org.migrationstats.pipeline.report.jdbc;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.migrationstats.pipeline.ingest.FlaggedCell;
import org.migrationstats.pipeline.ingest.Rejection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The queries the report reads what a run's inputs gave with: rejections, unmatched
 * country names, aggregates, filtered rows and the counts per file, each row a record.
 */
@Repository
public class InputQueries {

	private final JdbcTemplate jdbc;

	public InputQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param runId the run
	 * @param consumer receives each rejection, in dataset, file and row order
	 */
	public void rejections(long runId, Consumer<Rejection> consumer) {
		this.jdbc.query("SELECT DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME, RAW_VALUE, REASON "
				+ "FROM MIG_REJECTION WHERE RUN_ID = ? ORDER BY DATASET_ID, FILE_NAME, SHEET, SOURCE_ROW, COLUMN_NAME",
				(ResultSet rs) -> {
					consumer.accept(new Rejection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
							rs.getString(5), rs.getString(6), rs.getString(7)));
				}, runId);
	}

	/**
	 * Country names or codes no country was found for, once per distinct name and
	 * dataset.
	 * @param runId the run
	 * @return the names, by dataset and name as written
	 */
	public List<UnmatchedName> unmatchedNames(long runId) {
		return this.jdbc.query(
				"SELECT DATASET_ID, RAW_VALUE, REASON, COUNT(*), MIN(SOURCE_ROW) FROM MIG_REJECTION "
						+ "WHERE RUN_ID = ? AND REASON LIKE 'unknown country%' GROUP BY DATASET_ID, RAW_VALUE, REASON "
						+ "ORDER BY DATASET_ID, RAW_VALUE",
				(rs, n) -> new UnmatchedName(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getLong(5)),
				runId);
	}

	/**
	 * @param runId the run
	 * @return the aggregates found in the inputs, by dataset, scheme and code
	 */
	public List<AggregateFound> aggregatesFound(long runId) {
		return this.jdbc.query(
				"SELECT DATASET_ID, SCHEME, CODE, NAME, COUNT(*) FROM MIG_AGGREGATE_ROW "
						+ "WHERE RUN_ID = ? GROUP BY DATASET_ID, SCHEME, CODE, NAME ORDER BY DATASET_ID, SCHEME, CODE",
				(rs, n) -> new AggregateFound(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getLong(5)),
				runId);
	}

	/**
	 * @param runId the run
	 * @return the rows filtered for another reason than being about an aggregate (another
	 * series, the dataset's filters, section headings), per dataset, file, sheet, reason
	 * and text as written, in job-file, file, sheet and row order
	 */
	public List<FilteredRowCount> filteredRows(long runId) {
		return this.jdbc.query("""
				SELECT f.DATASET_ID, f.FILE_NAME, f.SHEET, f.REASON, f.RAW_VALUE, SUM(f.ROW_COUNT), MIN(f.FIRST_ROW)
				FROM MIG_FILTERED_ROW f JOIN MIG_DATASET d ON d.RUN_ID = f.RUN_ID AND d.DATASET_ID = f.DATASET_ID
				WHERE f.RUN_ID = ?
				GROUP BY d.ORDINAL, f.DATASET_ID, f.FILE_NAME, f.SHEET, f.REASON, f.RAW_VALUE
				ORDER BY d.ORDINAL, f.FILE_NAME, f.SHEET, MIN(f.FIRST_ROW), f.REASON, f.RAW_VALUE
				""", (rs, n) -> new FilteredRowCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getLong(6), rs.getLong(7)), runId);
	}

	/**
	 * @param runId the run
	 * @return what each input file gave (its observations counting the values of months
	 * and quarters, before they are summed to years; of a record-level file, its sums per
	 * country, year, measure and month or quarter, however many blocks or byte ranges
	 * stored a part of each), with its value cells without a value by reason, in job-file
	 * and file order
	 */
	public List<FileCounts> fileCounts(long runId) {
		List<FileCounts> counts = new ArrayList<>();
		this.jdbc.query(
				"""
						SELECT i.DATASET_ID, i.FILE_NAME,
						    CASE WHEN d.SUM_RECORDS THEN
						        (SELECT COUNT(DISTINCT o.COUNTRY || '|' || CAST(o.YR AS VARCHAR(11)) || '|' || o.MEASURE)
						            FROM MIG_OBSERVATION o WHERE o.RUN_ID = i.RUN_ID AND o.DATASET_ID = i.DATASET_ID
						            AND o.FILE_NAME = i.FILE_NAME)
						        + (SELECT COUNT(DISTINCT o.COUNTRY || '|' || CAST(o.YR AS VARCHAR(11)) || '|' || o.MEASURE
						                || '|' || CAST(o.PART AS VARCHAR(11)) || '|' || CAST(o.PARTS AS VARCHAR(11)))
						            FROM MIG_OBSERVATION_PART o WHERE o.RUN_ID = i.RUN_ID AND o.DATASET_ID = i.DATASET_ID
						            AND o.FILE_NAME = i.FILE_NAME)
						    ELSE
						        (SELECT COUNT(*) FROM MIG_OBSERVATION o WHERE o.RUN_ID = i.RUN_ID AND o.DATASET_ID = i.DATASET_ID
						            AND o.FILE_NAME = i.FILE_NAME)
						        + (SELECT COUNT(*) FROM MIG_OBSERVATION_PART o WHERE o.RUN_ID = i.RUN_ID
						            AND o.DATASET_ID = i.DATASET_ID AND o.FILE_NAME = i.FILE_NAME)
						    END,
						    (SELECT COUNT(*) FROM MIG_REJECTION r WHERE r.RUN_ID = i.RUN_ID AND r.DATASET_ID = i.DATASET_ID
						        AND r.FILE_NAME = i.FILE_NAME),
						    (SELECT COUNT(*) FROM MIG_AGGREGATE_ROW a WHERE a.RUN_ID = i.RUN_ID
						        AND a.DATASET_ID = i.DATASET_ID AND a.FILE_NAME = i.FILE_NAME),
						    (SELECT COALESCE(SUM(m.CELL_COUNT), 0) FROM MIG_MISSING_VALUE m WHERE m.RUN_ID = i.RUN_ID
						        AND m.DATASET_ID = i.DATASET_ID AND m.FILE_NAME = i.FILE_NAME AND m.REASON = ?),
						    (SELECT COALESCE(SUM(m.CELL_COUNT), 0) FROM MIG_MISSING_VALUE m WHERE m.RUN_ID = i.RUN_ID
						        AND m.DATASET_ID = i.DATASET_ID AND m.FILE_NAME = i.FILE_NAME AND m.REASON = ?)
						FROM MIG_RUN_INPUT i JOIN MIG_DATASET d ON d.RUN_ID = i.RUN_ID AND d.DATASET_ID = i.DATASET_ID
						WHERE i.RUN_ID = ? ORDER BY d.ORDINAL, i.FILE_NAME
						""",
				(ResultSet rs) -> {
					counts.add(new FileCounts(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
							rs.getLong(5), rs.getLong(6), rs.getLong(7)));
				}, FlaggedCell.NOT_AVAILABLE, FlaggedCell.CONFIDENTIAL, runId);
		return counts;
	}

}
