package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes each table on its own sheet of a streaming workbook: the title in A1, the header
 * in row 2 (frozen, with filter buttons), counts with thousands separators, negatives red
 * and signed, rates with three decimals, real date cells. Rows are flushed to disk as
 * they are written, so a sheet of a million rows needs no more memory than one of a
 * hundred.
 */
final class XlsxTableSink implements TableSink, AutoCloseable {

	private static final int WINDOW = 200;

	private static final int MAX_WIDTH = 60;

	private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);

	private final CellStyle titleStyle;

	private final CellStyle headerStyle;

	private final CellStyle countStyle;

	private final CellStyle yearStyle;

	private final CellStyle rateStyle;

	private final CellStyle dateStyle;

	private final CellStyle textStyle;

	private final CellStyle wrappedTextStyle;

	private SXSSFSheet sheet;

	private final java.util.List<TableInfo> tables = new java.util.ArrayList<>();

	private List<Column> columns;

	private int[] widths;

	private int nextRow;

	XlsxTableSink() {
		this.workbook.setCompressTempFiles(true);
		Font bold = this.workbook.createFont();
		bold.setBold(true);
		Font large = this.workbook.createFont();
		large.setBold(true);
		large.setFontHeightInPoints((short) 14);
		this.titleStyle = this.workbook.createCellStyle();
		this.titleStyle.setFont(large);
		this.headerStyle = this.workbook.createCellStyle();
		this.headerStyle.setFont(bold);
		this.headerStyle.setWrapText(true);
		this.countStyle = format("#,##0;[Red]-#,##0");
		this.yearStyle = format("0");
		this.rateStyle = format("0.000;[Red]-0.000");
		this.dateStyle = format("yyyy-mm-dd");
		this.textStyle = format("@");
		this.wrappedTextStyle = format("@");
		this.wrappedTextStyle.setWrapText(true);
		this.wrappedTextStyle.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
	}

	private CellStyle format(String pattern) {
		CellStyle style = this.workbook.createCellStyle();
		style.setDataFormat(this.workbook.createDataFormat().getFormat(pattern));
		// Top-aligned, so that a row made tall by a wrapped text still reads across.
		style.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
		return style;
	}

	@Override
	public void begin(TableInfo table, List<Column> columns) {
		this.tables.add(table);
		this.sheet = this.workbook.createSheet(table.sheet());
		this.columns = columns;
		this.widths = new int[columns.size()];
		Cell title = this.sheet.createRow(0).createCell(0);
		title.setCellValue(table.title());
		title.setCellStyle(this.titleStyle);
		Row header = this.sheet.createRow(1);
		for (int i = 0; i < columns.size(); i++) {
			Cell cell = header.createCell(i);
			cell.setCellValue(columns.get(i).header());
			cell.setCellStyle(this.headerStyle);
			this.widths[i] = Math.min(columns.get(i).header().length(), 24);
		}
		this.sheet.createFreezePane(0, 2);
		// Printed (or exported to PDF) in landscape, one page wide, the header repeated.
		this.sheet.getPrintSetup().setLandscape(true);
		this.sheet.setFitToPage(true);
		this.sheet.getPrintSetup().setFitWidth((short) 1);
		this.sheet.getPrintSetup().setFitHeight((short) 0);
		this.sheet.setRepeatingRows(new CellRangeAddress(1, 1, -1, -1));
		this.nextRow = 2;
	}

	@Override
	public void row(List<?> cells) {
		Row row = this.sheet.createRow(this.nextRow++);
		int lines = 1;
		for (int i = 0; i < cells.size(); i++) {
			Object value = cells.get(i);
			if (value == null) {
				continue;
			}
			Cell cell = row.createCell(i);
			String shown;
			if (value instanceof Long number) {
				cell.setCellValue(number);
				shown = String.format("%,d", number);
			}
			else if (value instanceof Integer number) {
				cell.setCellValue(number);
				shown = number.toString();
			}
			else if (value instanceof BigDecimal decimal) {
				cell.setCellValue(decimal.doubleValue());
				shown = decimal.toPlainString();
			}
			else if (value instanceof LocalDate date) {
				cell.setCellValue(date);
				shown = "0000-00-00";
			}
			else {
				// A string cell is never evaluated by Excel, whatever it starts with.
				shown = value.toString();
				cell.setCellValue(shown);
			}
			boolean longText = this.columns.get(i).kind() == Column.Kind.TEXT && shown.length() > MAX_WIDTH;
			cell.setCellStyle(longText ? this.wrappedTextStyle : style(this.columns.get(i).kind()));
			if (longText) {
				// Spreadsheet programs do not all fit a row to wrapped text on opening:
				// give
				// the row the height of the lines the text needs at the column's width.
				lines = Math.max(lines, (shown.length() + MAX_WIDTH - 1) / MAX_WIDTH + 1);
			}
			this.widths[i] = Math.max(this.widths[i], shown.length());
		}
		if (lines > 1) {
			row.setHeightInPoints(lines * this.sheet.getDefaultRowHeightInPoints());
		}
	}

	private CellStyle style(Column.Kind kind) {
		return switch (kind) {
			case COUNT -> this.countStyle;
			case YEAR -> this.yearStyle;
			case RATE -> this.rateStyle;
			case DATE -> this.dateStyle;
			case TEXT -> this.textStyle;
		};
	}

	@Override
	public void end() {
		int lastRow = Math.max(this.nextRow - 1, 1);
		this.sheet.setAutoFilter(new CellRangeAddress(1, lastRow, 0, this.columns.size() - 1));
		for (int i = 0; i < this.widths.length; i++) {
			// Width from the character count, not from font metrics, so it does not
			// depend on
			// the fonts installed where the report is written.
			this.sheet.setColumnWidth(i, (Math.min(this.widths[i], MAX_WIDTH) + 3) * 256);
		}
		this.sheet = null;
	}

	/**
	 * Sets the document properties shown in Excel's file information. The dates are the
	 * run date, not the time of writing, so that the same run gives the same document.
	 * @param title the title
	 * @param subject the subject
	 * @param runDate the run date
	 */
	void properties(String title, String subject, java.time.LocalDate runDate) {
		var core = this.workbook.getXSSFWorkbook().getProperties().getCoreProperties();
		core.setTitle(title);
		core.setSubjectProperty(subject);
		core.setCreator("migration-pipeline");
		java.util.Date date = java.util.Date.from(runDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
		core.setCreated(java.util.Optional.of(date));
		core.setModified(java.util.Optional.of(date));
	}

	/**
	 * Adds a Contents sheet in front, one row per table with a link to its sheet.
	 */
	void contents() {
		List<TableInfo> written = List.copyOf(this.tables);
		begin(new TableInfo("Contents", "contents", "Contents"), List.of(Column.text("Sheet"), Column.text("Table")));
		var helper = this.workbook.getCreationHelper();
		for (TableInfo table : written) {
			row(List.of(table.sheet(), table.title()));
			Cell cell = this.sheet.getRow(this.nextRow - 1).getCell(0);
			var link = helper.createHyperlink(org.apache.poi.common.usermodel.HyperlinkType.DOCUMENT);
			link.setAddress("'" + table.sheet().replace("'", "''") + "'!A1");
			cell.setHyperlink(link);
		}
		end();
		this.workbook.setSheetOrder("Contents", 0);
		this.workbook.setActiveSheet(0);
		this.workbook.setSelectedTab(0);
	}

	void save(Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			this.workbook.write(out);
		}
	}

	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

}
