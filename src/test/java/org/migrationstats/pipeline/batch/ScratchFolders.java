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
final class ScratchFolders {

	private ScratchFolders() {
	}

	/**
	 * Points the test's Spring context at an H2 file database of its own in the scratch
	 * folder.
	 * @param registry the test's dynamic properties
	 * @param work the test's scratch folder
	 */
	static void database(DynamicPropertyRegistry registry, Path work) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + work.resolve("db/pipeline").toAbsolutePath());
	}

	static Path create(String prefix) {
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
