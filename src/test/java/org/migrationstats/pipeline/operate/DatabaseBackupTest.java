package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups of the embedded database: a consistent copy H2 can open, old copies deleted but
 * the newest, nothing done for a database server.
 */
class DatabaseBackupTest {

	private static final Instant NOW = Instant.parse("2026-12-03T02:30:00Z");

	@TempDir
	Path work;

	@Test
	void aCopyHoldsTheDatabaseAndCopiesOlderThanTheKeptAgeGo() throws IOException {
		String url = "jdbc:h2:file:" + this.work.resolve("db/pipeline");
		SingleConnectionDataSource data = new SingleConnectionDataSource(url, "sa", "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(data);
			jdbc.execute("CREATE TABLE T (ID INT)");
			jdbc.execute("INSERT INTO T VALUES (1), (2), (3)");
			Path backups = Files.createDirectories(this.work.resolve("db/backups"));
			Path old = Files.writeString(backups.resolve("pipeline-20261120T023000Z.zip"), "old");
			Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(13))));
			Path recent = Files.writeString(backups.resolve("pipeline-20261201T023000Z.zip"), "recent");
			Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofDays(2))));
			DatabaseBackup backup = new DatabaseBackup(jdbc, url + ";WRITE_DELAY=0", Duration.ofDays(7), true,
					Clock.fixed(NOW, ZoneOffset.UTC));

			Path copy = backup.backUp().orElseThrow();

			assertThat(copy).isEqualTo(backups.resolve("pipeline-20261203T023000Z.zip"));
			try (ZipFile zip = new ZipFile(copy.toFile())) {
				assertThat(zip.stream().map((e) -> e.getName()).toList()).containsExactly("pipeline.mv.db");
			}
			assertThat(backup.copies()).containsExactly(copy, recent);
		}
		finally {
			data.destroy();
		}
	}

	@Test
	void aDatabaseServerIsLeftToItsOwnTools() {
		DatabaseBackup backup = new DatabaseBackup(null, "jdbc:postgresql://localhost/pipeline", Duration.ofDays(7),
				true, Clock.systemUTC());

		assertThat(backup.folder()).isEmpty();
		assertThat(backup.backUp()).isEmpty();
		assertThat(backup.copies()).isEqualTo(List.of());
	}

}
