package org.migrationstats.pipeline.spec;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A job and the settings it holds besides its datasets refuse, when made in code, what a
 * job file is refused for; what a record refuses while a file is read names the file and
 * line as the reader's own checks do.
 */
class JobSpecTests {

	private static final Path FILE = Path.of("jobs/test.yml");

	private static final DatasetSpec WPP = dataset("wpp");

	private static final DatasetSpec WB = dataset("wb");

	private static DatasetSpec dataset(String id) {
		return new DatasetSpec(id, id + ".txt", '\t', StandardCharsets.UTF_8, Layout.WIDE, Measure.NET_MIGRATION,
				new ColumnMapping(List.of("country_code"), List.of(), List.of(), Map.of()), BigDecimal.ONE,
				JobSpecReader.DEFAULT_MISSING, "", 1);
	}

	private static JobSpec job(String name, List<DatasetSpec> datasets, List<PeriodSpec> periods,
			Map<String, String> aliases, FigureSettings figures, int ingestThreads) {
		return new JobSpec(name, FILE, "0 30 2 * * *", ZoneId.of("UTC"), Path.of("iom.csv"), datasets, periods,
				Path.of("output"), new Limits(0.05), "0".repeat(64), List.of(), List.of(), aliases, figures,
				ReportSettings.DEFAULTS, false, ingestThreads);
	}

	private static JobSpec job(List<DatasetSpec> datasets) {
		return job("nightly", datasets, List.of(), Map.of(), FigureSettings.DEFAULTS, 0);
	}

	private static FigureSettings figures(Map<Measure, List<String>> precedence, Map<String, String> revisions) {
		return new FigureSettings(precedence, BigDecimal.ZERO, 600, revisions, Map.of());
	}

	@Nested
	class Jobs {

		@Test
		void areMadeAsTheReaderMakesThem() {
			assertThat(job(List.of(WPP, WB)).datasets()).extracting(DatasetSpec::id).containsExactly("wpp", "wb");
		}

		@Test
		void refuseANameThatIsNotLowerCaseLettersDigitsAndHyphens() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> job("Nightly Run", List.of(WPP), List.of(), Map.of(), FigureSettings.DEFAULTS, 0))
				.withMessage("name must be lower-case letters, digits and hyphens, found 'Nightly Run'");
		}

		@Test
		void refuseAJobWithoutDatasets() {
			assertThatIllegalArgumentException().isThrownBy(() -> job(List.of()))
				.withMessage("job 'nightly' needs at least one dataset");
		}

		@Test
		void refuseADatasetIdOrPeriodNameUsedTwice() {
			assertThatIllegalArgumentException().isThrownBy(() -> job(List.of(WPP, WB, dataset("wpp"))))
				.withMessage("dataset id 'wpp' is used twice");
			PeriodSpec nineties = new PeriodSpec("nineties", 1990, 1999);
			assertThatIllegalArgumentException()
				.isThrownBy(
						() -> job("nightly", List.of(WPP), List.of(nineties, new PeriodSpec("nineties", 1991, 2000)),
								Map.of(), FigureSettings.DEFAULTS, 0))
				.withMessage("period name 'nineties' is used twice");
		}

		@Test
		void refuseFigureSettingsNamingADatasetTheJobDoesNotDeclare() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> job("nightly", List.of(WPP, WB), List.of(), Map.of(),
						figures(Map.of(Measure.POPULATION, List.of("wb", "un")), Map.of()), 0))
				.withMessage("precedence names dataset 'un', which the job does not declare (it has wpp, wb)");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> job("nightly", List.of(WPP, WB), List.of(), Map.of(),
						figures(Map.of(), Map.of("wb", "wb-2023")), 0))
				.withMessage("revisions names dataset 'wb-2023', which the job does not declare (it has wpp, wb)");
		}

		@Test
		void refuseAnAliasToSomethingOtherThanACountryKey() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> job("nightly", List.of(WPP), List.of(), Map.of("Kazakstan", "kaz"),
						FigureSettings.DEFAULTS, 0))
				.withMessage("alias 'Kazakstan' must map to a country key such as KAZ, found 'kaz'");
		}

		@Test
		void refuseMoreIngestThreadsThanAJobMayUse() {
			assertThat(job("nightly", List.of(WPP), List.of(), Map.of(), FigureSettings.DEFAULTS, 64).ingestThreads())
				.isEqualTo(64);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> job("nightly", List.of(WPP), List.of(), Map.of(), FigureSettings.DEFAULTS, 65))
				.withMessage("ingest-threads must be a whole number from 1 to 64, or 0 for as many as the machine has "
						+ "processors, found 65");
		}

		@Test
		void refuseMissingParts() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new JobSpec("nightly", FILE, "0 30 2 * * *", null, Path.of("iom.csv"), List.of(WPP),
						List.of(), Path.of("output"), new Limits(0.05), "", List.of(), List.of(), Map.of(),
						FigureSettings.DEFAULTS))
				.withMessage("job 'nightly' needs its source file, schedule, zone, membership file and output folder");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new JobSpec("nightly", FILE, "0 30 2 * * *", ZoneId.of("UTC"), Path.of("iom.csv"),
						List.of(WPP), List.of(), Path.of("output"), new Limits(0.05), "", List.of(), List.of(),
						Map.of(), null))
				.withMessage("job 'nightly' needs its limits, fingerprint and figure settings");
		}

	}

	@Nested
	class Periods {

		@Test
		void refuseAPeriodWithoutNameOrEndingBeforeItStarts() {
			assertThatIllegalArgumentException().isThrownBy(() -> new PeriodSpec(" ", 1991, 2002))
				.withMessage("a period needs a name");
			assertThatIllegalArgumentException().isThrownBy(() -> new PeriodSpec("since-independence", 2002, 1991))
				.withMessage("period 'since-independence' ends (1991) before it starts (2002)");
		}

		@Test
		void refuseYearsOutsideThoseAJobFileMayName() {
			assertThat(new PeriodSpec("all", 1800, 2200).years()).isEqualTo(401);
			assertThatIllegalArgumentException().isThrownBy(() -> new PeriodSpec("early", 1750, 1850))
				.withMessage("period 'early' must lie within the years 1800 to 2200, found 1750 to 1850");
		}

	}

	@Nested
	class Figures {

		@Test
		void refuseASourceToleranceThatIsNotAShare() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new FigureSettings(Map.of(), new BigDecimal("1.5"), 600, Map.of(), Map.of()))
				.withMessage("source-tolerance must be a share from 0 to 1 (0.01 is 1 %), found 1.5");
		}

		@Test
		void refuseANegativeBalanceTolerance() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new FigureSettings(Map.of(), BigDecimal.ZERO, -1, Map.of(), Map.of()))
				.withMessage("balance-tolerance must be a whole number of persons, 0 or more, found -1");
		}

		@Test
		void refuseAGroupListingSomethingOtherThanCountryKeys() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new FigureSettings(Map.of(), BigDecimal.ZERO, 600, Map.of(),
						Map.of("central-asia", List.of("KAZ", "Kyrgyzstan"))))
				.withMessage("group 'central-asia' must list country keys such as KAZ, found 'Kyrgyzstan'");
		}

		@Test
		void keepTheirOwnCopyOfEveryList() {
			List<String> keys = new ArrayList<>(List.of("KAZ"));
			FigureSettings figures = new FigureSettings(Map.of(), BigDecimal.ZERO, 600, Map.of(),
					Map.of("central-asia", keys));
			keys.add("kgz");
			assertThat(figures.groups().get("central-asia")).containsExactly("KAZ");
		}

	}

	@Nested
	class Report {

		@Test
		void refuseChartCountriesThatAreNotCountryKeys() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ReportSettings(List.of("KAZ", "kgz"), "report: chart-countries", true))
				.withMessage("chart-countries must list country keys such as KAZ, found 'kgz'");
		}

		@Test
		void refuseMoreThanAChartShowsOrACountryTwice() {
			List<String> thirteen = Collections.nCopies(13, "KAZ");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ReportSettings(List.of("KAZ", "UZB", "KAZ"), "groups: central-asia", true))
				.withMessage("chart-countries must list up to 12 different countries, found 3: KAZ, UZB, KAZ");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new ReportSettings(thirteen, "groups: central-asia", true))
				.withMessageStartingWith("chart-countries must list up to 12 different countries, found 13: ");
		}

		@Test
		void refuseChartCountriesWithoutWhereTheyCameFrom() {
			assertThatIllegalArgumentException().isThrownBy(() -> new ReportSettings(List.of("KAZ"), null, true))
				.withMessage("chart countries need where they came from, such as 'report: chart-countries', for the "
						+ "report to say");
		}

	}

	@Nested
	class MembershipChecks {

		private static final Path FACTBOOK = Path.of("factbook.csv");

		private static final LocalDate JANUARY_2020 = LocalDate.of(2020, 1, 1);

		@Test
		void areASnapshotOrAListOfStartYears() {
			assertThat(
					new MembershipCheckSpec("factbook", FACTBOOK, "iso3", "org_member", JANUARY_2020, null, 0, false, 1)
						.isSnapshot())
				.isTrue();
			assertThat(new MembershipCheckSpec("cow", FACTBOOK, "iso3", null, null, "first_year", 1, false, 1)
				.isSnapshot()).isFalse();
		}

		@Test
		void refuseBothOrNeitherOrHalfASnapshot() {
			String message = "membership check 'factbook' needs either 'status' with 'as-of' (a snapshot of statuses "
					+ "on one date) or 'since' (a column with the year full membership began)";
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipCheckSpec("factbook", FACTBOOK, "iso3", "org_member", JANUARY_2020,
						"first_year", 0, false, 1))
				.withMessage(message);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipCheckSpec("factbook", FACTBOOK, "iso3", null, null, null, 0, false, 1))
				.withMessage(message);
			assertThatIllegalArgumentException().isThrownBy(
					() -> new MembershipCheckSpec("factbook", FACTBOOK, "iso3", "org_member", null, null, 0, false, 1))
				.withMessage(message);
		}

		@Test
		void refuseAMissingIdPartyColumnOrToleranceOutOfRange() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipCheckSpec(" ", FACTBOOK, "iso3", null, null, "since", 0, false, 1))
				.withMessage("a membership check needs its id");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipCheckSpec("cow", FACTBOOK, "", null, null, "since", 0, false, 1))
				.withMessage("membership check 'cow' needs its file and party column");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipCheckSpec("cow", FACTBOOK, "iso3", null, null, "since", 100, false, 1))
				.withMessage("membership check 'cow': tolerance-years must be a whole number of years from 0 to 99, "
						+ "found 100");
		}

	}

	/**
	 * What a record refuses while a job file is read is told as any other mistake in the
	 * file: the file, the line of the node the values came from, the record's message.
	 */
	@Nested
	class RefusalsWhileReading {

		@Test
		void nameTheFileAndTheLineOfTheNode() {
			Node root = new Yaml().compose(new StringReader("name: nightly\nperiods:\n  - { name: x, from: 2002 }\n"));
			Node periods = ((MappingNode) root).getValue().get(1).getValueNode();
			JobFileNodes nodes = new JobFileNodes(FILE);
			assertThatExceptionOfType(SpecException.class)
				.isThrownBy(() -> nodes.build(periods, () -> new PeriodSpec("x", 2002, 1991)))
				.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3))
				.withMessage(FILE + ", line 3: period 'x' ends (1991) before it starts (2002)");
		}

	}

}
