package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped nightly job on the shipped sample and checks its counts and figures
 * against values computed here, independently, from the raw sample files.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyJobIT {

	private static final Path WORK = ScratchFolders.create("nightly-job");

	private static final String RUN_DATE = "2002-12-31";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	private SampleJob job;

	private RunOutcome outcome;

	@BeforeAll
	void runTheJob() {
		this.job = SampleJob.copyTo(WORK.resolve("sample"));
		this.outcome = this.runner.run(this.job.jobFile(), LocalDate.parse(RUN_DATE), false);
	}

	@Test
	void completesWithoutRejects() {
		assertThat(this.outcome.message()).contains("completed");
		assertThat(this.outcome.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.outcome.steps()).extracting(RunOutcome.StepLine::status).containsOnly("COMPLETED");
	}

	@Nested
	class StepCounts {

		@Test
		void theWorldBankPartitionReadsEveryRowAndFiltersTheAggregateRows() throws IOException {
			List<CSVRecord> rows = csv(Path.of("input/worldbank/population.csv"), ',');
			long aggregates = rows.stream()
				.filter((r) -> List.of("WLD", "ECS").contains(r.get("Country Code")))
				.count();
			RunOutcome.StepLine step = step("ingestFile:wb-population#1");
			assertThat(rows).hasSize(1105);
			assertThat(aggregates).isEqualTo(130);
			assertThat(step.read()).isEqualTo(rows.size());
			assertThat(step.filtered()).isEqualTo(aggregates);
			assertThat(step.written()).isEqualTo(rows.size() - aggregates);
			assertThat(step.skipped()).isZero();
		}

		@Test
		void eachWppPartitionReadsFifteenCountriesAndTwoAggregates() {
			for (String dataset : List.of("wpp-net-migration", "wpp-births", "wpp-deaths")) {
				RunOutcome.StepLine step = step("ingestFile:" + dataset + "#1");
				assertThat(step.read()).as(dataset).isEqualTo(17);
				assertThat(step.written()).as(dataset).isEqualTo(15);
				assertThat(step.filtered()).as(dataset).isEqualTo(2);
				assertThat(step.skipped()).as(dataset).isZero();
			}
		}

		@Test
		void theAggregatesAreListedNotRejected() {
			assertThat(NightlyJobIT.this.jdbc.queryForList("SELECT DISTINCT CODE FROM MIG_AGGREGATE_ROW ORDER BY CODE",
					String.class))
				.containsExactly("5500", "900", "ECS", "WLD");
			assertThat(NightlyJobIT.this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_REJECTION", Long.class))
				.isZero();
		}

	}

	@Nested
	class KazakhstanSinceIndependence {

		@Test
		void netMigrationIsTheSumOfWppNetMigrants1991To2002() throws IOException {
			long expected = wppSum("migration.txt", "398", 1991, 2002);
			assertThat(expected).isBetween(-3_069_000L, -3_067_000L);
			assertThat(periodValue("KAZ", "Cumulative net migration, persons, sum of calendar years first to last"))
				.isEqualTo(expected);
		}

		@Test
		void naturalIncreaseIsBirthsMinusDeathsOverTheSameYears() throws IOException {
			long expected = wppSum("births.txt", "398", 1991, 2002) - wppSum("deaths.txt", "398", 1991, 2002);
			assertThat(expected).isBetween(1_546_000L, 1_548_000L);
			assertThat(periodValue("KAZ", "Natural increase, persons, sum of calendar years first to last"))
				.isEqualTo(expected);
		}

		@Test
		void populationAtBothEndsComesFromTheWorldBankFile() throws IOException {
			Map<Integer, Long> population = worldBank("KAZ");
			assertThat(population.get(1991)).isEqualTo(17_278_600L);
			assertThat(population.get(2002)).isEqualTo(15_656_677L);
			assertThat(periodValue("KAZ", "Population, persons, mid-year of first year"))
				.isEqualTo(population.get(1991));
			assertThat(periodValue("KAZ", "Population, persons, mid-year of last year"))
				.isEqualTo(population.get(2002));
			assertThat(
					periodValue("KAZ", "Population change, persons, mid-year of first year to mid-year of last year"))
				.isEqualTo(15_656_677L - 17_278_600L);
		}

		@Test
		void isAMemberAtThePeriodsEndButNotAYearBefore() throws IOException {
			Map<String, String> row = periodRow("KAZ", "since-independence");
			assertThat(row.get("Status at period end")).isEqualTo("Member");
			assertThat(NightlyJobIT.this.jdbc.queryForObject(
					"SELECT STATUS FROM MIG_COUNTRY_YEAR WHERE COUNTRY = 'KAZ' AND YR = 2001", String.class))
				.isEqualTo("NON_MEMBER");
			assertThat(NightlyJobIT.this.jdbc.queryForObject(
					"SELECT STATUS FROM MIG_COUNTRY_YEAR WHERE COUNTRY = 'KAZ' AND YR = 2002", String.class))
				.isEqualTo("MEMBER");
		}

	}

	@Nested
	class Report {

		@Test
		void isPublishedWithTheWorkbookAndEveryCsvFile() {
			Path folder = NightlyJobIT.this.job.report(RUN_DATE);
			assertThat(folder.resolve("nightly-migration-" + RUN_DATE + ".xlsx")).isRegularFile();
			for (Path csv : NightlyJobIT.this.job.stableCsvFiles(RUN_DATE)) {
				assertThat(csv).isRegularFile();
			}
			assertThat(folder.getParent()).isDirectoryNotContaining("glob:**/.*tmp*");
		}

		@Test
		void theWorkbookHoldsTheSameKazakhstanFiguresAsTheCsvFiles() throws IOException {
			Path xlsx = NightlyJobIT.this.job.report(RUN_DATE).resolve("nightly-migration-" + RUN_DATE + ".xlsx");
			try (InputStream in = Files.newInputStream(xlsx); Workbook workbook = WorkbookFactory.create(in)) {
				assertThat(workbook.getSheetName(0)).as("the cover first").isEqualTo("About");
				assertThat(workbook.getSheetName(1)).isEqualTo("Contents");
				Sheet contents = workbook.getSheet("Contents");
				assertThat(contents.getRow(2).getCell(0).getStringCellValue()).isEqualTo("About");
				assertThat(contents.getRow(2).getCell(0).getHyperlink().getAddress()).isEqualTo("'About'!A1");
				assertThat(contents.getLastRowNum() - 1).as("one row per other sheet")
					.isEqualTo(workbook.getNumberOfSheets() - 1);
				assertThat(workbook.getSheet("About")).isNotNull();
				var properties = ((org.apache.poi.xssf.usermodel.XSSFWorkbook) workbook).getProperties()
					.getCoreProperties();
				assertThat(properties.getTitle()).isEqualTo("Migration statistics: nightly-migration, " + RUN_DATE);
				assertThat(properties.getCreated().toInstant()).hasToString(RUN_DATE + "T00:00:00Z");
				assertThat(workbook.getSheet("Country-year")).isNotNull();
				assertThat(workbook.getSheet("Rejects")).isNotNull();
				assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) workbook.getSheet("Charts")).getDrawingPatriarch()
					.getCharts()
					.get(0)
					.getTitleText()
					.getString()).as("the job file's first group, in words")
					.isEqualTo(
							"Net migration per year, Central Asia (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, "
									+ "Uzbekistan)");
				Sheet periods = workbook.getSheet("Periods");
				assertThat(periods.getRow(0).getCell(0).getStringCellValue())
					.startsWith("Figures over named periods, per country [note ");
				DataFormatter formatter = new DataFormatter();
				Row header = periods.getRow(1);
				Map<String, Integer> columns = new HashMap<>();
				header.forEach((cell) -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
				Row kazakhstan = null;
				for (Row row : periods) {
					if (row.getRowNum() > 1 && "KAZ".equals(formatter.formatCellValue(row.getCell(5)))
							&& "since-independence".equals(formatter.formatCellValue(row.getCell(0)))) {
						kazakhstan = row;
					}
				}
				assertThat(kazakhstan).isNotNull();
				assertThat(kazakhstan
					.getCell(columns.get("Cumulative net migration, persons, sum of calendar years first to last"))
					.getNumericCellValue())
					.isEqualTo((double) periodValue("KAZ",
							"Cumulative net migration, persons, sum of calendar years first to last"));
				assertThat(formatter.formatCellValue(kazakhstan
					.getCell(columns.get("Cumulative net migration, persons, sum of calendar years first to last"))))
					.isEqualTo("-3,067,947");
			}
		}

	}

	private RunOutcome.StepLine step(String name) {
		return this.outcome.steps()
			.stream()
			.filter((s) -> s.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + name + " in " + this.outcome.steps()));
	}

	private long periodValue(String country, String column) throws IOException {
		return Long.parseLong(periodRow(country, "since-independence").get(column));
	}

	private Map<String, String> periodRow(String country, String period) throws IOException {
		Path file = this.job.report(RUN_DATE).resolve("periods.csv");
		return csv(file, ',').stream()
			.filter((r) -> r.get("Country code").equals(country) && r.get("Period").equals(period))
			.findFirst()
			.map(CSVRecord::toMap)
			.orElseThrow();
	}

	private long wppSum(String file, String code, int from, int to) throws IOException {
		CSVRecord row = csv(this.job.input("wpp2024/" + file), '\t').stream()
			.filter((r) -> r.get("country_code").equals(code))
			.findFirst()
			.orElseThrow();
		BigDecimal thousands = BigDecimal.ZERO;
		for (int year = from; year <= to; year++) {
			thousands = thousands.add(new BigDecimal(row.get(String.valueOf(year))));
		}
		return thousands.multiply(BigDecimal.valueOf(1000)).longValueExact();
	}

	private Map<Integer, Long> worldBank(String code) throws IOException {
		Map<Integer, Long> values = new HashMap<>();
		for (CSVRecord row : csv(this.job.input("worldbank/population.csv"), ',')) {
			if (row.get("Country Code").equals(code)) {
				values.put(Integer.parseInt(row.get("Year")), Long.parseLong(row.get("Value")));
			}
		}
		return values;
	}

	static List<CSVRecord> csv(Path file, char delimiter) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setQuote((delimiter == '\t') ? null : '"')
			.setHeader()
			.setSkipHeaderRecord(true)
			.get();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return format.parse(reader).getRecords();
		}
	}

}
