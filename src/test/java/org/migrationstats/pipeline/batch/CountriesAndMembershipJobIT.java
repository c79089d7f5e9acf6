package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Runs the shipped job on the sample with a few rows added to the World Bank file: an
 * unknown country three times, a name only a job-file alias knows, and the USSR. Checks
 * the membership counts around the 2 December 2002 Council session against a count made
 * here from the raw membership file, and the comparison with the other membership
 * sources.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountriesAndMembershipJobIT {

	private static final Path WORK = ScratchFolders.create("countries");

	private static final String RUN_DATE = "2003-01-01";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	private SampleJob job;

	private RunOutcome outcome;

	@BeforeAll
	void runTheJob() throws IOException {
		this.job = SampleJob.copyTo(WORK.resolve("sample"));
		Files.writeString(this.job.input("worldbank/population.csv"),
				String.join("\n", "Atlantis,ATL,1990,1000", "Atlantis,ATL,1991,1001", "Atlantis,ATL,1992,1002",
						"Kazakstan (Republic of),,1950,9000000", "Soviet Union,,1989,286730819", ""),
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		this.job.setJobFileText("periods:", "aliases:\n  \"Kazakstan (Republic of)\": KAZ\n\nperiods:");
		this.outcome = this.runner.run(this.job.jobFile(), LocalDate.parse(RUN_DATE), false);
	}

	@Test
	void theRunCompletesWithTheUnknownRowsRejected() {
		assertThat(this.outcome.result()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(this.outcome.message()).contains("3 rejected row(s)");
	}

	@Test
	void anUnknownCountryIsListedOnceWithItsRowCount() throws IOException {
		List<CSVRecord> unmatched = report("unmatched_names.csv");
		assertThat(unmatched).hasSize(1);
		assertThat(unmatched.get(0).get("As written")).isEqualTo("Country Code: \"ATL\" ; Country Name: \"Atlantis\"");
		assertThat(unmatched.get(0).get("Rows")).isEqualTo("3");
		assertThat(unmatched.get(0).get("First row")).isEqualTo("1107");
		assertThat(report("rejects.csv")).hasSize(3)
			.allSatisfy((r) -> assertThat(r.get("Reason")).startsWith("unknown country 'ATL'"));
	}

	@Test
	void aJobFileAliasResolvesANameTheReferenceDoesNotKnow() {
		assertThat(this.jdbc.queryForObject(
				"SELECT VAL FROM MIG_OBSERVATION WHERE COUNTRY = 'KAZ' AND YR = 1950 AND MEASURE = 'POPULATION' "
						+ "AND SOURCE_ROW = 1110",
				Long.class))
			.isEqualTo(9_000_000L);
	}

	@Test
	void theUssrIsKeptAsItselfNotMovedToASuccessor() {
		assertThat(this.jdbc.queryForObject(
				"SELECT VAL FROM MIG_OBSERVATION WHERE COUNTRY = 'SUN' AND YR = 1989 AND MEASURE = 'POPULATION'",
				Long.class))
			.isEqualTo(286_730_819L);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM MIG_OBSERVATION WHERE COUNTRY = 'RUS' AND YR = 1989 AND SOURCE_ROW = 1111",
				Long.class))
			.isZero();
	}

	@Test
	void membershipCountsAroundTheCouncilSessionAreThoseTheFileImplies() throws IOException {
		Map<String, CSVRecord> counts = new java.util.HashMap<>();
		report("membership.csv").forEach((r) -> counts.put(r.get("Date"), r));
		for (String day : List.of("2002-12-01", "2002-12-02", "2002-12-03")) {
			int[] expected = countFromRawFile(LocalDate.parse(day));
			CSVRecord row = counts.get(day);
			assertThat(row).as(day).isNotNull();
			assertThat(Integer.parseInt(row.get("Member states in the file"))).as(day + " members")
				.isEqualTo(expected[0]);
			assertThat(Integer.parseInt(row.get("Observer states in the file"))).as(day + " observer states")
				.isEqualTo(expected[1]);
			assertThat(Integer.parseInt(row.get("Non-state observers in the file"))).as(day + " non-state observers")
				.isEqualTo(expected[2]);
		}
		assertThat(
				countFromRawFile(LocalDate.parse("2002-12-02"))[0] - countFromRawFile(LocalDate.parse("2002-12-01"))[0])
			.as("states admitted on 2 December 2002")
			.isEqualTo(5);
	}

	@Test
	void theChangesOfEachYearAreListedWithTheirSource() throws IOException {
		List<CSVRecord> changes = report("membership_changes.csv").stream()
			.filter((r) -> r.get("Year").equals("2002"))
			.toList();
		assertThat(changes).extracting((r) -> r.get("Party"))
			.containsExactly("Amnesty International", "BDI", "Human Rights Watch", "KAZ", "KHM", "NGA", "RWA", "ZWE");
		assertThat(changes.get(3).get("Change")).isEqualTo("became member");
		assertThat(changes.get(3).get("Source")).contains("84th session");
		assertThat(report("membership_changes.csv")).filteredOn((r) -> r.get("Party").equals("KGZ"))
			.extracting((r) -> r.get("Change"))
			.containsExactly("became observer", "observer to member");
	}

	@Test
	void theOtherMembershipSourcesDisagreeWhereTheSourcesSayTheyDo() throws IOException {
		List<CSVRecord> checks = report("membership_checks.csv");
		assertThat(checks).filteredOn((r) -> r.get("Other source").equals("cow-igo-v3") && r.get("Party").equals("KAZ"))
			.singleElement()
			.satisfies((r) -> assertThat(r.get("Difference"))
				.isEqualTo("full membership starts 2 year(s) apart (tolerance 1)"));
		assertThat(checks)
			.filteredOn((r) -> r.get("Other source").equals("cia-factbook-2020") && r.get("Party").equals("TKM"))
			.singleElement()
			.satisfies((r) -> assertThat(r.get("Other source says")).isEqualTo("observer"));
		assertThat(checks).filteredOn((r) -> r.get("Party").equals("USA")).isEmpty();
	}

	/**
	 * Counts member states, observer states and non-state observers on a day straight
	 * from the membership CSV, with none of the pipeline's code.
	 */
	private int[] countFromRawFile(LocalDate day) throws IOException {
		int[] counts = new int[3];
		for (CSVRecord r : NightlyJobIT.csv(Path.of("input/membership/iom.csv"), ',')) {
			LocalDate from = day(r.get("from"));
			LocalDate to = r.get("to").isEmpty() ? null : day(r.get("to"));
			if (from.isAfter(day) || (to != null && !day.isBefore(to))) {
				continue;
			}
			if (r.get("status").equals("MEMBER")) {
				counts[0]++;
			}
			else if (r.get("party_type").equals("STATE")) {
				counts[1]++;
			}
			else {
				counts[2]++;
			}
		}
		return counts;
	}

	private static LocalDate day(String text) {
		return switch (text.length()) {
			case 4 -> LocalDate.parse(text + "-01-01");
			case 7 -> LocalDate.parse(text + "-01");
			default -> LocalDate.parse(text);
		};
	}

	private List<CSVRecord> report(String file) throws IOException {
		return NightlyJobIT.csv(this.job.report(RUN_DATE).resolve(file), ',');
	}

}
