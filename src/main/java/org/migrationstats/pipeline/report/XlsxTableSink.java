package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTTableStyleInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each table as an Excel table (named, with its header row and filter buttons): on
 * a sheet of its own with the title in A1, the header in row 2 frozen, or as a section of
 * a sheet that holds several, such as the cover. Counts have thousands separators,
 * negatives are red and signed, rates keep their decimals, dates are date cells, and text
 * is always a string cell, which Excel never evaluates. Rows are flushed to disk as they
 * are written, so a sheet of a million rows needs no more memory than one of a hundred.
 * <p>
 * A sheet has 1,048,576 rows at most. A table with more rows than its sheet has left (a
 * night of a million rejected rows) shows the first ones, and the sheet's last row, below
 * the table, says how many of how many and that the table's CSV file holds them all; the
 * rest are not written to the workbook, which could not be opened with them. (The title,
 * written first, is on disk by then.)
 */
final class XlsxTableSink implements TableSink, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(XlsxTableSink.class);

	/** The document's language, as its core properties state it. */
	static final String LANGUAGE = "en-GB";

	/** The Excel table style: a ruled header and light bands, no dark fill. */
	static final String TABLE_STYLE = "TableStyleLight1";

	private static final int WINDOW = 200;

	/** The widest column, in characters; longer text wraps. */
	static final int MAX_WIDTH = 64;

	private static final int MAX_HEADER_WIDTH = 16;

	/** The width of the cover's one column of text, in characters. */
	static final int COVER_WIDTH = 100;

	private static final Pattern CITATION = Pattern.compile("\\[note (\\d+)\\]");

	private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);

	private final WorkbookStyles styles;

	private final Map<String, SheetEntry> sheets = new LinkedHashMap<>();

	private final Map<String, TablePlace> places = new LinkedHashMap<>();

	private final Set<String> reserved = new HashSet<>();

	private SXSSFSheet sheet;

	private TableInfo table;

	private List<Column> columns;

	private int titleRow;

	private int headerRow;

	private int nextRow;

	/** The last row of a sheet: Excel's but for tests. */
	private final int lastRow;

	/** The rows of the current table that did not fit on its sheet, not written. */
	private long rowsLeftOut;

	private String emptyTableNote = "";

	XlsxTableSink() {
		this(SpreadsheetVersion.EXCEL2007.getLastRowIndex());
	}

	/**
	 * @param lastRow the last row (0-based) of a sheet: a table's rows end one above it
	 * when they do not fit, and it says so
	 */
	XlsxTableSink(int lastRow) {
		this.lastRow = lastRow;
		this.workbook.setCompressTempFiles(true);
		this.styles = new WorkbookStyles(this.workbook);
	}

	/**
	 * Starts a cover sheet: its title in A1, then each section's heading and its text,
	 * wrapped in one wide column; a table begun next on the same sheet would follow.
	 * @param name the sheet name
	 * @param title the report's title
	 * @param description what the sheet is, for the Contents sheet
	 * @param sections the cover's sections, in order
	 */
	void cover(String name, String title, String description, List<CoverSection> sections) {
		this.sheet = newSheet(name, description);
		line(0, title, this.styles.title);
		this.sheet.setColumnWidth(0, (COVER_WIDTH + 3) * 256);
		this.nextRow = 1;
		for (CoverSection section : sections) {
			this.nextRow++;
			line(this.nextRow++, section.heading(), this.styles.section);
			for (String text : section.lines()) {
				Cell cell = line(this.nextRow++, text, this.styles.wrappedText);
				int lines = wrappedLines(text.length(), COVER_WIDTH);
				if (lines > 1) {
					cell.getRow().setHeightInPoints(lines * this.sheet.getDefaultRowHeightInPoints());
				}
			}
		}
		this.nextRow++;
	}

	/**
	 * Whether a table's title, when it has no rows, is followed by a citation of the note
	 * that says why an empty table keeps one empty row.
	 * @param citation the citation, such as {@code [note 5]}; empty for none
	 */
	void citeForEmptyTables(String citation) {
		this.emptyTableNote = citation;
	}

	/**
	 * Adds a line of text to the current sheet that links to the top of another sheet.
	 * @param text the text
	 * @param target the sheet linked to
	 */
	void linkLine(String text, String target) {
		link(line(this.nextRow++, text, this.styles.link), target);
	}

	/**
	 * Creates an empty sheet now, so that it takes its place in the sheet order, to be
	 * filled at the end by {@link #contents} or {@link #charts}.
	 * @param name the sheet name
	 * @param description what it holds, for the Contents sheet
	 */
	void reserve(String name, String description) {
		newSheet(name, description);
		this.reserved.add(name);
	}

	@Override
	public void begin(TableInfo table, List<Column> columns) {
		if (this.sheet != null && this.sheet.getSheetName().equals(table.sheet())) {
			this.titleRow = this.nextRow + 1;
			line(this.titleRow, table.titleWithNotes(), this.styles.section);
		}
		else {
			this.sheet = this.reserved.remove(table.sheet()) ? this.workbook.getSheet(table.sheet())
					: newSheet(table.sheet(), table.title());
			this.titleRow = 0;
			line(0, table.titleWithNotes(), this.styles.title);
			this.sheet.createFreezePane(0, 2);
			// The header repeated on every printed page.
			this.sheet.setRepeatingRows(new CellRangeAddress(1, 1, -1, -1));
		}
		this.table = table;
		this.columns = List.copyOf(columns);
		this.headerRow = this.titleRow + 1;
		Row header = this.sheet.createRow(this.headerRow);
		SheetEntry entry = this.sheets.get(this.sheet.getSheetName());
		int lines = 1;
		for (int i = 0; i < columns.size(); i++) {
			String text = columns.get(i).header();
			Cell cell = header.createCell(i);
			cell.setCellValue(text);
			Column.Kind kind = columns.get(i).kind();
			boolean numbers = kind == Column.Kind.COUNT || kind == Column.Kind.YEAR || kind == Column.Kind.RATE;
			cell.setCellStyle(numbers ? this.styles.numberHeader : this.styles.header);
			int width = Math.min(text.length(), MAX_HEADER_WIDTH);
			entry.widen(i, width + 2);
			// Final widths are at least this wide, so these lines are enough.
			lines = Math.max(lines, (text.length() + width - 1) / width);
		}
		header.setHeightInPoints(lines * this.sheet.getDefaultRowHeightInPoints());
		this.nextRow = this.headerRow + 1;
		this.rowsLeftOut = 0;
	}

	@Override
	public void row(List<?> cells) {
		if (this.nextRow >= this.lastRow) {
			// the sheet is full but for the line that says so: the CSV file has the row
			this.rowsLeftOut++;
			return;
		}
		Row row = this.sheet.createRow(this.nextRow++);
		SheetEntry entry = this.sheets.get(this.sheet.getSheetName());
		int lines = 1;
		for (int i = 0; i < cells.size(); i++) {
			Object value = cells.get(i);
			Column.Kind kind = this.columns.get(i).kind();
			boolean text = kind == Column.Kind.TEXT;
			if (value == null) {
				if (text) {
					continue;
				}
				// no blank figure cells: a reader cannot tell an empty cell from a zero
				// left out by mistake
				value = Missing.NOT_AVAILABLE;
			}
			if ((value instanceof String string && string.isEmpty())
					|| (value instanceof Missing missing && missing.symbol().isEmpty())) {
				continue;
			}
			Cell cell = row.createCell(i);
			int shown;
			CellStyle style;
			if (value instanceof Missing missing) {
				cell.setCellValue(missing.symbol());
				shown = missing.symbol().length();
				style = text ? this.styles.text : this.styles.shorthand;
			}
			else if (value instanceof Long number) {
				cell.setCellValue(number);
				shown = groupedLength(number);
				style = text ? this.styles.countInText : this.styles.of(kind);
			}
			else if (value instanceof Integer number) {
				cell.setCellValue(number);
				shown = (kind == Column.Kind.YEAR) ? number.toString().length() : groupedLength(number);
				style = text ? this.styles.countInText : this.styles.of(kind);
			}
			else if (value instanceof BigDecimal decimal) {
				cell.setCellValue(decimal.doubleValue());
				shown = decimal.toPlainString().length();
				style = text ? this.styles.rate : this.styles.of(kind);
			}
			else if (value instanceof LocalDate date) {
				cell.setCellValue(date);
				shown = 10;
				style = text ? this.styles.dateInText : this.styles.date;
			}
			else {
				// A string cell is never evaluated by Excel, whatever it starts with.
				String string = value.toString();
				cell.setCellValue(string);
				shown = string.length();
				boolean wrapped = shown > MAX_WIDTH;
				style = this.styles.text(wrapped, SafeText.isRisky(string));
				if (wrapped) {
					lines = Math.max(lines, wrappedLines(shown, MAX_WIDTH));
				}
			}
			cell.setCellStyle(style);
			entry.widen(i, Math.min(shown, MAX_WIDTH));
		}
		if (lines > 1) {
			row.setHeightInPoints(lines * this.sheet.getDefaultRowHeightInPoints());
		}
	}

	@Override
	public void end() {
		int dataRows = this.nextRow - this.headerRow - 1;
		if (dataRows == 0) {
			// An Excel table needs a data row: it stays empty, and the title says why.
			this.sheet.getRow(this.titleRow)
				.getCell(0)
				.setCellValue(this.table.title() + " (none in this run)"
						+ citations(this.table.notes() + " " + this.emptyTableNote));
			this.nextRow++;
		}
		int tableEnd = this.nextRow - 1;
		if (this.rowsLeftOut > 0) {
			String shown = String.format(Locale.ROOT, "%,d", dataRows);
			String all = String.format(Locale.ROOT, "%,d", dataRows + this.rowsLeftOut);
			line(this.nextRow++, "Only the first " + shown + " of " + all + " rows are on this sheet, as many as it "
					+ "holds: all of them are in " + this.table.csv() + ".csv.", this.styles.section);
			log.warn("{}: {} rows, more than a sheet holds; the workbook shows the first {}, {}.csv has them all",
					this.table.title(), all, shown, this.table.csv());
		}
		addTable(tableEnd);
		SheetEntry entry = this.sheets.get(this.sheet.getSheetName());
		entry.rows += dataRows;
		entry.tables++;
		for (int i = 0; i < entry.widths.size(); i++) {
			// Width from the character count, not from font metrics, so it does not
			// depend on the fonts installed where the report is written.
			this.sheet.setColumnWidth(i, (entry.widths.get(i) + 3) * 256);
		}
		this.places.put(this.table.csv(),
				new TablePlace(this.sheet.getSheetName(), this.headerRow, this.columns.size(), dataRows));
		this.table = null;
	}

	private void addTable(int lastRow) {
		String name = this.table.tableName();
		XSSFSheet xssf = this.workbook.getXSSFWorkbook().getSheet(this.sheet.getSheetName());
		AreaReference area = new AreaReference(new CellReference(this.headerRow, 0),
				new CellReference(lastRow, this.columns.size() - 1), SpreadsheetVersion.EXCEL2007);
		XSSFTable excel = xssf.createTable(area);
		excel.setName(name);
		excel.setDisplayName(name);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < this.columns.size(); i++) {
			String header = this.columns.get(i).header();
			if (!seen.add(header.toLowerCase(Locale.ROOT))) {
				throw new IllegalStateException("table " + name + " has two columns named '" + header + "'");
			}
			// The streamed sheet keeps no cells for POI to read the names from; Excel
			// repairs a table whose column names differ from its header cells.
			excel.getColumns().get(i).setName(header);
		}
		excel.getCTTable().addNewAutoFilter().setRef(area.formatAsString());
		CTTableStyleInfo style = excel.getCTTable().addNewTableStyleInfo();
		style.setName(TABLE_STYLE);
		style.setShowRowStripes(true);
		style.setShowColumnStripes(false);
		style.setShowFirstColumn(false);
		style.setShowLastColumn(false);
	}

	/**
	 * @param text citations such as {@code [note 4] [note 1]}, in any order, repeated or
	 * not
	 * @return each once, in note order, after a space; empty for none
	 */
	static String citations(String text) {
		StringBuilder cited = new StringBuilder();
		CITATION.matcher(text)
			.results()
			.map((m) -> Integer.parseInt(m.group(1)))
			.distinct()
			.sorted()
			.forEach((n) -> cited.append(" [note ").append(n).append(']'));
		return cited.toString();
	}

	/**
	 * Fills the reserved Contents sheet: one row per other sheet, linked to it, with what
	 * it holds and its number of data rows (of all its tables together); a sheet without
	 * a table, such as the cover or the charts, has none to count ([z]).
	 * @param name the Contents sheet's name
	 * @param notes the citations of the notes that apply to the Contents table
	 */
	void contents(String name, String notes) {
		List<SheetEntry> others = new ArrayList<>(this.sheets.values());
		others.removeIf((s) -> s.name.equals(name));
		begin(new TableInfo(name, "contents", "Contents", notes),
				List.of(Column.text("Sheet"), Column.text("What it holds"), Column.count("Rows")));
		for (SheetEntry other : others) {
			row(java.util.Arrays.asList(other.name, other.description,
					(other.tables > 0) ? (Object) other.rows : Missing.NOT_APPLICABLE));
			Cell cell = this.sheet.getRow(this.nextRow - 1).getCell(0);
			cell.setCellStyle(this.styles.link);
			link(cell, other.name);
		}
		end();
	}

	/**
	 * Fills the reserved Charts sheet.
	 * @param name the sheet's name
	 * @param charts the charts and the tables they plot
	 */
	void charts(String name, ChartData charts) {
		if (!this.reserved.remove(name)) {
			throw new IllegalStateException("no sheet '" + name + "' is reserved for charts");
		}
		SXSSFSheet target = this.workbook.getSheet(name);
		new ChartSheet(target, this.workbook.getXSSFWorkbook().getSheet(name), this.styles, this.places).draw(charts);
	}

	/**
	 * Sets the document properties shown in Excel's file information. The dates are the
	 * run date, not the time of writing, so that the same run gives the same document.
	 * @param title the title
	 * @param subject the subject
	 * @param description a sentence on what the workbook holds
	 * @param runDate the run date
	 */
	void properties(String title, String subject, String description, LocalDate runDate) {
		var core = this.workbook.getXSSFWorkbook().getProperties().getCoreProperties();
		core.setTitle(title);
		core.setSubjectProperty(subject);
		core.setDescription(description);
		core.setKeywords("migration; population; membership; statistics");
		core.setCategory("Statistics");
		// dc:language, read by screen readers and accessibility checkers
		core.getUnderlyingProperties().setLanguageProperty(LANGUAGE);
		core.setCreator("migration-pipeline");
		core.setLastModifiedByUser("migration-pipeline");
		Date date = Date.from(runDate.atStartOfDay(ZoneOffset.UTC).toInstant());
		core.setCreated(Optional.of(date));
		core.setModified(Optional.of(date));
		this.workbook.getXSSFWorkbook()
			.getProperties()
			.getExtendedProperties()
			.getUnderlyingProperties()
			.setApplication("migration-pipeline");
	}

	void save(Path file) throws IOException {
		this.workbook.setActiveSheet(0);
		try (OutputStream out = Files.newOutputStream(file)) {
			this.workbook.write(out);
		}
	}

	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

	private SXSSFSheet newSheet(String name, String description) {
		if (this.sheets.containsKey(name)) {
			throw new IllegalStateException("the workbook already has a sheet '" + name + "'");
		}
		this.sheets.put(name, new SheetEntry(name, description));
		SXSSFSheet created = this.workbook.createSheet(name);
		// Printed (or exported to PDF) in landscape, one page wide.
		created.getPrintSetup().setLandscape(true);
		created.setFitToPage(true);
		created.getPrintSetup().setFitWidth((short) 1);
		created.getPrintSetup().setFitHeight((short) 0);
		return created;
	}

	private Cell line(int rowIndex, String text, CellStyle style) {
		Cell cell = this.sheet.createRow(rowIndex).createCell(0);
		cell.setCellValue(text);
		cell.setCellStyle(style);
		return cell;
	}

	private void link(Cell cell, String target) {
		Hyperlink link = this.workbook.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
		link.setAddress("'" + target.replace("'", "''") + "'!A1");
		cell.setHyperlink(link);
	}

	/**
	 * The lines a wrapped text needs at a column width: spreadsheet programs do not all
	 * fit a row to wrapped text on opening, so the row is given them, with a tenth to
	 * spare for wide letters.
	 */
	private static int wrappedLines(int characters, int width) {
		return Math.max(1, (characters * 10 + width * 9 - 1) / (width * 9));
	}

	/** The length of a whole number written with thousands separators. */
	static int groupedLength(long number) {
		int digits = (number == Long.MIN_VALUE) ? 19 : Long.toString(Math.abs(number)).length();
		return digits + (digits - 1) / 3 + ((number < 0) ? 1 : 0);
	}

	/**
	 * A section of the cover: a heading and its lines of text.
	 *
	 * @param heading the heading
	 * @param lines the text, one cell per line
	 */
	record CoverSection(String heading, List<String> lines) {

		CoverSection {
			lines = List.copyOf(lines);
		}

		CoverSection(String heading, String text) {
			this(heading, List.of(text));
		}

	}

	/** A sheet of the workbook, as the Contents sheet lists it. */
	private static final class SheetEntry {

		private final String name;

		private final String description;

		private final List<Integer> widths = new ArrayList<>();

		private long rows;

		private int tables;

		SheetEntry(String name, String description) {
			this.name = name;
			this.description = description;
		}

		void widen(int column, int width) {
			while (this.widths.size() <= column) {
				this.widths.add(0);
			}
			this.widths.set(column, Math.max(this.widths.get(column), width));
		}

	}

}
