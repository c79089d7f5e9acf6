package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped job on the shipped sample, as the README's run command does, and
 * compares every CSV file that must not depend on when or how often the job ran with the
 * golden files under {@code src/test/resources/golden/}, byte for byte. Then runs the
 * same date again and checks that the second report is the first one again: the same CSV
 * bytes, and the same workbook content but for the run it describes.
 *
 * <p>
 * After an intended change of the report, regenerate the golden files with
 * {@code ./mvnw test -Dtest=GoldenReportIT -Dgolden.update=true} and review the diff.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenReportIT {

	static final Path GOLDEN = Path.of("src/test/resources/golden");

	private static final Path WORK = ScratchFolders.create("golden");

	private static final String RUN_DATE = "2002-12-31";

	/** The Run details sheet's values that describe the run rather than the figures. */
	private static final Set<String> RUN_DEPENDENT = Set.of("Attempt", "Run id (job instance)", "Execution id",
			"When it ran");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	private Path first;

	private Path second;

	private RunOutcome firstRun;

	private RunOutcome secondRun;

	@BeforeAll
	void runTheShippedJobTwice() throws IOException {
		// The shipped job as it is, reading input/ where it lies; only its output moves.
		Path jobFile = WORK.resolve("nightly-migration.yml");
		String yaml = Files.readString(SampleJob.SHIPPED_JOB, StandardCharsets.UTF_8);
		assertThat(yaml).contains("\noutput: output ");
		Files.writeString(jobFile, yaml.replace("\noutput: output ", "\noutput: " + WORK.resolve("output") + " "),
				StandardCharsets.UTF_8);
		Path report = WORK.resolve("output/nightly-migration").resolve(RUN_DATE);
		this.firstRun = this.runner.run(jobFile, LocalDate.parse(RUN_DATE), false);
		this.first = copy(report, WORK.resolve("first"));
		this.secondRun = this.runner.run(jobFile, LocalDate.parse(RUN_DATE), true);
		this.second = report;
		if (Boolean.getBoolean("golden.update")) {
			Files.createDirectories(GOLDEN);
			for (Path csv : stableCsvFiles(this.first)) {
				Files.copy(csv, GOLDEN.resolve(csv.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	@Test
	void bothRunsSucceed() {
		assertThat(this.firstRun.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.secondRun.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.secondRun.executionId()).isNotEqualTo(this.firstRun.executionId());
	}

	@Test
	void everyStableCsvFileIsTheGoldenOneByteForByte() throws IOException {
		List<Path> written = stableCsvFiles(this.first);
		assertThat(written.stream().map(Path::getFileName).map(Path::toString))
			.as("a golden file for every stable CSV file, and no other")
			.containsExactlyElementsOf(
					stableCsvFiles(GOLDEN).stream().map(Path::getFileName).map(Path::toString).toList());
		for (Path csv : written) {
			assertThat(csv).as(csv.getFileName().toString()).hasSameBinaryContentAs(GOLDEN.resolve(csv.getFileName()));
		}
	}

	@Test
	void theGoldenFolderExplainsEveryFile() throws IOException {
		String readme = Files.readString(GOLDEN.resolve("README.md"), StandardCharsets.UTF_8);
		for (Path csv : stableCsvFiles(GOLDEN)) {
			assertThat(readme).as(csv.getFileName().toString()).contains("`" + csv.getFileName() + "`");
		}
	}

	@Test
	void runningTheSameInputsAgainGivesTheSameCsvBytes() throws IOException {
		for (Path csv : stableCsvFiles(this.first)) {
			assertThat(this.second.resolve(csv.getFileName())).as(csv.getFileName().toString())
				.hasSameBinaryContentAs(csv);
		}
	}

	@Test
	void onlyTheRunDetailsDependOnTheRun() throws IOException {
		Map<String, String> first = runDetails(this.first);
		Map<String, String> second = runDetails(this.second);
		assertThat(first.get("Execution id")).isEqualTo(Long.toString(this.firstRun.executionId()));
		assertThat(second.get("Execution id")).isEqualTo(Long.toString(this.secondRun.executionId()));
		assertThat(second.get("Attempt")).isEqualTo("2");
		first.keySet().removeAll(RUN_DEPENDENT);
		second.keySet().removeAll(RUN_DEPENDENT);
		assertThat(second).isEqualTo(first).containsKeys("Job", "Job file", "Job file SHA-256", "Run date");
	}

	@Test
	void runningTheSameInputsAgainGivesAWorkbookWithTheSameContent() throws Exception {
		String name = "nightly-migration-" + RUN_DATE + ".xlsx";
		try (XSSFWorkbook first = new XSSFWorkbook(this.first.resolve(name).toFile());
				XSSFWorkbook second = new XSSFWorkbook(this.second.resolve(name).toFile())) {
			String described = WorkbookReading.describe(first, RUN_DEPENDENT);
			assertThat(described).contains("sheet Country-year").contains("(skipped)").contains("chart ");
			assertThat(WorkbookReading.describe(second, RUN_DEPENDENT)).isEqualTo(described);
			assertThat(WorkbookReading.describe(second, Set.of())).as("the run table does differ")
				.isNotEqualTo(WorkbookReading.describe(first, Set.of()));
		}
	}

	private static Map<String, String> runDetails(Path folder) throws IOException {
		Map<String, String> values = new TreeMap<>();
		NightlyJobIT.csv(folder.resolve("run_details.csv"), ',')
			.forEach((r) -> values.put(r.get("Item"), r.get("Value")));
		return values;
	}

	/** Every CSV file of a report but run_details.csv, which describes the run. */
	static List<Path> stableCsvFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".csv"))
				.filter((f) -> !f.getFileName().toString().equals("run_details.csv"))
				.sorted()
				.toList();
		}
	}

	private static Path copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
		return to;
	}

}
