package org.migrationstats.pipeline.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.migrationstats.pipeline.batch.ScratchFolders;
import org.migrationstats.pipeline.cli.PipelineCommand;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console's world for a test: a database of its own with an OPERATOR and a VIEWER added
 * by the {@code user add} command (before the console starts: it refuses to start without
 * a user), a folder of job files, and a job whose input can be broken and mended.
 */
final class ConsoleFixture {

	static final String OPERATOR = "olga";

	static final String VIEWER = "victor";

	static final String PASSWORD = "correct horse battery";

	/**
	 * 1997's net migration and seven more years; one byte that is not UTF-8 breaks it.
	 */
	private static final String GOOD = "Country,Year,Value\nKAZ,1997,-481.38\nKAZ,1990,-103.336\nKAZ,1991,-104.271\n"
			+ "KAZ,1992,-214.015\nKAZ,1993,-292.682\nKAZ,1994,-520.028\nKAZ,1995,-412.775\nKAZ,1996,-469.331\n";

	final Path work;

	final Path jobs;

	final Path input;

	ConsoleFixture(String name) {
		this.work = ScratchFolders.create(name);
		this.jobs = this.work.resolve("jobs");
		this.input = this.work.resolve("net-migration.csv");
		try {
			Files.createDirectories(this.jobs);
			Files.writeString(this.jobs.resolve("kaz.yml"), """
					name: kaz-net-migration
					schedule: "0 30 2 * * *"
					zone: UTC
					membership: %s
					output: %s
					datasets:
					  - id: kaz-net-migration
					    path: %s
					    layout: long
					    measure: net-migration
					    columns: { country: Country, year: Year, value: Value }
					""".formatted(Path.of("input/membership/iom.csv").toAbsolutePath(), this.work.resolve("output"),
					this.input), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		mend();
		addUser(OPERATOR, "OPERATOR");
		addUser(VIEWER, "VIEWER");
	}

	Path jobFile() {
		return this.jobs.resolve("kaz.yml");
	}

	/** Puts a byte that is not UTF-8 in the 1996 row: the ingest step fails on it. */
	void breakInput() {
		byte[] bytes = GOOD.getBytes(StandardCharsets.UTF_8);
		bytes[GOOD.indexOf("KAZ,1996")] = (byte) 0xFF;
		write(bytes);
	}

	void mend() {
		write(GOOD.getBytes(StandardCharsets.UTF_8));
	}

	private void write(byte[] bytes) {
		try {
			Files.write(this.input, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String databaseUrl() {
		return "jdbc:h2:file:" + this.work.resolve("db/pipeline").toAbsolutePath();
	}

	void properties(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, this.work);
		registry.add("pipeline.console.jobs-dir", this.jobs::toString);
		registry.add("pipeline.backup.after-run", () -> "false");
	}

	/**
	 * Runs a command of the command line against this database.
	 * @param stdin what standard input gives
	 * @param args the command line
	 * @return its exit code, standard output and standard error
	 */
	String[] command(String stdin, String... args) {
		return commandOn(databaseUrl(), stdin, args);
	}

	/**
	 * Runs a command of the command line against a database.
	 * @param databaseUrl the database
	 * @param stdin what standard input gives
	 * @param args the command line
	 * @return its exit code, standard output and standard error
	 */
	static String[] commandOn(String databaseUrl, String stdin, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		InputStream in = System.in;
		System.setProperty("spring.datasource.url", databaseUrl);
		System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		try {
			int code = PipelineCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new String[] { Integer.toString(code), out.toString(), err.toString() };
		}
		finally {
			System.setIn(in);
			System.clearProperty("spring.datasource.url");
		}
	}

	private void addUser(String name, String role) {
		String[] added = command(PASSWORD + "\n", "user", "add", name, "--role", role);
		assertThat(added[0]).as(added[2]).isEqualTo("0");
		assertThat(added[1]).contains("added user " + name + " with the role " + role);
	}

}
