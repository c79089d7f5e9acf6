package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset spread over several sheets of one workbook (one sheet per year of a
 * registration office's returns, each with a title row above the header): one ingest
 * partition per sheet, the rows of every sheet counted with the file, and each reject
 * naming its sheet; the file's reject limit holds for its sheets together.
 */
@SpringBootTest
class WorkbookJobIT {

	private static final JobFixture JOBS = new JobFixture("workbook-job");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	@Test
	void readsEachSheetInItsOwnPartitionAndNamesTheSheetOfEachReject() throws IOException {
		Path workbook = JOBS.work().resolve("returns.xlsx");
		try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
			sheet(book, "2001", 2001, new Object[][] { { "KAZ", 120, 80 }, { "KGZ", 40, 55 }, { "UZB", 30, 10 } });
			sheet(book, "2002", 2002,
					new Object[][] { { "KAZ", 150, 90 }, { "Atlantis", 1, 1 }, { "KGZ", "n/k", 60 } });
			book.write(out);
		}
		Path jobFile = JOBS.work().resolve("returns.yml");
		Files.writeString(jobFile, """
				name: returns
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: office-returns
				    path: %s
				    sheets: ["2001", "2002"]
				    layout: long
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				limits: { max-reject-ratio: 0.5 }
				""".formatted(JOBS.output(), workbook), StandardCharsets.UTF_8);

		RunOutcome outcome = JobFixture.run(this.runner, jobFile, "2026-06-01");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(outcome.steps()).filteredOn((s) -> s.name().startsWith("ingestFile:"))
			.extracting(RunOutcome.StepLine::name, RunOutcome.StepLine::status, RunOutcome.StepLine::read)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ingestFile:office-returns#1.1", "COMPLETED", 3L),
					org.assertj.core.groups.Tuple.tuple("ingestFile:office-returns#1.2", "COMPLETED", 3L));
		assertThat(outcome.files()).singleElement().satisfies((f) -> {
			assertThat(f.rowsRead()).isEqualTo(6);
			assertThat(f.rowsRejected()).isEqualTo(2);
		});
		List<CSVRecord> rejects = JOBS.csv("returns", "2026-06-01", "rejects.csv");
		assertThat(rejects)
			.extracting((r) -> r.get("Sheet"), (r) -> r.get("Row"), (r) -> r.get("Column"),
					(r) -> r.get("Value as written"))
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("2002", "5", "ISO3", "Atlantis"),
					org.assertj.core.groups.Tuple.tuple("2002", "6", "Arrivals", "n/k"));
		List<CSVRecord> figures = JOBS.csv("returns", "2026-06-01", "country_year.csv");
		assertThat(figures).filteredOn((r) -> r.get("Country code").equals("KAZ"))
			.extracting((r) -> r.get("Year"), (r) -> r.get("Net migration"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2001", "40"),
					org.assertj.core.groups.Tuple.tuple("2002", "60"));
	}

	@Test
	void aFileReadAsSeveralSheetsIsHeldToItsRejectLimitWithAllItsSheets() throws IOException {
		Path workbook = JOBS.work().resolve("returns-limit.xlsx");
		try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(workbook)) {
			sheet(book, "2001", 2001, new Object[][] { { "KAZ", 120, 80 }, { "KGZ", 40, 55 }, { "UZB", 30, 10 } });
			sheet(book, "2002", 2002,
					new Object[][] { { "KAZ", 150, 90 }, { "Atlantis", 1, 1 }, { "KGZ", "n/k", 60 } });
			book.write(out);
		}
		Path jobFile = JOBS.work().resolve("returns-limit.yml");
		Files.writeString(jobFile, """
				name: returns-limit
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: office-returns
				    path: %s
				    sheets: ["2001", "2002"]
				    layout: long
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				limits: { max-reject-ratio: 0.3 }
				""".formatted(JOBS.output(), workbook), StandardCharsets.UTF_8);

		RunOutcome outcome = JobFixture.run(this.runner, jobFile, "2026-06-01");

		assertThat(outcome.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(outcome.steps()).filteredOn((s) -> s.name().startsWith("ingestFile:"))
			.as("a sheet over the limit does not fail its partition: the file's other sheet counts too")
			.extracting(RunOutcome.StepLine::status)
			.containsOnly("COMPLETED");
		assertThat(outcome.message()).contains("returns-limit.xlsx (dataset office-returns): 2 of 6 rows rejected "
				+ "(33.3 %), more than max-reject-ratio 30.0 %");
	}

	private static void sheet(XSSFWorkbook book, String name, int year, Object[][] rows) {
		Sheet sheet = book.createSheet(name);
		sheet.createRow(0).createCell(0).setCellValue("Returns of the registration offices, " + year);
		Row header = sheet.createRow(2);
		String[] names = { "ISO3", "Year", "Arrivals", "Departures" };
		for (int c = 0; c < names.length; c++) {
			header.createCell(c).setCellValue(names[c]);
		}
		for (int r = 0; r < rows.length; r++) {
			Row row = sheet.createRow(3 + r);
			row.createCell(0).setCellValue((String) rows[r][0]);
			row.createCell(1).setCellValue(year);
			for (int c = 1; c < 3; c++) {
				Object value = rows[r][c];
				if (value instanceof Integer n) {
					row.createCell(c + 1).setCellValue(n);
				}
				else {
					row.createCell(c + 1).setCellValue((String) value);
				}
			}
		}
	}

}
