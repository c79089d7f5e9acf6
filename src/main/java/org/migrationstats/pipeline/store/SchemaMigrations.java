package org.migrationstats.pipeline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Brings the pipeline's own tables ({@code MIG_...}) to the newest schema version. Each
 * version is a script {@code db/migration/V<n>__<what>.sql}, applied in order by Flyway
 * and recorded in {@code flyway_schema_history}; a database made before Flyway was used
 * is taken as version 0 and brought up to date.
 * <p>
 * Flyway is started only when the database lacks a version: when the history already
 * records every script as applied, one query says so and Flyway is not loaded at all.
 * Loading it (with the Jackson classes it reads its configuration with) took a tenth of
 * every command's start. What that skips is Flyway's check that applied scripts were not
 * edited since; a released script is never edited (a change is a new script), and any new
 * script brings the full check back.
 */
public final class SchemaMigrations {

	/** Where the scripts are, for Flyway. */
	static final String LOCATION = "classpath:db/migration";

	/** The scripts, wherever on the class path. */
	private static final String SCRIPTS = "classpath*:db/migration/V*__*.sql";

	private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.+\\.sql");

	/** The PostgreSQL advisory lock processes take turns with ("MIGSCHMA"). */
	private static final long MIGRATION_LOCK = 0x4D4947534348_4D41L;

	private SchemaMigrations() {
	}

	/**
	 * What {@link #bringUpToDate(DataSource)} did.
	 */
	public enum Outcome {

		/** Every script was applied before: nothing done. */
		CURRENT,

		/** Flyway ran: it applied what was missing. */
		MIGRATED

	}

	/**
	 * @param dataSource the database
	 * @return whether Flyway had to run
	 * @throws IllegalStateException if the database cannot be read or migrated
	 */
	public static Outcome bringUpToDate(DataSource dataSource) {
		Set<Integer> scripts = scripts();
		if (current(scripts, applied(dataSource))) {
			return Outcome.CURRENT;
		}
		// Processes that start at once on a database still empty (two schedulers on two
		// machines) take turns, and the later ones find the work done: Flyway's own lock
		// comes after it has made its history table, so a second process found that table
		// empty and refused to go on ("Unable to baseline schema history table"). A
		// PostgreSQL session lock does it; an H2 file is open in one process only.
		try (Connection connection = dataSource.getConnection()) {
			boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
			if (postgres) {
				advisoryLock(connection, "pg_advisory_lock");
			}
			try {
				if (current(scripts, applied(connection))) {
					return Outcome.CURRENT;
				}
				Flyway.configure()
					.dataSource(dataSource)
					.locations(LOCATION)
					.baselineOnMigrate(true)
					.baselineVersion("0")
					.load()
					.migrate();
				return Outcome.MIGRATED;
			}
			finally {
				if (postgres) {
					advisoryLock(connection, "pg_advisory_unlock");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot bring the schema up to date: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return whether the history records every script shipped (and there is one)
	 */
	private static boolean current(Set<Integer> scripts, Set<Integer> applied) {
		return !scripts.isEmpty() && applied.containsAll(scripts);
	}

	private static void advisoryLock(Connection connection, String function) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT " + function + "(" + MIGRATION_LOCK + ")").close();
		}
	}

	/**
	 * @return the versions of the scripts shipped
	 */
	static Set<Integer> scripts() {
		Set<Integer> versions = new HashSet<>();
		try {
			for (Resource script : new PathMatchingResourcePatternResolver().getResources(SCRIPTS)) {
				Matcher matcher = SCRIPT.matcher(String.valueOf(script.getFilename()));
				if (matcher.matches()) {
					versions.add(Integer.parseInt(matcher.group(1)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the schema scripts in " + LOCATION, ex);
		}
		return versions;
	}

	/**
	 * @return the versions the database's history records as applied; none when it has no
	 * history yet
	 */
	static Set<Integer> applied(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return applied(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the schema history: " + ex.getMessage(), ex);
		}
	}

	private static Set<Integer> applied(Connection connection) throws SQLException {
		Set<Integer> versions = new HashSet<>();
		if (!hasHistory(connection)) {
			return versions;
		}
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")) {
			while (rows.next()) {
				String version = rows.getString(1);
				if (version != null && version.matches("\\d{1,9}")) {
					versions.add(Integer.parseInt(version));
				}
			}
		}
		return versions;
	}

	private static boolean hasHistory(Connection connection) throws SQLException {
		// in the connection's own schema: a PostgreSQL database may hold the pipeline's
		// tables in several schemas (currentSchema=...), each with its history
		try (ResultSet tables = connection.getMetaData()
			.getTables(null, connection.getSchema(), "flyway_schema_history", null)) {
			return tables.next();
		}
	}

}
