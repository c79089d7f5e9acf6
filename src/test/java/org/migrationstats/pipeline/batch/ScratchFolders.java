package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Scratch folders for tests that need one before JUnit's {@code @TempDir} is injected (a
 * database URL is resolved when the Spring context starts), and the database in them.
 */
public final class ScratchFolders {

	private ScratchFolders() {
	}

	/**
	 * Points the test's Spring context at an H2 file database of its own in the scratch
	 * folder.
	 * @param registry the test's dynamic properties
	 * @param work the test's scratch folder
	 */
	public static void database(DynamicPropertyRegistry registry, Path work) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + work.resolve("db/pipeline").toAbsolutePath());
	}

	/**
	 * Points the test's Spring context at the PostgreSQL database the environment names
	 * ({@code PIPELINE_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}).
	 * @param registry the test's dynamic properties
	 */
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv("PIPELINE_TEST_POSTGRES_URL"));
		registry.add("spring.datasource.username", () -> System.getenv("PIPELINE_TEST_POSTGRES_USER"));
		registry.add("spring.datasource.password", () -> System.getenv("PIPELINE_TEST_POSTGRES_PASSWORD"));
	}

	/**
	 * @param prefix the folder name's start
	 * @return a new temporary folder, deleted at exit if empty
	 */
	public static Path create(String prefix) {
		try {
			Path folder = Files.createTempDirectory(prefix);
			folder.toFile().deleteOnExit();
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
