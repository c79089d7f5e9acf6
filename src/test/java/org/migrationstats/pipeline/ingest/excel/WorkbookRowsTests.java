package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the rows of a workbook sheet, .xlsx (streamed) and .xls (read whole), on
 * workbooks written by POI so that every cell is known, and on a real UN DESA workbook.
 */
class WorkbookRowsTests {

	private static final LocalDate DAY = LocalDate.of(2002, 12, 2);

	@TempDir
	Path dir;

	/** The two workbook formats, each with the file name it is written under. */
	enum Format {

		XLSX(XSSFWorkbook::new, "book.xlsx"), XLS(HSSFWorkbook::new, "book.xls");

		private final Supplier<Workbook> create;

		private final String file;

		Format(Supplier<Workbook> create, String file) {
			this.create = create;
			this.file = file;
		}

	}

	private Path write(Format format, Workbook workbook) throws IOException {
		return Fixtures.write(workbook, this.dir.resolve(format.file));
	}

	private static RowSource open(Path file, String sheet) {
		return TableFiles.open(file, file.getFileName().toString(), Fixtures.dataset(), sheet);
	}

	private static List<SourceRow> read(Path file, String sheet) {
		return Fixtures.readAll(open(file, sheet));
	}

	/**
	 * A workbook with a sheet "Notes", then "Data" with one cell of each kind, a row
	 * without cells (5) and a row with only a formatted blank cell (7), then "2019".
	 */
	private static Workbook cells(Workbook workbook) {
		workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("about");
		Sheet sheet = workbook.createSheet("Data");
		workbook.createSheet("2019").createRow(4).createCell(1).setCellValue("in 2019");
		CellStyle custom = dateStyle(workbook, "yyyy-mm-dd");
		CellStyle builtin = dateStyle(workbook, "m/d/yy");
		Row first = sheet.createRow(0);
		first.createCell(0).setCellValue(42);
		first.createCell(1).setCellValue(-7);
		first.createCell(2).setCellValue(0.25);
		first.createCell(3).setCellValue(1e20);
		first.createCell(4).setCellValue("text");
		RichTextString rich = workbook.getCreationHelper().createRichTextString("Côte d'Ivoire");
		Font bold = workbook.createFont();
		bold.setBold(true);
		rich.applyFont(5, 13, bold);
		first.createCell(5).setCellValue(rich);
		Row second = sheet.createRow(1);
		second.createCell(0).setCellValue(DAY);
		second.getCell(0).setCellStyle(custom);
		second.createCell(1).setCellFormula("A1*2");
		second.createCell(2).setCellFormula("\"ab\"&\"cd\"");
		second.createCell(3).setCellValue(true);
		second.createCell(4).setCellFormula("NA()");
		second.createCell(5).setCellValue(DAY);
		second.getCell(5).setCellStyle(builtin);
		second.createCell(6).setCellValue(-1234567.125);
		Row fourth = sheet.createRow(3);
		fourth.createCell(0).setCellValue("a");
		fourth.createCell(2).setCellValue("c");
		fourth.createCell(4).setCellValue(1.5);
		fourth.createCell(5).setCellErrorValue(FormulaError.DIV0.getCode());
		sheet.createRow(4);
		sheet.createRow(5).createCell(0).setCellValue("last");
		sheet.getRow(5).createCell(3).setCellStyle(custom);
		sheet.createRow(6).createCell(2).setCellStyle(custom);
		workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
		return workbook;
	}

	private static CellStyle dateStyle(Workbook workbook, String format) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat(format));
		return style;
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void cellsAreTheTextAUserSees(Format format) throws IOException {
		Path file = write(format, cells(format.create.get()));
		assertThat(read(file, "Data")).containsExactly(
				new SourceRow(1, List.of("42", "-7", "0.25", "100000000000000000000", "text", "Côte d'Ivoire")),
				new SourceRow(2, List.of("2002-12-02", "84", "abcd", "TRUE", "#N/A", "2002-12-02", "-1234567.125")),
				new SourceRow(4, List.of("a", "", "c", "", "1.5", "#DIV/0!")), new SourceRow(6, List.of("last")),
				new SourceRow(7, List.of()));
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void datesOfA1904WorkbookAreTheSameDays(Format format) throws IOException {
		Workbook workbook = format.create.get();
		if (workbook instanceof XSSFWorkbook xssf) {
			xssf.getCTWorkbook().getWorkbookPr().setDate1904(true);
		}
		else {
			((DateWindow1904Record) ((HSSFWorkbook) workbook).getInternalWorkbook()
				.findFirstRecordBySid(DateWindow1904Record.sid)).setWindowing((short) 1);
		}
		Row row = workbook.createSheet("Dates").createRow(0);
		row.createCell(0).setCellValue(DateUtil.getExcelDate(DAY, true));
		row.getCell(0).setCellStyle(dateStyle(workbook, "dd.mm.yyyy"));
		row.createCell(1).setCellValue(DateUtil.getExcelDate(DAY, true));
		Path file = write(format, workbook);
		assertThat(read(file, "")).containsExactly(new SourceRow(1, List.of("2002-12-02", "36130")));
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void sheetsAreFoundByNameOrByNumber(Format format) throws IOException {
		Path file = write(format, cells(format.create.get()));
		try (RowSource first = open(file, "")) {
			assertThat(first.sheet()).isEqualTo("Notes");
			assertThat(first.next()).isEqualTo(new SourceRow(1, List.of("about")));
		}
		try (RowSource second = open(file, "2")) {
			assertThat(second.sheet()).isEqualTo("Data");
		}
		try (RowSource named = open(file, "data")) {
			assertThat(named.sheet()).isEqualTo("Data");
		}
		assertThat(read(file, "2019")).containsExactly(new SourceRow(5, List.of("", "in 2019")));
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void aMissingSheetIsNamedWithTheSheetsThereAre(Format format) throws IOException {
		Path file = write(format, cells(format.create.get()));
		for (String missing : List.of("Tabelle1", "4", "0")) {
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> open(file, missing))
				.withMessage(
						format.file + ": no sheet \"" + missing + "\"; the workbook has \"Notes\", \"Data\", \"2019\"");
		}
	}

	@Nested
	class Xlsx {

		private static final String SHEET = "xl/worksheets/sheet1.xml";

		private Path withSheetXml(String sheetData) throws IOException {
			Workbook workbook = new XSSFWorkbook();
			workbook.createSheet("Data").createRow(0).createCell(0).setCellValue("replaced");
			Path file = Fixtures.write(workbook, WorkbookRowsTests.this.dir.resolve("book.xlsx"));
			String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + "<sheetData>"
					+ sheetData + "</sheetData></worksheet>";
			Fixtures.replaceEntry(file, SHEET, xml.getBytes(StandardCharsets.UTF_8));
			return file;
		}

		@Test
		void inlineStringsAsSxssfWritesThem() throws IOException {
			SXSSFWorkbook workbook = new SXSSFWorkbook(null, 10, false, false);
			Row row = workbook.createSheet("Data").createRow(2);
			row.createCell(0).setCellValue("Türkiye");
			row.createCell(2).setCellValue(792);
			Path file = Fixtures.write(workbook, WorkbookRowsTests.this.dir.resolve("inline.xlsx"));
			assertThat(new String(Fixtures.entry(file, SHEET), StandardCharsets.UTF_8)).contains("t=\"inlineStr\"");
			assertThat(read(file, "")).containsExactly(new SourceRow(3, List.of("Türkiye", "", "792")));
		}

		@Test
		void inlineRunsAndRowsOrCellsWithoutReferences() throws IOException {
			Path file = withSheetXml("<row><c t=\"inlineStr\"><is><r><t xml:space=\"preserve\">Côte </t></r>"
					+ "<r><rPr><b/></rPr><t>d'Ivoire</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></is></c>"
					+ "<c s=\"0\"><v>384</v></c><c t=\"str\"><f>A1</f><v>formula text</v></c></row>"
					+ "<row><c r=\"C2\" t=\"inlineStr\"><is><t>gap</t></is></c><c r=\"E2\" t=\"d\">"
					+ "<v>2002-12-02T00:00:00</v></c></row>" + "<row r=\"7\"><c r=\"B7\"/></row>"
					+ "<row r=\"9\"><c r=\"A9\" t=\"e\"><v>#REF!</v></c><c r=\"B9\" t=\"b\"><v>0</v></c></row>"
					+ "<row><c><v>1E-3</v></c><c t=\"inlineStr\"><is><t>one_x000A_two</t></is></c></row>");
			assertThat(read(file, "Data")).containsExactly(
					new SourceRow(1, List.of("Côte d'Ivoire", "384", "formula text")),
					new SourceRow(2, List.of("", "", "gap", "", "2002-12-02")), new SourceRow(7, List.of()),
					new SourceRow(9, List.of("#REF!", "FALSE")), new SourceRow(10, List.of("0.001", "one\ntwo")));
		}

		@Test
		void malformedXmlInTheMiddleNamesFileSheetAndRow() throws IOException {
			Path file = withSheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
					+ "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row><row r=\"3\"><c r=\"A3\"><v>3</v></x></row>");
			try (RowSource rows = open(file, "")) {
				assertThat(rows.next()).isEqualTo(new SourceRow(1, List.of("1")));
				assertThat(rows.next()).isEqualTo(new SourceRow(2, List.of("2")));
				assertThatExceptionOfType(SourceFormatException.class).isThrownBy(rows::next)
					.withMessageStartingWith(
							"book.xlsx, sheet \"Data\", row 3: the sheet cannot be read further (truncated or corrupt): ")
					.withMessageNotContaining("\n");
				assertThat(rows.next()).isNull();
			}
		}

		@Test
		void aSharedStringThatIsNotThereNamesItsRow() throws IOException {
			Path file = withSheetXml("<row r=\"5\"><c r=\"B5\" t=\"s\"><v>7</v></c></row>");
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> read(file, ""))
				.withMessage("book.xlsx, sheet \"Data\", row 5: the cell refers to shared string 7, "
						+ "which the workbook does not have");
		}

		@Test
		void aCellThatIsNoNumberNamesItsRow() throws IOException {
			Path file = withSheetXml("<row r=\"4\"><c r=\"A4\"><v>1,5</v></c></row>");
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> read(file, ""))
				.withMessage("book.xlsx, sheet \"Data\", row 4: \"1,5\" is stored as a number but is none");
		}

	}

	@Nested
	class RealWorkbook {

		private final Path file = Path
			.of("src/test/resources/published-data/undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx");

		@Test
		void unDesaMigrantStockTable1() {
			List<SourceRow> rows = read(this.file, "Table 1");
			SourceRow header = rows.stream().filter((row) -> row.row() == 11).findFirst().orElseThrow();
			assertThat(header.values()).startsWith("", "Region, development group, country or area", "Notes",
					"Location code", "Type of data", "1990", "1995", "2000");
			SourceRow kazakhstan = rows.stream()
				.filter((row) -> row.values().size() > 5 && row.values().get(3).equals("398"))
				.findFirst()
				.orElseThrow();
			assertThat(kazakhstan.row()).isEqualTo(99);
			assertThat(kazakhstan.values()).startsWith("88", "   Kazakhstan", "", "398", "B R", "3619200");
			assertThat(Files.exists(this.file)).isTrue();
		}

		@Test
		void sheetsAreNamedInTheMessageForAMissingOne() {
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> open(this.file, "Table 9"))
				.withMessage(
						"undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx: no sheet \"Table 9\"; the workbook has \"Table of contents\", \"Table 1\", "
								+ "\"Table 2\", \"Table 3\", \"Table 4\", \"Table 5\", \"Table 6\", \"Notes\"");
		}

	}

}
