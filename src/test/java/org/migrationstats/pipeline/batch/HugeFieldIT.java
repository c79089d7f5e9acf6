package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One field of 200 MB, quoted or not, read by the pipeline in a JVM of 256 MB at its
 * default limits: the file is refused naming its row (it gave {@code OutOfMemoryError}
 * before rows had a length limit), and the other files are read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HugeFieldIT {

	private static final int FIELD = 200 * 1024 * 1024;

	private final Path work = ScratchFolders.create("huge-field");

	private final ChildJvm jvm = new ChildJvm(this.work, Map.of(), List.of("-Xmx256m"));

	private Path job;

	@BeforeAll
	void writeTheFiles() throws IOException {
		write(this.work.resolve("quoted.csv"), "\"");
		write(this.work.resolve("unquoted.csv"), "");
		Files.writeString(this.work.resolve("population.csv"), "Country,Year,Value\nKAZ,2001,14858948\n",
				StandardCharsets.UTF_8);
		this.job = Files.writeString(this.work.resolve("huge.yml"), """
				name: huge
				membership: %1$s/input/membership/iom.csv
				output: %2$s/output
				datasets:
				  - id: quoted
				    path: %2$s/quoted.csv
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				  - id: unquoted
				    path: %2$s/unquoted.csv
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				  - id: population
				    path: %2$s/population.csv
				    layout: long
				    measure: population
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(Path.of("").toAbsolutePath(), this.work), StandardCharsets.UTF_8);
	}

	private static void write(Path file, String quote) throws IOException {
		char[] chunk = new char[1024 * 1024];
		java.util.Arrays.fill(chunk, 'x');
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("Country,Year,Value,Note\nKAZ,2001,-88000,\nKAZ,2002,-62000," + quote);
			for (int written = 0; written < FIELD; written += chunk.length) {
				out.write(chunk);
			}
			out.write(quote + "\nKAZ,2003,-8000,\n");
		}
	}

	@AfterAll
	void deleteTheFiles() {
		for (String name : new String[] { "quoted.csv", "unquoted.csv" }) {
			try {
				Files.deleteIfExists(this.work.resolve(name));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Test
	void validateRefusesBothFilesNamingTheRow() {
		ChildJvm.Child.Result result = this.jvm.run("validate", this.job.toString());

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		for (String name : new String[] { "quoted", "unquoted" }) {
			assertThat(result.output()).contains("error: dataset " + name + ": " + this.work.resolve(name + ".csv")
					+ ", row 3: a row of more than 1,048,576 characters (max-line-length), read up to byte offset ");
		}
		assertThat(result.output()).contains("ok: dataset population: ").doesNotContain("OutOfMemoryError");
	}

	@Test
	void aRunFailsTheirPartitionsAndReadsTheOtherFile() {
		ChildJvm.Child.Result result = this.jvm.run("run", this.job.toString(), "--date", "2026-06-01");

		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains(", row 3: a row of more than 1,048,576 characters")
			.containsPattern("population\\.csv +1 +0 +0 +0 +0 +COMPLETED")
			.doesNotContain("OutOfMemoryError");
	}

}
