package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

/**
 * One sheet of an .xlsx workbook, pulled row by row from the sheet's XML with StAX: only
 * the shared strings and the styles are held in memory, so a sheet of a million rows
 * reads in the memory of a small one. A row's cells together, and each shared string, may
 * have at most as many characters as the dataset lets a row have, and a row at most
 * Excel's 16,384 columns: a longer one fails the file, as in a text file.
 */
final class XlsxRowSource implements RowSource {

	/** Excel's last column, XFD, 0-based. */
	static final int LAST_COLUMN = 16_383;

	private final String name;

	private final String sheet;

	private final OPCPackage pkg;

	private final List<String> strings;

	private final boolean[] dateStyles;

	private final boolean date1904;

	private final InputStream in;

	private final XMLStreamReader xml;

	private final int maxLine;

	private long row;

	/** The characters of the row being read. */
	private long rowLength;

	private boolean done;

	private XlsxRowSource(String name, String sheet, OPCPackage pkg, List<String> strings, boolean[] dateStyles,
			boolean date1904, InputStream in, XMLInputFactory xml, int maxLine) throws XMLStreamException {
		this.name = name;
		this.sheet = sheet;
		this.pkg = pkg;
		this.strings = strings;
		this.dateStyles = dateStyles;
		this.date1904 = date1904;
		this.in = in;
		this.xml = xml.createXMLStreamReader(in);
		this.maxLine = maxLine;
	}

	/**
	 * Opens one sheet of a workbook.
	 * @param file the workbook
	 * @param name the file as shown to users
	 * @param wanted the sheet by name or 1-based index; empty for the first
	 * @param maxLine the most characters a row (and a shared string) may have
	 * @return the sheet's rows
	 * @throws SourceFormatException naming the file when it is not a readable workbook,
	 * is a zip bomb, has no such sheet, or shared strings beyond the limits
	 */
	static XlsxRowSource open(Path file, String name, String wanted, int maxLine) {
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (OpenXML4JException | RuntimeException ex) {
			SourceFormatException plain = plainZip(file, name);
			throw (plain != null) ? plain : failure(name, ex);
		}
		InputStream in = null;
		try {
			requireWorkbook(pkg, name);
			XSSFReader reader = new XSSFReader(pkg);
			XSSFReader.SheetIterator sheets = reader.getSheetIterator();
			List<String> names = new ArrayList<>();
			List<PackagePart> parts = new ArrayList<>();
			while (sheets.hasNext()) {
				sheets.next().close();
				names.add(sheets.getSheetName());
				parts.add(sheets.getSheetPart());
			}
			int index = Workbooks.sheetIndex(names, name, wanted);
			XMLInputFactory xml = SheetXml.factory(maxLine);
			List<String> strings = SharedStrings.read(pkg, xml, name, maxLine);
			boolean[] dateStyles = dateStyles(reader.getStylesTable());
			boolean date1904 = date1904(reader, xml);
			in = parts.get(index).getInputStream();
			return new XlsxRowSource(name, names.get(index), pkg, strings, dateStyles, date1904, in, xml, maxLine);
		}
		catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException ex) {
			closeQuietly(in);
			pkg.revert();
			if (ex instanceof SourceFormatException format) {
				throw format;
			}
			throw failure(name, ex);
		}
	}

	@Override
	public String sheet() {
		return this.sheet;
	}

	@Override
	public SourceRow next() {
		if (this.done) {
			return null;
		}
		try {
			while (this.xml.hasNext()) {
				int event = SheetXml.next(this.xml, this.maxLine);
				if (event == XMLStreamConstants.START_ELEMENT && "row".equals(this.xml.getLocalName())) {
					SourceRow read = readRow();
					if (read != null) {
						return read;
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(this.xml.getLocalName())) {
					break;
				}
			}
			this.done = true;
			return null;
		}
		catch (XMLStreamException | RuntimeException ex) {
			this.done = true;
			if (ex instanceof SourceFormatException format) {
				throw format;
			}
			if (ex instanceof SheetXml.TextTooLongException) {
				throw tooLong(ex);
			}
			if (isZipBomb(ex)) {
				throw new SourceFormatException(this.name + ": " + refusal(ex), ex);
			}
			throw new SourceFormatException(
					place() + ": the sheet cannot be read further (truncated or corrupt): " + oneLine(ex), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.xml.close();
		}
		catch (XMLStreamException ex) {
			// the stream below is closed next, which is all that matters
		}
		closeQuietly(this.in);
		this.pkg.revert();
	}

	private SourceFormatException tooLong(Exception cause) {
		return new SourceFormatException(String.format("%s: a row of more than %,d characters (max-line-length): "
				+ "the sheet is read no further; a row this long needs a higher max-line-length in the job file",
				place(), this.maxLine), cause);
	}

	/**
	 * @return the file, sheet and row reached, for a message
	 */
	private String place() {
		return this.name + ", sheet \"" + this.sheet + "\""
				+ ((this.row > 0) ? ", row " + this.row : ", before the first row");
	}

	/**
	 * Reads a row whose start tag is the current event, up to its end tag. A row whose
	 * cells have no values (formatted blank cells) is a blank row, with no values: it can
	 * mark the end of a table.
	 * @return the row, or {@code null} when it has no cells at all
	 */
	private SourceRow readRow() throws XMLStreamException {
		String r = this.xml.getAttributeValue(null, "r");
		this.row = (r != null) ? Long.parseLong(r) : this.row + 1;
		this.rowLength = 0;
		List<String> cells = new ArrayList<>();
		boolean anyCell = false;
		while (true) {
			int event = SheetXml.next(this.xml, this.maxLine);
			if (event == XMLStreamConstants.START_ELEMENT && "c".equals(this.xml.getLocalName())) {
				readCell(cells);
				anyCell = true;
			}
			else if (event == XMLStreamConstants.START_ELEMENT) {
				SheetXml.skipElement(this.xml, this.maxLine);
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				return anyCell ? new SourceRow(this.row, cells) : null;
			}
		}
	}

	private void readCell(List<String> cells) throws XMLStreamException {
		String ref = this.xml.getAttributeValue(null, "r");
		String type = this.xml.getAttributeValue(null, "t");
		String style = this.xml.getAttributeValue(null, "s");
		int column = (ref != null) ? column(ref) : cells.size();
		if (column < 0 || column > LAST_COLUMN) {
			throw new SourceFormatException(place() + ": a cell at " + ref + ", beyond Excel's last column (XFD)");
		}
		String value = null;
		String inline = null;
		int room = (int) Math.max(0, this.maxLine - this.rowLength);
		while (true) {
			int event = SheetXml.next(this.xml, this.maxLine);
			if (event == XMLStreamConstants.START_ELEMENT) {
				String element = this.xml.getLocalName();
				if ("v".equals(element)) {
					value = SheetXml.elementText(this.xml, room);
				}
				else if ("is".equals(element)) {
					inline = SheetXml.stringItem(this.xml, room);
				}
				else {
					SheetXml.skipElement(this.xml, this.maxLine);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				break;
			}
		}
		String text = text(type, style, value, inline);
		if (text == null) {
			return;
		}
		this.rowLength += text.length();
		if (this.rowLength > this.maxLine) {
			// a shared string, held once, can still make a row longer than its limit
			throw tooLong(null);
		}
		while (cells.size() < column) {
			cells.add("");
		}
		if (column < cells.size()) {
			cells.set(column, text);
		}
		else {
			cells.add(text);
		}
	}

	private String text(String type, String style, String value, String inline) {
		if (type == null || "n".equals(type)) {
			return (value != null && !value.isEmpty()) ? number(value, style) : null;
		}
		switch (type) {
			case "s":
				return sharedString(value);
			case "inlineStr":
				return (inline != null) ? inline : value;
			case "b":
				return (value == null) ? null : ("1".equals(value) || "true".equals(value)) ? "TRUE" : "FALSE";
			case "d":
				return (value == null) ? null : isoDate(value);
			default:
				return value;
		}
	}

	private String number(String value, String style) {
		double number;
		try {
			number = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new SourceFormatException(place() + ": \"" + value + "\" is stored as a number but is none");
		}
		if (style != null && isDateStyle(Integer.parseInt(style)) && DateUtil.isValidExcelDate(number)) {
			return DateUtil.getLocalDateTime(number, this.date1904).toLocalDate().toString();
		}
		return Workbooks.number(number);
	}

	private boolean isDateStyle(int style) {
		return style >= 0 && style < this.dateStyles.length && this.dateStyles[style];
	}

	private String sharedString(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		int index = Integer.parseInt(value.strip());
		if (index < 0 || index >= this.strings.size()) {
			throw new SourceFormatException(
					place() + ": the cell refers to shared string " + index + ", which the workbook does not have");
		}
		return this.strings.get(index);
	}

	private static String isoDate(String value) {
		int time = value.indexOf('T');
		return (time >= 0) ? value.substring(0, time) : value;
	}

	/**
	 * @param ref a cell reference such as {@code AB12}
	 * @return its 0-based column
	 */
	static int column(String ref) {
		int column = 0;
		for (int i = 0; i < ref.length(); i++) {
			char c = ref.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				column = column * 26 + (c - 'A' + 1);
			}
			else if (c >= 'a' && c <= 'z') {
				column = column * 26 + (c - 'a' + 1);
			}
			else {
				break;
			}
		}
		return column - 1;
	}

	/**
	 * Refuses an Office Open XML file whose main part is no spreadsheet, such as a Word
	 * document, or a binary .xlsb workbook.
	 */
	private static void requireWorkbook(OPCPackage pkg, String name) throws InvalidFormatException {
		PackageRelationshipCollection main = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
		if (main.isEmpty()) {
			main = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
		}
		PackagePart part = main.isEmpty() ? null : pkg.getPart(main.getRelationship(0));
		if (part == null) {
			return;
		}
		String type = part.getContentType();
		if (type.contains(".sheet.binary.")) {
			throw new SourceFormatException(
					name + ": a binary workbook (.xlsb), which is not read; save it as an .xlsx workbook");
		}
		if (!type.contains("spreadsheetml") && !type.startsWith("application/vnd.ms-excel.")) {
			String kind = type.contains("wordprocessingml") ? "a Word document"
					: type.contains("presentationml") ? "a PowerPoint presentation" : "an Office file of type " + type;
			throw new SourceFormatException(name + ": " + kind + ", not an Excel workbook");
		}
	}

	private static boolean[] dateStyles(StylesTable styles) {
		if (styles == null) {
			return new boolean[0];
		}
		boolean[] dates = new boolean[styles.getNumCellStyles()];
		for (int i = 0; i < dates.length; i++) {
			XSSFCellStyle style = styles.getStyleAt(i);
			dates[i] = style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
		}
		return dates;
	}

	/**
	 * @return whether the workbook counts dates from 1904 (as old Mac Excel did) rather
	 * than from 1900
	 */
	private static boolean date1904(XSSFReader reader, XMLInputFactory factory)
			throws IOException, OpenXML4JException, XMLStreamException {
		try (InputStream workbook = reader.getWorkbookData()) {
			XMLStreamReader xml = factory.createXMLStreamReader(workbook);
			try {
				while (xml.hasNext()) {
					if (xml.next() != XMLStreamConstants.START_ELEMENT) {
						continue;
					}
					String element = xml.getLocalName();
					if ("workbookPr".equals(element)) {
						String value = xml.getAttributeValue(null, "date1904");
						return "1".equals(value) || "true".equals(value);
					}
					if ("sheets".equals(element)) {
						return false;
					}
				}
				return false;
			}
			finally {
				xml.close();
			}
		}
	}

	/**
	 * @param name the file as shown to users
	 * @param ex why a workbook could not be opened
	 * @return the exception to throw: a refusal for a zip bomb, otherwise a corrupt file
	 */
	static SourceFormatException failure(String name, Exception ex) {
		if (isZipBomb(ex)) {
			return new SourceFormatException(name + ": " + refusal(ex), ex);
		}
		return new SourceFormatException(name + ": not a readable workbook (truncated or corrupt): " + oneLine(ex), ex);
	}

	/**
	 * @return a refusal of a zip archive that holds other files than a workbook (as
	 * statistics offices send CSV files), or {@code null} when the file is not such a
	 * readable archive
	 */
	private static SourceFormatException plainZip(Path file, String name) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.getEntry("[Content_Types].xml") != null || zip.size() == 0) {
				return null;
			}
			List<String> entries = zip.stream().limit(4).map(ZipEntry::getName).toList();
			String listed = String.join(", ", entries.subList(0, Math.min(3, entries.size())))
					+ ((entries.size() > 3) ? ", ..." : "");
			return new SourceFormatException(name + ": a zip archive of other files (" + listed
					+ "), not an Excel workbook; unzip it and name the file inside");
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isZipBomb(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("Zip bomb detected")) {
				return true;
			}
		}
		return false;
	}

	private static String refusal(Throwable ex) {
		String detail = "";
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.contains("Zip bomb detected")) {
				detail = message.substring(message.indexOf("Zip bomb detected"));
				String[] lines = detail.split("\\R");
				detail = lines[0];
				for (String line : lines) {
					if (line.startsWith("Uncompressed size")) {
						detail += " " + line;
					}
				}
			}
		}
		return "refused: the workbook expands too much for its size, as a zip bomb does (" + detail + ")";
	}

	/**
	 * @return the exception's message on one line, followed by its root cause's where
	 * that says more
	 */
	private static String oneLine(Throwable ex) {
		String message = message(ex);
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String cause = message(root);
		return (root == ex || message.contains(cause)) ? message : message + " (" + cause + ")";
	}

	private static String message(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	private static void closeQuietly(InputStream in) {
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException ex) {
				// nothing more can be done with a stream that does not close
			}
		}
	}

}
