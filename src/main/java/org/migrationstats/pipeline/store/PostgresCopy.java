package org.migrationstats.pipeline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Writes rows with PostgreSQL's {@code COPY ... FROM STDIN} in CSV format, on the
 * connection of the transaction in progress (Spring's {@link DataSourceUtils}), so that
 * the rows commit or roll back with the rest of the block and the reader's position.
 * Every value is quoted, its quotes doubled (Commons CSV's PostgreSQL format): tabs,
 * newlines, backslashes and a line holding {@code \.} are data inside quotes, and an
 * unquoted empty field is NULL.
 */
final class PostgresCopy {

	/** Bytes sent to the server at a time. */
	private static final int BUFFER = 1 << 16;

	private final DataSource dataSource;

	private final SQLExceptionTranslator translator;

	PostgresCopy(DataSource dataSource, SQLExceptionTranslator translator) {
		this.dataSource = dataSource;
		this.translator = translator;
	}

	/**
	 * @param <T> the type of the rows
	 * @param table the table
	 * @param columns its columns, in the order the writer writes them
	 * @param rows the rows
	 * @param writer writes one row's fields
	 */
	<T> void copy(String table, String columns, List<T> rows, RowWriter<T> writer) {
		if (rows.isEmpty()) {
			return;
		}
		String sql = "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				Row row = new Row();
				for (T item : rows) {
					writer.write(item, row);
					row.end();
					if (row.text.length() >= BUFFER) {
						row.sendTo(copy);
					}
				}
				row.sendTo(copy);
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		catch (SQLException ex) {
			throw this.translator.translate("COPY " + table, sql, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Writes one row's fields.
	 *
	 * @param <T> the type of the rows
	 */
	@FunctionalInterface
	interface RowWriter<T> {

		void write(T item, Row row);

	}

	/**
	 * The CSV text of rows not yet sent, printed by Commons CSV in PostgreSQL's CSV
	 * format ({@link CSVFormat#POSTGRESQL_CSV}): every value that is not NULL quoted, its
	 * quotes doubled, NULL an empty unquoted field.
	 */
	static final class Row {

		private final StringBuilder text = new StringBuilder(BUFFER + 4096);

		private final CSVPrinter printer;

		Row() {
			try {
				this.printer = new CSVPrinter(this.text, CSVFormat.POSTGRESQL_CSV);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * @param value text, or {@code null} for NULL
		 * @return this row
		 */
		Row text(String value) {
			return print(value);
		}

		Row number(long value) {
			return print(value);
		}

		Row bool(boolean value) {
			return print(value ? "t" : "f");
		}

		private Row print(Object value) {
			try {
				this.printer.print(value);
			}
			catch (IOException ex) {
				// a StringBuilder does not fail
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		private void end() {
			try {
				this.printer.println();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * @return the rows written so far, as the server receives them
		 */
		String csv() {
			return this.text.toString();
		}

		private void sendTo(CopyIn copy) throws SQLException {
			if (this.text.length() > 0) {
				byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
				copy.writeToCopy(bytes, 0, bytes.length);
				this.text.setLength(0);
			}
		}

	}

}
