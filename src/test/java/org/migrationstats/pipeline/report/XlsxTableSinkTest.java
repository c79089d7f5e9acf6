package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFTableColumn;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Writes a small workbook through {@link XlsxTableSink} and reads it back with POI: the
 * Excel tables, formats, text that looks like a formula, the cover's sections, the
 * Contents links and the document properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XlsxTableSinkTest {

	private static final List<Column> FIGURES = List.of(Column.text("Country"), Column.year("Year"),
			Column.count("Net migration"), Column.rate("Net migration rate, per 1,000"), Column.date("Date"));

	private static final List<String> PAYLOADS = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)",
			"\tx", "\rx", "\nx");

	@TempDir
	static Path folder;

	private XSSFWorkbook workbook;

	@BeforeAll
	void writeTheWorkbook() throws Exception {
		Path file = folder.resolve("sink.xlsx");
		try (XlsxTableSink sink = new XlsxTableSink()) {
			sink.cover("About", "A report", "The cover", List.of(new XlsxTableSink.CoverSection("What it shows",
					List.of("What it is.", "A long line of text. ".repeat(12)))));
			sink.linkLine("Contents", "Contents");
			sink.citeForEmptyTables("[note 5]");
			sink.reserve("Contents", "Every sheet");
			sink.begin(new TableSink.TableInfo("Run", "about", "This run", "[note 6]"),
					List.of(Column.text("Item"), Column.text("Value")));
			sink.row(List.of("Run date", LocalDate.of(2002, 12, 31)));
			sink.row(List.of("Attempt", 2L));
			sink.end();
			sink.begin(new TableSink.TableInfo("Run", "notes", "Notes"),
					List.of(Column.text("Note"), Column.text("Text")));
			sink.row(List.of("Long", "x".repeat(150)));
			sink.end();
			sink.begin(new TableSink.TableInfo("Figures", "country_year", "Figures per country and year"), FIGURES);
			sink.row(Arrays.asList("Kazakhstan", 1994, -521_425L, new BigDecimal("-32.102"), LocalDate.of(1994, 7, 1)));
			sink.row(Arrays.asList("Italy", 2002, 1_234_567_890L, new BigDecimal("0.125"), null));
			sink.row(Arrays.asList("Nowhere", 2003, null, Missing.NOT_APPLICABLE, Missing.CHART_GAP));
			sink.row(Arrays.asList(null, 2004, Missing.NOT_AVAILABLE, null, null));
			for (String payload : PAYLOADS) {
				sink.row(Arrays.asList(payload, 2000, 1L, null, null));
			}
			sink.end();
			sink.begin(new TableSink.TableInfo("Rejects", "rejects", "Rejected rows", "[note 7] [note 2]"),
					List.of(Column.text("Value as written"), Column.text("Reason")));
			sink.end();
			sink.contents("Contents", "");
			sink.properties("Title", "Subject", "Description", LocalDate.of(2002, 12, 31));
			sink.save(file);
		}
		this.workbook = new XSSFWorkbook(file.toFile());
	}

	@Test
	void theSheetsAreInTheOrderTheyWereBegunOrReserved() {
		assertThat(this.workbook.getNumberOfSheets()).isEqualTo(5);
		assertThat(List.of(this.workbook.getSheetName(0), this.workbook.getSheetName(1), this.workbook.getSheetName(2),
				this.workbook.getSheetName(3), this.workbook.getSheetName(4)))
			.containsExactly("About", "Contents", "Run", "Figures", "Rejects");
	}

	@Test
	void noSheetHasMergedCellsOrFormulas() {
		for (Sheet sheet : this.workbook) {
			assertThat(sheet.getNumMergedRegions()).as(sheet.getSheetName()).isZero();
			for (Row row : sheet) {
				for (Cell cell : row) {
					assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
						.isNotEqualTo(CellType.FORMULA);
				}
			}
		}
	}

	@Test
	void theDocumentIsDatedByTheRunDate() {
		var core = this.workbook.getProperties().getCoreProperties();
		assertThat(core.getTitle()).isEqualTo("Title");
		assertThat(core.getDescription()).isEqualTo("Description");
		assertThat(core.getCreated().toInstant()).hasToString("2002-12-31T00:00:00Z");
		assertThat(core.getModified().toInstant()).hasToString("2002-12-31T00:00:00Z");
		assertThat(core.getUnderlyingProperties().getLanguageProperty()).contains("en-GB");
		assertThat(this.workbook.getProperties().getExtendedProperties().getApplication())
			.isEqualTo("migration-pipeline");
	}

	@Nested
	class ATableOnItsOwnSheet {

		private final XSSFSheet sheet = XlsxTableSinkTest.this.workbook.getSheet("Figures");

		@Test
		void hasItsTitleInA1AndItsHeaderFrozenInRow2() {
			assertThat(this.sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Figures per country and year");
			assertThat(header(this.sheet, 1)).containsExactly("Country", "Year", "Net migration",
					"Net migration rate, per 1,000", "Date");
			assertThat(this.sheet.getPaneInformation().isFreezePane()).isTrue();
			assertThat(this.sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);
		}

		@Test
		void isOneNamedExcelTableWithFilterButtonsWhoseColumnNamesAreTheHeaderCells() {
			assertThat(this.sheet.getTables()).hasSize(1);
			XSSFTable table = this.sheet.getTables().get(0);
			assertThat(table.getName()).isEqualTo("CountryYear");
			assertThat(table.getDisplayName()).isEqualTo("CountryYear");
			int last = 2 + 4 + PAYLOADS.size() - 1;
			assertThat(table.getCTTable().getRef()).isEqualTo("A2:E" + (last + 1));
			assertThat(table.getCTTable().getAutoFilter().getRef()).isEqualTo("A2:E" + (last + 1));
			assertThat(table.getColumns()).extracting(XSSFTableColumn::getName)
				.containsExactlyElementsOf(header(this.sheet, 1));
			assertThat(table.getStyleName()).isEqualTo(XlsxTableSink.TABLE_STYLE);
			assertThat(this.sheet.getCTWorksheet().isSetAutoFilter()).as("no sheet filter overlapping the table")
				.isFalse();
		}

		@Test
		void countsHaveThousandsSeparatorsAndNegativesAreRedAndSigned() {
			Cell loss = this.sheet.getRow(2).getCell(2);
			assertThat(loss.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(loss.getNumericCellValue()).isEqualTo(-521_425.0);
			assertThat(loss.getCellStyle().getDataFormatString()).isEqualTo("#,##0;[Red]-#,##0");
			assertThat(new DataFormatter().formatCellValue(loss)).isEqualTo("-521,425");
			assertThat(new DataFormatter().formatCellValue(this.sheet.getRow(3).getCell(2))).isEqualTo("1,234,567,890");
		}

		@Test
		void ratesKeepTheirDecimalsAndYearsHaveNoSeparator() {
			Cell rate = this.sheet.getRow(2).getCell(3);
			assertThat(rate.getNumericCellValue()).isEqualTo(-32.102);
			assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.000;[Red]-0.000");
			assertThat(new DataFormatter().formatCellValue(this.sheet.getRow(3).getCell(3))).isEqualTo("0.125");
			assertThat(new DataFormatter().formatCellValue(this.sheet.getRow(2).getCell(1))).isEqualTo("1994");
		}

		@Test
		void datesAreDateCells() {
			Cell date = this.sheet.getRow(2).getCell(4);
			assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
			assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(1994, 7, 1));
			assertThat(new DataFormatter().formatCellValue(date)).isEqualTo("1994-07-01");
		}

		@Test
		void aMissingFigureShowsItsShorthandAlignedWithTheNumbersNeverABlankOrAZero() {
			Row nowhere = this.sheet.getRow(4);
			assertThat(nowhere.getCell(2).getStringCellValue()).as("null: not available").isEqualTo("[x]");
			assertThat(nowhere.getCell(2).getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
			assertThat(nowhere.getCell(3).getStringCellValue()).isEqualTo("[z]");
			assertThat(nowhere.getCell(4)).as("a chart's gap stays empty").isNull();
			Row unnamed = this.sheet.getRow(5);
			assertThat(unnamed.getCell(0)).as("no text is an empty text cell").isNull();
			assertThat(unnamed.getCell(2).getStringCellValue()).isEqualTo("[x]");
			assertThat(unnamed.getCell(3).getStringCellValue()).isEqualTo("[x]");
			assertThat(unnamed.getCell(4).getStringCellValue()).as("a date not available").isEqualTo("[x]");
		}

		@Test
		void textThatLooksLikeAFormulaIsAStringCellMarkedAsText() {
			for (int i = 0; i < PAYLOADS.size(); i++) {
				Cell cell = this.sheet.getRow(6 + i).getCell(0);
				assertThat(cell.getCellType()).as(PAYLOADS.get(i)).isEqualTo(CellType.STRING);
				assertThat(cell.getStringCellValue()).isEqualTo(PAYLOADS.get(i));
				assertThat(cell.getCellStyle().getQuotePrefixed()).as(PAYLOADS.get(i)).isTrue();
			}
			assertThat(this.sheet.getRow(2).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
		}

		@Test
		void columnWidthsComeFromTheCharacterCountNotFromFonts() {
			// "1,234,567,890" is 13 characters; the header's 13 are wrapped at 16.
			assertThat(this.sheet.getColumnWidth(2)).isEqualTo((15 + 3) * 256);
			// The header "Country" (7 + 2 for the filter button) is wider than "Italy".
			assertThat(this.sheet.getColumnWidth(0)).isGreaterThanOrEqualTo((9 + 3) * 256);
		}

	}

	@Nested
	class TheCover {

		private final XSSFSheet sheet = XlsxTableSinkTest.this.workbook.getSheet("About");

		@Test
		void hasTheTitleThenEachSectionsHeadingAndTextAndNoTable() {
			assertThat(text(this.sheet, 0)).isEqualTo("A report");
			assertThat((Object) this.sheet.getRow(1)).isNull();
			assertThat(text(this.sheet, 2)).isEqualTo("What it shows");
			assertThat(this.sheet.getRow(2).getCell(0).getCellStyle().getFontIndex())
				.isNotEqualTo(this.sheet.getRow(3).getCell(0).getCellStyle().getFontIndex());
			assertThat(text(this.sheet, 3)).isEqualTo("What it is.");
			assertThat(text(this.sheet, 4)).startsWith("A long line of text.");
			assertThat(text(this.sheet, 6)).isEqualTo("Contents");
			assertThat(this.sheet.getTables()).isEmpty();
		}

		@Test
		void linksToTheContentsSheetInsideTheWorkbook() {
			var link = this.sheet.getRow(6).getCell(0).getHyperlink();
			assertThat(link.getType()).isEqualTo(HyperlinkType.DOCUMENT);
			assertThat(link.getAddress()).isEqualTo("'Contents'!A1");
		}

		@Test
		void wrapsItsTextInOneWideColumnInRowsTallEnoughForIt() {
			Cell text = this.sheet.getRow(4).getCell(0);
			assertThat(text.getCellStyle().getWrapText()).isTrue();
			assertThat(this.sheet.getColumnWidth(0)).isEqualTo((XlsxTableSink.COVER_WIDTH + 3) * 256);
			assertThat(this.sheet.getRow(4).getHeightInPoints())
				.isEqualTo(3 * this.sheet.getDefaultRowHeightInPoints());
			assertThat(this.sheet.getRow(3).getHeightInPoints()).isEqualTo(this.sheet.getDefaultRowHeightInPoints());
		}

		@Test
		void isNotFrozen() {
			assertThat(this.sheet.getPaneInformation()).isNull();
		}

	}

	@Nested
	class ASheetOfTwoTables {

		private final XSSFSheet sheet = XlsxTableSinkTest.this.workbook.getSheet("Run");

		@Test
		void hasEachTableUnderItsOwnTitleWithItsNotes() {
			assertThat(text(this.sheet, 0)).isEqualTo("This run [note 6]");
			assertThat(header(this.sheet, 1)).containsExactly("Item", "Value");
			assertThat(text(this.sheet, 5)).isEqualTo("Notes");
			assertThat(this.sheet.getTables()).extracting(XSSFTable::getName).containsExactly("About", "Notes");
			assertThat(this.sheet.getTables().get(0).getCTTable().getRef()).isEqualTo("A2:B4");
			assertThat(this.sheet.getTables().get(1).getCTTable().getRef()).isEqualTo("A7:B8");
		}

		@Test
		void keepsDatesAndNumbersInATextColumnAsDatesAndNumbers() {
			Cell runDate = this.sheet.getRow(2).getCell(1);
			assertThat(DateUtil.isCellDateFormatted(runDate)).isTrue();
			assertThat(runDate.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2002, 12, 31));
			assertThat(this.sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(2.0);
		}

		@Test
		void wrapsLongTextInARowTallEnoughForIt() {
			Cell text = this.sheet.getRow(7).getCell(1);
			assertThat(text.getCellStyle().getWrapText()).isTrue();
			assertThat(this.sheet.getColumnWidth(1)).isEqualTo((XlsxTableSink.MAX_WIDTH + 3) * 256);
			assertThat(this.sheet.getRow(7).getHeightInPoints())
				.isGreaterThanOrEqualTo(3 * this.sheet.getDefaultRowHeightInPoints());
		}

	}

	@Test
	void anEmptyTableKeepsOneEmptyRowAndItsTitleSaysSo() {
		XSSFSheet rejects = this.workbook.getSheet("Rejects");
		assertThat(text(rejects, 0)).as("the table's notes and the note on empty tables, in note order")
			.isEqualTo("Rejected rows (none in this run) [note 2] [note 5] [note 7]");
		assertThat(rejects.getTables().get(0).getCTTable().getRef()).isEqualTo("A2:B3");
		assertThat((Object) rejects.getRow(2)).isNull();
	}

	@Test
	void theContentsSheetLinksToEveryOtherSheetWithItsRowCount() {
		XSSFSheet contents = this.workbook.getSheet("Contents");
		assertThat(text(contents, 0)).isEqualTo("Contents");
		assertThat(header(contents, 1)).containsExactly("Sheet", "What it holds", "Rows");
		List<String> sheets = List.of("About", "Run", "Figures", "Rejects");
		for (int i = 0; i < sheets.size(); i++) {
			Cell cell = contents.getRow(2 + i).getCell(0);
			assertThat(cell.getStringCellValue()).isEqualTo(sheets.get(i));
			assertThat(cell.getHyperlink().getType()).isEqualTo(HyperlinkType.DOCUMENT);
			assertThat(cell.getHyperlink().getAddress()).isEqualTo("'" + sheets.get(i) + "'!A1");
		}
		assertThat(contents.getRow(2).getCell(1).getStringCellValue()).isEqualTo("The cover");
		assertThat(contents.getRow(2).getCell(2).getStringCellValue()).as("no table to count: not applicable")
			.isEqualTo("[z]");
		assertThat(contents.getRow(3).getCell(1).getStringCellValue()).as("the title, without its notes")
			.isEqualTo("This run");
		assertThat(contents.getRow(3).getCell(2).getNumericCellValue()).as("both tables' rows").isEqualTo(3);
		assertThat(contents.getRow(4).getCell(2).getNumericCellValue()).isEqualTo(4 + PAYLOADS.size());
		assertThat(contents.getRow(5).getCell(2).getNumericCellValue()).isZero();
		assertThat(contents.getTables()).extracting(XSSFTable::getName).containsExactly("Contents");
	}

	@Test
	void sheetNamesStayWithinExcelsLimits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TableSink.TableInfo("x".repeat(32), "x", "A title"));
		assertThatIllegalArgumentException().isThrownBy(() -> new TableSink.TableInfo("a/b", "x", "A title"));
		assertThatIllegalArgumentException().isThrownBy(() -> new TableSink.TableInfo("Sheet", "A-b", "A title"));
		assertThat(new TableSink.TableInfo("x".repeat(31), "membership_changes", "A title").tableName())
			.isEqualTo("MembershipChanges");
	}

	@Test
	void refusesTwoColumnsWithTheSameName() throws IOException {
		try (XlsxTableSink sink = new XlsxTableSink()) {
			sink.begin(new TableSink.TableInfo("Twice", "twice", "Twice"),
					List.of(Column.text("Value"), Column.count("value")));
			assertThatIllegalStateException().isThrownBy(sink::end).withMessageContaining("two columns named");
		}
	}

	@Test
	void aTableLongerThanItsSheetShowsTheFirstRowsAndSaysBelowThemWhereTheRestAre() throws Exception {
		Path file = folder.resolve("full.xlsx");
		// a sheet of rows 0-6: the title, the header, four rows of the eight and the line
		// that says so
		try (XlsxTableSink sink = new XlsxTableSink(6)) {
			sink.begin(new TableSink.TableInfo("Rejects", "rejects", "Rejected rows", "[note 7]"),
					List.of(Column.text("Value as written"), Column.count("Row")));
			for (long row = 1; row <= 8; row++) {
				sink.row(List.of("QZX", row));
			}
			sink.end();
			sink.begin(new TableSink.TableInfo("Next", "next", "The next table"), List.of(Column.text("Value")));
			sink.row(List.of("on a sheet of its own"));
			sink.end();
			sink.save(file);
		}
		try (XSSFWorkbook written = new XSSFWorkbook(file.toFile())) {
			Sheet rejects = written.getSheet("Rejects");
			assertThat(text(rejects, 0)).isEqualTo("Rejected rows [note 7]");
			assertThat(rejects.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(4);
			assertThat(text(rejects, 6)).isEqualTo(
					"Only the first 4 of 8 rows are on this sheet, as many as it holds: all of them are in rejects.csv.");
			assertThat(rejects.getLastRowNum()).isEqualTo(6);
			assertThat(((XSSFSheet) rejects).getTables().get(0).getCTTable().getRef()).isEqualTo("A2:B6");
			assertThat(text(written.getSheet("Next"), 0)).isEqualTo("The next table");
			assertThat(text(written.getSheet("Next"), 2)).isEqualTo("on a sheet of its own");
		}
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 7, -7, 999, 1_000, -1_000, 123_456_789, -3_067_947, Long.MAX_VALUE, Long.MIN_VALUE })
	void theWidthOfAGroupedNumberIsItsFormattedLength(long number) {
		assertThat(XlsxTableSink.groupedLength(number)).isEqualTo(String.format("%,d", number).length());
	}

	private static List<String> header(Sheet sheet, int row) {
		return java.util.stream.StreamSupport.stream(sheet.getRow(row).spliterator(), false)
			.map(Cell::getStringCellValue)
			.toList();
	}

	private static String text(Sheet sheet, int row) {
		return sheet.getRow(row).getCell(0).getStringCellValue();
	}

}
