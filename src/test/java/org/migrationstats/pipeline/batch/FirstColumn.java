package org.migrationstats.pipeline.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the first column of a query, as text, on a connection of its own: how the tests
 * that run the pipeline in other processes look into the database between runs.
 */
final class FirstColumn {

	/** Opens a connection to the database the test reads. */
	@FunctionalInterface
	interface Database {

		Connection connect() throws SQLException;

	}

	private FirstColumn() {
	}

	/**
	 * @param database where to read
	 * @param sql the query, with {@code ?} for each argument
	 * @param args its arguments
	 * @return the first column of every row, in order
	 */
	static List<String> text(Database database, String sql, Object... args) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			List<String> values = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					values.add(rs.getString(1));
				}
			}
			return values;
		}
	}

	/**
	 * @return the first column of the first row, as a number (a count)
	 */
	static long count(Database database, String sql, Object... args) throws SQLException {
		return Long.parseLong(text(database, sql, args).get(0));
	}

}
