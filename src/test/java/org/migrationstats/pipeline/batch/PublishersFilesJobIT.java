package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * Publishers' files as they come, in one job that completes with exit code 0: a UN
 * Statistical Yearbook table (a title row, area codes of regions beside countries, rows
 * of series the job does not map), a UN flows table (a title block, Criteria, Coverage
 * and Type columns beside one column per year) and a UN DESA workbook table with section
 * headings between its areas. Every value is checked against the files; the rows left out
 * are counted as filtered, per file and in the Filtered rows table, not rejected.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishersFilesJobIT {

	private static final JobFixture JOBS = new JobFixture("publishers-files");

	private static final String RUN_DATE = "2026-06-01";

	private static final String STOCK = "International migrant stock: Both sexes (number)";

	private static final String SHARE = "International migrant stock: Both sexes (% total population)";

	private static final String REFUGEES = "Total refugees and people in refugee-like situations (number)";

	/**
	 * The UN Statistical Yearbook's layout: code, name (no header), year, series, value.
	 */
	private static final String YEARBOOK = """
			T04,International migrants and refugees,,,,,
			Region/Country/Area,,Year,Series,Value,Footnotes,Source
			1,"Total, all countries or areas",2005,%1$s,191446286,,"United Nations Population Division, New York"
			1,"Total, all countries or areas",2005,%2$s,2.9,,"United Nations Population Division, New York"
			2,Africa,2005,%1$s,15030000,,"United Nations Population Division, New York"
			015,Northern Africa,2005,%1$s,1985000,,"United Nations Population Division, New York"
			143,Central Asia,2005,%3$s,5201,,"UNHCR, Geneva"
			199,Least Developed Countries (LDC),2005,%2$s,1.5,,"United Nations Population Division, New York"
			398,Kazakhstan,2005,%1$s,3334100,"Including refugees.","United Nations Population Division, New York"
			398,Kazakhstan,2005,%2$s,21.8,,"United Nations Population Division, New York"
			398,Kazakhstan,2005,%3$s,4381,"Refugee figure, end of year.","UNHCR, Geneva"
			398,Kazakhstan,2010,%1$s,3334850,,"United Nations Population Division, New York"
			417,Kyrgyzstan,2005,%1$s,311000,,"United Nations Population Division, New York"
			417,Kyrgyzstan,2010,%1$s,231000,,"United Nations Population Division, New York"
			417,Kyrgyzstan,2010,%3$s,391,,"UNHCR, Geneva"
			""".formatted(STOCK, SHARE, REFUGEES);

	/** A UN flows table: one row per country, criterion, coverage and type of flow. */
	private static final String FLOWS = """
			International migration flows to and from selected countries
			Flows of persons by criterion of the country of origin or destination

			Country,Code,Criteria,Coverage,Type,2015,2016,2017
			Kazakhstan,398,Residence,Both sexes,Immigrants,17130,16611,17524
			Kazakhstan,398,Residence,Both sexes,Emigrants,30047,33000,37735
			Kazakhstan,398,Residence,Both sexes,Net,-12917,-16389,-20211
			Kazakhstan,398,Residence,Male,Immigrants,8200,8011,8424
			Kazakhstan,398,Residence,Female,Immigrants,8930,8600,9100
			Kazakhstan,398,Citizenship,Both sexes,Immigrants,16020,15500,16400
			Kyrgyzstan,417,Residence,Both sexes,Immigrants,2145,2380,2540
			Kyrgyzstan,417,Residence,Both sexes,Emigrants,5421,5280,4986
			Kyrgyzstan,417,Residence,Male,Emigrants,2800,2700,2500
			Central Asia,143,Residence,Both sexes,Immigrants,19275,18991,20064
			""";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	private RunOutcome outcome;

	private Path report;

	@BeforeAll
	void runTheJob() throws IOException {
		Path yearbook = JOBS.write("syb-migrants.csv", YEARBOOK);
		Path flows = JOBS.write("un-flows.csv", FLOWS);
		Path stock = imsWorkbook(JOBS.work().resolve("ims-stock.xlsx"));
		Path jobFile = JOBS.write("publishers.yml", """
				name: publishers
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: un-yearbook
				    path: %s
				    layout: long
				    series: { "%s": migrant-stock }
				    columns: { country: Region/Country/Area, year: Year, series: Series, value: Value }
				  - id: un-flows
				    path: %s
				    layout: wide
				    series: { Immigrants: immigrants, Emigrants: emigrants }
				    filters: { Criteria: Residence, Coverage: "Both sexes" }
				    columns: { country: [Code, Country], series: Type }
				  - id: undesa-stock
				    path: %s
				    sheet: Table 1
				    layout: wide
				    measure: migrant-stock
				    columns: { country: ["Location code", "Region, development group, country or area"] }
				figures:
				  precedence: { migrant-stock: [undesa-stock, un-yearbook] }
				""".formatted(JOBS.output(), yearbook, STOCK, flows, stock));
		this.outcome = JobFixture.run(this.runner, jobFile, RUN_DATE);
		this.report = JOBS.report("publishers", RUN_DATE);
	}

	/**
	 * A UN DESA International Migrant Stock table: title rows, the header on row 5, and
	 * section headings between the areas.
	 */
	private static Path imsWorkbook(Path file) throws IOException {
		try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = book.createSheet("Table 1");
			sheet.createRow(0).createCell(0).setCellValue("International Migrant Stock 2020");
			sheet.createRow(1).createCell(0).setCellValue("Table 1: International migrant stock at mid-year");
			Object[][] rows = {
					{ "Index", "Region, development group, country or area", "Notes", "Location code", "Type of data",
							"1990", "2000" },
					{ 1, "WORLD", "", 900, "", 152986157, 173230585 },
					{ 2, "UN development groups", "", "", "", "", "" },
					{ 3, "More developed regions", "b", 901, "", 82767216, 103405178 },
					{ 4, "World Bank income groups", "", "", "", "", "" },
					{ 5, "High-income countries", "", 1503, "", 75244464, 99148165 },
					{ 6, "Geographic regions", "", "", "", "", "" },
					{ 7, "Central Asia", "", 5500, "", 6611940, 5149310 },
					{ 8, "   Kazakhstan", "", 398, "B R", 3619200, 2871300 },
					{ 9, "   Kyrgyzstan", "", 417, "B R", 626800, 368500 }, { 10, "SDG regions", "", "", "", "", "" } };
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(4 + r);
				for (int c = 0; c < rows[r].length; c++) {
					Object value = rows[r][c];
					if (value instanceof Integer n) {
						row.createCell(c).setCellValue(n);
					}
					else if (!((String) value).isEmpty()) {
						row.createCell(c).setCellValue((String) value);
					}
				}
			}
			book.write(out);
		}
		return file;
	}

	@Test
	void completesWithoutARejectedRow() throws IOException {
		assertThat(this.outcome.result()).as(this.outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.outcome.result().exitCode()).isZero();
		assertThat(JobFixture.csv(this.report, "rejects.csv")).isEmpty();
	}

	@Test
	void countsEveryRowLeftOutAsFiltered() {
		// yearbook: 13 rows, 3 about aggregates of the mapped series (1, 2, 015) and 6 of
		// two other series (areas 143 and 199 among them, filtered before their codes are
		// looked up); flows: 10 rows, 1 about an aggregate (143), 1 of type Net, 4 left
		// out by the filters; workbook: 10 rows, 4 aggregates, 4 section headings
		assertThat(this.outcome.files())
			.extracting(RunOutcome.FileLine::datasetId, RunOutcome.FileLine::rowsRead,
					RunOutcome.FileLine::rowsRejected, RunOutcome.FileLine::aggregateRows,
					RunOutcome.FileLine::filteredRows)
			.containsExactly(tuple("un-yearbook", 13L, 0L, 3L, 9L), tuple("un-flows", 10L, 0L, 1L, 6L),
					tuple("undesa-stock", 10L, 0L, 4L, 8L));
		assertThat(this.outcome.steps()).filteredOn((s) -> s.name().startsWith("ingestFile:"))
			.extracting(RunOutcome.StepLine::name, RunOutcome.StepLine::read, RunOutcome.StepLine::written,
					RunOutcome.StepLine::filtered, RunOutcome.StepLine::skipped)
			.containsExactly(tuple("ingestFile:un-yearbook#1", 13L, 4L, 9L, 0L),
					tuple("ingestFile:un-flows#1", 10L, 4L, 6L, 0L),
					tuple("ingestFile:undesa-stock#1", 10L, 2L, 8L, 0L));
	}

	@Test
	void listsTheRowsLeftOutWithTheirReason() throws IOException {
		List<CSVRecord> filtered = JobFixture.csv(this.report, "filtered_rows.csv");
		assertThat(filtered)
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("Sheet"), (r) -> r.get("Reason"),
					(r) -> r.get("As written"), (r) -> r.get("Rows"), (r) -> r.get("First row"))
			.containsExactly(tuple("un-yearbook", "", "a series the dataset does not map", SHARE, "3", "4"),
					tuple("un-yearbook", "", "a series the dataset does not map", REFUGEES, "3", "7"),
					tuple("un-flows", "", "a series the dataset does not map", "Net", "1", "7"),
					tuple("un-flows", "", "filters keep Coverage: Both sexes", "Male", "2", "8"),
					tuple("un-flows", "", "filters keep Coverage: Both sexes", "Female", "1", "9"),
					tuple("un-flows", "", "filters keep Criteria: Residence", "Citizenship", "1", "10"),
					tuple("undesa-stock", "Table 1", "a section heading (a name without a code or any value)",
							"UN development groups", "1", "7"),
					tuple("undesa-stock", "Table 1", "a section heading (a name without a code or any value)",
							"World Bank income groups", "1", "9"),
					tuple("undesa-stock", "Table 1", "a section heading (a name without a code or any value)",
							"Geographic regions", "1", "11"),
					tuple("undesa-stock", "Table 1", "a section heading (a name without a code or any value)",
							"SDG regions", "1", "15"));
		List<CSVRecord> inputs = JobFixture.csv(this.report, "inputs.csv");
		assertThat(inputs)
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("Rows read"), (r) -> r.get("Rows written"),
					(r) -> r.get("Rows rejected"), (r) -> r.get("Rows filtered"))
			.containsExactly(tuple("un-yearbook", "13", "4", "0", "9"), tuple("un-flows", "10", "4", "0", "6"),
					tuple("undesa-stock", "10", "2", "0", "8"));
		List<CSVRecord> aggregates = JobFixture.csv(this.report, "aggregates.csv");
		assertThat(aggregates).extracting((r) -> r.get("Dataset") + " " + r.get("Code"))
			.containsExactly("un-flows 143", "un-yearbook 1", "un-yearbook 15", "un-yearbook 2", "undesa-stock 1503",
					"undesa-stock 5500", "undesa-stock 900", "undesa-stock 901");
	}

	@Test
	void takesEachMeasureFromItsOwnRows() throws IOException {
		List<CSVRecord> figures = JobFixture.csv(this.report, "country_year.csv");
		assertThat(figures).extracting((r) -> r.get("Country code"), (r) -> r.get("Year"), (r) -> r.get("Immigrants"),
				(r) -> r.get("Emigrants"), (r) -> r.get("Net migration"), (r) -> r.get("International migrant stock"))
			.containsExactly(tuple("KAZ", "1990", "", "", "", "3619200"), tuple("KAZ", "2000", "", "", "", "2871300"),
					tuple("KAZ", "2005", "", "", "", "3334100"), tuple("KAZ", "2010", "", "", "", "3334850"),
					tuple("KAZ", "2015", "17130", "30047", "-12917", ""),
					tuple("KAZ", "2016", "16611", "33000", "-16389", ""),
					tuple("KAZ", "2017", "17524", "37735", "-20211", ""), tuple("KGZ", "1990", "", "", "", "626800"),
					tuple("KGZ", "2000", "", "", "", "368500"), tuple("KGZ", "2005", "", "", "", "311000"),
					tuple("KGZ", "2010", "", "", "", "231000"), tuple("KGZ", "2015", "2145", "5421", "-3276", ""),
					tuple("KGZ", "2016", "2380", "5280", "-2900", ""),
					tuple("KGZ", "2017", "2540", "4986", "-2446", ""));
	}

}
