package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.migrationstats.pipeline.ingest.DelimitedRowSource;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.sdmx.EurostatTsvSource;
import org.migrationstats.pipeline.ingest.sdmx.SdmxCsvSource;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Opens a dataset's file as rows, telling its type by its first bytes, not its name: a
 * zip package is an .xlsx workbook, an OLE2 compound file an .xls workbook (or an
 * encrypted one), anything else delimited text; a file named {@code .gz} is
 * gzip-compressed delimited text, decompressed as it is read. An HTML page saved under a
 * workbook's name is refused with a message that says so.
 */
public final class TableFiles {

	private TableFiles() {
	}

	/** What a file's first bytes say it is. */
	public enum Kind {

		/** A zip package: an Office Open XML workbook. */
		ZIP,

		/** An OLE2 compound file: a BIFF8 workbook or an encrypted OOXML one. */
		OLE2,

		/** An HTML page. */
		HTML,

		/** Nothing at all. */
		EMPTY,

		/** Anything else: delimited text. */
		TEXT

	}

	/**
	 * @param file a file
	 * @return what its first bytes say it is
	 * @throws IOException if it cannot be read
	 */
	public static Kind sniff(Path file) throws IOException {
		byte[] head = new byte[1024];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		if (n == 0) {
			return Kind.EMPTY;
		}
		if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			return Kind.ZIP;
		}
		if (n >= 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
				&& (head[3] & 0xFF) == 0xE0) {
			return Kind.OLE2;
		}
		String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
		if (text.startsWith("\u00ef\u00bb\u00bf")) {
			text = text.substring(3).strip();
		}
		if (text.startsWith("<") && (text.contains("<html") || text.contains("<!doctype html")
				|| text.contains("<table") || text.contains("<body"))) {
			return Kind.HTML;
		}
		return Kind.TEXT;
	}

	/**
	 * Opens one table of a file.
	 * @param file the file
	 * @param name the file as shown to users
	 * @param dataset the dataset, which says the delimiter, encoding and expected type
	 * @param sheet the sheet of a workbook, by name or 1-based index; empty for the first
	 * @return the file's rows
	 * @throws SourceFormatException naming the file when it is missing, empty, of another
	 * type than declared, or unreadable
	 */
	public static RowSource open(Path file, String name, DatasetSpec dataset, String sheet) {
		Kind kind;
		try {
			kind = sniff(file);
		}
		catch (NoSuchFileException ex) {
			throw new SourceFormatException(name + ": file not found");
		}
		catch (IOException ex) {
			throw new SourceFormatException(name + ": cannot be read: " + ex.getMessage(), ex);
		}
		TableSpec.Format format = dataset.table().format();
		if (DelimitedRowSource.gzipped(file) && kind != Kind.EMPTY) {
			if (format == TableSpec.Format.XLSX || format == TableSpec.Format.XLS) {
				throw new SourceFormatException(
						name + ": a gzip-compressed file (.gz) is read as delimited text, " + "but the job file says "
								+ format.name().toLowerCase(Locale.ROOT) + "; decompress the workbook first");
			}
			// its first bytes are gzip's: the text it holds is read as any text file's
			kind = Kind.TEXT;
		}
		switch (kind) {
			case EMPTY -> throw new SourceFormatException(name + ": the file is empty");
			case HTML -> throw new SourceFormatException(name + ": an HTML page (a web page saved under the name of "
					+ "a workbook or CSV file), not a workbook or delimited text; download the data file itself");
			case ZIP -> {
				expect(format, TableSpec.Format.XLSX, name, "an .xlsx workbook");
				return Workbooks.openXlsx(file, name, sheet, dataset.table().lengths().line());
			}
			case OLE2 -> {
				expect(format, TableSpec.Format.XLS, name, "an .xls workbook (or an encrypted one)");
				return Workbooks.openOle2(file, name, sheet);
			}
			default -> {
				if (format == TableSpec.Format.XLSX || format == TableSpec.Format.XLS) {
					throw new SourceFormatException(name + ": the job file says "
							+ format.name().toLowerCase(Locale.ROOT) + " but the file is text, not a workbook");
				}
				if (!sheet.isEmpty()) {
					throw new SourceFormatException(
							name + ": a text file has no sheets, but the job file names sheet \"" + sheet + "\"");
				}
				if (format == TableSpec.Format.EUROSTAT_TSV) {
					return new EurostatTsvSource(new DelimitedRowSource(file, name, '\t', dataset.encoding(),
							dataset.table().lengths().line()), name);
				}
				RowSource text = new DelimitedRowSource(file, name, dataset.delimiter(), dataset.encoding(),
						dataset.table().lengths().line());
				return (format == TableSpec.Format.SDMX_CSV) ? new SdmxCsvSource(text, name) : text;
			}
		}
	}

	/**
	 * Opens one table of a file and reads down to its header.
	 * @param file the file
	 * @param name the file as shown to users
	 * @param dataset the dataset, which says how the file is laid out
	 * @param sheet the sheet of a workbook, by name or 1-based index; empty for the first
	 * @return the table, positioned before its first data row
	 * @throws SourceFormatException naming the file when it cannot be read or has no
	 * header and data rows
	 */
	public static TableReader openTable(Path file, String name, DatasetSpec dataset, String sheet) {
		RowSource rows = open(file, name, dataset, sheet);
		try {
			return new TableReader(rows, name, dataset.table().headerRow(), dataset.table().headerRows(),
					dataset.columns().country());
		}
		catch (RuntimeException ex) {
			rows.close();
			throw ex;
		}
	}

	private static void expect(TableSpec.Format declared, TableSpec.Format found, String name, String what) {
		if (declared != TableSpec.Format.AUTO && declared != found) {
			throw new SourceFormatException(name + ": the job file says " + declared.name().toLowerCase(Locale.ROOT)
					+ " but the file is " + what);
		}
	}

}
