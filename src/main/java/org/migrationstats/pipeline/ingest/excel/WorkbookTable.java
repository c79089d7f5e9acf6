package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.migrationstats.pipeline.ingest.SourceFormatException;

/**
 * A small sheet of a workbook (.xlsx or .xls) read whole into text cells: for reference
 * files such as membership records, not for datasets (those are streamed). Cells are the
 * text a dataset's cells are: dates become ISO dates, whole numbers lose their ".0",
 * formulas give their cached value.
 *
 * @param header the first non-empty row's cells
 * @param rows the rows after it, as text
 */
public record WorkbookTable(List<String> header, List<List<String>> rows) {

	/**
	 * @param file a file
	 * @return whether its first bytes are those of a workbook (a zip package or an OLE2
	 * file)
	 * @throws IOException if the file cannot be read
	 */
	public static boolean isWorkbook(Path file) throws IOException {
		byte[] head = new byte[4];
		try (InputStream in = Files.newInputStream(file)) {
			int n = in.readNBytes(head, 0, 4);
			if (n < 4) {
				return false;
			}
		}
		boolean zip = head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		boolean ole2 = (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
				&& (head[3] & 0xFF) == 0xE0;
		return zip || ole2;
	}

	/**
	 * @param file the workbook
	 * @return the first sheet as a table
	 * @throws SourceFormatException naming the file when it cannot be read as a workbook
	 */
	public static WorkbookTable read(Path file) {
		DataFormatter formatter = new DataFormatter();
		try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
			Sheet sheet = workbook.getSheetAt(0);
			List<List<String>> rows = new ArrayList<>();
			for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				List<String> cells = new ArrayList<>();
				if (row != null) {
					for (int c = 0; c < row.getLastCellNum(); c++) {
						cells.add(Workbooks.text(row.getCell(c), formatter));
					}
				}
				rows.add(cells);
			}
			while (!rows.isEmpty() && rows.get(0).stream().allMatch(String::isBlank)) {
				rows.remove(0);
			}
			if (rows.isEmpty()) {
				throw new SourceFormatException(file + ": the first sheet is empty");
			}
			return new WorkbookTable(rows.get(0), rows.subList(1, rows.size()));
		}
		catch (EncryptedDocumentException ex) {
			throw new SourceFormatException(file + ": the workbook is encrypted", ex);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SourceFormatException format) {
				throw format;
			}
			throw new SourceFormatException(file + ": cannot be read as a workbook: " + ex.getMessage(), ex);
		}
	}

}
