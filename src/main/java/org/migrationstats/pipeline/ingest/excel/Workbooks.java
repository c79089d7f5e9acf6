package org.migrationstats.pipeline.ingest.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.migrationstats.pipeline.ingest.RowSource;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;

/**
 * Opens workbooks. This version reads a sheet whole with POI's user model.
 */
final class Workbooks {

	private Workbooks() {
	}

	static RowSource openXlsx(Path file, String name, String sheet) {
		return inMemory(file, name, sheet);
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
		return inMemory(file, name, sheet);
	}

	private static RowSource inMemory(Path file, String name, String sheetName) {
		DataFormatter formatter = new DataFormatter();
		try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
			Sheet sheet = sheet(workbook, name, sheetName);
			List<SourceRow> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getLastCellNum(); c++) {
					cells.add(text(row.getCell(c), formatter));
				}
				rows.add(new SourceRow(row.getRowNum() + 1, cells));
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
		if (wanted.isEmpty()) {
			return workbook.getSheetAt(0);
		}
		Sheet sheet = workbook.getSheet(wanted);
		if (sheet != null) {
			return sheet;
		}
		if (wanted.matches("\\d{1,4}")) {
			int index = Integer.parseInt(wanted);
			if (index >= 1 && index <= workbook.getNumberOfSheets()) {
				return workbook.getSheetAt(index - 1);
			}
		}
		List<String> names = new ArrayList<>();
		workbook.forEach((s) -> names.add("\"" + s.getSheetName() + "\""));
		throw new SourceFormatException(
				name + ": no sheet \"" + wanted + "\"; the workbook has " + String.join(", ", names));
	}

	static String text(Cell cell, DataFormatter formatter) {
		if (cell == null) {
			return "";
		}
		CellType type = (cell.getCellType() == CellType.FORMULA) ? cell.getCachedFormulaResultType()
				: cell.getCellType();
		if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate().toString();
		}
		if (type == CellType.NUMERIC) {
			return number(cell.getNumericCellValue());
		}
		if (type == CellType.STRING) {
			return cell.getStringCellValue();
		}
		if (type == CellType.BOOLEAN) {
			return cell.getBooleanCellValue() ? "TRUE" : "FALSE";
		}
		return formatter.formatCellValue(cell);
	}

	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
