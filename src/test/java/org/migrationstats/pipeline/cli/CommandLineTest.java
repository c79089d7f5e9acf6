package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that need no database: usage, job files, and how failures read.
 */
class CommandLineTest {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	private int run(String... args) {
		CommandLine commandLine = PipelineCommand.commandLine(args);
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

	@Test
	void helpListsEveryCommandAndTheExitCodes() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString())
			.contains("run", "restart", "status", "show", "recover", "abandon", "validate", "jobs")
			.containsPattern("3\\s+completed, with rejected rows")
			.containsPattern("4\\s+the run date was already complete");
	}

	@Test
	void anUnknownCommandIsAUsageError() {
		assertThat(run("rnu")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unmatched argument at index 0: 'rnu'");
	}

	@Test
	void jobsListsTheShippedJobWithItsNextRunInItsZone() {
		assertThat(run("jobs")).isZero();
		assertThat(this.out.toString()).containsPattern(
				"jobs/nightly-migration\\.yml\\s+nightly-migration\\s+0 30 2 \\* \\* \\*\\s+\\d{4}-\\d{2}-\\d{2} 02:30:00 UTC");
	}

	@Test
	void validateNamesTheFileAndLineOfAMistake(@TempDir Path dir) throws Exception {
		Path job = dir.resolve("bad.yml");
		Files.writeString(job,
				Files.readString(Path.of("jobs/nightly-migration.yml")).replace("layout: wide", "layout: wdie"));
		assertThat(run("validate", job.toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains(job + ", line ").contains("layout must be wide or long, found 'wdie'");
		assertThat(run("validate", "jobs/nightly-migration.yml")).isZero();
		assertThat(this.out.toString()).contains("jobs/nightly-migration.yml: valid (6 dataset(s), 2 period(s))");
	}

	@Test
	void aLockedDatabaseIsRecognisedDeepInTheCauses() {
		Exception cause = new IllegalStateException(
				"General error: \"org.h2.mvstore.MVStoreException: The file is locked: /srv/output/db/pipeline.mv.db [2.5.252/7]\"");
		Exception wrapped = new RuntimeException("Error creating bean", new RuntimeException("wrapper", cause));
		assertThat(PipelineCommand.lockedDatabase(wrapped)).isEqualTo("/srv/output/db/pipeline.mv.db");
		assertThat(PipelineCommand.lockedDatabase(new IllegalStateException("other"))).isNull();
	}

}
