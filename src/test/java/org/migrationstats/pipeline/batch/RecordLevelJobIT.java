package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record-level file (one row per registration office and year) is summed per country
 * and year, and a restart after the file broke half-way neither loses nor repeats a
 * record: the sums equal those computed here from the file, chunk boundaries and restart
 * notwithstanding.
 */
@SpringBootTest(properties = "pipeline.chunk-size=7")
class RecordLevelJobIT {

	private static final JobFixture JOBS = new JobFixture("records");

	private static final List<String> COUNTRIES = List.of("KAZ", "KGZ", "UZB");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		JOBS.database(registry);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void recordsAreSummedPerCountryAndYearAcrossChunksAndARestart() throws IOException {
		Path records = JOBS.work().resolve("registrations.csv");
		StringBuilder csv = new StringBuilder("Office,ISO3,Year,Arrivals,Departures\n");
		Map<String, long[]> expected = new HashMap<>();
		Random random = new Random(20021202);
		for (int i = 0; i < 400; i++) {
			String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
			int year = 2000 + random.nextInt(3);
			int arrivals = random.nextInt(5000);
			int departures = random.nextInt(5000);
			csv.append("office-")
				.append(i % 37)
				.append(',')
				.append(country)
				.append(',')
				.append(year)
				.append(',')
				.append(arrivals)
				.append(',')
				.append(departures)
				.append('\n');
			long[] sums = expected.computeIfAbsent(country + " " + year, (k) -> new long[2]);
			sums[0] += arrivals;
			sums[1] += departures;
		}
		byte[] good = csv.toString().getBytes(StandardCharsets.UTF_8);
		byte[] broken = good.clone();
		int line250 = offsetOfLine(good, 250);
		broken[line250] = (byte) 0xFF;
		Files.write(records, broken);
		Path jobFile = JOBS.work().resolve("registrations.yml");
		Files.writeString(jobFile, """
				name: registrations
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: office-registrations
				    path: %s
				    layout: long
				    sum-records: true
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: "2000-2002", from: 2000, to: 2002 }
				""".formatted(JOBS.output(), records), StandardCharsets.UTF_8);

		RunOutcome failed = JobFixture.run(this.runner, jobFile, "2026-05-01");
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains("registrations.csv, line 250");
		Files.write(records, good);
		RunOutcome restarted = JobFixture.run(this.runner, jobFile, "2026-05-01");

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(restarted.files()).singleElement().satisfies((f) -> assertThat(f.rowsRead()).isEqualTo(400));
		Map<String, CSVRecord> figures = new HashMap<>();
		for (CSVRecord row : JOBS.csv("registrations", "2026-05-01", "country_year.csv")) {
			figures.put(row.get("Country code") + " " + row.get("Year"), row);
		}
		assertThat(figures.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		assertThat(figures.values().iterator().next().getParser().getHeaderNames())
			.as("flows alone: no column that needs population, births, deaths or migrant stock")
			.containsExactly("Country code", "Country", "Year", "Status at year end", "Immigrants", "Emigrants",
					"Net migration", "Net migration source", "Immigrants minus emigrants");
		expected.forEach((key, sums) -> {
			CSVRecord row = figures.get(key);
			assertThat(Long.parseLong(row.get("Immigrants"))).as(key).isEqualTo(sums[0]);
			assertThat(Long.parseLong(row.get("Emigrants"))).as(key).isEqualTo(sums[1]);
			assertThat(Long.parseLong(row.get("Net migration"))).as(key).isEqualTo(sums[0] - sums[1]);
			assertThat(row.get("Net migration source")).isEqualTo("immigrants - emigrants");
		});
		long stored = this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE DATASET_ID = ?", Long.class,
				"office-registrations");
		assertThat(stored).as("chunk sums stored, not one row per record").isLessThan(2 * 400).isGreaterThan(0);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM MIG_REJECTION WHERE DATASET_ID = ?", Long.class,
				"office-registrations"))
			.isZero();
	}

	@Test
	void withoutSumRecordsASecondRowForTheSameCountryAndYearIsRejectedAndCounted() throws IOException {
		Path records = JOBS.work().resolve("twice.csv");
		Files.writeString(records, """
				Office,ISO3,Year,Arrivals,Departures
				almaty,KAZ,2000,1200,300
				bishkek,KGZ,2000,800,900
				astana,KAZ,2000,50,70
				""", StandardCharsets.UTF_8);
		Path jobFile = JOBS.work().resolve("twice.yml");
		Files.writeString(jobFile, """
				name: twice
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: office-totals
				    path: %s
				    layout: long
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: "2000", from: 2000, to: 2000 }
				""".formatted(JOBS.output(), records), StandardCharsets.UTF_8);

		RunOutcome outcome = JobFixture.run(this.runner, jobFile, "2026-05-02");

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(outcome.result().exitCode()).isEqualTo(3);
		assertThat(outcome.message()).contains("with 1 rejected row(s)");
		assertThat(outcome.files()).singleElement().satisfies((f) -> {
			assertThat(f.rowsRead()).isEqualTo(3);
			assertThat(f.rowsRejected()).isEqualTo(1);
		});
		Path report = JOBS.report("twice", "2026-05-02");
		List<CSVRecord> rejects = JobFixture.csv(report, "rejects.csv");
		assertThat(rejects).extracting((r) -> r.get("Row") + " " + r.get("Column") + " " + r.get("Value as written"))
			.containsExactlyInAnyOrder("4 immigrants 50", "4 emigrants 70");
		assertThat(rejects).extracting((r) -> r.get("Reason"))
			.contains("a second immigrants value for KAZ 2000 in this dataset; the first, at row 2, is kept");
		Map<String, CSVRecord> figures = new HashMap<>();
		for (CSVRecord row : JobFixture.csv(report, "country_year.csv")) {
			figures.put(row.get("Country code") + " " + row.get("Year"), row);
		}
		assertThat(figures.get("KAZ 2000").get("Net migration")).isEqualTo("900");
		assertThat(figures.get("KGZ 2000").get("Net migration")).isEqualTo("-100");
	}

	private static int offsetOfLine(byte[] text, int line) {
		int offset = 0;
		for (int seen = 1; seen < line; offset++) {
			if (text[offset] == '\n') {
				seen++;
			}
		}
		return offset;
	}

}
