package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files whose numbers are written with another decimal separator than the job file
 * declares: refused before their values are used, or read as declared and reported as not
 * checkable when every cell reads either way. The figures are WPP 2024 net migration of
 * Kazakhstan in thousands (1990: -103.336, 1997: -481.38), written with decimal commas as
 * a European statistics office exports them. Blocks of five rows make a file whose first
 * contradicting cell is its eighth row commit five rows before it is refused.
 */
@SpringBootTest(properties = "pipeline.chunk-size=5")
class NumberFormatJobIT {

	private static final JobFixture JOBS = new JobFixture("number-format");

	/** Kazakhstan's net migration 1990-1997, thousands, as WPP 2024 gives it. */
	private static final String[] THOUSANDS = { "-103.336", "-104.271", "-214.015", "-292.682", "-520.028", "-412.775",
			"-469.331", "-481.38" };

	/** The same in persons. */
	private static final List<Long> PERSONS = List.of(-103_336L, -104_271L, -214_015L, -292_682L, -520_028L, -412_775L,
			-469_331L, -481_380L);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void decimalCommasReadWithTheDefaultPointFailTheFileBeforeTheirValuesAreUsed() throws IOException {
		Path file = table("commas.csv", ';', ',', 8);
		Path jobFile = job("commas", file, "");

		RunOutcome failed = run(jobFile, false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.result().exitCode()).isEqualTo(1);
		String refusal = file + ", row 9, column \"Value\": \"-481,38\" has a decimal comma (a comma followed by 2 "
				+ "digits), but dataset kaz-net-migration reads numbers with a decimal point (the default); add "
				+ "'decimal: comma' to the dataset in the job file";
		assertThat(failed.message()).contains(refusal);
		assertThat(failed.files()).singleElement().satisfies((f) -> {
			assertThat(f.status().toString()).isEqualTo("FAILED");
			assertThat(f.failure()).isEqualTo(refusal);
		});
		assertThat(failed.steps()).extracting(RunOutcome.StepLine::name).doesNotContain("computeFigures");
		assertThat(storedValues(failed)).as("the first block, read a thousand times too large, is committed")
			.containsExactly(-103_336_000L, -104_271_000L, -214_015_000L, -292_682_000L, -520_028_000L);

		setDecimalComma(jobFile);
		RunOutcome refused = run(jobFile, false);

		assertThat(refused.result()).as("a restart would keep the rows read with a point")
			.isEqualTo(RunOutcome.Result.INPUT_CHANGED);
		assertThat(refused.message())
			.contains("dataset kaz-net-migration, already ingested, is declared differently in " + jobFile)
			.contains("--rerun");

		RunOutcome rerun = run(jobFile, true);

		assertThat(rerun.result()).as(rerun.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(netMigration("commas")).containsExactlyEntriesOf(byYear(PERSONS));
		assertThat(numberFormat("commas")).containsExactly("decimal comma, checked");
	}

	@Test
	void decimalPointsInADatasetDeclaredWithACommaAreRefusedAndTheFixedJobFileRestarts() throws IOException {
		// 1995-1999: the third row, -481.38, is in the first block
		Path file = Files.writeString(JOBS.work().resolve("points.csv"),
				"Country,Year,Value\nKAZ,1995,-412.775\nKAZ,1996,-469.331\nKAZ,1997,-481.38\nKAZ,1998,-488.075\n"
						+ "KAZ,1999,-61.031\n",
				StandardCharsets.UTF_8);
		Path jobFile = job("points", file, "    decimal: comma\n");

		RunOutcome failed = run(jobFile, false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains(file + ", row 4, column \"Value\": \"-481.38\" has a decimal point (a "
				+ "point followed by 2 digits), but dataset kaz-net-migration is declared with 'decimal: comma'; set "
				+ "'decimal: point' in the job file");
		assertThat(storedValues(failed)).as("the block was rolled back").isEmpty();

		Files.writeString(jobFile, Files.readString(jobFile).replace("decimal: comma", "decimal: point"));
		RunOutcome restarted = run(jobFile, false);

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).extracting(RunOutcome.StepLine::name)
			.startsWith("ingestDatasets", "ingestFile:kaz-net-migration#1");
		assertThat(netMigration("points")).containsExactly(Map.entry(1995, -412_775L), Map.entry(1996, -469_331L),
				Map.entry(1997, -481_380L), Map.entry(1998, -488_075L), Map.entry(1999, -61_031L));
		assertThat(numberFormat("points")).containsExactly("decimal point, checked");
	}

	@Test
	void aFileThatReadsEitherWayIsReadAsDeclaredAndReportedNotCheckable() throws IOException {
		// 1990-1995: every value has three decimals
		Path commas = table("either-commas.csv", ';', ',', 6);
		Path points = table("either-points.csv", ',', '.', 6);
		Path jobFile = JOBS.work().resolve("either.yml");
		Files.writeString(jobFile, """
				name: either
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: written-with-commas
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    decimal: comma
				    columns: { country: Country, year: Year, value: Value }
				  - id: written-with-points
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    columns: { country: Country, year: Year, value: Value }
				  - id: commas-read-with-points
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(JOBS.output(), commas, points, commas), StandardCharsets.UTF_8);

		RunOutcome outcome = run(jobFile, false);

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(values(outcome, "written-with-commas")).containsExactlyElementsOf(PERSONS.subList(0, 6));
		assertThat(values(outcome, "written-with-points")).containsExactlyElementsOf(PERSONS.subList(0, 6));
		assertThat(values(outcome, "commas-read-with-points"))
			.as("the declared separator wins, and the report says it could not be checked")
			.containsExactly(-103_336_000L, -104_271_000L, -214_015_000L, -292_682_000L, -520_028_000L, -412_775_000L);
		assertThat(numberFormat("either")).containsExactly(
				"decimal comma as declared: not checkable (every separator is followed by three digits, which reads "
						+ "either way)",
				"decimal point as declared: not checkable (every separator is followed by three digits, which reads "
						+ "either way)",
				"decimal point as declared: not checkable (every separator is followed by three digits, which reads "
						+ "either way)");
	}

	@Test
	void withOnErrorSkipTheFileIsLeftOutWithTheRowsAlreadyTakenFromIt() throws IOException {
		Path file = table("skipped.csv", ';', ',', 8);
		Path good = table("kept.csv", ',', '.', 8);
		Path jobFile = JOBS.work().resolve("skip.yml");
		Files.writeString(jobFile, """
				name: skip
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    on-error: skip
				    columns: { country: Country, year: Year, value: Value }
				  - id: kaz-net-migration-points
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(JOBS.output(), file, good), StandardCharsets.UTF_8);

		RunOutcome outcome = run(jobFile, false);

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(outcome.result().exitCode()).isEqualTo(3);
		assertThat(values(outcome, "kaz-net-migration")).as("the five rows committed before the refusal are gone")
			.isEmpty();
		assertThat(JobFixture.csv(report("skip"), "rejects.csv")).singleElement()
			.satisfies((r) -> assertThat(r.get("Reason"))
				.isEqualTo("the file was left out (on-error: skip): " + file + ", row 9, column \"Value\": "
						+ "\"-481,38\" has a decimal comma (a comma followed by 2 digits), but dataset "
						+ "kaz-net-migration reads numbers with a decimal point (the default); add 'decimal: comma' "
						+ "to the dataset in the job file"));
		assertThat(netMigration("skip")).containsExactlyEntriesOf(byYear(PERSONS));
		List<CSVRecord> inputs = JobFixture.csv(report("skip"), "inputs.csv");
		assertThat(inputs.get(0).get("Number format")).isEqualTo(
				"decimal point declared, but a cell reads only with the other separator: left out (see " + "Rejects)");
		assertThat(inputs.get(0).get("Rows read")).isEqualTo("0");
		assertThat(inputs.get(0).get("Observations")).isEqualTo("0");
		assertThat(inputs.get(1).get("Number format")).isEqualTo("decimal point, checked");
	}

	@Test
	void aRestartReportsWhatTheRowsCommittedBeforeTheFailureShowed() throws IOException {
		// only 1997's -481.38, in the first block, reads one way; line 9 has a byte that
		// is not UTF-8
		String text = "Country,Year,Value\nKAZ,1997,-481.38\nKAZ,1990,-103.336\nKAZ,1991,-104.271\n"
				+ "KAZ,1992,-214.015\nKAZ,1993,-292.682\nKAZ,1994,-520.028\nKAZ,1995,-412.775\nKAZ,1996,-469.331\n";
		Path file = JOBS.work().resolve("mended.csv");
		byte[] good = text.getBytes(StandardCharsets.UTF_8);
		byte[] broken = good.clone();
		broken[text.indexOf("KAZ,1996")] = (byte) 0xFF;
		Files.write(file, broken);
		Path jobFile = job("mended", file, "");
		assertThat(run(jobFile, false).result()).isEqualTo(RunOutcome.Result.FAILED);
		Files.write(file, good);

		RunOutcome restarted = run(jobFile, false);

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.steps()).filteredOn((s) -> s.name().startsWith("ingestFile"))
			.singleElement()
			.satisfies((s) -> assertThat(s.read()).as("rows read after the restart").isEqualTo(3));
		assertThat(numberFormat("mended")).containsExactly("decimal point, checked");
		assertThat(netMigration("mended")).containsEntry(1997, -481_380L).containsEntry(1996, -469_331L);
	}

	@Test
	void aWorkbookWithNumbersStoredAsTextIsCheckedAsATextFileIs() throws IOException {
		Path workbook = JOBS.work().resolve("flows.xlsx");
		try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
			Sheet sheet = book.createSheet("Net migration");
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("Country");
			header.createCell(1).setCellValue("Year");
			header.createCell(2).setCellValue("Value");
			for (int i = 0; i < THOUSANDS.length; i++) {
				Row row = sheet.createRow(i + 1);
				row.createCell(0).setCellValue("KAZ");
				row.createCell(1).setCellValue(1990 + i);
				// text cells, as a workbook exported from a European locale holds them
				row.createCell(2).setCellValue(THOUSANDS[i].replace('.', ','));
			}
			book.write(out);
		}
		Path jobFile = job("workbook", workbook, "");

		RunOutcome failed = run(jobFile, false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message())
			.contains(workbook + ", sheet \"Net migration\", row 9, column \"Value\": "
					+ "\"-481,38\" has a decimal comma (a comma followed by 2 digits)")
			.contains("add 'decimal: comma' to the dataset in the job file");

		setDecimalComma(jobFile);
		RunOutcome rerun = run(jobFile, true);

		assertThat(rerun.result()).as(rerun.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(netMigration("workbook")).containsExactlyEntriesOf(byYear(PERSONS));
		assertThat(numberFormat("workbook")).containsExactly("decimal comma, checked");
	}

	/**
	 * Kazakhstan's first {@code rows} years from 1990, written with the given delimiter
	 * and decimal separator.
	 */
	private static Path table(String name, char delimiter, char decimal, int rows) throws IOException {
		StringBuilder text = new StringBuilder("Country" + delimiter + "Year" + delimiter + "Value\n");
		for (int i = 0; i < rows; i++) {
			text.append("KAZ")
				.append(delimiter)
				.append(1990 + i)
				.append(delimiter)
				.append(THOUSANDS[i].replace('.', decimal))
				.append('\n');
		}
		return JOBS.write(name, text);
	}

	/** A job of one long dataset of net migration in thousands. */
	private static Path job(String name, Path file, String settings) throws IOException {
		Path jobFile = JOBS.work().resolve(name + ".yml");
		Files.writeString(jobFile, """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    scale: thousands
				%s    columns: { country: Country, year: Year, value: Value }
				""".formatted(name, JOBS.output(), file, settings), StandardCharsets.UTF_8);
		return jobFile;
	}

	private static void setDecimalComma(Path jobFile) throws IOException {
		String yaml = Files.readString(jobFile);
		Files.writeString(jobFile,
				yaml.replace("    scale: thousands\n", "    scale: thousands\n    decimal: comma\n"));
	}

	private RunOutcome run(Path jobFile, boolean rerun) {
		return this.runner.run(jobFile, LocalDate.parse("2026-04-01"), rerun);
	}

	private static Path report(String job) {
		return JOBS.report(job, "2026-04-01");
	}

	private static Map<Integer, Long> byYear(List<Long> persons) {
		Map<Integer, Long> years = new LinkedHashMap<>();
		for (int i = 0; i < persons.size(); i++) {
			years.put(1990 + i, persons.get(i));
		}
		return years;
	}

	private static Map<Integer, Long> netMigration(String job) throws IOException {
		Map<Integer, Long> years = new LinkedHashMap<>();
		for (CSVRecord row : JobFixture.csv(report(job), "country_year.csv")) {
			if (row.get("Country code").equals("KAZ") && !row.get("Net migration").isEmpty()) {
				years.put(Integer.parseInt(row.get("Year")), Long.parseLong(row.get("Net migration")));
			}
		}
		return years;
	}

	private static List<String> numberFormat(String job) throws IOException {
		return JobFixture.csv(report(job), "inputs.csv").stream().map((r) -> r.get("Number format")).toList();
	}

	/** The values stored for the run of an outcome, in row order. */
	private List<Long> storedValues(RunOutcome outcome) {
		return values(outcome, "kaz-net-migration");
	}

	private List<Long> values(RunOutcome outcome, String dataset) {
		return this.jdbc.queryForList(
				"SELECT o.VAL FROM MIG_OBSERVATION o JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = o.RUN_ID "
						+ "WHERE e.JOB_EXECUTION_ID = ? AND o.DATASET_ID = ? ORDER BY o.SOURCE_ROW",
				Long.class, outcome.executionId(), dataset);
	}

}
