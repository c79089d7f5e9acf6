package org.migrationstats.pipeline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code src/main/scripts/pipeline}, copied with its {@code java-options} into a scratch
 * project and run with stand-in JDKs: each has a {@code release} file and a
 * {@code bin/java} script that writes its arguments down and makes what the launcher
 * waits for (the extracted jar, the recorded cache). The tests read which java the
 * launcher ran the job with, and its options.
 */
class LauncherScriptTests {

	/** The stand-in java: appends "java-home args..." to $FAKE_LOG. */
	private static final String FAKE_JAVA = """
			#!/usr/bin/env bash
			home="$(cd "$(dirname "$0")/.." && pwd)"
			echo "$(basename "$home") $*" >>"$FAKE_LOG"
			previous=""
			for argument in "$@"; do
				case "$argument" in
				-XX:AOTCacheOutput=* | -XX:ArchiveClassesAtExit=*) echo cache >"${argument#*=}" ;;
				esac
				if [[ "$previous" == --destination ]]; then
					mkdir -p "$argument" && touch "$argument/migration-pipeline.jar"
				fi
				previous="$argument"
			done
			""";

	@TempDir
	Path project;

	private Path log;

	@BeforeEach
	void copyTheLauncher() throws IOException {
		Path scripts = Files.createDirectories(this.project.resolve("src/main/scripts"));
		Files.copy(Path.of("src/main/scripts/pipeline"), scripts.resolve("pipeline"));
		Files.copy(Path.of("src/main/scripts/java-options"), scripts.resolve("java-options"));
		Files.createDirectories(this.project.resolve("target"));
		Files.writeString(this.project.resolve("target/migration-pipeline.jar"), "a jar");
		this.log = this.project.resolve("java.log");
		jdk("jdk-17", "17.0.15");
		jdk("jdks/jdk-21", "21.0.2");
		jdk("jdks/jdk-25", "25.0.3");
		jdk("jdks/jdk-26", "26-ea");
	}

	private void jdk(String folder, String version) throws IOException {
		Path home = Files.createDirectories(this.project.resolve(folder));
		Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
		Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
		Files.writeString(java, FAKE_JAVA, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	/**
	 * @return the line of the java that ran the job: its JDK's folder and its arguments
	 */
	private String run(Map<String, String> environment) throws Exception {
		ProcessBuilder launcher = new ProcessBuilder(this.project.resolve("src/main/scripts/pipeline").toString(),
				"run", "jobs/nightly.yml")
			.directory(this.project.toFile())
			.redirectErrorStream(true);
		launcher.environment().remove("JAVA");
		launcher.environment().remove("JAVA_OPTS");
		launcher.environment().put("PATH", this.project.resolve("jdk-17/bin") + ":/usr/bin:/bin");
		launcher.environment().put("PIPELINE_JDKS", this.project.resolve("jdks").toString());
		launcher.environment().put("FAKE_LOG", this.log.toString());
		launcher.environment().putAll(environment);
		Process process = launcher.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		List<String> lines = Files.readAllLines(this.log);
		return lines.get(lines.size() - 1);
	}

	@Test
	void takesTheNewestJdkOf25OrLaterWhenJavaIsOlderAndGivesItsDefaultOptionsAndAotCache() throws Exception {
		String job = run(Map.of());
		assertThat(job).startsWith("jdk-26 -XX:+UseParallelGC -Xms32m -XX:AOTCache=")
			.contains("/target/extracted/app-26-ea.aot ")
			.endsWith("-jar " + this.project.toRealPath()
					+ "/target/extracted/migration-pipeline.jar run jobs/nightly.yml");
		// the cache was recorded by a training run with the same options, and no java was
		// started to learn a version
		assertThat(Files.readAllLines(this.log)).noneMatch((line) -> line.contains("-version"))
			.anyMatch((line) -> line.startsWith("jdk-26 -XX:+UseParallelGC -Xms32m -XX:AOTCacheOutput="));
	}

	@Test
	void runsTheJavaItIsGivenWithItsClassArchive() throws Exception {
		String job = run(Map.of("JAVA", this.project.resolve("jdk-17/bin/java").toString()));
		assertThat(job).startsWith("jdk-17 -XX:+UseParallelGC -Xms32m -XX:SharedArchiveFile=")
			.contains("/target/extracted/app-17.0.15.jsa ");
	}

	@Test
	void keepsJavaOnThePathWhereNoJdkOf25OrLaterIsInstalled() throws Exception {
		String job = run(Map.of("PIPELINE_JDKS", this.project.resolve("none").toString()));
		assertThat(job).startsWith("jdk-17 -XX:+UseParallelGC -Xms32m -XX:SharedArchiveFile=");
	}

	@Test
	void javaOptsComeAfterTheDefaultsAndACollectorOrFirstHeapThereReplacesTheDefaultOne() throws Exception {
		assertThat(run(Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"))).startsWith("jdk-26 -Xms32m -XX:+UseG1GC -Xmx1g ")
			.doesNotContain("UseParallelGC");
		assertThat(run(Map.of("JAVA_OPTS", "-Xms512m"))).startsWith("jdk-26 -XX:+UseParallelGC -Xms512m ")
			.doesNotContain("-Xms32m");
	}

}
