package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFTableColumn;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a report workbook back for the report tests: each Excel table against the CSV
 * file of the same table, and the whole workbook as text, to compare two runs.
 */
final class WorkbookReading {

	private WorkbookReading() {
	}

	/**
	 * @param table an Excel table of the report
	 * @return the CSV file name its rows are also written to, such as
	 * {@code country_year.csv} for {@code CountryYear}
	 */
	static String csvName(XSSFTable table) {
		return table.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase() + ".csv";
	}

	/**
	 * Checks that an Excel table holds what its CSV file holds: the same header, as the
	 * table's column names and as the header cells, and the same values, row by row;
	 * numbers as numbers, dates as dates, text as text (with the CSV's leading apostrophe
	 * on text a spreadsheet could evaluate), and an empty CSV cell as an empty cell or as
	 * the shorthand [x] or [z].
	 * @param table the table
	 * @param folder the report folder
	 * @throws IOException if the CSV file cannot be read
	 */
	static void assertSameAsCsv(XSSFTable table, Path folder) throws IOException {
		XSSFSheet sheet = table.getXSSFSheet();
		List<CSVRecord> records = NightlyJobIT.csv(folder.resolve(csvName(table)), ',');
		List<String> header = headerOf(folder.resolve(csvName(table)));
		int headerRow = table.getStartCellReference().getRow();
		String what = sheet.getSheetName() + " / " + table.getName();
		assertThat(table.getColumns()).as(what).extracting(XSSFTableColumn::getName).containsExactlyElementsOf(header);
		List<String> cells = new ArrayList<>();
		sheet.getRow(headerRow).forEach((cell) -> cells.add(cell.getStringCellValue()));
		assertThat(cells).as(what + " header cells").containsExactlyElementsOf(header);
		int dataRows = Math.max(records.size(), 1);
		assertThat(table.getEndCellReference().getRow()).as(what + " last row").isEqualTo(headerRow + dataRows);
		assertThat(table.getEndCellReference().getCol()).as(what + " last column")
			.isEqualTo((short) (header.size() - 1));
		assertThat(table.getCTTable().getAutoFilter().getRef()).as(what + " filter")
			.isEqualTo(table.getCTTable().getRef());
		for (int r = 0; r < records.size(); r++) {
			Row row = sheet.getRow(headerRow + 1 + r);
			for (int c = 0; c < header.size(); c++) {
				String expected = records.get(r).get(c);
				Cell cell = (row != null) ? row.getCell(c) : null;
				String where = what + " " + new CellReference(headerRow + 1 + r, c).formatAsString();
				if (expected.isEmpty()) {
					// the workbook's shorthand for a figure that is not there, or an
					// empty cell (text, and the chart data)
					if (cell != null) {
						assertThat(cell.getStringCellValue()).as(where).isIn("[x]", "[z]");
						assertThat(cell.getCellStyle().getAlignment()).as(where).isEqualTo(HorizontalAlignment.RIGHT);
					}
				}
				else {
					assertThat(cell).as(where).isNotNull();
					assertThat(csvValue(cell)).as(where).isEqualTo(expected);
				}
			}
		}
	}

	/**
	 * @param cell a cell of the report
	 * @return the cell as the CSV file writes it
	 */
	static String csvValue(Cell cell) {
		if (cell.getCellType() == CellType.STRING) {
			String text = cell.getStringCellValue();
			return cell.getCellStyle().getQuotePrefixed() ? "'" + text : text;
		}
		assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
		if (DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate().toString();
		}
		BigDecimal number = BigDecimal.valueOf(cell.getNumericCellValue());
		String format = cell.getCellStyle().getDataFormatString();
		int decimals = format.contains(".") ? format.indexOf(';') - format.indexOf('.') - 1 : 0;
		return number.setScale(decimals, java.math.RoundingMode.UNNECESSARY).toPlainString();
	}

	/**
	 * The workbook as text: every sheet, cell (type, value, format, text marking), table,
	 * link and chart, and the document properties; cells whose label (the cell to the
	 * left) is in {@code skipLabels} are left out.
	 * @param workbook the workbook
	 * @param skipLabels labels of values that may differ
	 * @return the text
	 */
	static String describe(XSSFWorkbook workbook, Set<String> skipLabels) {
		StringBuilder text = new StringBuilder();
		var core = workbook.getProperties().getCoreProperties();
		text.append(core.getTitle())
			.append('|')
			.append(core.getCreated())
			.append('|')
			.append(core.getModified())
			.append('\n');
		for (XSSFSheet sheet : sheets(workbook)) {
			text.append("sheet ").append(sheet.getSheetName()).append('\n');
			for (Row row : sheet) {
				text.append(row.getRowNum()).append(" h").append(row.getHeightInPoints()).append(':');
				for (Cell cell : row) {
					Cell label = (cell.getColumnIndex() > 0) ? row.getCell(cell.getColumnIndex() - 1) : null;
					boolean skip = label != null && label.getCellType() == CellType.STRING
							&& skipLabels.contains(label.getStringCellValue());
					text.append(' ')
						.append(cell.getAddress())
						.append('=')
						.append(skip ? "(skipped)" : cell.toString())
						.append('[')
						.append(cell.getCellStyle().getDataFormatString())
						.append(cell.getCellStyle().getQuotePrefixed() ? ",quoted" : "")
						.append((cell.getHyperlink() != null) ? ",link " + cell.getHyperlink().getAddress() : "")
						.append(']');
				}
				text.append('\n');
			}
			for (int c = 0; c < 30; c++) {
				text.append(sheet.getColumnWidth(c)).append(' ');
			}
			text.append('\n');
			for (XSSFTable table : sheet.getTables()) {
				text.append("table ").append(table.getCTTable().xmlText()).append('\n');
			}
			XSSFDrawing drawing = sheet.getDrawingPatriarch();
			if (drawing != null) {
				for (XSSFChart chart : drawing.getCharts()) {
					text.append("chart ").append(chart.getCTChartSpace().xmlText()).append('\n');
				}
			}
		}
		return text.toString();
	}

	static List<XSSFSheet> sheets(XSSFWorkbook workbook) {
		List<XSSFSheet> sheets = new ArrayList<>();
		for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
			sheets.add(workbook.getSheetAt(i));
		}
		return sheets;
	}

	private static List<String> headerOf(Path csv) throws IOException {
		String first = java.nio.file.Files.readAllLines(csv).get(0);
		return org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(first))
			.getRecords()
			.get(0)
			.toList();
	}

}
