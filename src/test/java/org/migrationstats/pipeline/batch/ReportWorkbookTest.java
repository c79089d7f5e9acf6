package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.migrationstats.pipeline.store.FiguresStore;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped job on the sample with rows whose country or value looks like a
 * formula, and chart countries named in the job file, then reads the workbook back sheet
 * by sheet: names and order, every Excel table against its CSV file, formats, the cover,
 * the links, the charts, and that nothing from the inputs became a formula.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportWorkbookTest {

	private static final Path WORK = ScratchFolders.create("report-workbook");

	private static final String RUN_DATE = "2002-12-31";

	private static final List<String> SHEETS = List.of("About", "Contents", "Charts", "Periods", "Country-year",
			"Groups", "Membership", "Membership changes", "Membership checks", "Sources", "Checks", "Rejects",
			"Unmatched names", "Aggregates", "Filtered rows", "Chart data");

	private static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private FiguresStore figures;

	private SampleJob job;

	private RunOutcome outcome;

	private XSSFWorkbook workbook;

	private Path folder;

	@BeforeAll
	void runTheJob() throws Exception {
		this.job = SampleJob.copyTo(WORK.resolve("sample"));
		// Unknown country codes that a spreadsheet would evaluate, and a value that is a
		// formula; the World Bank file is long: name, code, year, value.
		Files.writeString(this.job.input("worldbank/population.csv"),
				String.join("\n", ",\"" + HYPERLINK.replace("\"", "\"\"") + "\",1990,5", ",+1+1,1991,7",
						",@SUM(A1),1992,9", "Kazakhstan,KAZ,1993,=1+1", ""),
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		this.job.setJobFileText("periods:", "report: { chart-countries: [KAZ, RUS, UZB] }\n\nperiods:");
		this.outcome = this.runner.run(this.job.jobFile(), LocalDate.parse(RUN_DATE), false);
		this.folder = this.job.report(RUN_DATE);
		this.workbook = new XSSFWorkbook(this.folder.resolve("nightly-migration-" + RUN_DATE + ".xlsx").toFile());
	}

	@AfterAll
	void close() throws IOException {
		this.workbook.close();
	}

	@Test
	void theRunCompletesWithTheFourRowsRejected() {
		assertThat(this.outcome.result()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(this.outcome.message()).contains("4 rejected row(s)");
	}

	@Nested
	class Structure {

		@Test
		void theSheetsFollowTheCoverAndContentsInReadingOrder() {
			List<String> names = new ArrayList<>();
			workbook().forEach((sheet) -> names.add(sheet.getSheetName()));
			assertThat(names).containsExactlyElementsOf(SHEETS);
			assertThat(names).allSatisfy((name) -> assertThat(name.length()).isLessThanOrEqualTo(31));
		}

		@Test
		void everyTableSheetHasItsTitleInA1AndItsHeaderFrozenBelow() {
			for (String name : SHEETS.subList(3, SHEETS.size())) {
				XSSFSheet sheet = workbook().getSheet(name);
				assertThat(sheet.getRow(0).getCell(0).getCellType()).as(name).isEqualTo(CellType.STRING);
				assertThat(sheet.getTables().get(0).getStartCellReference().formatAsString()).as(name).isEqualTo("A2");
				assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as(name).isEqualTo((short) 2);
				assertThat(sheet.getNumMergedRegions()).as(name).isZero();
			}
			assertThat(workbook().getSheet("Periods").getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Figures over named periods, per country");
			assertThat(workbook().getSheet("Checks").getRow(0).getCell(0).getStringCellValue()).as("an empty table")
				.endsWith("(none in this run)");
		}

		@Test
		void everyExcelTableHoldsExactlyWhatItsCsvFileHolds() throws IOException {
			List<String> tables = new ArrayList<>();
			for (XSSFSheet sheet : WorkbookReading.sheets(workbook())) {
				for (XSSFTable table : sheet.getTables()) {
					tables.add(table.getName());
					if (!table.getName().equals("Contents")) {
						WorkbookReading.assertSameAsCsv(table, ReportWorkbookTest.this.folder);
					}
				}
			}
			assertThat(tables).containsExactly("About", "Inputs", "Definitions", "Notes", "Contents", "Periods",
					"CountryYear", "Groups", "Membership", "MembershipChanges", "MembershipChecks", "Sources", "Checks",
					"Rejects", "UnmatchedNames", "Aggregates", "FilteredRows", "ChartNetMigration", "ChartGroups");
			try (var files = Files.list(ReportWorkbookTest.this.folder)) {
				assertThat(files.map((f) -> f.getFileName().toString()).filter((f) -> f.endsWith(".csv")))
					.as("one CSV file per table but Contents")
					.hasSize(tables.size() - 1);
			}
		}

		@Test
		void theContentsSheetLinksToEveryOtherSheetInsideTheWorkbook() {
			XSSFSheet contents = workbook().getSheet("Contents");
			List<String> linked = new ArrayList<>();
			for (Row row : contents) {
				if (row.getRowNum() >= 2) {
					XSSFHyperlink link = (XSSFHyperlink) row.getCell(0).getHyperlink();
					assertThat(link.getType()).isEqualTo(HyperlinkType.DOCUMENT);
					assertThat(link.getAddress()).isEqualTo("'" + row.getCell(0).getStringCellValue() + "'!A1");
					linked.add(row.getCell(0).getStringCellValue());
				}
			}
			assertThat(linked).containsExactlyElementsOf(SHEETS.stream().filter((s) -> !s.equals("Contents")).toList());
			assertThat(contents.getRow(5).getCell(2).getNumericCellValue()).as("Country-year rows").isEqualTo(1125);
		}

	}

	@Nested
	class Formats {

		private final DataFormatter formatter = new DataFormatter();

		@Test
		void countsHaveSeparatorsAndNegativesAreRedAndSigned() {
			Row kazakhstan = row("Periods", 3, "KAZ", 0, "since-independence");
			Cell net = kazakhstan.getCell(6);
			assertThat(net.getNumericCellValue()).isEqualTo(-3_067_947);
			assertThat(net.getCellStyle().getDataFormatString()).isEqualTo("#,##0;[Red]-#,##0");
			assertThat(this.formatter.formatCellValue(net)).isEqualTo("-3,067,947");
			assertThat(this.formatter.formatCellValue(kazakhstan.getCell(10))).isEqualTo("17,278,600");
		}

		@Test
		void headersOfNumberColumnsAreRightAlignedOverTheirNumbers() {
			Row header = workbook().getSheet("Periods").getRow(1);
			assertThat(header.getCell(4).getStringCellValue()).isEqualTo("Country");
			assertThat(header.getCell(4).getCellStyle().getAlignment()).isNotEqualTo(HorizontalAlignment.RIGHT);
			assertThat(header.getCell(6).getStringCellValue()).isEqualTo("Cumulative net migration");
			assertThat(header.getCell(6).getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
			assertThat(header.getCell(1).getCellStyle().getAlignment()).as("From (a year)")
				.isEqualTo(HorizontalAlignment.RIGHT);
		}

		@Test
		void ratesHaveTheirThreeDecimalsAndYearsNone() {
			Row kazakhstan = row("Periods", 3, "KAZ", 0, "since-independence");
			assertThat(kazakhstan.getCell(13).getCellStyle().getDataFormatString()).isEqualTo("0.000;[Red]-0.000");
			assertThat(this.formatter.formatCellValue(kazakhstan.getCell(13))).isEqualTo("-15.525");
			assertThat(this.formatter.formatCellValue(kazakhstan.getCell(1))).isEqualTo("1991");
		}

		@Test
		void datesAreRealDateCells() {
			Cell day = row("Membership", 0, null, 0, null).getCell(0);
			assertThat(DateUtil.isCellDateFormatted(day)).isTrue();
			assertThat(day.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(1950, 12, 31));
			assertThat(this.formatter.formatCellValue(day)).isEqualTo("1950-12-31");
		}

		@Test
		void columnsAreWideEnoughForTheirValues() {
			XSSFSheet sheet = workbook().getSheet("Periods");
			// "-3,067,947" is 10 characters; "Cumulative net migration" wraps at 16.
			assertThat(sheet.getColumnWidth(6)).isEqualTo((16 + 2 + 3) * 256);
			assertThat(sheet.getColumnWidth(4)).as("Country: 'United States of America'").isEqualTo((24 + 3) * 256);
		}

		@Test
		void theDocumentPropertiesAreSetAndDatedByTheRunDate() {
			var core = workbook().getProperties().getCoreProperties();
			assertThat(core.getTitle()).isEqualTo("Migration statistics: nightly-migration, " + RUN_DATE);
			assertThat(core.getSubject()).isEqualTo("Net migration and population figures by membership status");
			assertThat(core.getCreator()).isEqualTo("migration-pipeline");
			assertThat(core.getCreated().toInstant()).hasToString(RUN_DATE + "T00:00:00Z");
			assertThat(core.getModified().toInstant()).hasToString(RUN_DATE + "T00:00:00Z");
		}

	}

	@Nested
	class TheCover {

		@Test
		void startsWithTheTitleAndLinksToTheContents() {
			XSSFSheet about = workbook().getSheet("About");
			assertThat(about.getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Migration statistics: nightly-migration, run of " + RUN_DATE);
			Cell link = about.getRow(3).getCell(0);
			assertThat(link.getHyperlink().getType()).isEqualTo(HyperlinkType.DOCUMENT);
			assertThat(link.getHyperlink().getAddress()).isEqualTo("'Contents'!A1");
		}

		@Test
		void listsTheRunWithItsRunDateAsADate() {
			Map<String, Cell> run = values(table("About"));
			assertThat(run.get("Job").getStringCellValue()).isEqualTo("nightly-migration");
			assertThat(run.get("Run date").getLocalDateTimeCellValue().toLocalDate())
				.isEqualTo(LocalDate.parse(RUN_DATE));
			assertThat(run.get("Execution id").getNumericCellValue()).isEqualTo((double) outcome().executionId());
			assertThat(run.get("When it ran").getStringCellValue())
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
			assertThat(run.get("Job file").getStringCellValue())
				.isEqualTo(ReportWorkbookTest.this.job.jobFile().toString());
		}

		@Test
		void listsEveryInputWithItsSizeDigestVintageNumberFormatAndRowCounts() throws Exception {
			XSSFTable inputs = table("Inputs");
			Row worldBank = workbook().getSheet("About").getRow(inputs.getStartCellReference().getRow() + 1);
			Path file = ReportWorkbookTest.this.job.input("worldbank/population.csv");
			// 1,105 rows and the 4 added: 3 rejected whole (unknown countries), 1 written
			// with
			// its only value rejected; 130 aggregate rows (World, Europe & Central Asia).
			List<Object> expected = List.of("wb-population", file.toString(), "World Bank SP.POP.TOTL, 2025 revision",
					"mid-year", "decimal point as declared: not checkable (no cell reads differently either way)",
					(double) Files.size(file), 1109.0, 1109.0 - 3 - 130, 4.0, 130.0, 975.0, 4.0,
					HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
			List<Object> actual = new ArrayList<>();
			worldBank.forEach((cell) -> actual.add(
					(cell.getCellType() == CellType.NUMERIC) ? cell.getNumericCellValue() : cell.getStringCellValue()));
			assertThat(actual).containsExactlyElementsOf(expected);
			assertThat(inputs.getDataRowCount()).isEqualTo(7);
		}

		@Test
		void definesTheFiguresAndNotesRoundingAndSources() {
			assertThat(values(table("Definitions"))).containsKeys("Net migration", "Natural increase",
					"Net migration rate", "Balancing residual", "Rows read, written, rejected, filtered");
			Map<String, Cell> notes = values(table("Notes"));
			assertThat(notes.get("Rounding").getStringCellValue()).contains("rounded once, half to even");
			assertThat(notes).containsKeys("Sources", "Text from input files", "Reproducibility");
			assertThat(notes.get("Sources").getStringCellValue()).startsWith(
					"World Bank SP.POP.TOTL, 2025 revision; UN World Population Prospects 2024; UN DESA International "
							+ "Migrant Stock 2020; World Bank SP.POP.TOTL, " + "2023 edition. Membership: ")
				.contains("as cited per record in the membership file's source column");
		}

	}

	@Nested
	class SafeByConstruction {

		@Test
		void anUnknownCountryThatLooksLikeAFormulaIsATextCellAndAnApostrophedCsvValue() throws IOException {
			Cell cell = cellStartingWith("Unmatched names", 1, HYPERLINK);
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
			List<String> written = NightlyJobTest
				.csv(ReportWorkbookTest.this.folder.resolve("unmatched_names.csv"), ',')
				.stream()
				.map((r) -> r.get("As written"))
				.toList();
			assertThat(written).anySatisfy((value) -> assertThat(value).startsWith("'" + HYPERLINK));
			assertThat(written).anySatisfy((value) -> assertThat(value).startsWith("'+1+1"));
			assertThat(written).anySatisfy((value) -> assertThat(value).startsWith("'@SUM(A1)"));
		}

		@Test
		void aValueThatLooksLikeAFormulaIsRejectedAsText() throws IOException {
			Cell cell = cellStartingWith("Rejects", 5, "=1+1");
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).isEqualTo("=1+1");
			CSVRecord rejected = NightlyJobTest.csv(ReportWorkbookTest.this.folder.resolve("rejects.csv"), ',')
				.stream()
				.filter((r) -> r.get("Column").equals("Value"))
				.findFirst()
				.orElseThrow();
			assertThat(rejected.get("Value as written")).isEqualTo("'=1+1");
		}

		@Test
		void theWorkbookHasNoFormulaNoExternalLinkAndNoMacro() throws Exception {
			for (XSSFSheet sheet : WorkbookReading.sheets(workbook())) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
							.isNotEqualTo(CellType.FORMULA);
					}
				}
				sheet.getHyperlinkList()
					.forEach((link) -> assertThat(link.getType()).as(link.getAddress())
						.isEqualTo(HyperlinkType.DOCUMENT));
			}
			List<String> parts = new ArrayList<>();
			for (PackagePart part : workbook().getPackage().getParts()) {
				parts.add(part.getPartName().getName() + " " + part.getContentType());
			}
			assertThat(parts).noneMatch((p) -> p.contains("externalLink") || p.contains("vbaProject")
					|| p.contains("macroEnabled") || p.contains("oleObject"));
			assertThat(workbook().getPackage()
				.getPartsByContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))
				.hasSize(1);
		}

	}

	@Nested
	class Charts {

		@Test
		void theChartsSheetHasThreeNativeCharts() {
			List<XSSFChart> charts = charts();
			assertThat(charts).hasSize(3);
			assertThat(charts).extracting((c) -> c.getTitleText().getString())
				.containsExactly("Net migration per year, as the job file names them",
						"Cumulative net migration per group, by period", "Natural increase per group, by period");
			assertThat(workbook().getSheet("Charts").getDrawingPatriarch().getShapes()).as("no pictures")
				.allSatisfy((shape) -> assertThat(shape)
					.isInstanceOf(org.apache.poi.xssf.usermodel.XSSFGraphicFrame.class));
		}

		@Test
		void netMigrationIsALinePerChartCountryReadFromTheChartData() throws IOException {
			String xml = charts().get(0).getCTChartSpace().xmlText();
			assertThat(xml).contains("<c:lineChart>").contains("<c:legend>");
			assertThat(axisTitles(xml)).containsExactly("Year", "Net migration (persons)");
			int years = 2023 - 1950 + 1;
			assertThat(xml).contains("<c:f>'Chart data'!$A$3:$A$" + (2 + years) + "</c:f>")
				.contains("<c:f>'Chart data'!$B$3:$B$" + (2 + years) + "</c:f>")
				.contains("<c:f>'Chart data'!$D$3:$D$" + (2 + years) + "</c:f>")
				.contains("<c:v>Russian Federation (RUS)</c:v>");
			assertThat(Pattern.compile("<c:ser>").matcher(xml).results().count()).isEqualTo(3);
			XSSFSheet data = workbook().getSheet("Chart data");
			assertThat(data.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Kazakhstan (KAZ)");
			Row y1994 = data.getRow(2 + 1994 - 1950);
			assertThat(y1994.getCell(0).getNumericCellValue()).isEqualTo(1994);
			assertThat(y1994.getCell(1).getNumericCellValue()).as("Kazakhstan 1994, WPP 2024")
				.isEqualTo(wppNetMigration("398", 1994));
		}

		@Test
		void theGroupChartsAreClusteredBarsWithASeriesPerPeriod() {
			String xml = charts().get(1).getCTChartSpace().xmlText();
			assertThat(xml).contains("<c:barChart>").contains("<c:barDir val=\"col\"/>").contains("<c:legend>");
			assertThat(axisTitles(xml)).containsExactly("Membership status or job-file list at the period's end",
					"Persons");
			assertThat(Pattern.compile("<c:ser>").matcher(xml).results().count()).isEqualTo(2);
			assertThat(xml).contains("<c:v>MEMBER</c:v>").contains("<c:v>central-asia</c:v>");
		}

		@Test
		void withoutChartCountriesTheLargestNetMigrationTotalsWouldBeCharted() throws IOException {
			Map<String, Long> totals = new java.util.HashMap<>();
			for (CSVRecord row : NightlyJobTest.csv(ReportWorkbookTest.this.folder.resolve("country_year.csv"), ',')) {
				if (!row.get("Net migration").isEmpty()) {
					totals.merge(row.get("Country code"), Long.parseLong(row.get("Net migration")), Long::sum);
				}
			}
			List<String> largest = totals.entrySet()
				.stream()
				.sorted(java.util.Comparator.comparing((Map.Entry<String, Long> e) -> -Math.abs(e.getValue()))
					.thenComparing(Map.Entry::getKey))
				.limit(5)
				.map(Map.Entry::getKey)
				.toList();
			long runId = (long) values(table("About")).get("Run id (job instance)").getNumericCellValue();
			assertThat(ReportWorkbookTest.this.figures.largestNetMigration(runId, 5)).containsExactlyElementsOf(largest)
				.contains("USA");
		}

		private double wppNetMigration(String code, int year) throws IOException {
			CSVRecord row = NightlyJobTest.csv(ReportWorkbookTest.this.job.input("wpp2024/migration.txt"), '\t')
				.stream()
				.filter((r) -> r.get("country_code").equals(code))
				.findFirst()
				.orElseThrow();
			return new java.math.BigDecimal(row.get(Integer.toString(year))).movePointRight(3).doubleValue();
		}

		private List<XSSFChart> charts() {
			return workbook().getSheet("Charts").getDrawingPatriarch().getCharts();
		}

		private List<String> axisTitles(String xml) {
			List<String> titles = new ArrayList<>();
			var matcher = Pattern.compile("<c:(?:catAx|valAx)>.*?<c:title>.*?<a:t>(.*?)</a:t>", Pattern.DOTALL)
				.matcher(xml);
			while (matcher.find()) {
				titles.add(matcher.group(1));
			}
			return titles;
		}

	}

	@Nested
	class OpenedByLibreOffice {

		@Test
		void convertsToAPdfWithEverySheet() throws Exception {
			Assumptions.assumeTrue(onPath("soffice"), "LibreOffice (soffice) is not installed");
			Path out = WORK.resolve("pdf");
			Path xlsx = ReportWorkbookTest.this.folder.resolve("nightly-migration-" + RUN_DATE + ".xlsx");
			Process soffice = new ProcessBuilder("soffice", "-env:UserInstallation=" + WORK.resolve("lo").toUri(),
					"--headless", "--convert-to", "pdf", "--outdir", out.toString(), xlsx.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(soffice.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(soffice.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
			assertThat(soffice.exitValue()).as(output).isZero();
			Path pdf = out.resolve("nightly-migration-" + RUN_DATE + ".pdf");
			String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
			assertThat(text).startsWith("%PDF-");
			long pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
			assertThat(pages).as("a page or more per sheet").isGreaterThanOrEqualTo(SHEETS.size());
		}

		private static boolean onPath(String program) {
			String path = System.getenv("PATH");
			return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
				.anyMatch((dir) -> Files.isExecutable(Path.of(dir, program)));
		}

	}

	private XSSFWorkbook workbook() {
		return this.workbook;
	}

	private RunOutcome outcome() {
		return this.outcome;
	}

	private XSSFTable table(String name) {
		return this.workbook.getTable(name);
	}

	private Map<String, Cell> values(XSSFTable table) {
		Map<String, Cell> values = new java.util.LinkedHashMap<>();
		XSSFSheet sheet = table.getXSSFSheet();
		for (int r = table.getStartCellReference().getRow() + 1; r <= table.getEndCellReference().getRow(); r++) {
			values.put(sheet.getRow(r).getCell(0).getStringCellValue(), sheet.getRow(r).getCell(1));
		}
		return values;
	}

	private Row row(String sheet, int column, String value, int otherColumn, String otherValue) {
		DataFormatter formatter = new DataFormatter();
		for (Row row : this.workbook.getSheet(sheet)) {
			if (row.getRowNum() > 1 && (value == null || value.equals(formatter.formatCellValue(row.getCell(column))))
					&& (otherValue == null || otherValue.equals(formatter.formatCellValue(row.getCell(otherColumn))))) {
				return row;
			}
		}
		throw new AssertionError("no row with " + value + " in " + sheet);
	}

	private Cell cellStartingWith(String sheet, int column, String prefix) {
		for (Row row : this.workbook.getSheet(sheet)) {
			Cell cell = row.getCell(column);
			if (row.getRowNum() > 1 && cell != null && cell.getCellType() == CellType.STRING
					&& cell.getStringCellValue().startsWith(prefix)) {
				return cell;
			}
		}
		throw new AssertionError("no cell starting with " + prefix + " in " + sheet);
	}

}
