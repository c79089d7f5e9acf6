package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scratch folders for tests that need one before JUnit's {@code @TempDir} is injected (a
 * database URL is resolved when the Spring context starts).
 */
final class ScratchFolders {

	private ScratchFolders() {
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
