package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

/**
 * Opens workbooks: an .xlsx sheet is streamed from its XML, an .xls sheet (at most 65,536
 * rows) is read whole with POI's user model.
 */
final class Workbooks {

	private Workbooks() {
	}

	static RowSource openXlsx(Path file, String name, String sheet, int maxLine) {
		return XlsxRowSource.open(file, name, sheet, maxLine);
	}

	static RowSource openOle2(Path file, String name, String sheet) {
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			if (fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo")) {
				throw new SourceFormatException(
						name + ": the workbook is encrypted (password-protected); save it without a password");
			}
			if (!fs.getRoot().hasEntryCaseInsensitive("Workbook") && !fs.getRoot().hasEntryCaseInsensitive("Book")) {
				throw new SourceFormatException(
						name + ": an OLE2 file (a Word document or another Office file), " + "not an Excel workbook");
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SourceFormatException format) {
				throw format;
			}
			throw new SourceFormatException(
					name + ": not a readable workbook (truncated or corrupt): " + ex.getMessage(), ex);
		}
		return readWhole(file, name, sheet);
	}

	private static RowSource readWhole(Path file, String name, String sheetName) {
		DataFormatter formatter = new DataFormatter();
		try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
			Sheet sheet = sheet(workbook, name, sheetName);
			List<SourceRow> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getLastCellNum(); c++) {
					cells.add(text(row.getCell(c), formatter));
				}
				while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
					cells.remove(cells.size() - 1);
				}
				if (row.getLastCellNum() > 0) {
					rows.add(new SourceRow(row.getRowNum() + 1, cells));
				}
			}
			String title = sheet.getSheetName();
			return new RowSource() {

				private int next;

				@Override
				public String sheet() {
					return title;
				}

				@Override
				public SourceRow next() {
					return (this.next < rows.size()) ? rows.get(this.next++) : null;
				}

				@Override
				public void close() {
				}

			};
		}
		catch (EncryptedDocumentException ex) {
			throw new SourceFormatException(
					name + ": the workbook is encrypted (password-protected); save it without a password", ex);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SourceFormatException format) {
				throw format;
			}
			throw new SourceFormatException(
					name + ": not a readable workbook (truncated or corrupt): " + ex.getMessage(), ex);
		}
	}

	static Sheet sheet(Workbook workbook, String name, String wanted) {
		List<String> names = new ArrayList<>();
		workbook.forEach((s) -> names.add(s.getSheetName()));
		return workbook.getSheetAt(sheetIndex(names, name, wanted));
	}

	/**
	 * Finds a sheet by name, or by 1-based index when no sheet has that name.
	 * @param names the workbook's sheets in order
	 * @param name the file as shown to users
	 * @param wanted the sheet by name or 1-based index; empty for the first
	 * @return the sheet's 0-based index
	 * @throws SourceFormatException naming the file and its sheets when there is no such
	 * sheet
	 */
	static int sheetIndex(List<String> names, String name, String wanted) {
		if (names.isEmpty()) {
			throw new SourceFormatException(name + ": the workbook has no sheets");
		}
		if (wanted.isEmpty()) {
			return 0;
		}
		int index = names.indexOf(wanted);
		if (index >= 0) {
			return index;
		}
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).equalsIgnoreCase(wanted)) {
				return i;
			}
		}
		if (wanted.matches("\\d{1,4}")) {
			int number = Integer.parseInt(wanted);
			if (number >= 1 && number <= names.size()) {
				return number - 1;
			}
		}
		List<String> quoted = names.stream().map((s) -> "\"" + s + "\"").toList();
		throw new SourceFormatException(
				name + ": no sheet \"" + wanted + "\"; the workbook has " + String.join(", ", quoted));
	}

	static String text(Cell cell, DataFormatter formatter) {
		if (cell == null) {
			return "";
		}
		CellType type = (cell.getCellType() == CellType.FORMULA) ? cell.getCachedFormulaResultType()
				: cell.getCellType();
		return switch (type) {
			case NUMERIC -> DateUtil.isCellDateFormatted(cell)
					? cell.getLocalDateTimeCellValue().toLocalDate().toString() : number(cell.getNumericCellValue());
			case STRING -> cell.getStringCellValue();
			case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
			case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
			case BLANK -> "";
			default -> formatter.formatCellValue(cell);
		};
	}

	/**
	 * @param value a number
	 * @return it in plain notation, without a ".0" on a whole number
	 */
	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
