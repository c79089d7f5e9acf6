package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Months and quarters summed to years, whatever the file's shape: Eurostat's bulk TSV
 * with a column per month ({@code 2019M01}), SDMX-CSV 1.0 with a month per row
 * ({@code 2019-01}), a plain long table of quarters ({@code 2019Q1}), a plain wide table
 * of quarters ({@code 2019-Q1}), a record-level table of months read in blocks of five
 * rows ({@code sum-records}), and an SDMX-CSV 2.0 file of records by sex, with years and
 * quarters and their flags. A year with a month or quarter missing is not summed but
 * listed with the months missing; a figure built from flagged values carries every flag
 * of its parts.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YearPartsJobIT {

	private static final JobFixture JOBS = new JobFixture("year-parts");

	private static final String RUN_DATE = "2026-06-02";

	/** AT: 2019 complete, March provisional and July estimated; BE: June 2019 missing. */
	private static final String MONTHS_TSV = "freq,unit,geo\\TIME_PERIOD"
			+ IntStream.rangeClosed(1, 15)
				.mapToObj((m) -> String.format("\t%dM%02d ", (m <= 12) ? 2019 : 2020, (m <= 12) ? m : m - 12))
				.collect(Collectors.joining())
			+ "\nM,NR,AT\t100 \t110 \t120 p\t130 \t140 \t150 \t160 e\t170 \t180 \t190 \t200 \t210 \t300 \t310 \t320 "
			+ "\nM,NR,BE\t200 \t200 \t200 \t200 \t200 \t: \t200 \t200 \t200 \t200 \t200 \t200 \t1 \t2 \t3 \n";

	private static final String MONTHS_SDMX = "DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n"
			+ IntStream.rangeClosed(1, 12)
				.mapToObj((m) -> String.format("ESTAT:MIGR_EMI(1.0),M,AT,2019-%02d,50,%s%n", m, (m == 5) ? "P" : "A"))
				.collect(Collectors.joining());

	private static final String QUARTERS_LONG = """
			ISO3,Quarter,Immigrants
			CHE,2019Q1,1000
			CHE,2019Q2,2000
			CHE,2019Q3,3000
			CHE,2019Q4,4000
			CHE,2020Q1,500
			CHE,2019Q2,2500
			""";

	private static final String QUARTERS_WIDE = """
			Country,2019-Q1,2019-Q2,2019-Q3,2019-Q4
			Denmark,1,2,3,4
			""";

	/** Lines 3-26: two records a month of 2019, one of 1 and one of 2. */
	private static final String RECORDS = "ISO3,Month,Immigrants\nFIN,2018,7\n" + IntStream.rangeClosed(1, 12)
		.mapToObj((m) -> String.format("FIN,2019-%02d,1%nFIN,2019-%02d,2%n", m, m))
		.collect(Collectors.joining()) + "FIN,2018,3\nFIN,2020-01,5\n";

	/**
	 * Read a row a block ({@code chunk-size: 1}), so that GRC 2019's two records are
	 * stored as two sums, one provisional and one estimated, whose flags compute merges.
	 */
	private static final String RECORDS_SDMX = """
			STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,F,2019,100,P
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,M,2019,200,E
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,F,2020-Q1,10,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,F,2020-Q2,20,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,F,2020-Q3,30,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,F,2020-Q4,40,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,M,2020-Q1,1,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,M,2020-Q2,2,A
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,M,2020-Q3,3,B
			dataflow,TEST:DF_IMMIGRATION(1.0),I,GRC,M,2020-Q4,4,A
			""";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	private RunOutcome outcome;

	private Path report;

	@BeforeAll
	void runTheJob() throws IOException {
		Path job = Files.writeString(JOBS.work().resolve("parts.yml"),
				"""
						name: parts
						membership: input/membership/iom.csv
						output: %s
						datasets:
						  - id: estat-monthly
						    path: %s
						    format: eurostat-tsv
						    measure: immigrants
						    sum-to-year: true
						  - id: sdmx-monthly
						    path: %s
						    format: sdmx-csv
						    measure: emigrants
						    sum-to-year: true
						  - id: quarters-long
						    path: %s
						    layout: long
						    sum-to-year: true
						    columns: { country: ISO3, year: Quarter, immigrants: Immigrants }
						  - id: quarters-wide
						    path: %s
						    layout: wide
						    measure: immigrants
						    sum-to-year: true
						    columns: { country: Country }
						  - id: records
						    path: %s
						    layout: long
						    sum-records: true
						    sum-to-year: true
						    chunk-size: 5
						    columns: { country: ISO3, year: Month, immigrants: Immigrants }
						  - id: records-sdmx
						    path: %s
						    format: sdmx-csv
						    measure: immigrants
						    sum-records: true
						    sum-to-year: true
						    chunk-size: 1
						periods:
						  - { name: recent, from: 2018, to: 2020 }
						""".formatted(JOBS.output(), gzip("migr_imm_monthly.tsv.gz", MONTHS_TSV),
						write("emigration_monthly.csv", MONTHS_SDMX), write("quarters_long.csv", QUARTERS_LONG),
						write("quarters_wide.csv", QUARTERS_WIDE), write("records.csv", RECORDS),
						write("records_sdmx.csv", RECORDS_SDMX)),
				StandardCharsets.UTF_8);
		this.outcome = JobFixture.run(this.runner, job, RUN_DATE);
		this.report = JOBS.report("parts", RUN_DATE);
	}

	/** Eurostat's bulk downloads come gzip-compressed. */
	private static Path gzip(String name, String text) throws IOException {
		Path file = JOBS.work().resolve(name);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

	private static Path write(String name, String text) throws IOException {
		return JOBS.write(name, text);
	}

	@Test
	void rejectsASecondValueForTheSameQuarterAndSumsTheFirst() throws IOException {
		assertThat(this.outcome.result()).as(this.outcome.message())
			.isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(JobFixture.csv(this.report, "rejects.csv"))
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("Row"), (r) -> r.get("Column"),
					(r) -> r.get("Value as written"), (r) -> r.get("Reason"))
			.containsExactly(tuple("quarters-long", "7", "immigrants", "2500",
					"a second immigrants value for CHE 2019-Q2 in this dataset; the first, at row 3, is kept"));
	}

	@Test
	void sumsTheCompleteYearsOfEachShapeWithTheFlagsOfAllTheirParts() throws IOException {
		// AUT 2019: 100 + 110 + ... + 210 immigrants, 12 x 50 emigrants; CHE: 1,000 +
		// 2,000 + 3,000 + 4,000; DNK: 1 + 2 + 3 + 4; FIN 2018: 7 + 3 records, 2019: 12 x
		// (1 + 2); GRC 2019: 100 (F, P) + 200 (M, E), 2020: 10 + 20 + 30 + 40 (F) + 1 + 2
		// +
		// 3 (B) + 4 (M)
		assertThat(JobFixture.csv(this.report, "country_year.csv"))
			.extracting((r) -> r.get("Country code"), (r) -> r.get("Year"), (r) -> r.get("Immigrants"),
					(r) -> r.get("Emigrants"), (r) -> r.get("Net migration"), (r) -> r.get(AgencyFormatsJobIT.FLAGS))
			.containsExactly(tuple("AUT", "2019", "1860", "600", "1260", "emigrants p; immigrants ep"),
					tuple("CHE", "2019", "10000", "", "", ""), tuple("DNK", "2019", "10", "", "", ""),
					tuple("FIN", "2018", "10", "", "", ""), tuple("FIN", "2019", "36", "", "", ""),
					tuple("GRC", "2019", "300", "", "", "immigrants ep"),
					tuple("GRC", "2020", "110", "", "", "immigrants b"));
	}

	@Test
	void flagsAPeriodWithEveryFlagOfItsYears() throws IOException {
		assertThat(JobFixture.csv(this.report, "periods.csv"))
			.extracting((r) -> r.get("Country code"), (r) -> r.get(AgencyFormatsJobIT.FLAGS))
			.containsExactly(tuple("AUT", "2019 ep"), tuple("CHE", ""), tuple("DNK", ""), tuple("FIN", ""),
					tuple("GRC", "2019 ep; 2020 b"));
	}

	@Test
	void listsEachYearWithMonthsOrQuartersMissingWithThem() throws IOException {
		String reason = "a year with months or quarters missing is not summed";
		assertThat(JobFixture.csv(this.report, "filtered_rows.csv")).filteredOn((r) -> r.get("Reason").equals(reason))
			.extracting((r) -> r.get("Dataset"), (r) -> r.get("As written"), (r) -> r.get("Rows"),
					(r) -> r.get("First row"))
			.containsExactlyInAnyOrder(
					tuple("estat-monthly",
							"AUT 2020 immigrants: 3 of 12 months, missing 2020-04, 2020-05, 2020-06, "
									+ "2020-07, 2020-08, 2020-09, 2020-10, 2020-11, 2020-12",
							"3", "2"),
					tuple("estat-monthly", "BEL 2019 immigrants: 11 of 12 months, missing 2019-06", "11", "3"),
					tuple("estat-monthly",
							"BEL 2020 immigrants: 3 of 12 months, missing 2020-04, 2020-05, 2020-06, "
									+ "2020-07, 2020-08, 2020-09, 2020-10, 2020-11, 2020-12",
							"3", "3"),
					tuple("quarters-long", "CHE 2020 immigrants: 1 of 4 quarters, missing 2020-Q2, 2020-Q3, 2020-Q4",
							"1", "6"),
					tuple("records",
							"FIN 2020 immigrants: 1 of 12 months, missing 2020-02, 2020-03, 2020-04, "
									+ "2020-05, 2020-06, 2020-07, 2020-08, 2020-09, 2020-10, 2020-11, 2020-12",
							"1", "28"));
	}

	@Test
	void givesTheYearsNotSummedWithTheirFilesForTheRunSummary() {
		assertThat(this.outcome.files()).extracting(RunOutcome.FileLine::datasetId, (f) -> f.yearsNotSummed().size())
			.containsExactly(tuple("estat-monthly", 3), tuple("sdmx-monthly", 0), tuple("quarters-long", 1),
					tuple("quarters-wide", 0), tuple("records", 1), tuple("records-sdmx", 0));
		assertThat(this.outcome.files().get(2).yearsNotSummed())
			.containsExactly("CHE 2020 immigrants: 1 of 4 quarters, missing 2020-Q2, 2020-Q3, 2020-Q4");
	}

	@Test
	void readsTheGzipCompressedDownloadAndGivesTheDigestOfTheFileAsStored() throws Exception {
		Path file = JOBS.work().resolve("migr_imm_monthly.tsv.gz");
		String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		assertThat(JobFixture.csv(this.report, "inputs.csv"))
			.filteredOn((r) -> r.get("Dataset").equals("estat-monthly"))
			.extracting((r) -> r.get("File"), (r) -> r.get("Size (bytes)"), (r) -> r.get("SHA-256"),
					(r) -> r.get("Rows read"), (r) -> r.get("Observations"))
			.containsExactly(tuple(file.toString(), String.valueOf(Files.size(file)), digest, "2", "29"));
	}

	@Test
	void countsTheMonthNotGiven() {
		assertThat(this.outcome.files())
			.extracting(RunOutcome.FileLine::datasetId, RunOutcome.FileLine::rowsRead,
					RunOutcome.FileLine::valuesNotGiven)
			.containsExactly(tuple("estat-monthly", 2L, "1 missing (:)"), tuple("sdmx-monthly", 12L, ""),
					tuple("quarters-long", 6L, ""), tuple("quarters-wide", 1L, ""), tuple("records", 27L, ""),
					tuple("records-sdmx", 10L, ""));
	}

}
