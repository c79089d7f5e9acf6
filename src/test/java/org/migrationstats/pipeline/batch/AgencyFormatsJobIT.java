package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * Statistical agencies' downloads in one job that completes with exit code 0: Eurostat's
 * bulk TSV of immigration (annual, flagged values, {@code :} and {@code : c}, Eurostat's
 * geo codes EL and XK, the EU27_2020 aggregate, a filter on sex) and an SDMX-CSV 2.0 file
 * of emigration by quarter (summed to the year where all four quarters are there; a year
 * with a quarter missing listed, not summed; UNIT_MULT 3; a deleted observation).
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgencyFormatsJobIT {

	private static final JobFixture JOBS = new JobFixture("agency-formats");

	private static final String RUN_DATE = "2026-06-01";

	/** The heading of the flags, citing the note that explains them. */
	static final String FLAGS = "Flags [note 12]";

	private static final String IMMIGRATION = """
			freq,citizen,agedef,age,unit,sex,geo\\TIME_PERIOD\t2020 \t2021 \t2022\s
			A,TOTAL,COMPLET,TOTAL,NR,T,AT\t137820 \t139000 e\t209000 p
			A,TOTAL,COMPLET,TOTAL,NR,T,EL\t84221 b\t: \t: c
			A,TOTAL,COMPLET,TOTAL,NR,T,XK\t25000 \t28000 u\t30000 d
			A,TOTAL,COMPLET,TOTAL,NR,T,EU27_2020\t1922000 \t2258000 \t4200000 p
			A,TOTAL,COMPLET,TOTAL,NR,F,AT\t65000 \t66000 e\t99000 p
			""";

	private static final String EMIGRATION = """
			STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2021-Q1,10000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2021-Q2,11000,P,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2021-Q3,12000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2021-Q4,13000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2022-Q1,14000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2022-Q2,15000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,AUT,Q,EMI,2022-Q3,16000,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),D,AUT,Q,EMI,2022-Q4,1,A,0
			dataflow,TEST:DF_EMIGRATION(1.0),I,GRC,Q,EMI,2021-Q1,1.5,A,3
			dataflow,TEST:DF_EMIGRATION(1.0),I,GRC,Q,EMI,2021-Q2,2.5,A,3
			dataflow,TEST:DF_EMIGRATION(1.0),I,GRC,Q,EMI,2021-Q3,3.5,A,3
			dataflow,TEST:DF_EMIGRATION(1.0),I,GRC,Q,EMI,2021-Q4,4.5,A,3
			dataflow,TEST:DF_EMIGRATION(1.0),I,GRC,Q,EMI,2022-Q1,,M,3
			""";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	private RunOutcome outcome;

	private Path report;

	@BeforeAll
	void runTheJob() throws IOException {
		Path jobFile = writeJob(JOBS.work(), "agency");
		this.outcome = JobFixture.run(this.runner, jobFile, RUN_DATE);
		this.report = JOBS.report("agency", RUN_DATE);
	}

	/**
	 * Writes the two files and the job that reads them.
	 * @param work the folder to write them into; the report goes to its {@code output}
	 * @param name the job's name
	 * @return the job file
	 * @throws IOException if they cannot be written
	 */
	static Path writeJob(Path work, String name) throws IOException {
		Path immigration = Files.writeString(work.resolve("migr_imm1ctz.tsv"), IMMIGRATION, StandardCharsets.UTF_8);
		Path emigration = Files.writeString(work.resolve("emigration.csv"), EMIGRATION, StandardCharsets.UTF_8);
		return Files.writeString(work.resolve(name + ".yml"), """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: estat-immigration
				    path: %s
				    format: eurostat-tsv
				    measure: immigrants
				    filters: { citizen: TOTAL, age: TOTAL, sex: T }
				  - id: emigration
				    path: %s
				    format: sdmx-csv
				    measure: emigrants
				    sum-to-year: true
				periods:
				  - { name: recent, from: 2020, to: 2022 }
				""".formatted(name, work.resolve("output"), immigration, emigration), StandardCharsets.UTF_8);
	}

	@Test
	void completesWithoutARejectedRow() throws IOException {
		assertThat(this.outcome.result()).as(this.outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(JobFixture.csv(this.report, "rejects.csv")).isEmpty();
	}

	@Test
	void givesEachCountryYearItsValuesAndYearsSummedFromCompleteQuarters() throws IOException {
		assertFigures(this.report);
	}

	static void assertFigures(Path report) throws IOException {
		// AUT 2021 emigrants: 10,000 + 11,000 + 12,000 + 13,000; GRC 2021: (1.5 + 2.5 +
		// 3.5 + 4.5) thousand; AUT 2022 has three quarters and no emigrants
		List<CSVRecord> figures = JobFixture.csv(report, "country_year.csv");
		assertThat(figures)
			.extracting((r) -> r.get("Country code"), (r) -> r.get("Year"), (r) -> r.get("Immigrants"),
					(r) -> r.get("Emigrants"), (r) -> r.get("Net migration"))
			.containsExactly(tuple("AUT", "2020", "137820", "", ""), tuple("AUT", "2021", "139000", "46000", "93000"),
					tuple("AUT", "2022", "209000", "", ""), tuple("GRC", "2020", "84221", "", ""),
					tuple("GRC", "2021", "", "12000", ""), tuple("XKX", "2020", "25000", "", ""),
					tuple("XKX", "2021", "28000", "", ""), tuple("XKX", "2022", "30000", "", ""));
	}

	@Test
	void carriesTheFlagsToTheCountryYearsAndPeriods() {
		assertThat(this.jdbc.queryForList(
				"SELECT COUNTRY, YR, FLAGS FROM MIG_COUNTRY_YEAR WHERE FLAGS IS NOT NULL ORDER BY COUNTRY, YR"))
			.extracting((r) -> r.get("COUNTRY"), (r) -> r.get("YR"), (r) -> r.get("FLAGS"))
			.containsExactly(tuple("AUT", 2021, "emigrants p; immigrants e"), tuple("AUT", 2022, "immigrants p"),
					tuple("GRC", 2020, "immigrants b"), tuple("XKX", 2021, "immigrants u"),
					tuple("XKX", 2022, "immigrants d"));
		assertThat(this.jdbc.queryForList("SELECT COUNTRY, FLAGS FROM MIG_PERIOD ORDER BY COUNTRY"))
			.extracting((r) -> r.get("COUNTRY"), (r) -> r.get("FLAGS"))
			.containsExactly(tuple("AUT", "2021 ep; 2022 p"), tuple("GRC", "2020 b"), tuple("XKX", "2021 u; 2022 d"));
	}

	@Test
	void showsTheFlagsInTheCountryYearAndPeriodsTablesCitingTheirNote() throws IOException {
		assertFlags(this.report);
	}

	static void assertFlags(Path report) throws IOException {
		assertThat(JobFixture.csv(report, "country_year.csv"))
			.extracting((r) -> r.get("Country code"), (r) -> r.get("Year"), (r) -> r.get(FLAGS))
			.containsExactly(tuple("AUT", "2020", ""), tuple("AUT", "2021", "emigrants p; immigrants e"),
					tuple("AUT", "2022", "immigrants p"), tuple("GRC", "2020", "immigrants b"),
					tuple("GRC", "2021", ""), tuple("XKX", "2020", ""), tuple("XKX", "2021", "immigrants u"),
					tuple("XKX", "2022", "immigrants d"));
		assertThat(JobFixture.csv(report, "periods.csv")).extracting((r) -> r.get("Country code"), (r) -> r.get(FLAGS))
			.containsExactly(tuple("AUT", "2021 ep; 2022 p"), tuple("GRC", "2020 b"), tuple("XKX", "2021 u; 2022 d"));
		assertThat(Files.readAllLines(report.resolve("groups.csv"), StandardCharsets.UTF_8).get(0))
			.doesNotContain("Flags");
	}

	@Test
	void explainsEachFlagLetterInTheLastNote() throws IOException {
		List<CSVRecord> notes = JobFixture.csv(this.report, "notes.csv");
		assertThat(notes).last().satisfies((note) -> {
			assertThat(note.get("Note number")).isEqualTo("Note 12");
			assertThat(note.get("Subject")).isEqualTo("Flags and values not given");
			assertThat(note.get("Applies to")).isEqualTo("Country-year, Periods, Inputs");
			assertThat(note.get("Note text")).contains("b: break in time series; c: confidential; ", "e: estimated; ",
					"p: provisional; ", "u: low reliability; ", "d: definition differs (see the source's metadata); ",
					"A period figure built from a flagged year is flagged with that year and its letters "
							+ "(2021 ep; 2022 p)",
					"The Groups sheet shows no flags", "(OBS_STATUS, OBS_FLAG)", "(CONF_STATUS) as c",
					"the Inputs sheet counts such cells per file, not available or confidential",
					"A year summed from its months or quarters, and a sum of records, carries every letter of the "
							+ "values summed (a provisional month and an estimated one make an ep year); a year with "
							+ "a month or quarter missing is not summed and is listed, with the months or quarters "
							+ "missing, in the Filtered rows sheet.",
					"as the run summary does (12 missing (:), 3 confidential (: c)).");
		});
	}

	@Test
	void countsTheValuesNotGivenPerFileInInputs() throws IOException {
		assertValuesNotGiven(this.report);
	}

	static void assertValuesNotGiven(Path report) throws IOException {
		assertThat(JobFixture.csv(report, "inputs.csv"))
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("Observations"),
					(r) -> r.get("Values not given: not available"), (r) -> r.get("Values not given: confidential"),
					(r) -> r.get("Values rejected"))
			.containsExactly(tuple("estat-immigration", "7", "1", "1", "0"), tuple("emigration", "11", "1", "0", "0"));
	}

	@Test
	void showsTheSameFlagsAndCountsInTheWorkbook() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				Files.newInputStream(this.report.resolve("agency-" + RUN_DATE + ".xlsx")))) {
			for (String name : List.of("CountryYear", "Periods", "Inputs", "Notes")) {
				XSSFTable table = WorkbookReading.sheets(workbook)
					.stream()
					.flatMap((sheet) -> sheet.getTables().stream())
					.filter((t) -> t.getName().equals(name))
					.findFirst()
					.orElseThrow();
				WorkbookReading.assertSameAsCsv(table, this.report);
			}
			XSSFSheet countryYears = workbook.getSheet("Country-year");
			Row header = countryYears.getRow(1);
			int flags = header.getLastCellNum() - 1;
			assertThat(header.getCell(flags).getStringCellValue()).isEqualTo(FLAGS);
			assertThat(countryYears.getRow(3).getCell(flags).getStringCellValue())
				.isEqualTo("emigrants p; immigrants e");
			assertThat(countryYears.getRow(3).getCell(flags).getCellType()).isEqualTo(CellType.STRING);
			assertThat(workbook.getSheet("Periods")
				.getRow(2)
				.getCell(flags(workbook.getSheet("Periods")))
				.getStringCellValue()).isEqualTo("2021 ep; 2022 p");
		}
	}

	private static int flags(XSSFSheet sheet) {
		Row header = sheet.getRow(1);
		for (int c = 0; c < header.getLastCellNum(); c++) {
			if (header.getCell(c).getStringCellValue().equals(FLAGS)) {
				return c;
			}
		}
		throw new AssertionError("no column " + FLAGS + " on " + sheet.getSheetName());
	}

	@Test
	void countsMissingAndConfidentialCellsByReasonNeverAsZero() {
		assertThat(this.jdbc.queryForList("SELECT DATASET_ID, REASON, SUM(CELL_COUNT) AS CELLS FROM MIG_MISSING_VALUE "
				+ "GROUP BY DATASET_ID, REASON ORDER BY DATASET_ID, REASON"))
			.extracting((r) -> r.get("DATASET_ID"), (r) -> r.get("REASON"),
					(r) -> ((Number) r.get("CELLS")).longValue())
			.containsExactly(tuple("emigration", "not available", 1L), tuple("estat-immigration", "confidential", 1L),
					tuple("estat-immigration", "not available", 1L));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM MIG_OBSERVATION WHERE DATASET_ID = 'estat-immigration' AND COUNTRY = 'GRC'",
				Long.class))
			.isEqualTo(1L);
	}

	@Test
	void listsTheRowsAndYearsLeftOut() throws IOException {
		assertRowsAndYearsLeftOut(this.report);
		assertThat(this.outcome.files())
			.extracting(RunOutcome.FileLine::datasetId, RunOutcome.FileLine::rowsRead,
					RunOutcome.FileLine::rowsRejected, RunOutcome.FileLine::aggregateRows)
			.containsExactly(tuple("estat-immigration", 5L, 0L, 1L), tuple("emigration", 13L, 0L, 0L));
		assertThat(this.outcome.files())
			.extracting(RunOutcome.FileLine::datasetId, RunOutcome.FileLine::missingNotAvailable,
					RunOutcome.FileLine::missingConfidential, RunOutcome.FileLine::valuesNotGiven)
			.containsExactly(tuple("estat-immigration", 1L, 1L, "1 missing (:), 1 confidential (: c)"),
					tuple("emigration", 1L, 0L, "1 missing (:)"));
	}

	static void assertRowsAndYearsLeftOut(Path report) throws IOException {
		List<CSVRecord> filtered = JobFixture.csv(report, "filtered_rows.csv");
		assertThat(filtered)
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("Reason"), (r) -> r.get("As written"),
					(r) -> r.get("Rows"), (r) -> r.get("First row"))
			.containsExactlyInAnyOrder(tuple("estat-immigration", "filters keep sex: T", "F", "1", "6"),
					tuple("emigration", "filters keep ACTION: I, A, R", "D", "1", "9"),
					tuple("emigration", "a year with months or quarters missing is not summed",
							"AUT 2022 emigrants: 3 of 4 quarters, missing 2022-Q4", "3", "6"));
		List<CSVRecord> aggregates = JobFixture.csv(report, "aggregates.csv");
		assertThat(aggregates).extracting((r) -> r.get("Dataset") + " " + r.get("Code"))
			.containsExactly("estat-immigration EU27_2020");
	}

}
