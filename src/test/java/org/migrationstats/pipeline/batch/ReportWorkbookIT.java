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

import org.migrationstats.pipeline.report.jdbc.FigureQueries;

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
class ReportWorkbookIT {

	private static final Path WORK = ScratchFolders.create("report-workbook");

	private static final String RUN_DATE = "2002-12-31";

	private static final List<String> SHEETS = List.of("About", "Contents", "Notes", "Definitions", "Charts", "Periods",
			"Country-year", "Groups", "Membership", "Membership changes", "Membership checks", "Sources", "Checks",
			"Rejects", "Unmatched names", "Aggregates", "Filtered rows", "Chart data, net migration",
			"Chart data, groups", "Run details", "Inputs");

	/** The sheets without a table: the cover and the charts. */
	private static final List<String> WITHOUT_TABLE = List.of("About", "Charts");

	private static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private FigureQueries figures;

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
		// A day no status changed on and no membership-dates names, whose totals, made up
		// for the test, equal the file's counts: the five members of 30 June 2001.
		this.job.setJobFileText("membership-totals:",
				"membership-totals:\n  - { date: 2001-06-30, members: 5, observers: 0, source: \"test\" }");
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
			for (String name : SHEETS.stream().filter((s) -> !WITHOUT_TABLE.contains(s)).toList()) {
				XSSFSheet sheet = workbook().getSheet(name);
				assertThat(sheet.getRow(0).getCell(0).getCellType()).as(name).isEqualTo(CellType.STRING);
				assertThat(sheet.getTables()).as(name + ": one table per sheet").hasSize(1);
				assertThat(sheet.getTables().get(0).getStartCellReference().formatAsString()).as(name).isEqualTo("A2");
				assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as(name).isEqualTo((short) 2);
				assertThat(sheet.getNumMergedRegions()).as(name).isZero();
			}
			assertThat(workbook().getSheet("Periods").getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Figures over named periods, per country " + cite("Shorthand for missing figures") + " "
						+ cite("Rounding") + " " + cite("Spans of period figures"));
			assertThat(workbook().getSheet("Checks").getRow(0).getCell(0).getStringCellValue()).as("an empty table")
				.endsWith("(none in this run) " + cite("Empty tables"));
		}

		@Test
		void everyExcelTableHoldsExactlyWhatItsCsvFileHolds() throws IOException {
			List<String> tables = new ArrayList<>();
			for (XSSFSheet sheet : WorkbookReading.sheets(workbook())) {
				for (XSSFTable table : sheet.getTables()) {
					tables.add(table.getName());
					if (!table.getName().equals("Contents")) {
						WorkbookReading.assertSameAsCsv(table, ReportWorkbookIT.this.folder);
					}
				}
			}
			assertThat(tables).containsExactly("Contents", "Notes", "Definitions", "Periods", "CountryYear", "Groups",
					"Membership", "MembershipChanges", "MembershipChecks", "Sources", "Checks", "Rejects",
					"UnmatchedNames", "Aggregates", "FilteredRows", "ChartNetMigration", "ChartGroups", "RunDetails",
					"Inputs");
			try (var files = Files.list(ReportWorkbookIT.this.folder)) {
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
			assertThat(contents.getRow(2 + SHEETS.indexOf("Country-year") - 1).getCell(2).getNumericCellValue())
				.as("Country-year rows")
				.isEqualTo(1125);
		}

	}

	@Nested
	class StatusInWords {

		@Test
		void everyTableAndChartNamesAStatusInWordsNotByItsCode() throws IOException {
			for (String sheet : List.of("Periods", "Country-year", "Groups", "Membership changes",
					"Chart data, net migration", "Chart data, groups")) {
				for (Row row : workbook().getSheet(sheet)) {
					for (Cell cell : row) {
						if (cell.getCellType() == CellType.STRING) {
							assertThat(cell.getStringCellValue()).as(sheet + " " + cell.getAddress())
								.doesNotContain("MEMBER", "OBSERVER", "NON_MEMBER");
						}
					}
				}
			}
			assertThat(row("Country-year", 0, "KAZ", 2, "2001").getCell(3).getStringCellValue())
				.isEqualTo("Not a member");
			assertThat(row("Country-year", 0, "KAZ", 2, "2002").getCell(3).getStringCellValue()).isEqualTo("Member");
			assertThat(NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("groups.csv"), ',')
				.stream()
				.filter((r) -> r.get("Grouping").equals("membership"))
				.map((r) -> r.get("Group"))
				.distinct()).containsExactly("Member", "Observer", "Not a member");
			CSVRecord kyrgyzstan = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("membership_changes.csv"), ',')
				.stream()
				.filter((r) -> r.get("Party").equals("KGZ") && r.get("Date").equals("2000-11-01"))
				.findFirst()
				.orElseThrow();
			assertThat(List.of(kyrgyzstan.get("Status before"), kyrgyzstan.get("Status after")))
				.containsExactly("Observer", "Member");
			assertThat(values(table("Definitions")).get("Membership status").getStringCellValue())
				.endsWith("Member, Observer or Not a member.");
		}

	}

	@Nested
	class MembershipTotals {

		@Test
		void standBesideTheFilesCountsWithTheirSourceAndTheDifference() throws IOException {
			Map<String, CSVRecord> byDate = new java.util.HashMap<>();
			NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("membership.csv"), ',')
				.forEach((r) -> byDate.put(r.get("Date"), r));
			CSVRecord council = byDate.get("2002-12-02");
			assertThat(List.of(council.get("Member states in the file"), council.get("Member states, published total"),
					council.get("Member states, published total minus file")))
				.containsExactly("10", "98", "88");
			assertThat(
					List.of(council.get("Observer states in the file"), council.get("Observer states, published total"),
							council.get("Observer states, published total minus file")))
				.containsExactly("1", "33", "32");
			assertThat(council.get("Non-state observers in the file")).isEqualTo("2");
			assertThat(council.get("Published totals: source")).isEqualTo("IOM Council, 84th session, 2 December 2002");
			CSVRecord dayBefore = byDate.get("2002-12-01");
			assertThat(
					List.of(dayBefore.get("Member states in the file"), dayBefore.get("Member states, published total"),
							dayBefore.get("Member states, published total minus file"),
							dayBefore.get("Published totals: source")))
				.as("no total published that day")
				.containsExactly("5", "", "", "");
		}

		@Test
		void addTheirDaysToTheCountedDays() throws IOException {
			CSVRecord june = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("membership.csv"), ',')
				.stream()
				.filter((r) -> r.get("Date").equals("2001-06-30"))
				.findFirst()
				.orElseThrow();
			assertThat(List.of(june.get("Member states in the file"), june.get("Member states, published total"),
					june.get("Member states, published total minus file"), june.get("Observer states in the file"),
					june.get("Observer states, published total minus file"), june.get("Published totals: source")))
				.containsExactly("5", "5", "0", "0", "0", "test");
		}

		@Test
		void makeTheTitleSayTheFileListsOnlySomeParties() {
			assertThat(workbook().getSheet("Membership").getRow(0).getCell(0).getStringCellValue())
				.endsWith(" (the membership file lists only some parties: 10 of 98 member states and 1 of 33 observer "
						+ "states on 2002-12-02) " + cite("Shorthand for missing figures") + " "
						+ cite("Membership counts"));
			Row council = row("Membership", 0, "2002-12-02", 0, null);
			assertThat(council.getCell(3).getNumericCellValue()).isEqualTo(88);
		}

	}

	@Nested
	class PeriodSpans {

		private static final String NET = "Cumulative net migration, persons, sum of calendar years first to last";

		private static final String CHANGE = "Population change, persons, mid-year of first year to mid-year of last "
				+ "year";

		@Test
		void thePeriodsAndGroupsSheetsHeadEveryFigureWithItsUnitAndSpanInTheSameWords() {
			List<String> periods = header(workbook().getSheet("Periods"), 1);
			List<String> groups = header(workbook().getSheet("Groups"), 1);
			List<String> shared = List.of("First year", "Last year", "Calendar years summed",
					"Years of population change", NET, "Natural increase, persons, sum of calendar years first to last",
					"Population, persons, mid-year of first year", "Population, persons, mid-year of last year",
					CHANGE);
			assertThat(periods).containsAll(shared);
			assertThat(groups).containsAll(shared);
			assertThat(periods)
				.filteredOn((h) -> !h.startsWith("Years of")
						&& (h.contains("population change") || h.contains("Population change")
								|| h.contains("net migration") || h.contains("Natural increase")))
				.allSatisfy((h) -> assertThat(h).containsAnyOf("persons", "per 1,000", "calendar years with data"));
		}

		@Test
		void everyRowSaysHowManyCalendarYearsItSumsAndHowManyYearsOfChangeItSpans() throws IOException {
			for (String file : List.of("periods.csv", "groups.csv")) {
				List<CSVRecord> rows = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve(file), ',');
				assertThat(rows).as(file).isNotEmpty().allSatisfy((r) -> {
					String expected = r.get("Period").equals("since-independence") ? "1991 2002 12 11"
							: "2003 2023 21 20";
					assertThat(String.join(" ", r.get("First year"), r.get("Last year"), r.get("Calendar years summed"),
							r.get("Years of population change")))
						.as(file + " " + r.get("Period"))
						.isEqualTo(expected);
				});
			}
		}

		@Test
		void aMembershipGroupIsTheSumOfThePeriodsRowsOfItsStatus() throws IOException {
			List<CSVRecord> periods = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("periods.csv"), ',');
			List<CSVRecord> groups = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("groups.csv"), ',')
				.stream()
				.filter((g) -> g.get("Grouping").equals("membership"))
				.toList();
			assertThat(groups).hasSize(5);
			for (CSVRecord group : groups) {
				for (String column : List.of(NET, CHANGE)) {
					long sum = periods.stream()
						.filter((p) -> p.get("Period").equals(group.get("Period"))
								&& p.get("Status at period end").equals(group.get("Group")))
						.filter((p) -> !p.get(column).isEmpty())
						.mapToLong((p) -> Long.parseLong(p.get(column)))
						.sum();
					assertThat(Long.parseLong(group.get(column))).as(group.get("Period") + " " + group.get("Group"))
						.isEqualTo(sum);
				}
			}
		}

		@Test
		void theChartDataNamesEachPeriodsSpan() {
			assertThat(header(workbook().getSheet("Chart data, groups"), 1)).contains(
					"Cumulative net migration, persons, since-independence (1991\u20132002, 12 calendar years)",
					"Natural increase, persons, 2003-2023 (2003\u20132023, 21 calendar years)");
			assertThat(workbook().getSheet("Periods").getRow(0).getCell(0).getStringCellValue())
				.endsWith(cite("Spans of period figures"));
			assertThat(workbook().getSheet("Groups").getRow(0).getCell(0).getStringCellValue())
				.contains(cite("Spans of period figures"));
		}

	}

	@Nested
	class MissingFigures {

		@Test
		void theLastYearOfAPopulationSeriesHasNoPopulationChangeAndSaysSo() throws IOException {
			Row kazakhstan = row("Country-year", 0, "KAZ", 2, "2024");
			assertThat(kazakhstan.getCell(column("Country-year", "Population")).getNumericCellValue())
				.isEqualTo(20_592_571);
			Cell change = kazakhstan.getCell(column("Country-year", "Population change"));
			assertThat(change.getStringCellValue()).isEqualTo("[x]");
			assertThat(change.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
			assertThat(countryYear("KAZ", "2024").get("Population change")).as("the CSV cell stays empty").isEmpty();
		}

		@Test
		void aRateWithoutTheYearsPopulationIsNotAvailableAndASourceOfNothingIsEmpty() {
			Row burundi = row("Country-year", 0, "BDI", 2, "1950");
			assertThat(burundi.getCell(column("Country-year", "Population")).getStringCellValue()).isEqualTo("[x]");
			assertThat(burundi.getCell(column("Country-year", "Net migration rate, per 1,000")).getStringCellValue())
				.isEqualTo("[x]");
			assertThat(burundi.getCell(column("Country-year", "Net migration")).getNumericCellValue())
				.isEqualTo(-13_334);
			assertThat(burundi.getCell(column("Country-year", "Population source"))).as("text, not a figure").isNull();
		}

		@Test
		void noFigureCellOfATableIsBlankButInTheChartData() {
			int checked = 0;
			for (XSSFSheet sheet : WorkbookReading.sheets(workbook())) {
				for (XSSFTable table : sheet.getTables()) {
					if (table.getName().startsWith("Chart")
							|| sheet.getRow(0).getCell(0).getStringCellValue().contains("(none in this run)")) {
						continue;
					}
					int header = table.getStartCellReference().getRow();
					for (Cell heading : sheet.getRow(header)) {
						if (heading.getCellStyle().getAlignment() != HorizontalAlignment.RIGHT) {
							continue;
						}
						for (int r = header + 1; r <= table.getEndCellReference().getRow(); r++) {
							assertThat(sheet.getRow(r).getCell(heading.getColumnIndex()))
								.as(sheet.getSheetName() + " row " + (r + 1) + " " + heading.getStringCellValue())
								.isNotNull();
							checked++;
						}
					}
				}
			}
			assertThat(checked).isGreaterThan(15_000);
		}

		@Test
		void theContentsSayASheetWithoutATableHasNoRowsToCount() {
			for (String sheet : WITHOUT_TABLE) {
				assertThat(row("Contents", 0, sheet, 0, null).getCell(2).getStringCellValue()).as(sheet)
					.isEqualTo("[z]");
			}
			assertThat(row("Contents", 0, "Notes", 0, null).getCell(2).getNumericCellValue())
				.isEqualTo(table("Notes").getDataRowCount());
		}

		@Test
		void theChartDataLeavesAGapWhereAGroupHasNoValueSoThatNoZeroIsPlotted() {
			Row observers = row("Chart data, groups", 1, "Observer", 0, "membership");
			assertThat(observers.getCell(2).getNumericCellValue()).isEqualTo(-634_056);
			assertThat(observers.getCell(3)).as("no observer state at the end of 2003-2023").isNull();
		}

		@Test
		void theNotesExplainTheShorthandAndTheFigureTablesCiteThem() {
			String shorthand = noteText("Shorthand for missing figures");
			assertThat(shorthand).contains("[x]: not available").contains("[z]: not applicable");
			for (String sheet : List.of("Country-year", "Periods", "Groups", "Membership", "Contents")) {
				assertThat(workbook().getSheet(sheet).getRow(0).getCell(0).getStringCellValue()).as(sheet)
					.contains(cite("Shorthand for missing figures"));
			}
		}

		@Test
		void columnsNoDatasetOfTheRunCanFillAreLeftOutOfTheWorkbookAndTheCsvFile() throws IOException {
			List<String> flows = List.of("Immigrants", "Emigrants", "Immigrants minus emigrants");
			assertThat(header(workbook().getSheet("Country-year"), 1)).doesNotContainAnyElementsOf(flows)
				.contains("Net migration", "Births", "International migrant stock");
			assertThat(countryYear("KAZ", "2002").toMap()).doesNotContainKeys(flows.toArray(String[]::new))
				.containsKeys("Net migration", "Births");
			assertThat(noteText("Columns left out"))
				.endsWith("Left out in this run: Country-year: Immigrants; Emigrants; Immigrants minus emigrants.");
			assertThat(workbook().getSheet("Country-year").getRow(0).getCell(0).getStringCellValue())
				.contains(cite("Columns left out"));
			assertThat(workbook().getSheet("Periods").getRow(0).getCell(0).getStringCellValue())
				.doesNotContain(cite("Columns left out"));
		}

		private int column(String sheet, String heading) {
			return header(workbook().getSheet(sheet), 1).indexOf(heading);
		}

		private CSVRecord countryYear(String country, String year) throws IOException {
			return NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("country_year.csv"), ',')
				.stream()
				.filter((r) -> r.get("Country code").equals(country) && r.get("Year").equals(year))
				.findFirst()
				.orElseThrow();
		}

	}

	@Nested
	class Formats {

		private final DataFormatter formatter = new DataFormatter();

		@Test
		void countsHaveSeparatorsAndNegativesAreRedAndSigned() {
			Row kazakhstan = row("Periods", 5, "KAZ", 0, "since-independence");
			Cell net = kazakhstan.getCell(8);
			assertThat(net.getNumericCellValue()).isEqualTo(-3_067_947);
			assertThat(net.getCellStyle().getDataFormatString()).isEqualTo("#,##0;[Red]-#,##0");
			assertThat(this.formatter.formatCellValue(net)).isEqualTo("-3,067,947");
			assertThat(this.formatter.formatCellValue(kazakhstan.getCell(12))).isEqualTo("17,278,600");
		}

		@Test
		void headersOfNumberColumnsAreRightAlignedOverTheirNumbers() {
			Row header = workbook().getSheet("Periods").getRow(1);
			assertThat(header.getCell(6).getStringCellValue()).isEqualTo("Country");
			assertThat(header.getCell(6).getCellStyle().getAlignment()).isNotEqualTo(HorizontalAlignment.RIGHT);
			assertThat(header.getCell(8).getStringCellValue())
				.isEqualTo("Cumulative net migration, persons, sum of calendar years first to last");
			assertThat(header.getCell(8).getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
			assertThat(header.getCell(1).getCellStyle().getAlignment()).as("First year (a year)")
				.isEqualTo(HorizontalAlignment.RIGHT);
		}

		@Test
		void ratesHaveTheirThreeDecimalsAndYearsNone() {
			Row kazakhstan = row("Periods", 5, "KAZ", 0, "since-independence");
			assertThat(kazakhstan.getCell(15).getCellStyle().getDataFormatString()).isEqualTo("0.000;[Red]-0.000");
			assertThat(this.formatter.formatCellValue(kazakhstan.getCell(15))).isEqualTo("-15.525");
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
			// "-3,067,947" is 10 characters; "Cumulative net migration, ..." wraps at 16.
			assertThat(sheet.getColumnWidth(8)).isEqualTo((16 + 2 + 3) * 256);
			assertThat(sheet.getColumnWidth(6)).as("Country: 'United States of America'").isEqualTo((24 + 3) * 256);
		}

		@Test
		void theDocumentPropertiesAreSetAndDatedByTheRunDate() {
			var core = workbook().getProperties().getCoreProperties();
			assertThat(core.getTitle()).isEqualTo("Migration statistics: nightly-migration, " + RUN_DATE);
			assertThat(core.getSubject()).isEqualTo("Net migration and population figures by membership status");
			assertThat(core.getCreator()).isEqualTo("migration-pipeline");
			assertThat(core.getCreated().toInstant()).hasToString(RUN_DATE + "T00:00:00Z");
			assertThat(core.getModified().toInstant()).hasToString(RUN_DATE + "T00:00:00Z");
			assertThat(core.getUnderlyingProperties().getLanguageProperty()).contains("en-GB");
		}

	}

	@Nested
	class TheCover {

		@Test
		void startsWithTheTitleAndLinksToTheContents() {
			XSSFSheet about = workbook().getSheet("About");
			assertThat(about.getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Migration statistics: nightly-migration, run of " + RUN_DATE);
			Cell link = cellStartingWith("About", 0, "Contents: every sheet");
			assertThat(link.getHyperlink().getType()).isEqualTo(HyperlinkType.DOCUMENT);
			assertThat(link.getHyperlink().getAddress()).isEqualTo("'Contents'!A1");
		}

		@Test
		void isShortTextUnderHeadingsWithoutTablesOrRunIdentifiers() {
			XSSFSheet about = workbook().getSheet("About");
			Map<String, List<String>> sections = new java.util.LinkedHashMap<>();
			List<String> current = null;
			for (Row row : about) {
				Cell cell = row.getCell(0);
				if (row.getRowNum() == 0 || cell == null || cell.getHyperlink() != null) {
					continue;
				}
				if (workbook().getFontAt(cell.getCellStyle().getFontIndex()).getBold()) {
					current = new ArrayList<>();
					sections.put(cell.getStringCellValue(), current);
				}
				else {
					current.add(cell.getStringCellValue());
				}
			}
			assertThat(sections).containsOnlyKeys("What this workbook shows", "Period covered", "Source",
					"Producer and next run");
			assertThat(sections.get("Period covered")).containsExactly("Country-year figures: 1950 to 2024.",
					"Named periods: since-independence, 1991 to 2002 (12 calendar years); 2003-2023, 2003 to 2023 "
							+ "(21 calendar years).");
			assertThat(sections.get("What this workbook shows").get(0)).contains("by membership status in IOM");
			assertThat(sections.get("Source").get(0)).startsWith("World Bank SP.POP.TOTL, 2025 revision; ")
				.endsWith(cite("Sources"));
			assertThat(sections.get("Producer and next run").get(1))
				.startsWith("The job runs on schedule \"0 30 2 * * *\" in UTC; its next run after this run date is on "
						+ "2003-01-01 at 02:30 UTC.");
			assertThat(about.getTables()).isEmpty();
			assertThat(String.join(" ", sections.values().stream().flatMap(List::stream).toList()))
				.doesNotContain("Execution id", "execution " + outcome().executionId(), "Attempt")
				.doesNotContainPattern("[0-9a-f]{64}");
		}

		@Test
		void listsTheRunOnItsOwnSheetWithItsRunDateAsADate() {
			Map<String, Cell> run = values(table("RunDetails"));
			assertThat(table("RunDetails").getXSSFSheet().getSheetName()).isEqualTo("Run details");
			assertThat(run.get("Job").getStringCellValue()).isEqualTo("nightly-migration");
			assertThat(run.get("Run date").getLocalDateTimeCellValue().toLocalDate())
				.isEqualTo(LocalDate.parse(RUN_DATE));
			assertThat(run.get("Execution id").getNumericCellValue()).isEqualTo((double) outcome().executionId());
			assertThat(run.get("When it ran").getStringCellValue())
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
			assertThat(run.get("Job file").getStringCellValue())
				.isEqualTo(ReportWorkbookIT.this.job.jobFile().toString());
			assertThat(run.get("Job file SHA-256").getStringCellValue()).matches("[0-9a-f]{64}");
		}

		@Test
		void listsEveryInputWithItsSizeDigestVintageNumberFormatAndRowCounts() throws Exception {
			XSSFTable inputs = table("Inputs");
			Row worldBank = inputs.getXSSFSheet().getRow(inputs.getStartCellReference().getRow() + 1);
			Path file = ReportWorkbookIT.this.job.input("worldbank/population.csv");
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
			assertThat(inputs.getXSSFSheet().getSheetName()).isEqualTo("Inputs");
		}

		@Test
		void definesTheFigures() {
			assertThat(values(table("Definitions"))).containsKeys("Net migration", "Natural increase",
					"Net migration rate", "Balancing residual", "Rows read, written, rejected, filtered");
		}

	}

	@Nested
	class Notes {

		@Test
		void areNumberedFromOneWithTheirSubjectTextAndWhatTheyApplyTo() {
			XSSFTable notes = table("Notes");
			XSSFSheet sheet = notes.getXSSFSheet();
			assertThat(header(sheet, 1)).containsExactly("Note number", "Subject", "Note text", "Applies to");
			List<String> numbers = new ArrayList<>();
			Map<String, String> bySubject = new java.util.LinkedHashMap<>();
			for (int r = 2; r <= notes.getEndCellReference().getRow(); r++) {
				numbers.add(sheet.getRow(r).getCell(0).getStringCellValue());
				bySubject.put(sheet.getRow(r).getCell(1).getStringCellValue(),
						sheet.getRow(r).getCell(2).getStringCellValue());
			}
			for (int i = 0; i < numbers.size(); i++) {
				assertThat(numbers.get(i)).isEqualTo("Note " + (i + 1));
			}
			assertThat(bySubject.get("Rounding")).contains("rounded once, half to even");
			assertThat(bySubject).containsKeys("Sources", "Text from input files", "Reproducibility");
			assertThat(bySubject.get("Sources")).startsWith(
					"World Bank SP.POP.TOTL, 2025 revision; UN World Population Prospects 2024; UN DESA International "
							+ "Migrant Stock 2020; World Bank SP.POP.TOTL, " + "2023 edition. Membership: ")
				.contains("as cited per record in the membership file's source column");
		}

		@Test
		void everyCitationInATitleOrHeadingIsANoteOfTheNotesSheet() {
			int notes = table("Notes").getDataRowCount();
			Pattern citation = Pattern.compile("\\[note (\\d+)\\]");
			int cited = 0;
			for (XSSFSheet sheet : WorkbookReading.sheets(workbook())) {
				for (int r = 0; r <= 1 && sheet.getRow(r) != null; r++) {
					for (Cell cell : sheet.getRow(r)) {
						if (cell.getCellType() == CellType.STRING) {
							var matcher = citation.matcher(cell.getStringCellValue());
							while (matcher.find()) {
								cited++;
								assertThat(Integer.parseInt(matcher.group(1))).as(sheet.getSheetName())
									.isBetween(1, notes);
							}
						}
					}
				}
			}
			assertThat(cited).isGreaterThan(5);
			assertThat(workbook().getSheet("Country-year").getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Figures per country and year " + cite("Shorthand for missing figures") + " "
						+ cite("Rounding") + " " + cite("Precedence") + " " + cite("Columns left out"));
			assertThat(workbook().getSheet("Run details").getRow(0).getCell(0).getStringCellValue())
				.endsWith(cite("Reproducibility"));
		}

	}

	@Nested
	class SafeByConstruction {

		@Test
		void anUnknownCountryThatLooksLikeAFormulaIsListedAsTextLabelledByItsColumn() throws IOException {
			String labelled = "Country Code: \"" + HYPERLINK.replace("\"", "\"\"") + "\" ; Country Name: \"\"";
			Cell cell = cellStartingWith("Unmatched names", 1, labelled);
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).isEqualTo(labelled);
			List<String> written = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("unmatched_names.csv"), ',')
				.stream()
				.map((r) -> r.get("As written"))
				.toList();
			assertThat(written).containsExactlyInAnyOrder(labelled, "Country Code: \"+1+1\" ; Country Name: \"\"",
					"Country Code: \"@SUM(A1)\" ; Country Name: \"\"");
		}

		@Test
		void aValueThatLooksLikeAFormulaIsRejectedAsText() throws IOException {
			Cell cell = cellStartingWith("Rejects", 5, "=1+1");
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).isEqualTo("=1+1");
			CSVRecord rejected = NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("rejects.csv"), ',')
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
				.containsExactly("Net migration per year, Kazakhstan, Russian Federation, Uzbekistan",
						"Cumulative net migration per group, total over each period (periods of different lengths; "
								+ "not annual averages)",
						"Natural increase per group, total over each period (periods of different lengths; not annual "
								+ "averages)");
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
			assertThat(xml).contains("<c:f>'Chart data, net migration'!$A$3:$A$" + (2 + years) + "</c:f>")
				.contains("<c:f>'Chart data, net migration'!$B$3:$B$" + (2 + years) + "</c:f>")
				.contains("<c:f>'Chart data, net migration'!$D$3:$D$" + (2 + years) + "</c:f>")
				.contains("<c:v>Russian Federation (RUS)</c:v>");
			assertThat(Pattern.compile("<c:ser>").matcher(xml).results().count()).isEqualTo(3);
			XSSFSheet data = workbook().getSheet("Chart data, net migration");
			assertThat(data.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Kazakhstan (KAZ)");
			Row y1994 = data.getRow(2 + 1994 - 1950);
			assertThat(y1994.getCell(0).getNumericCellValue()).isEqualTo(1994);
			assertThat(y1994.getCell(1).getNumericCellValue()).as("Kazakhstan 1994, WPP 2024")
				.isEqualTo(wppNetMigration("398", 1994));
		}

		@Test
		void everyChartHasAlternativeTextNamingWhatItShowsAndWhereItsFiguresAre() {
			List<XSSFChart> charts = charts();
			List<org.openxmlformats.schemas.drawingml.x2006.main.CTNonVisualDrawingProps> alts = new ArrayList<>();
			for (var shape : workbook().getSheet("Charts").getDrawingPatriarch().getShapes()) {
				alts.add(((org.apache.poi.xssf.usermodel.XSSFGraphicFrame) shape).getCTGraphicalObjectFrame()
					.getNvGraphicFramePr()
					.getCNvPr());
			}
			assertThat(alts).hasSameSizeAs(charts);
			for (int i = 0; i < charts.size(); i++) {
				String title = charts.get(i).getTitleText().getString();
				assertThat(alts.get(i).getName()).isEqualTo(title);
				assertThat(alts.get(i).getTitle()).isEqualTo(title);
				assertThat(alts.get(i).getDescr()).as(title)
					.matches("(Line|Clustered bar) chart of .*")
					.contains("persons")
					.contains("The figures are on the sheet Chart data, ");
			}
			assertThat(alts.get(0).getDescr())
				.contains("from 1950 to 2023, one line per country (Kazakhstan (KAZ), Russian Federation (RUS), "
						+ "Uzbekistan (UZB)), each with its own colour, marker and dash");
			assertThat(alts.get(1).getDescr()).contains("one bar per period: since-independence (1991\u20132002, 12 "
					+ "calendar years); 2003-2023 (2003\u20132023, 21 calendar years)");
		}

		@Test
		void theLinesDifferInMarkerAndDashAsWellAsColour() {
			var series = charts().get(0).getCTChart().getPlotArea().getLineChartArray(0).getSerList();
			assertThat(series).hasSize(3);
			List<String> looks = new ArrayList<>();
			for (var line : series) {
				String colour = line.getSpPr().getLn().getSolidFill().getSrgbClr().xgetVal().getStringValue();
				String dash = line.getSpPr().getLn().getPrstDash().getVal().toString();
				String marker = line.getMarker().getSymbol().getVal().toString();
				assertThat(line.getMarker().getSpPr().getSolidFill().getSrgbClr().xgetVal().getStringValue())
					.as("the marker in the line's colour")
					.isEqualTo(colour);
				looks.add(marker + " " + dash);
			}
			assertThat(looks).containsExactly("circle solid", "square dash", "triangle sysDot");
		}

		@Test
		void theBarsOfEachPeriodDifferInFillAndOutlineAsWellAsColourAndAreNamedWithTheirSpan() {
			var series = charts().get(1).getCTChart().getPlotArea().getBarChartArray(0).getSerList();
			assertThat(series).extracting((bar) -> bar.getTx().getV())
				.containsExactly("since-independence (1991\u20132002, 12 calendar years)",
						"2003-2023 (2003\u20132023, 21 calendar years)");
			List<String> looks = new ArrayList<>();
			for (var bar : series) {
				String line = bar.getSpPr().getLn().getSolidFill().getSrgbClr().xgetVal().getStringValue();
				var fill = bar.getSpPr().getSolidFill();
				String filled = fill.isSetSrgbClr() && fill.getSrgbClr().xgetVal().getStringValue().equals(line)
						? "filled" : "hollow";
				looks.add(filled + " " + bar.getSpPr().getLn().getPrstDash().getVal());
			}
			assertThat(looks).containsExactly("filled solid", "hollow dash");
		}

		@Test
		void theGroupChartsAreClusteredBarsWithASeriesPerPeriod() {
			String xml = charts().get(1).getCTChartSpace().xmlText();
			assertThat(xml).contains("<c:barChart>").contains("<c:barDir val=\"col\"/>").contains("<c:legend>");
			assertThat(axisTitles(xml)).containsExactly("Membership status or job-file list at the period's end",
					"Persons, total over the period");
			assertThat(Pattern.compile("<c:ser>").matcher(xml).results().count()).isEqualTo(2);
			assertThat(xml).contains("<c:v>Member</c:v>")
				.contains("<c:v>Not a member</c:v>")
				.contains("<c:v>central-asia</c:v>");
		}

		@Test
		void withoutChartCountriesTheLargestNetMigrationTotalsWouldBeCharted() throws IOException {
			Map<String, Long> totals = new java.util.HashMap<>();
			for (CSVRecord row : NightlyJobIT.csv(ReportWorkbookIT.this.folder.resolve("country_year.csv"), ',')) {
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
			long runId = (long) values(table("RunDetails")).get("Run id (job instance)").getNumericCellValue();
			assertThat(ReportWorkbookIT.this.figures.largestNetMigration(runId, 5)).containsExactlyElementsOf(largest)
				.contains("USA");
		}

		private double wppNetMigration(String code, int year) throws IOException {
			CSVRecord row = NightlyJobIT.csv(ReportWorkbookIT.this.job.input("wpp2024/migration.txt"), '\t')
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
			Path xlsx = ReportWorkbookIT.this.folder.resolve("nightly-migration-" + RUN_DATE + ".xlsx");
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

	/**
	 * @param subject a note's subject
	 * @return its text, from the Notes sheet
	 */
	private String noteText(String subject) {
		XSSFTable notes = table("Notes");
		for (int r = notes.getStartCellReference().getRow() + 1; r <= notes.getEndCellReference().getRow(); r++) {
			Row row = notes.getXSSFSheet().getRow(r);
			if (row.getCell(1).getStringCellValue().equals(subject)) {
				return row.getCell(2).getStringCellValue();
			}
		}
		throw new AssertionError("no note on " + subject);
	}

	/**
	 * @param subject a note's subject
	 * @return its citation, such as {@code [note 3]}, from the Notes sheet
	 */
	private String cite(String subject) {
		XSSFTable notes = table("Notes");
		for (int r = notes.getStartCellReference().getRow() + 1; r <= notes.getEndCellReference().getRow(); r++) {
			Row row = notes.getXSSFSheet().getRow(r);
			if (row.getCell(1).getStringCellValue().equals(subject)) {
				return "[" + row.getCell(0).getStringCellValue().toLowerCase(java.util.Locale.ROOT) + "]";
			}
		}
		throw new AssertionError("no note on " + subject);
	}

	private static List<String> header(XSSFSheet sheet, int row) {
		List<String> cells = new ArrayList<>();
		sheet.getRow(row).forEach((cell) -> cells.add(cell.getStringCellValue()));
		return cells;
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
