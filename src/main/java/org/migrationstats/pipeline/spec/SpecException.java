package org.migrationstats.pipeline.spec;

import java.nio.file.Path;

/**
 * A job file that cannot be run, with the place that is wrong.
 */
public class SpecException extends RuntimeException {

	private final Path file;

	private final int line;

	public SpecException(Path file, int line, String message) {
		super(file + (line > 0 ? ", line " + line : "") + ": " + message);
		this.file = file;
		this.line = line;
	}

	public Path getFile() {
		return this.file;
	}

	/**
	 * @return the 1-based line in the job file, or 0 when the error concerns the whole
	 * file
	 */
	public int getLine() {
		return this.line;
	}

}
