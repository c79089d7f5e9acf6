package org.migrationstats.pipeline.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.migrationstats.pipeline.operate.DatabaseBackup;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes an embedded H2 file database safe to kill: {@code WRITE_DELAY=0} writes every
 * commit to the file before the commit returns (by default H2 keeps the last half second
 * of commits in memory, and {@code kill -9} loses them), and
 * {@code DB_CLOSE_ON_EXIT=FALSE} leaves the database open while a process told to
 * terminate stops its executions (by default H2 closes it at once). Added to any
 * {@code jdbc:h2:file:} URL that does not set them; other databases are left alone.
 */
class H2FileSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final String URL = "spring.datasource.url";

	private volatile Path file;

	/**
	 * @return the H2 database file of the context this listener prepared, or {@code null}
	 * if it uses another database
	 */
	Path file() {
		return this.file;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		String url = environment.getProperty(URL);
		Optional<Path> file = DatabaseBackup.h2File(url);
		if (file.isEmpty()) {
			return;
		}
		this.file = file.get();
		refuseIfLocked(this.file);
		String safe = withSetting(withSetting(url, "WRITE_DELAY", "0"), "DB_CLOSE_ON_EXIT", "FALSE");
		if (!safe.equals(url)) {
			environment.getPropertySources().addFirst(new MapPropertySource("h2FileSettings", Map.of(URL, safe)));
		}
	}

	/**
	 * Answers at once when another process has the database file open, instead of letting
	 * the connection pool wait for it: H2 holds a lock on the whole file while the
	 * database is open, so a lock this process cannot take means another process has it.
	 * @param file the database file
	 * @throws DatabaseInUseException if another process has the file open
	 */
	static void refuseIfLocked(Path file) {
		if (!Files.isRegularFile(file)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new DatabaseInUseException(file);
			}
			lock.release();
		}
		catch (OverlappingFileLockException ex) {
			// this process has it open: H2 shares it within the process
		}
		catch (IOException ex) {
			// not ours to judge (a read-only file, say): H2 says what is wrong when it
			// opens it
		}
	}

	static String withSetting(String url, String name, String value) {
		return url.toUpperCase(Locale.ROOT).contains(";" + name + "=") ? url : url + ";" + name + "=" + value;
	}

}
