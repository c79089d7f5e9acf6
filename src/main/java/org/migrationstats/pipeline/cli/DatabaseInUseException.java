package org.migrationstats.pipeline.cli;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The embedded database is open in another process (a run, the scheduler): this one
 * cannot open it until that process ends.
 */
class DatabaseInUseException extends RuntimeException {

	DatabaseInUseException(SQLException cause) {
		super(message(file(cause)), cause);
	}

	DatabaseInUseException(Path file) {
		super(message(file.toString()));
	}

	private static String message(String file) {
		return "the database is in use by another process (a run or the scheduler is running): " + file
				+ ". Try again when it has finished, or point spring.datasource.url at a database server "
				+ "(PostgreSQL) to run commands side by side.";
	}

	private static String file(SQLException cause) {
		String message = cause.getMessage();
		int start = message.indexOf('"');
		int end = (start >= 0) ? message.indexOf('"', start + 1) : -1;
		return (start >= 0 && end > start) ? message.substring(start + 1, end) : "H2 file locked";
	}

}
