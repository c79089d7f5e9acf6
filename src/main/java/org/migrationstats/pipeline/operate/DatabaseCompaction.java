package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Gives the space pruned runs leave in the embedded database's file back to the disk. H2
 * reuses freed space, but only up to a point: the file keeps its largest size, and the
 * 200 ms H2 spends compacting when the database closes do not keep up with the rows a
 * large run leaves behind when it is pruned. {@code SHUTDOWN COMPACT} rewrites the file
 * with its live data only, but it closes the database (every connection of the process)
 * and takes time in proportion to the live data; so it is done only when it is worth it:
 * when the file is at least {@code pipeline.compact.min-size} and more than
 * {@code pipeline.compact.free-ratio} of it is free. H2 says how much of the file its
 * chunks fill ({@code info.FILL_RATE}) and how much of the chunks is live
 * ({@code info.CHUNKS_FILL_RATE}); their product is the live share. A database server
 * (PostgreSQL) is left alone: it has its own vacuum.
 */
@Component
public class DatabaseCompaction {

	private static final Logger log = LoggerFactory.getLogger(DatabaseCompaction.class);

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final Optional<Path> file;

	private final boolean afterRun;

	private final DataSize minSize;

	private final double freeRatio;

	public DatabaseCompaction(JdbcTemplate jdbc, DataSource dataSource, @Value("${spring.datasource.url}") String url,
			@Value("${pipeline.compact.after-run:true}") boolean afterRun,
			@Value("${pipeline.compact.min-size:16MB}") DataSize minSize,
			@Value("${pipeline.compact.free-ratio:0.5}") double freeRatio) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.file = DatabaseBackup.h2File(url);
		this.afterRun = afterRun;
		this.minSize = minSize;
		this.freeRatio = freeRatio;
	}

	/**
	 * After a run, with no other run going in this process: compacts the file if it is
	 * worth it. A failure is logged, not thrown: the run's outcome stands.
	 */
	void afterRun() {
		if (!this.afterRun || this.file.isEmpty()) {
			return;
		}
		try {
			compactIfWorthIt();
		}
		catch (RuntimeException ex) {
			log.warn("The database could not be compacted after the run: {}", ex.getMessage());
		}
	}

	/**
	 * Compacts the embedded database's file if it is at least the minimum size and more
	 * than the free ratio of it is free. Nothing else may use the database meanwhile.
	 * @return whether it was compacted
	 */
	public boolean compactIfWorthIt() {
		if (this.file.isEmpty() || !Files.isRegularFile(this.file.get())) {
			return false;
		}
		long before = size(this.file.get());
		if (before < this.minSize.toBytes()) {
			return false;
		}
		// the fill rates are those of the chunks written: the last run's are written
		// first
		this.jdbc.execute("CHECKPOINT");
		double live = liveShare();
		if (1 - live <= this.freeRatio) {
			return false;
		}
		long start = System.nanoTime();
		HikariDataSource hikari = pool(this.dataSource);
		if (hikari != null && hikari.getHikariPoolMXBean() != null) {
			// on a connection of its own, not the pool's: a pooled connection would be
			// reset by the pool after the database closed under it, which H2 records as
			// an error in a .trace.db file
			try (Connection own = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
					hikari.getPassword()); Statement statement = own.createStatement()) {
				statement.execute("SHUTDOWN COMPACT");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
			// every pooled connection was closed with the database: the pool opens new
			// ones, which open the compacted file
			hikari.getHikariPoolMXBean().softEvictConnections();
		}
		else {
			this.jdbc.execute("SHUTDOWN COMPACT");
		}
		long after = size(this.file.get());
		log.info("Compacted the database {} from {} MB to {} MB ({} % of it was live) in {} ms", this.file.get(),
				before >> 20, after >> 20, Math.round(live * 100), (System.nanoTime() - start) / 1_000_000);
		return true;
	}

	/**
	 * @param dataSource the application's data source, perhaps wrapped (a test's fault
	 * injection wraps it)
	 * @return the connection pool it is or wraps, or {@code null}: compacted on a pooled
	 * connection without evicting the others, the pool would hand out connections closed
	 * with the database, as long as they had been used within the last half second
	 */
	private static HikariDataSource pool(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * @return the share of the file that live data takes, 0 to 1
	 */
	double liveShare() {
		Map<String, String> info = new HashMap<>();
		this.jdbc.query("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
				+ "WHERE SETTING_NAME IN ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE')", (row) -> {
					info.put(row.getString(1), row.getString(2));
				});
		return percent(info.get("info.FILL_RATE")) * percent(info.get("info.CHUNKS_FILL_RATE"));
	}

	private static double percent(String value) {
		if (value == null) {
			// not told: taken as all live, so that nothing is compacted on a guess
			return 1;
		}
		return Math.max(0, Math.min(100, Double.parseDouble(value.strip()))) / 100;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
