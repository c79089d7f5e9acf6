package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sources table on two real vintages of the World Bank population series: as
 * conflicting sources at several tolerances, the rows listed are exactly those whose
 * relative difference from the value used exceeds the tolerance, counted here from the
 * raw files; as a revision, every row's "B minus A" is B - A.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceDifferencesIT {

	private static final Path WORK = ScratchFolders.create("source-differences");

	/** The sample's aggregate rows, which never reach the figures. */
	private static final Set<String> AGGREGATES = Set.of("WLD", "ECS");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	/** Population by country code and year: A, the current edition, is the one used. */
	private Map<String, Long> current;

	/** B: the 2023 edition. */
	private Map<String, Long> older;

	private int runs;

	@BeforeAll
	void readTheRawFiles() throws IOException {
		this.current = population("input/worldbank/population.csv");
		this.older = population("input/worldbank/population-2023-vintage.csv");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0.005", "0.01", "0.05", "0.4", "0.5" })
	void aConflictIsAValueMoreThanTheToleranceAwayFromTheValueUsed(String tolerance) throws IOException {
		BigDecimal share = new BigDecimal(tolerance);
		long expected = 0;
		for (Map.Entry<String, Long> a : this.current.entrySet()) {
			Long b = this.older.get(a.getKey());
			if (b != null && BigDecimal.valueOf(Math.abs(b - a.getValue()))
				.compareTo(share.multiply(BigDecimal.valueOf(Math.abs(a.getValue())))) > 0) {
				expected++;
			}
		}
		List<CSVRecord> rows = sources("""
				  precedence: { population: [wb-population, wb-population-2023] }
				  source-tolerance: %s
				""".formatted(tolerance));
		assertThat(rows).as("conflicts at tolerance " + tolerance).hasSize((int) expected);
		for (CSVRecord row : rows) {
			long a = Long.parseLong(row.get("Value A"));
			long b = Long.parseLong(row.get("Value B"));
			assertThat(row.get("Kind")).isEqualTo("conflict");
			assertThat(BigDecimal.valueOf(Math.abs(b - a)))
				.isGreaterThan(share.multiply(BigDecimal.valueOf(Math.abs(a))));
			assertThat(Long.parseLong(row.get("B minus A"))).isEqualTo(b - a);
		}
		if (share.compareTo(new BigDecimal("0.05")) <= 0) {
			// Kazakhstan 2002: 15,656,677 against 14,858,948, 5.1 % apart
			assertThat(rows).anyMatch((r) -> r.get("Country code").equals("KAZ") && r.get("Year").equals("2002"));
		}
		if (tolerance.equals("0.005")) {
			assertThat(expected).as("the two editions differ by less than 0.5 % in many places")
				.isLessThan(this.current.keySet().stream().filter(this.older::containsKey).count());
		}
	}

	@Test
	void everyRevisionRowHoldsTheOlderMinusTheNewerValue() throws IOException {
		long expected = this.current.entrySet()
			.stream()
			.filter((a) -> this.older.containsKey(a.getKey()) && !this.older.get(a.getKey()).equals(a.getValue()))
			.count();
		List<CSVRecord> rows = sources("""
				  revisions: { wb-population: wb-population-2023 }
				""");
		assertThat(rows).hasSize((int) expected).isNotEmpty();
		for (CSVRecord row : rows) {
			String key = row.get("Country code") + " " + row.get("Year");
			assertThat(row.get("Kind")).isEqualTo("revision");
			assertThat(row.get("Dataset A")).isEqualTo("wb-population");
			assertThat(Long.parseLong(row.get("Value A"))).as(key).isEqualTo(this.current.get(key));
			assertThat(Long.parseLong(row.get("Value B"))).as(key).isEqualTo(this.older.get(key));
			assertThat(Long.parseLong(row.get("B minus A"))).as(key)
				.isEqualTo(this.older.get(key) - this.current.get(key));
		}
	}

	/** Runs a job on both editions with the given figures settings; its Sources rows. */
	private List<CSVRecord> sources(String figures) throws IOException {
		this.runs++;
		Path jobFile = WORK.resolve("sources-" + this.runs + ".yml");
		Files.writeString(jobFile, """
				name: sources-%d
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: wb-population
				    path: input/worldbank/population.csv
				    layout: long
				    measure: population
				    columns: { country: ["Country Code", "Country Name"], year: Year, value: Value }
				  - id: wb-population-2023
				    path: input/worldbank/population-2023-vintage.csv
				    layout: long
				    measure: population
				    columns: { country: ["Country Code", "Country Name"], year: Year, value: Value }
				figures:
				%s""".formatted(this.runs, WORK.resolve("output"), figures), StandardCharsets.UTF_8);
		RunOutcome outcome = this.runner.run(jobFile, LocalDate.parse("2002-12-31"), false);
		assertThat(outcome.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		return NightlyJobIT.csv(WORK.resolve("output/sources-" + this.runs + "/2002-12-31/sources.csv"), ',');
	}

	private static Map<String, Long> population(String file) throws IOException {
		Map<String, Long> values = new HashMap<>();
		for (CSVRecord row : NightlyJobIT.csv(Path.of(file), ',')) {
			if (!AGGREGATES.contains(row.get("Country Code"))) {
				values.put(row.get("Country Code") + " " + row.get("Year"), Long.parseLong(row.get("Value")));
			}
		}
		return values;
	}

}
