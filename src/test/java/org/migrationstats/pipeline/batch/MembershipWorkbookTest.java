package org.migrationstats.pipeline.batch;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.reference.MembershipException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shipped membership records as an analyst would keep them in Excel: real date cells
 * for full dates, text for months and years; read from .xlsx and .xls alike, told apart
 * by their first bytes, and giving the same records as the CSV file.
 */
class MembershipWorkbookTest {

	private static final CountryReference COUNTRIES = CountryReference.shipped();

	private static final Path CSV = Path.of("input/membership/iom.csv");

	@TempDir
	Path dir;

	@Test
	void anXlsxWithDateCellsGivesTheSameRecordsAsTheCsv() throws Exception {
		Path xlsx = write(new XSSFWorkbook(), "iom.xlsx");
		assertThat(MembershipFiles.read(xlsx, COUNTRIES).records())
			.usingRecursiveFieldByFieldElementComparatorIgnoringFields("row")
			.containsExactlyElementsOf(MembershipFiles.read(CSV, COUNTRIES).records());
		Membership membership = MembershipFiles.read(xlsx, COUNTRIES);
		assertThat(membership.countsOn(LocalDate.of(2002, 12, 2)).memberStates()).isEqualTo(10);
	}

	@Test
	void anXlsWorkbookNamedCsvIsReadAsAWorkbook() throws Exception {
		Path xls = write(new HSSFWorkbook(), "iom-exported.csv");
		assertThat(MembershipFiles.read(xls, COUNTRIES).records()).hasSize(16);
	}

	@Test
	void anHtmlPageSavedAsXlsIsNotAWorkbookAndSaysWhatIsMissing() throws Exception {
		Path html = this.dir.resolve("iom.xls");
		Files.writeString(html, "<html><body><table><tr><td>IOM</td></tr></table></body></html>\n");
		assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> MembershipFiles.read(html, COUNTRIES))
			.withMessageContaining(html.toString())
			.withMessageContaining("missing column(s)");
	}

	@Test
	void aCorruptXlsxIsAnErrorNamingTheFile() throws Exception {
		Path broken = this.dir.resolve("broken.xlsx");
		byte[] whole = Files.readAllBytes(write(new XSSFWorkbook(), "whole.xlsx"));
		Files.write(broken, java.util.Arrays.copyOf(whole, whole.length / 2));
		assertThatExceptionOfType(MembershipException.class).isThrownBy(() -> MembershipFiles.read(broken, COUNTRIES))
			.withMessageStartingWith(broken + ": cannot read the membership file: " + broken);
	}

	/** Copies the CSV records into a workbook, full dates as date cells. */
	private Path write(Workbook workbook, String name) throws Exception {
		List<CSVRecord> records = NightlyJobIT.csv(CSV, ',');
		try (workbook) {
			Sheet sheet = workbook.createSheet("IOM");
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("d mmm yyyy"));
			Row header = sheet.createRow(0);
			List<String> columns = List.of("organisation", "party", "party_type", "status", "from", "to", "source");
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(columns.get(c));
			}
			for (int r = 0; r < records.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < columns.size(); c++) {
					String value = records.get(r).get(columns.get(c));
					if (value.length() == 10) {
						row.createCell(c).setCellValue(LocalDate.parse(value));
						row.getCell(c).setCellStyle(date);
					}
					else if (!value.isEmpty()) {
						row.createCell(c).setCellValue(value);
					}
				}
			}
			Path file = this.dir.resolve(name);
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
			return file;
		}
	}

}
