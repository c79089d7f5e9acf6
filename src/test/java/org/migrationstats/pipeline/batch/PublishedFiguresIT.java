package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.migrationstats.pipeline.compute.CountryYearCalculator;
import org.migrationstats.pipeline.spec.Measure;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs a job over the full real files in {@code src/test/resources/published-data} and
 * checks that the figures reproduce what the publishers state, with every expectation
 * computed here from the raw files and none of the pipeline's code.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedFiguresIT {

	private static final Path WORK = ScratchFolders.create("published");

	private static final Path DATA = Path.of("src/test/resources/published-data");

	private static final String RUN_DATE = "2024-12-31";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	private RunOutcome outcome;

	private Path report;

	@BeforeAll
	void runTheJob() throws IOException {
		Path jobFile = WORK.resolve("published-figures.yml");
		Files.writeString(jobFile, Files.readString(Path.of("src/test/resources/jobs/published-figures.yml"))
			.replace("output: OUTPUT", "output: " + WORK.resolve("output")), StandardCharsets.UTF_8);
		this.outcome = this.runner.run(jobFile, LocalDate.parse(RUN_DATE), false);
		this.report = WORK.resolve("output/published-figures/" + RUN_DATE);
	}

	@Test
	void completesOnEveryFile() {
		assertThat(this.outcome.result()).as(this.outcome.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.outcome.files()).hasSize(6).allSatisfy((f) -> assertThat(f.rowsRejected()).isZero());
	}

	@Nested
	class WppBalance {

		@Test
		void birthsMinusDeathsPlusNetMigrationIsPopulationChangeWithinSixHundredPersonsSaveWhereWppSaysNot()
				throws IOException {
			Map<String, CSVRecord> migration = wpp("migration.txt");
			Map<String, CSVRecord> births = wpp("births.txt");
			Map<String, CSVRecord> deaths = wpp("deaths.txt");
			Map<String, CSVRecord> change = wpp("PopChange.txt");
			Set<String> expected = new TreeSet<>();
			int countryYears = 0;
			for (String code : countryCodes()) {
				for (int year = 1950; year <= 2023; year++) {
					String y = String.valueOf(year);
					BigDecimal residual = new BigDecimal(change.get(code).get(y)).subtract(
							new BigDecimal(births.get(code).get(y)).subtract(new BigDecimal(deaths.get(code).get(y)))
								.add(new BigDecimal(migration.get(code).get(y))));
					countryYears++;
					if (residual.abs().compareTo(new BigDecimal("0.6")) > 0) {
						expected.add(migration.get(code).get("country") + " " + year);
					}
				}
			}
			assertThat(countryYears).isEqualTo(236 * 74);
			assertThat(expected).containsExactly("Ukraine 1989");
			List<CSVRecord> checks = csv("checks.csv").stream()
				.filter((r) -> r.get("Check").equals("balancing residual"))
				.toList();
			assertThat(checks).extracting((r) -> r.get("Country") + " " + r.get("Year"))
				.containsExactly("Ukraine 1989");
			assertThat(checks.get(0).get("Difference")).isEqualTo("4862");
			assertThat(PublishedFiguresIT.this.jdbc
				.queryForObject("SELECT COUNT(*) FROM MIG_COUNTRY_YEAR WHERE BALANCE_RESIDUAL IS NOT NULL", Long.class))
				.isEqualTo(countryYears);
		}

	}

	@Nested
	class CrudeNetMigrationRate {

		@Test
		void recomputedFromWppNetMigrantsAndWorldBankPopulationMatchesWppForKazakhstanEveryYear() throws IOException {
			Map<Integer, BigDecimal> published = publishedRates("398");
			Map<Integer, BigDecimal> ours = ourRates("KAZ");
			assertThat(ours.keySet()).hasSize(64).allSatisfy((year) -> assertThat(published).containsKey(year));
			for (Map.Entry<Integer, BigDecimal> entry : ours.entrySet()) {
				assertThat(entry.getValue()).as("Kazakhstan " + entry.getKey())
					.isCloseTo(published.get(entry.getKey()), within(new BigDecimal("0.05")));
			}
			assertThat(ours.get(1994)).isCloseTo(new BigDecimal("-30.5"), within(new BigDecimal("0.5")));
		}

		@Test
		void matchesForAboutNinetyTwoPercentOfAllCountryYears() throws IOException {
			Map<String, String> isoToM49 = new HashMap<>();
			for (CSVRecord r : NightlyJobIT.csv(DATA.resolve("countries/country-codes.csv"), ',')) {
				if (!r.get("M49").isEmpty()) {
					isoToM49.put(r.get("ISO3166-1-Alpha-3"), String.valueOf(Integer.parseInt(r.get("M49"))));
				}
			}
			isoToM49.put("XKX", "412");
			Map<String, CSVRecord> cnmr = wpp("cnmr.txt");
			int compared = 0;
			int close = 0;
			for (CSVRecord row : csv("country_year.csv")) {
				String rate = row.get("Net migration rate, per 1,000");
				CSVRecord published = cnmr.get(isoToM49.get(row.get("Country code")));
				if (rate.isEmpty() || published == null || !published.isMapped(row.get("Year"))) {
					continue;
				}
				compared++;
				BigDecimal difference = new BigDecimal(rate).subtract(new BigDecimal(published.get(row.get("Year"))));
				if (difference.abs().compareTo(new BigDecimal("0.05")) <= 0) {
					close++;
				}
			}
			assertThat(compared).isEqualTo(13_794);
			// WPP divides by its own population estimates; the World Bank's differ for
			// small
			// territories above all, hence 92 % rather than all.
			assertThat((double) close / compared).isCloseTo(0.9195, within(0.0005));
		}

		private Map<Integer, BigDecimal> ourRates(String country) throws IOException {
			Map<Integer, BigDecimal> rates = new HashMap<>();
			for (CSVRecord row : csv("country_year.csv")) {
				if (row.get("Country code").equals(country) && !row.get("Net migration rate, per 1,000").isEmpty()) {
					rates.put(Integer.parseInt(row.get("Year")),
							new BigDecimal(row.get("Net migration rate, per 1,000")));
				}
			}
			return rates;
		}

		private Map<Integer, BigDecimal> publishedRates(String code) throws IOException {
			CSVRecord row = wpp("cnmr.txt").get(code);
			Map<Integer, BigDecimal> rates = new HashMap<>();
			for (int year = 1950; year <= 2023; year++) {
				rates.put(year, new BigDecimal(row.get(String.valueOf(year))));
			}
			return rates;
		}

	}

	@Nested
	class KazakhstanSinceIndependence {

		@Test
		void theFiguresOfSourcesMdFromBothVintagesAndWpp() throws IOException {
			CSVRecord period = csv("periods.csv").stream()
				.filter((r) -> r.get("Country code").equals("KAZ"))
				.findFirst()
				.orElseThrow();
			assertThat(Long.parseLong(period.get("Population, persons, mid-year of first year")))
				.isEqualTo(17_278_600L);
			assertThat(Long.parseLong(period.get("Population, persons, mid-year of last year"))).isEqualTo(15_656_677L);
			assertThat(Long
				.parseLong(period.get("Cumulative net migration, persons, sum of calendar years first to last")))
				.isBetween(-3_068_500L, -3_067_500L);
			assertThat(Long.parseLong(period.get("Natural increase, persons, sum of calendar years first to last")))
				.isBetween(1_546_500L, 1_547_500L);
			assertThat(Long.parseLong(period.get(
					"Reported population change, persons, sum of the source's yearly changes, calendar years first to last")))
				.isBetween(-1_521_500L, -1_520_500L);
			Map<String, CSVRecord> revisions = new HashMap<>();
			csv("sources.csv").stream()
				.filter((r) -> r.get("Kind").equals("revision") && r.get("Country code").equals("KAZ"))
				.forEach((r) -> revisions.put(r.get("Year"), r));
			assertThat(revisions.get("1991").get("Value B")).isEqualTo("16451711");
			assertThat(revisions.get("2002").get("Value B")).isEqualTo("14858948");
			assertThat(revisions.get("2002").get("Value A")).isEqualTo("15656677");
			assertThat(revisions.get("2002").get("B minus A")).as("the 2023 edition minus the current one")
				.isEqualTo("-797729");
		}

	}

	@Test
	void theSetBasedSqlAndThePlainJavaCalculatorAgreeOnEveryCountryYear() throws IOException {
		long runId = this.jdbc.queryForObject(
				"SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", Long.class,
				this.outcome.executionId());
		List<CountryYearCalculator.Input> inputs = new ArrayList<>();
		this.jdbc.query("SELECT DATASET_ID, FILE_NAME, SOURCE_ROW, COUNTRY, YR, MEASURE, VAL FROM MIG_OBSERVATION "
				+ "WHERE RUN_ID = ?", (java.sql.ResultSet rs) -> {
					inputs.add(new CountryYearCalculator.Input(rs.getString(1), rs.getString(2), rs.getLong(3),
							rs.getString(4), rs.getInt(5), Measure.valueOf(rs.getString(6)), rs.getLong(7)));
				}, runId);
		Map<Measure, Map<String, Integer>> ranks = new EnumMap<>(Measure.class);
		this.jdbc.query("SELECT MEASURE, DATASET_ID, RANK FROM MIG_PRECEDENCE WHERE RUN_ID = ?",
				(java.sql.ResultSet rs) -> {
					ranks.computeIfAbsent(Measure.valueOf(rs.getString(1)), (m) -> new HashMap<>())
						.put(rs.getString(2), rs.getInt(3));
				}, runId);
		List<CountryYearCalculator.Result> java = CountryYearCalculator.compute(inputs, ranks);
		List<CountryYearCalculator.Result> sql = this.jdbc.query(
				"SELECT COUNTRY, YR, POPULATION, NET_MIGRATION, BIRTHS, DEATHS, NATURAL_INCREASE, POPULATION_CHANGE, "
						+ "REPORTED_POPULATION_CHANGE, BALANCE_RESIDUAL FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? "
						+ "ORDER BY COUNTRY, YR",
				(rs, n) -> new CountryYearCalculator.Result(rs.getString(1), rs.getInt(2), value(rs, 3), value(rs, 4),
						value(rs, 5), value(rs, 6), value(rs, 7), value(rs, 8), value(rs, 9), value(rs, 10)),
				runId);
		assertThat(java).hasSizeGreaterThan(17_000);
		assertThat(sql).containsExactlyElementsOf(java);
	}

	private static Long value(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private List<CSVRecord> csv(String name) throws IOException {
		return NightlyJobIT.csv(this.report.resolve(name), ',');
	}

	private static Map<String, CSVRecord> wpp(String file) throws IOException {
		Map<String, CSVRecord> rows = new HashMap<>();
		for (CSVRecord row : NightlyJobIT.csv(DATA.resolve("wpp2024").resolve(file), '\t')) {
			rows.put(row.get("country_code"), row);
		}
		return rows;
	}

	/**
	 * The WPP location codes that are countries or territories: M49 codes of the country
	 * list, and Kosovo.
	 */
	private static Set<String> countryCodes() throws IOException {
		Set<String> codes = new TreeSet<>();
		for (CSVRecord r : NightlyJobIT.csv(DATA.resolve("countries/country-codes.csv"), ',')) {
			if (!r.get("M49").isEmpty()) {
				codes.add(String.valueOf(Integer.parseInt(r.get("M49"))));
			}
		}
		codes.add("412");
		codes.retainAll(wpp("migration.txt").keySet());
		return codes;
	}

}
