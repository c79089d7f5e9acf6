package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped nightly job, copied with its sample inputs into a scratch folder so that a
 * test can break and mend its files and read its report without touching the project's
 * folders.
 */
final class SampleJob {

	static final Path SHIPPED_JOB = Path.of("jobs/nightly-migration.yml");

	private final Path root;

	private SampleJob(Path root) {
		this.root = root;
	}

	/**
	 * Copies {@code input/} and the job file into {@code root}, pointing the job's inputs
	 * and output there.
	 * @param root the scratch folder
	 * @return the copied job
	 */
	static SampleJob copyTo(Path root) {
		try {
			copyTree(Path.of("input"), root.resolve("input"));
			String yaml = Files.readString(SHIPPED_JOB, StandardCharsets.UTF_8)
				.replace("path: input/", "path: " + root.resolve("input") + "/")
				.replace("membership: input/", "membership: " + root.resolve("input") + "/")
				.replace("output: output", "output: " + root.resolve("output"));
			Files.writeString(root.resolve("nightly-migration.yml"), yaml, StandardCharsets.UTF_8);
			return new SampleJob(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path jobFile() {
		return this.root.resolve("nightly-migration.yml");
	}

	Path input(String relative) {
		return this.root.resolve("input").resolve(relative);
	}

	Path output() {
		return this.root.resolve("output");
	}

	Path report(String runDate) {
		return output().resolve("nightly-migration").resolve(runDate);
	}

	void setJobFileText(String from, String to) throws IOException {
		String yaml = Files.readString(jobFile(), StandardCharsets.UTF_8);
		if (!yaml.contains(from)) {
			throw new IllegalArgumentException("the job file has no '" + from + "'");
		}
		Files.writeString(jobFile(), yaml.replace(from, to), StandardCharsets.UTF_8);
	}

	/**
	 * @param runDate a run date
	 * @return the report's CSV files that must not depend on when or how often the job
	 * ran, nor on the folder it was copied to (inputs.csv and membership_checks.csv name
	 * the files)
	 */
	List<Path> stableCsvFiles(String runDate) {
		return Stream
			.of("periods", "groups", "country_year", "membership", "rejects", "aggregates", "filtered_rows", "sources",
					"checks", "membership_changes", "unmatched_names", "definitions", "notes", "chart_net_migration",
					"chart_groups")
			.map((name) -> report(runDate).resolve(name + ".csv"))
			.toList();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path source : walk.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
