package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Copies of the embedded database to come back to when its file is damaged (a full disk,
 * a crash of the machine while writing): H2's {@code BACKUP TO} writes a consistent copy
 * while the database is open, so the process that has it open (a run, the scheduler)
 * makes it, after each run by default. Copies older than the kept age are deleted, the
 * newest always kept. A database server (PostgreSQL) is backed up by its own tools; then
 * nothing is done here.
 */
@Component
public class DatabaseBackup {

	private static final Logger log = LoggerFactory.getLogger(DatabaseBackup.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String H2_FILE = "jdbc:h2:file:";

	private final JdbcTemplate jdbc;

	private final String url;

	private final Duration keep;

	private final boolean afterRun;

	private final Clock clock;

	@Autowired
	public DatabaseBackup(JdbcTemplate jdbc, @Value("${spring.datasource.url}") String url,
			@Value("${pipeline.backup.keep:7d}") Duration keep,
			@Value("${pipeline.backup.after-run:true}") boolean afterRun) {
		this(jdbc, url, keep, afterRun, Clock.systemUTC());
	}

	DatabaseBackup(JdbcTemplate jdbc, String url, Duration keep, boolean afterRun, Clock clock) {
		this.jdbc = jdbc;
		this.url = url;
		this.keep = keep;
		this.afterRun = afterRun;
		this.clock = clock;
	}

	/**
	 * @return the folder the copies go to, or empty if the database is not an H2 file
	 */
	public Optional<Path> folder() {
		return h2File(this.url).map((file) -> file.resolveSibling("backups"));
	}

	/**
	 * @param url a JDBC URL
	 * @return the file of the H2 database it names ({@code <name>.mv.db}, with {@code ~}
	 * for the home folder), or empty if it names another database
	 */
	public static Optional<Path> h2File(String url) {
		if (url == null || !url.startsWith(H2_FILE)) {
			return Optional.empty();
		}
		String name = url.substring(H2_FILE.length());
		int settings = name.indexOf(';');
		name = (settings >= 0) ? name.substring(0, settings) : name;
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
	}

	/**
	 * Writes a consistent copy of the open database and deletes the copies older than the
	 * kept age, but the newest.
	 * @return the copy, or empty if the database is not an H2 file
	 */
	public Optional<Path> backUp() {
		Optional<Path> folder = folder();
		if (folder.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		try {
			Files.createDirectories(folder.get());
			Path copy = folder.get().resolve("pipeline-" + STAMP.format(now) + ".zip");
			Path partial = folder.get().resolve("." + copy.getFileName() + ".partial");
			Files.deleteIfExists(partial);
			this.jdbc.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
			Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			prune(now);
			log.info("Database backed up to {}", copy);
			return Optional.of(copy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot back up the database into " + folder.get(), ex);
		}
	}

	/**
	 * Backs up after a run, if so configured; a failure is logged, not thrown: the run's
	 * outcome stands.
	 */
	void afterRun() {
		if (!this.afterRun) {
			return;
		}
		try {
			backUp();
		}
		catch (RuntimeException ex) {
			log.warn("The database could not be backed up after the run: {}", ex.getMessage());
		}
	}

	/**
	 * @return the copies, newest first
	 */
	public List<Path> copies() {
		Optional<Path> folder = folder();
		if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder.get())) {
			List<Path> copies = new ArrayList<>(files
				.filter((f) -> f.getFileName().toString().startsWith("pipeline-")
						&& f.getFileName().toString().endsWith(".zip"))
				.sorted()
				.toList());
			Collections.reverse(copies);
			return copies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder.get(), ex);
		}
	}

	private void prune(Instant now) throws IOException {
		List<Path> copies = copies();
		for (Path copy : copies.subList(Math.min(1, copies.size()), copies.size())) {
			if (Files.getLastModifiedTime(copy).toInstant().isBefore(now.minus(this.keep))) {
				Files.delete(copy);
				log.info("Deleted the backup {}, older than {}", copy, this.keep);
			}
		}
	}

}
