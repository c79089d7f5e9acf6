package org.migrationstats.pipeline.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows a run keeps in the pipeline's own tables: every table named {@code MIG_...}
 * with a {@code RUN_ID} column. Removing them frees the database of a finished run's
 * observations, rejects and figures; the run's input files, datasets and per-file counts
 * stay, so that {@code show} still lists them, and Spring Batch's own record of the run
 * is not touched.
 */
@Repository
public class RunData {

	/**
	 * Small tables kept after a prune, so that the run still says what it read, and
	 * {@code show} how many rows of each file.
	 */
	private static final Set<String> KEPT = Set.of("MIG_RUN_INPUT", "MIG_DATASET", "MIG_FILE_COUNT");

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	public RunData(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * @return the pipeline tables that hold rows per run and are emptied by a prune, in
	 * name order (found in the database, so a table added later is pruned too)
	 */
	public List<String> prunableTables() {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet columns = meta.getColumns(null, null, null, null)) {
				while (columns.next()) {
					String table = columns.getString("TABLE_NAME");
					String column = columns.getString("COLUMN_NAME");
					String upper = table.toUpperCase(Locale.ROOT);
					if (upper.startsWith("MIG_") && "RUN_ID".equalsIgnoreCase(column) && !KEPT.contains(upper)
							&& !tables.contains(upper)) {
						tables.add(upper);
					}
				}
			}
			tables.sort(null);
			return tables;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot list the pipeline's tables: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * @param runId a run
	 * @return how many rows the run holds in the prunable tables
	 */
	public long rows(long runId) {
		long rows = 0;
		for (String table : prunableTables()) {
			Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE RUN_ID = ?", Long.class,
					runId);
			rows += (count != null) ? count : 0;
		}
		return rows;
	}

	/**
	 * Of the runs a query selects, those that still hold rows in the prunable tables: one
	 * statement, each table looked up by its {@code RUN_ID} index, so that runs pruned
	 * before are not visited again.
	 * @param runs a query selecting run ids in a column named {@code RUN_ID}
	 * @param args the query's arguments
	 * @return the run ids with rows, in ascending order
	 */
	public List<Long> holdingRows(String runs, Object... args) {
		List<String> tables = prunableTables();
		if (tables.isEmpty()) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("SELECT C.RUN_ID FROM (").append(runs).append(") C WHERE ");
		for (int i = 0; i < tables.size(); i++) {
			sql.append((i > 0) ? " OR " : "")
				.append("EXISTS (SELECT 1 FROM ")
				.append(tables.get(i))
				.append(" T WHERE T.RUN_ID = C.RUN_ID)");
		}
		sql.append(" ORDER BY C.RUN_ID");
		return this.jdbc.queryForList(sql.toString(), Long.class, args);
	}

	/**
	 * Deletes a run's rows from the prunable tables, in one transaction.
	 * @param runId the run
	 * @return the rows deleted
	 */
	public long delete(long runId) {
		Long deleted = this.transaction.execute((status) -> {
			long rows = 0;
			for (String table : prunableTables()) {
				rows += this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
			}
			return rows;
		});
		return (deleted != null) ? deleted : 0;
	}

}
