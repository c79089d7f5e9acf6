package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.faults.FaultInjection;

/**
 * Runs the pipeline's command line in a JVM of its own, on the test class path, against
 * an H2 file database in a scratch folder: a process the test can kill.
 */
final class ChildJvm {

	private static final AtomicInteger count = new AtomicInteger();

	private final Path work;

	private final Map<String, String> properties;

	private final List<String> options;

	ChildJvm(Path work, Map<String, String> properties) {
		this(work, properties, List.of());
	}

	/**
	 * @param work the scratch folder: working directory, database, log
	 * @param properties system properties for the pipeline
	 * @param options further options of the {@code java} command, such as
	 * {@code -Xmx256m}
	 */
	ChildJvm(Path work, Map<String, String> properties, List<String> options) {
		this.work = work;
		this.properties = Map.copyOf(properties);
		this.options = List.copyOf(options);
	}

	String databaseUrl() {
		return "jdbc:h2:file:" + this.work.resolve("db/pipeline").toAbsolutePath();
	}

	/**
	 * @return a connection that reads the database the children share, between their
	 * runs: read-only, so that closing it writes nothing to a file a killed child left
	 */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(databaseUrl() + ";ACCESS_MODE_DATA=r", "sa", "");
	}

	Path log() {
		return this.work.resolve("logs/pipeline.log");
	}

	/**
	 * @param faults the fault to inject ({@code faults.*} properties), empty for none
	 * @param args the command line
	 * @return the started process, its output going to a file
	 */
	Child start(Map<String, String> faults, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
						"-Dspring.datasource.url=" + databaseUrl(), "-Dlogging.file.name=" + log().toAbsolutePath()));
		command.addAll(1, this.options);
		this.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		if (!faults.isEmpty()) {
			command.add("-Dspring.main.sources=" + FaultInjection.class.getName());
			faults.forEach((key, value) -> command.add("-D" + key + "=" + value));
		}
		command.add(PipelineApplication.class.getName());
		command.addAll(List.of(args));
		Path output = this.work.resolve("child-" + count.incrementAndGet() + "-" + args[0] + ".out");
		try {
			Files.createDirectories(this.work);
			Process process = new ProcessBuilder(command).directory(this.work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			return new Child(process, output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a command to its end.
	 * @param args the command line
	 * @return how it ended
	 */
	Child.Result run(String... args) {
		return start(Map.of(), args).await();
	}

	/**
	 * A running child process.
	 *
	 * @param process the process
	 * @param output the file its output goes to
	 */
	record Child(Process process, Path output) {

		Result await() {
			try {
				if (!this.process.waitFor(180, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
					throw new AssertionError("the child did not end:\n" + text());
				}
				return new Result(this.process.exitValue(), text());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

		/**
		 * Waits until the fault hook says the child is paused where the test wants it.
		 * @param marker the file the hook creates
		 */
		void awaitPause(Path marker) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (!Files.exists(marker)) {
				if (!this.process.isAlive()) {
					throw new AssertionError("the child ended before the fault point:\n" + text());
				}
				if (System.nanoTime() > deadline) {
					this.process.destroyForcibly().waitFor();
					throw new AssertionError("the child never reached the fault point:\n" + text());
				}
				Thread.sleep(20);
			}
		}

		/**
		 * Waits until the child has printed a line containing the text, reading only what
		 * it printed since the last look (the output of a job of thousands of files runs
		 * to megabytes).
		 * @param text what the line holds
		 */
		void awaitOutput(String text) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(170);
			StringBuilder unread = new StringBuilder();
			try (InputStream in = Files.newInputStream(this.output)) {
				byte[] buffer = new byte[65536];
				while (true) {
					int n = in.read(buffer);
					if (n > 0) {
						unread.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
						if (unread.indexOf(text) >= 0) {
							return;
						}
						int lastLine = unread.lastIndexOf("\n");
						unread.delete(0, lastLine + 1);
						continue;
					}
					if (!this.process.isAlive()) {
						throw new AssertionError("the child ended before printing " + text + ":\n" + text());
					}
					if (System.nanoTime() > deadline) {
						this.process.destroyForcibly().waitFor();
						throw new AssertionError("the child never printed " + text + ":\n" + text());
					}
					Thread.sleep(10);
				}
			}
		}

		/** Kills the process as {@code kill -9} does and waits for it to be gone. */
		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

		/**
		 * Sends SIGTERM, as a service manager does, and waits for the process to exit.
		 */
		Result terminate() {
			this.process.destroy();
			return await();
		}

		String text() {
			try {
				return Files.readString(this.output, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "(no output: " + ex.getMessage() + ")";
			}
		}

		/**
		 * How a child ended.
		 *
		 * @param exitCode its exit code
		 * @param output what it printed
		 */
		record Result(int exitCode, String output) {
		}

	}

}
