package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code src/test/resources/jobs/shared-data.yml}: every dataset file in
 * {@code src/test/resources/published-data}, each read by the job file alone, CSV,
 * tab-separated text and the UN DESA workbook with its title block and merged group
 * headings. Counts and spot values were read off the files by hand ({@code wc -l}, the
 * workbook opened in a spreadsheet).
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedDataIngestIT {

	private static final Path WORK = ScratchFolders.create("shared-data");

	private static final String RUN_DATE = "2025-01-01";

	private static final String UNDESA = "src/test/resources/published-data/undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	private RunOutcome outcome;

	private long runId;

	@BeforeAll
	void runTheJob() throws IOException {
		Path jobFile = WORK.resolve("shared-data.yml");
		Files.writeString(jobFile, Files.readString(Path.of("src/test/resources/jobs/shared-data.yml"))
			.replace("output: OUTPUT", "output: " + WORK.resolve("output")), StandardCharsets.UTF_8);
		this.outcome = this.runner.run(jobFile, LocalDate.parse(RUN_DATE), false);
		this.runId = this.jdbc.queryForObject(
				"SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class,
				this.outcome.executionId());
	}

	@Test
	void readsEveryFileWithoutARejectedRow() {
		assertThat(this.outcome.result()).as(this.outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.outcome.files()).hasSize(8).allSatisfy((f) -> assertThat(f.rowsRejected()).isZero());
	}

	@Test
	void countsTheDataRowsOfEachFileAndSetsAggregatesAside() {
		// data rows: lines minus the header for text files; spreadsheet rows 12-294 of
		// each table
		Map<String, long[]> expected = Map.of("wb-population", new long[] { 17_195, 3_120 }, "wb-population-2023",
				new long[] { 16_400, 2_976 }, "wpp-net-migration", new long[] { 297, 61 }, "wpp-births",
				new long[] { 297, 61 }, "undesa-migrant-stock", new long[] { 283, 48 }, "undesa-population",
				new long[] { 283, 48 });
		for (Map.Entry<String, long[]> entry : expected.entrySet()) {
			RunOutcome.FileLine file = this.outcome.files()
				.stream()
				.filter((f) -> f.datasetId().equals(entry.getKey()))
				.findFirst()
				.orElseThrow();
			assertThat(file.rowsRead()).as(entry.getKey() + " rows read").isEqualTo(entry.getValue()[0]);
			assertThat(file.aggregateRows()).as(entry.getKey() + " aggregate rows").isEqualTo(entry.getValue()[1]);
		}
	}

	@Test
	void takesTheBothSexesColumnsOfTheWorkbookUnderTheirGroupHeading() {
		// Table 1, row 99 (Kazakhstan, location code 398): 3,619,200 in 1990 under "both
		// sexes combined"; 1,666,164 (males) must not be taken
		assertThat(value("undesa-migrant-stock", "KAZ", 1990, "MIGRANT_STOCK")).isEqualTo(3_619_200L);
		assertThat(value("undesa-migrant-stock", "KAZ", 1995, "MIGRANT_STOCK")).isEqualTo(3_251_968L);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(DISTINCT YR) FROM MIG_OBSERVATION WHERE RUN_ID = ? "
				+ "AND DATASET_ID = 'undesa-migrant-stock'", Integer.class, this.runId))
			.isEqualTo(7);
		assertThat(this.jdbc.queryForObject(
				"SELECT SOURCE_ROW FROM MIG_OBSERVATION WHERE RUN_ID = ? AND DATASET_ID = 'undesa-migrant-stock' "
						+ "AND COUNTRY = 'KAZ' AND YR = 1990",
				Long.class, this.runId))
			.as("the spreadsheet row")
			.isEqualTo(99L);
		// Table 2 in thousands with decimals: 16,383.881 thousand
		assertThat(value("undesa-population", "KAZ", 1990, "POPULATION")).isEqualTo(16_383_881L);
	}

	@Test
	void readsTheRowsOfNamesWrittenWithIndentsAndFootnoteMarks() {
		// " Isle of Man*" (code 833) in both tables
		assertThat(value("undesa-migrant-stock", "IMN", 1990, "MIGRANT_STOCK")).isEqualTo(34_769L);
		assertThat(value("undesa-population", "IMN", 1990, "POPULATION")).isEqualTo(70_292L);
	}

	@Test
	void readsTheWideTextFilesInThousandsAndTheLongCsvFiles() {
		assertThat(value("wpp-net-migration", "KAZ", 1994, "NET_MIGRATION")).isEqualTo(-520_028L);
		assertThat(value("wb-population", "KAZ", 2002, "POPULATION")).isEqualTo(15_656_677L);
		assertThat(value("wb-population-2023", "KAZ", 2002, "POPULATION")).isEqualTo(14_858_948L);
	}

	@Test
	void reportsTheMigrantStockBesideTheOtherFigures() throws IOException {
		List<CSVRecord> rows = NightlyJobIT.csv(WORK.resolve("output/shared-data/" + RUN_DATE + "/country_year.csv"),
				',');
		CSVRecord kazakhstan1990 = rows.stream()
			.filter((r) -> r.get("Country code").equals("KAZ") && r.get("Year").equals("1990"))
			.findFirst()
			.orElseThrow();
		assertThat(kazakhstan1990.get("International migrant stock")).isEqualTo("3619200");
		assertThat(kazakhstan1990.get("Population source")).startsWith("wb-population");
	}

	@Test
	void listsTheFileOnceForEachOfItsDatasets() {
		assertThat(this.outcome.files()).filteredOn((f) -> f.fileName().equals(UNDESA))
			.extracting(RunOutcome.FileLine::datasetId)
			.containsExactly("undesa-migrant-stock", "undesa-population");
	}

	private Long value(String dataset, String country, int year, String measure) {
		return this.jdbc.queryForObject(
				"SELECT VAL FROM MIG_OBSERVATION WHERE RUN_ID = ? AND DATASET_ID = ? AND COUNTRY = ? AND YR = ? "
						+ "AND MEASURE = ?",
				Long.class, this.runId, dataset, country, year, measure);
	}

}
