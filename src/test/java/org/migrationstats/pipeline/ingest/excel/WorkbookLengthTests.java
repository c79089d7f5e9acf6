package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.LengthLimits;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An .xlsx workbook's texts as long as memory allows and no longer: with rows limited to
 * 1 KiB, a cell value, an inline string or a shared string of 10 KiB stops the sheet at
 * its row (the workbook, for a shared string, as they are read before the sheet), and so
 * do the shared strings together once they would take more than 64 such rows of memory.
 */
class WorkbookLengthTests {

	private static final String SHEET = "xl/worksheets/sheet1.xml";

	private static final int LIMIT = 1024;

	@TempDir
	Path dir;

	private static DatasetSpec dataset() {
		TableSpec table = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false,
				Map.of(), Map.of(), TableSpec.OnError.FAIL, null, 0, new LengthLimits(512, LIMIT));
		return new DatasetSpec("stock", "input/stock.xlsx", ',', StandardCharsets.UTF_8, Layout.WIDE,
				Measure.MIGRANT_STOCK, new ColumnMapping(List.of("country"), List.of(), List.of(), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "test", 1, "", false, table);
	}

	private Path withSheetXml(String sheetData) throws IOException {
		Workbook workbook = new XSSFWorkbook();
		workbook.createSheet("Data").createRow(0).createCell(0).setCellValue("replaced");
		Path file = Fixtures.write(workbook, this.dir.resolve("book.xlsx"));
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
				+ sheetData + "</sheetData></worksheet>";
		Fixtures.replaceEntry(file, SHEET, xml.getBytes(StandardCharsets.UTF_8));
		return file;
	}

	private static RowSource open(Path file) {
		return TableFiles.open(file, "book.xlsx", dataset(), "");
	}

	private static void assertStopsAtRow2(Path file) {
		try (RowSource rows = open(file)) {
			assertThat(rows.next()).isEqualTo(new SourceRow(1, List.of("country", "2020")));
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(rows::next)
				.withMessage("book.xlsx, sheet \"Data\", row 2: a row of more than 1,024 characters (max-line-length): "
						+ "the sheet is read no further; a row this long needs a higher max-line-length in the job "
						+ "file");
		}
	}

	private static final String HEADER_ROW = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>country</t></is></c>"
			+ "<c r=\"B1\"><v>2020</v></c></row>";

	@Test
	void aCellValueLongerThanARowMay() throws IOException {
		assertStopsAtRow2(withSheetXml(
				HEADER_ROW + "<row r=\"2\"><c r=\"A2\" t=\"str\"><v>" + "x".repeat(10 * LIMIT) + "</v></c></row>"));
	}

	@Test
	void anInlineStringLongerThanARowMay() throws IOException {
		assertStopsAtRow2(withSheetXml(HEADER_ROW + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"
				+ "x".repeat(10 * LIMIT) + "</t></is></c></row>"));
	}

	@Test
	void anInlineStringMadeOfShortStretchesAndRuns() throws IOException {
		String stretches = "x".repeat(300) + "&amp;" + "x".repeat(300) + "&amp;" + "x".repeat(300);
		assertStopsAtRow2(withSheetXml(HEADER_ROW + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>" + stretches
				+ "</t></r><r><t>" + stretches + "</t></r></is></c></row>"));
	}

	@Test
	void cellsTogetherLongerThanARowMay() throws IOException {
		String cell = "<c t=\"inlineStr\"><is><t>" + "x".repeat(400) + "</t></is></c>";
		assertStopsAtRow2(withSheetXml(HEADER_ROW + "<row r=\"2\">" + cell + cell + cell + "</row>"));
	}

	@Test
	void aCellBeyondExcelsLastColumn() throws IOException {
		Path file = withSheetXml(HEADER_ROW + "<row r=\"2\"><c r=\"ZZZZZZ2\"><v>1</v></c></row>");
		try (RowSource rows = open(file)) {
			rows.next();
			assertThatExceptionOfType(SourceFormatException.class).isThrownBy(rows::next)
				.withMessage("book.xlsx, sheet \"Data\", row 2: a cell at ZZZZZZ2, beyond Excel's last column (XFD)");
		}
	}

	@Test
	void rowsWithinTheLimitAreRead() throws IOException {
		String cell = "<c t=\"inlineStr\"><is><t>" + "x".repeat(500) + "</t></is></c>";
		try (RowSource rows = open(withSheetXml(HEADER_ROW + "<row r=\"2\">" + cell + cell + "</row>"))) {
			rows.next();
			assertThat(rows.next().values()).hasSize(2);
		}
	}

	@Test
	void aSharedStringLongerThanARowMay() throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		Row row = workbook.createSheet("Data").createRow(0);
		row.createCell(0).setCellValue("country");
		row.createCell(1).setCellValue("x".repeat(10 * LIMIT));
		Path file = Fixtures.write(workbook, this.dir.resolve("book.xlsx"));
		assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> open(file))
			.withMessage("book.xlsx: shared string 2 is longer than 1,024 characters (max-line-length): the "
					+ "workbook is not read; a longer text needs a higher max-line-length in the job file");
	}

	@Test
	void sharedStringsTakingMoreMemoryThan64Rows() throws IOException {
		XSSFWorkbook workbook = new XSSFWorkbook();
		org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Data");
		for (int r = 0; r < 2000; r++) {
			sheet.createRow(r).createCell(0).setCellValue("name " + r);
		}
		Path file = Fixtures.write(workbook, this.dir.resolve("book.xlsx"));
		assertThatExceptionOfType(SourceFormatException.class).isThrownBy(() -> open(file))
			.withMessageStartingWith("book.xlsx: the workbook's shared strings take more memory than 64 rows of "
					+ "max-line-length (65,536 characters; ");
	}

}
