package org.migrationstats.pipeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Cuts the shipped sample's slice of the UN DESA International Migrant Stock 2020
 * workbook: every sheet kept with its title block, merged group headings and header, and
 * of the data rows of Tables 1-6 only WORLD, Central Asia and the sample's countries
 * (located by their location code in column D). Cell values and styles are kept as
 * published; only rows are removed, the rows below moved up.
 * <p>
 * {@code java -cp ... org.migrationstats.pipeline.bench.UndesaSample <source.xlsx> <target.xlsx>}
 */
public final class UndesaSample {

	private static final Set<Integer> KEPT = Set.of(900, 5500, 108, 646, 716, 566, 398, 417, 762, 795, 860, 116, 608,
			792, 643, 380, 840);

	private static final int FIRST_DATA_ROW = 11;

	private UndesaSample() {
	}

	public static void main(String[] args) throws IOException {
		try (InputStream in = Files.newInputStream(Path.of(args[0])); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
				XSSFSheet sheet = workbook.getSheetAt(s);
				if (sheet.getSheetName().startsWith("Table ") && !sheet.getSheetName().equals("Table of contents")) {
					cut(sheet);
				}
			}
			workbook.setForceFormulaRecalculation(false);
			try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
				workbook.write(out);
			}
		}
	}

	private static void cut(XSSFSheet sheet) {
		for (int r = sheet.getLastRowNum(); r >= FIRST_DATA_ROW; r--) {
			Row row = sheet.getRow(r);
			if (row != null && !kept(row)) {
				sheet.removeRow(row);
				if (r < sheet.getLastRowNum()) {
					sheet.shiftRows(r + 1, sheet.getLastRowNum(), -1);
				}
			}
		}
	}

	private static boolean kept(Row row) {
		Cell code = row.getCell(3);
		return code != null && code.getCellType() == CellType.NUMERIC
				&& KEPT.contains((int) code.getNumericCellValue());
	}

}
