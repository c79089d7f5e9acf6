package org.migrationstats.pipeline.spec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link JobSpecReader}: the shipped job file, and broken copies of a small job
 * that each say file, line and what was expected.
 */
class JobSpecReaderTests {

	/** A small valid job; the broken variants below change one line of it. */
	private static final String VALID = """
			name: nightly-migration
			membership: input/membership/iom.csv
			datasets:
			  - id: wpp-net-migration
			    path: input/wpp2024/migration.txt
			    format: tsv
			    layout: wide
			    measure: net-migration
			    scale: thousands
			    columns:
			      country: [country_code, country]
			periods:
			  - { name: since-independence, from: 1991, to: 2002 }
			limits:
			  max-reject-ratio: 0.05
			""";

	@TempDir
	Path folder;

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.folder.resolve(name), content, StandardCharsets.UTF_8);
	}

	@Nested
	class TheShippedJob {

		private final JobSpec job = JobSpecReader.read(Path.of("jobs/nightly-migration.yml"));

		@Test
		void declaresItsNameScheduleAndPaths() {
			assertThat(this.job.name()).isEqualTo("nightly-migration");
			assertThat(this.job.schedule()).isEqualTo("0 30 2 * * *");
			assertThat(this.job.zone()).isEqualTo(ZoneId.of("UTC"));
			assertThat(this.job.membership()).isEqualTo(Path.of("input/membership/iom.csv"));
			assertThat(this.job.output()).isEqualTo(Path.of("output"));
			assertThat(this.job.limits().maxRejectRatio()).isEqualTo(0.05);
			assertThat(this.job.fingerprint()).hasSize(64);
		}

		@Test
		void hasSevenDatasetsInJobFileOrder() {
			assertThat(this.job.datasets()).extracting(DatasetSpec::id)
				.containsExactly("wb-population", "wpp-net-migration", "wpp-births", "wpp-deaths",
						"wpp-population-change", "undesa-migrant-stock", "wb-population-2023");
			assertThat(this.job.datasets()).extracting(DatasetSpec::measure)
				.containsExactly(Measure.POPULATION, Measure.NET_MIGRATION, Measure.BIRTHS, Measure.DEATHS,
						Measure.POPULATION_CHANGE, Measure.MIGRANT_STOCK, Measure.POPULATION);
		}

		@Test
		void comparesTheOlderWorldBankVintageInsteadOfUsingIt() {
			assertThat(this.job.figures().revisions()).containsEntry("wb-population", "wb-population-2023");
			assertThat(this.job.figures().precedence()).containsEntry(Measure.POPULATION, List.of("wb-population"));
			assertThat(this.job.figures().sourceTolerance()).isEqualByComparingTo("0.005");
			assertThat(this.job.figures().balanceTolerance()).isEqualTo(600);
			assertThat(this.job.figures().groups()).containsEntry("central-asia",
					List.of("KAZ", "KGZ", "TJK", "TKM", "UZB"));
		}

		@Test
		void countsMembershipOnTheDaysAroundTheDecember2002CouncilAndChecksTwoOtherSources() {
			assertThat(this.job.membershipDates()).extracting(java.time.LocalDate::toString)
				.containsExactly("2002-12-01", "2002-12-02", "2002-12-03");
			assertThat(this.job.membershipChecks()).extracting((c) -> c.id() + ":" + c.isSnapshot())
				.containsExactly("cia-factbook-2020:true", "cow-igo-v3:false");
		}

		@Test
		void setsWhatIomPublishedOn2December2002BesideTheFilesCountsAndCountsOnThatDay() {
			assertThat(this.job.membershipTotals()).singleElement().satisfies((total) -> {
				assertThat(total.date()).isEqualTo(java.time.LocalDate.of(2002, 12, 2));
				assertThat(total.members()).isEqualTo(98);
				assertThat(total.observers()).isEqualTo(33);
				assertThat(total.source()).isEqualTo("IOM Council, 84th session, 2 December 2002");
				assertThat(total.line()).isGreaterThan(1);
			});
			assertThat(this.job.membershipCountDates()).extracting(java.time.LocalDate::toString)
				.containsExactly("2002-12-01", "2002-12-02", "2002-12-03");
		}

		@Test
		void readsTheWorldBankFileAsALongCommaSeparatedTable() {
			DatasetSpec population = this.job.dataset("wb-population");
			assertThat(population.layout()).isEqualTo(Layout.LONG);
			assertThat(population.delimiter()).as("detected from the file").isEqualTo((char) 0);
			assertThat(population.encoding()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(population.scale()).isEqualByComparingTo(BigDecimal.ONE);
			assertThat(population.columns().country()).containsExactly("Country Code", "Country Name");
			assertThat(population.columns().year()).containsExactly("Year");
			assertThat(population.columns().value()).containsExactly("Value");
			assertThat(population.vintage()).isEqualTo("World Bank SP.POP.TOTL, 2025 revision");
			assertThat(population.missing()).isEqualTo(JobSpecReader.DEFAULT_MISSING);
			assertThat(population.line()).isEqualTo(this.job.datasets().get(0).line());
			assertThat(population.line()).isGreaterThan(1);
		}

		@Test
		void readsTheWppFilesAsWideTabSeparatedTablesInThousands() {
			assertThat(this.job.datasets()).filteredOn((d) -> d.id().startsWith("wpp-")).hasSize(4).allSatisfy((d) -> {
				assertThat(d.layout()).isEqualTo(Layout.WIDE);
				assertThat(d.delimiter()).isEqualTo('\t');
				assertThat(d.scale()).isEqualByComparingTo(BigDecimal.valueOf(1000));
				assertThat(d.columns().country()).containsExactly("country_code", "country");
				assertThat(d.columns().year()).isEmpty();
				assertThat(d.vintage()).isEqualTo("UN World Population Prospects 2024");
			});
		}

		@Test
		void hasTwoPeriods() {
			assertThat(this.job.periods()).containsExactly(new PeriodSpec("since-independence", 1991, 2002),
					new PeriodSpec("2003-2023", 2003, 2023));
			assertThat(this.job.periods()).extracting(PeriodSpec::years).containsExactly(12, 21);
		}

	}

	@Nested
	class ValidJobs {

		@Test
		void describeADatasetTheSameWayInEveryProcess() {
			// measure columns in measure order and series codes sorted, whatever order
			// the
			// job file gives: the definition a restart compares is their text
			ColumnMapping columns = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of(),
					new java.util.LinkedHashMap<>(java.util.Map.of(Measure.NET_MIGRATION, List.of("Net"),
							Measure.EMIGRANTS, List.of("Out"), Measure.IMMIGRANTS, List.of("In"))));
			assertThat(columns.measures().keySet()).containsExactly(Measure.IMMIGRANTS, Measure.EMIGRANTS,
					Measure.NET_MIGRATION);
			java.util.Map<String, Measure> codes = new java.util.LinkedHashMap<>();
			codes.put("SP.POP.TOTL", Measure.POPULATION);
			codes.put("SM.POP.NETM", Measure.NET_MIGRATION);
			TableSpec table = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE,
					false, codes, TableSpec.OnError.FAIL, null);
			assertThat(table.series().keySet()).containsExactly("SM.POP.NETM", "SP.POP.TOTL");
		}

		@Test
		void takeDefaultsForWhatTheyDoNotSay() throws IOException {
			JobSpec job = JobSpecReader
				.read(write("small.yml", VALID.replace("limits:\n  max-reject-ratio: 0.05\n", "")));
			assertThat(job.schedule()).isEqualTo("0 30 2 * * *");
			assertThat(job.zone()).isEqualTo(ZoneId.of("UTC"));
			assertThat(job.output()).isEqualTo(Path.of("output"));
			assertThat(job.limits().maxRejectRatio()).isEqualTo(0.05);
		}

		@Test
		void acceptATabDelimiterSpelledOut() throws IOException {
			JobSpec job = JobSpecReader.read(write("tab.yml", VALID.replace("format: tsv", "delimiter: tab")));
			assertThat(job.datasets().get(0).delimiter()).isEqualTo('\t');
		}

		@Test
		void leaveTheDelimiterToBeDetectedWhenNeitherFormatNorDelimiterIsGiven() throws IOException {
			JobSpec job = JobSpecReader.read(write("guess.yml", VALID.replace("    format: tsv\n", "")));
			assertThat(job.datasets().get(0).delimiter()).isEqualTo((char) 0);
		}

		@Test
		void countMembershipOnTheDaysOfPublishedTotalsTooAndMayLeaveOutACountNotPublished() throws IOException {
			JobSpec job = JobSpecReader.read(write("totals.yml", VALID.replace("periods:", """
					membership-dates: [2002-12-03]
					membership-totals:
					  - { date: 2002-12-02, members: 98, observers: 33, source: "IOM Council, 84th session" }
					  - date: 1998-11-30
					    members: 67
					    source: IOM
					periods:""")));
			assertThat(job.membershipTotals())
				.extracting(MembershipTotal::date, MembershipTotal::members, MembershipTotal::observers,
						MembershipTotal::line)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.of(2002, 12, 2), 98, 33, 14),
						org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.of(1998, 11, 30), 67, null, 15));
			assertThat(job.membershipCountDates()).extracting(java.time.LocalDate::toString)
				.containsExactly("1998-11-30", "2002-12-02", "2002-12-03");
		}

		@Test
		void fingerprintTheBytesOfTheFile() throws IOException {
			JobSpec one = JobSpecReader.read(write("one.yml", VALID));
			JobSpec same = JobSpecReader.read(write("same.yml", VALID));
			JobSpec other = JobSpecReader.read(write("other.yml", VALID + "# a comment\n"));
			assertThat(one.fingerprint()).isEqualTo(same.fingerprint()).isNotEqualTo(other.fingerprint());
		}

	}

	@Nested
	class PublishedMembershipTotals {

		private static final java.time.LocalDate DAY = java.time.LocalDate.of(2002, 12, 2);

		@Test
		void areValidatedWhenMadeNotOnlyWhenRead() {
			assertThat(new MembershipTotal(DAY, 98, null, "IOM", 0).observers()).isNull();
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipTotal(DAY, -1, 33, "IOM", 0))
				.withMessageContaining("must not be negative");
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipTotal(DAY, null, null, "IOM", 0))
				.withMessageContaining("neither members nor observers");
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipTotal(DAY, 98, 33, " ", 0))
				.withMessageContaining("need their source");
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> new MembershipTotal(null, 98, 33, "IOM", 0))
				.withMessageContaining("need their date");
		}

	}

	@Nested
	class BrokenJobs {

		static Stream<Arguments> brokenJobs() {
			return Stream.of(arguments("unknown-key.yml", VALID.replace("format: tsv", "sep: tab"), 6,
					"unknown key 'sep' in a dataset, expected one of chunk-size, columns, decimal, delimiter, "
							+ "encoding, filters, format, header-group, header-row, header-rows, id, layout, "
							+ "max-field-length, max-line-length, max-reject-ratio, max-rejects, measure, missing, "
							+ "on-error, path, period-year, reference-date, scale, series, sheet, sheets, sum-records, sum-to-year, "
							+ "vintage"),
					arguments("unknown-top-key.yml", VALID.replace("membership:", "membershp:"), 2,
							"unknown key 'membershp' in the job, expected one of aliases, catch-up, datasets, figures, groups, "
									+ "ingest-threads, limits, membership, membership-checks, membership-dates, "
									+ "membership-totals, name, " + "output, periods, report, schedule, zone"),
					arguments("bad-layout.yml", VALID.replace("layout: wide", "layout: wdie"), 7,
							"layout must be wide or long, found 'wdie'"),
					arguments("no-measure.yml", VALID.replace("    measure: net-migration\n", ""), 4,
							"dataset 'wpp-net-migration' is wide: it needs 'measure' (one of population, "
									+ "population-change, immigrants, emigrants, net-migration, births, deaths, "
									+ "migrant-stock), or a series column saying each row's measure with 'series'"),
					arguments("bad-measure.yml", VALID.replace("measure: net-migration", "measure: net migrants"), 8,
							"unknown measure 'net migrants', expected one of population, population-change, immigrants, "
									+ "emigrants, net-migration, births, deaths, migrant-stock"),
					arguments("bad-scale.yml", VALID.replace("scale: thousands", "scale: 1e3"), 9,
							"scale must be persons, thousands or millions, found '1e3'"),
					arguments("reversed-period.yml", VALID.replace("from: 1991, to: 2002", "from: 2002, to: 1991"), 13,
							"period 'since-independence' ends (1991) before it starts (2002)"),
					arguments("bad-year.yml", VALID.replace("from: 1991", "from: 91"), 13,
							"'from' must be a year such as 1991, found '91'"),
					arguments("duplicate-id.yml", VALID.replace("periods:", """
							  - id: wpp-net-migration
							    path: input/wpp2024/births.txt
							    layout: wide
							    measure: births
							    columns: { country: country_code }
							periods:"""), 12, "dataset id 'wpp-net-migration' is used twice"),
					arguments("bad-ratio.yml", VALID.replace("max-reject-ratio: 0.05", "max-reject-ratio: 5%"), 15,
							"max-reject-ratio must be a number from 0 to 1 (0.05 is 5 %), found '5%'"),
					arguments("ratio-above-one.yml", VALID.replace("max-reject-ratio: 0.05", "max-reject-ratio: 5"), 15,
							"max-reject-ratio must be a number from 0 to 1 (0.05 is 5 %), found '5'"),
					arguments("not-yaml.yml", VALID.replace("layout: wide", "layout: wide: long"), 7,
							"not valid YAML: mapping values are not allowed here"),
					arguments("bad-name.yml", VALID.replace("name: nightly-migration", "name: Nightly Migration"), 1,
							"name must be lower-case letters, digits and hyphens, found 'Nightly Migration'"),
					arguments("no-datasets.yml", VALID.substring(0, VALID.indexOf("datasets:")), 1,
							"'datasets' is missing: a job needs at least one dataset"),
					arguments("wide-with-year.yml",
							VALID.replace("country: [country_code, country]",
									"country: [country_code, country]\n      year: Year"),
							11,
							"a wide dataset takes its years from the header: name only the 'country' column, "
									+ "and a 'series' column if a column says each row's measure"),
					arguments("measure-with-measure-columns.yml",
							VALID.replace("layout: wide", "layout: long")
								.replace("country: [country_code, country]",
										"country: [country_code, country]\n      year: Year\n"
												+ "      immigrants: Arrivals\n      emigrants: Departures"),
							8,
							"'measure: net-migration' goes with a 'value' column; measure columns (emigrants, "
									+ "immigrants) name their measures themselves: remove 'measure'"),
					arguments("bad-zone.yml", "zone: Mars/Olympus\n" + VALID, 1,
							"zone must be a time zone such as UTC or Europe/Geneva, found 'Mars/Olympus'"),
					arguments("totals-unknown-key.yml",
							withTotals("{ date: 2002-12-02, members: 98, observer: 33, source: IOM }"), 13,
							"unknown key 'observer' in membership totals, expected one of date, members, observers, "
									+ "source"),
					arguments("totals-bad-date.yml", withTotals("{ date: 2/12/2002, members: 98, source: IOM }"), 13,
							"'date' needs dates such as 2002-12-02, found '2/12/2002'"),
					arguments("totals-negative.yml", withTotals("{ date: 2002-12-02, members: -98, source: IOM }"), 13,
							"'members' must be a whole number of parties, 0 or more, found '-98'"),
					arguments("totals-fraction.yml",
							withTotals("{ date: 2002-12-02, members: 98, observers: 33.5, source: IOM }"), 13,
							"'observers' must be a whole number of parties, 0 or more, found '33.5'"),
					arguments("totals-no-source.yml", withTotals("{ date: 2002-12-02, members: 98 }"), 13,
							"'source' is missing"),
					arguments("totals-empty-source.yml", withTotals("{ date: 2002-12-02, members: 98, source: '' }"),
							13, "'source' is empty"),
					arguments("totals-no-count.yml", withTotals("{ date: 2002-12-02, source: IOM }"), 13,
							"the membership totals of 2002-12-02 need 'members', 'observers' or both: the totals the "
									+ "organisation published that day"),
					arguments("totals-twice.yml",
							withTotals("{ date: 2002-12-02, members: 98, source: IOM }\n"
									+ "  - { date: 2002-12-02, members: 97, source: IOM }"),
							14, "membership totals for 2002-12-02 are given twice"),
					arguments("totals-not-a-list.yml", VALID.replace("periods:", "membership-totals: 98\nperiods:"), 12,
							"'membership-totals' must be a list (items starting with '- ')"));
		}

		/**
		 * The valid job with a membership-totals list of the given items, from line 12.
		 */
		private static String withTotals(String items) {
			return VALID.replace("periods:", "membership-totals:\n  - " + items + "\nperiods:");
		}

		@ParameterizedTest(name = "{0}: line {2}")
		@MethodSource("brokenJobs")
		void sayFileLineAndWhatWasExpected(String name, String content, int line, String expected) throws IOException {
			Path file = write(name, content);
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.satisfies((ex) -> {
					assertThat(ex.getFile()).isEqualTo(file);
					assertThat(ex.getLine()).isEqualTo(line);
					assertThat(ex.getMessage()).startsWith(file + ", line " + line + ": ")
						.contains(name)
						.endsWith(expected);
				});
		}

		@Test
		void sayAnEmptyFileIsEmpty() throws IOException {
			Path file = write("empty.yml", "");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessage(file + ": the job file is empty")
				.satisfies((ex) -> assertThat(ex.getLine()).isZero());
		}

		@Test
		void sayAFileOfCommentsIsEmpty() throws IOException {
			Path file = write("comments.yml", "# nothing yet\n# to do\n");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessage(file + ": the job file is empty");
		}

		@Test
		void sayAMissingFileIsMissing() {
			Path file = JobSpecReaderTests.this.folder.resolve("absent.yml");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessage(file + ": job file not found")
				.satisfies((ex) -> assertThat(ex.getLine()).isZero());
		}

		@Test
		void sayAListIsNotAJob() throws IOException {
			Path file = write("list.yml", "- name: nightly-migration\n");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessage(file + ", line 1: the job must be a mapping of keys to values");
		}

		private Path write(String name, String content) throws IOException {
			return JobSpecReaderTests.this.write(name, content);
		}

	}

	/**
	 * The keys for publishers' files as they come: row filters on classifier columns, a
	 * column that says each row's measure in a wide table, and the length of a cell and a
	 * row.
	 */
	@Nested
	class PublishersLayouts {

		/** A UN flows table: Criteria, Coverage and Type columns beside one per year. */
		private static final String FLOWS = """
				name: un-flows
				membership: input/membership/iom.csv
				datasets:
				  - id: un-flows
				    path: input/un/flows.csv
				    layout: wide
				    series: { Immigrants: immigrants, Emigrants: emigrants }
				    filters: { Criteria: Residence, Coverage: "Both sexes" }
				    columns: { country: [Code, Country], series: Type }
				""";

		@Test
		void readFiltersAndAWideTablesMeasureColumn() throws IOException {
			DatasetSpec flows = JobSpecReader.read(write("flows.yml", FLOWS)).datasets().get(0);
			assertThat(flows.measure()).isNull();
			assertThat(flows.columns().series()).containsExactly("Type");
			assertThat(flows.table().series()).containsEntry("Immigrants", Measure.IMMIGRANTS)
				.containsEntry("Emigrants", Measure.EMIGRANTS);
			assertThat(flows.table().filters()).containsEntry("Criteria", List.of("Residence"))
				.containsEntry("Coverage", List.of("Both sexes"));
			assertThat(flows.table().lengths()).isEqualTo(LengthLimits.DEFAULT);
		}

		@Test
		void readAListOfValuesAFilterKeeps() throws IOException {
			DatasetSpec flows = JobSpecReader
				.read(write("flows.yml", FLOWS.replace("Criteria: Residence", "Criteria: [Residence, Birth]")))
				.datasets()
				.get(0);
			assertThat(flows.table().filters()).containsEntry("Criteria", List.of("Residence", "Birth"));
		}

		@Test
		void describeFiltersTheSameWayInEveryProcess() throws IOException {
			String one = JobSpecReader.read(write("one.yml", FLOWS)).datasets().get(0).readingDefinition();
			String other = JobSpecReader
				.read(write("other.yml",
						FLOWS.replace("{ Criteria: Residence, Coverage: \"Both sexes\" }",
								"{ Coverage: \"Both sexes\", Criteria: Residence }")))
				.datasets()
				.get(0)
				.readingDefinition();
			assertThat(other).isEqualTo(one).contains("filters={Coverage=[Both sexes], Criteria=[Residence]}");
		}

		@ParameterizedTest(name = "{0} {1}")
		@CsvSource(delimiter = '|',
				value = { "max-field-length: 2048 | 2048 | 1048576", "max-field-length: 2 MiB | 2097152 | 2097152",
						"max-line-length: 64 KiB | 65536 | 65536", "max-line-length: 4MiB | 262144 | 4194304" })
		void readTheLengthOfACellAndARow(String line, int field, int row) throws IOException {
			DatasetSpec flows = JobSpecReader.read(write("lengths.yml", FLOWS + "    " + line + "\n"))
				.datasets()
				.get(0);
			assertThat(flows.table().lengths()).isEqualTo(new LengthLimits(field, row));
		}

		@Test
		void compareARaisedRowLengthAsNoChangeOfWhatWasRead() throws IOException {
			String before = JobSpecReader.read(write("before.yml", FLOWS)).datasets().get(0).readingDefinition();
			String raised = JobSpecReader.read(write("raised.yml", FLOWS + "    max-line-length: 8 MiB\n"))
				.datasets()
				.get(0)
				.readingDefinition();
			String field = JobSpecReader.read(write("field.yml", FLOWS + "    max-field-length: 8 KiB\n"))
				.datasets()
				.get(0)
				.readingDefinition();
			assertThat(raised).isEqualTo(before);
			assertThat(field).isNotEqualTo(before);
		}

		static Stream<Arguments> brokenLayouts() {
			return Stream.of(
					arguments("empty-filters.yml",
							FLOWS.replace("{ Criteria: Residence, Coverage: \"Both sexes\" }", "{ }"), 8,
							"filters is empty: name a column and the value(s) of the rows to keep, such as "
									+ "{ Criteria: Residence }"),
					arguments("empty-filter-value.yml", FLOWS.replace("Criteria: Residence", "Criteria: \"\""), 8,
							"filter 'Criteria' must give the value, or a list of values, of the rows to keep, found an "
									+ "empty value"),
					arguments("no-filter-values.yml", FLOWS.replace("Criteria: Residence", "Criteria: []"), 8,
							"filter 'Criteria' must give the value, or a list of values, of the rows to keep, found "
									+ "none"),
					arguments("filter-mapping.yml", FLOWS.replace("Criteria: Residence", "Criteria: { a: b }"), 8,
							"'Criteria' must be a list (items starting with '- ')"),
					arguments("series-and-measure.yml",
							FLOWS.replace("    layout: wide\n", "    layout: wide\n    measure: immigrants\n"), 7,
							"'measure: immigrants' and a 'series' column exclude each other: the dataset's 'series' "
									+ "names the measure of each value of the series column"),
					arguments("series-without-column.yml", FLOWS.replace(", series: Type", ""), 4,
							"dataset 'un-flows' is wide: it needs 'measure' (one of population, population-change, "
									+ "immigrants, emigrants, net-migration, births, deaths, migrant-stock), or a "
									+ "series column saying each row's measure with 'series'"),
					arguments("bad-length.yml", FLOWS + "    max-line-length: 1 GB\n", 10,
							"max-line-length must be a number of characters from 1 to 256 MiB, such as 262144, "
									+ "256 KiB or 1 MiB, found '1 GB'"),
					arguments("length-too-large.yml", FLOWS + "    max-line-length: 512 MiB\n", 10,
							"max-line-length must be a number of characters from 1 to 256 MiB, such as 262144, "
									+ "256 KiB or 1 MiB, found '512 MiB'"),
					arguments("field-longer-than-row.yml",
							FLOWS + "    max-field-length: 2 MiB\n    max-line-length: 1 MiB\n", 10,
							"max-field-length 2097152 is more than max-line-length 1048576: a cell cannot be longer "
									+ "than its row"));
		}

		@ParameterizedTest(name = "{0}: line {2}")
		@MethodSource("brokenLayouts")
		void sayFileLineAndWhatWasExpected(String name, String content, int line, String expected) throws IOException {
			Path file = write(name, content);
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.satisfies((ex) -> {
					assertThat(ex.getLine()).isEqualTo(line);
					assertThat(ex.getMessage()).isEqualTo(file + ", line " + line + ": " + expected);
				});
		}

		private Path write(String name, String content) throws IOException {
			return JobSpecReaderTests.this.write(name, content);
		}

	}

	/**
	 * YAML that would take more memory than a job file may: aliases of aliases ("billion
	 * laughs"), recursive keys, deep nesting. Refused as any other invalid job file, with
	 * the file named.
	 */
	@Nested
	class HostileYaml {

		@Test
		void refuseABillionLaughs() throws IOException {
			StringBuilder yaml = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
			for (char c = 'b'; c <= 'j'; c++) {
				char before = (char) (c - 1);
				yaml.append(c)
					.append(": &")
					.append(c)
					.append(" [")
					.append(String.join(", ", java.util.Collections.nCopies(9, "*" + before)))
					.append("]\n");
			}
			Path file = JobSpecReaderTests.this.write("laughs.yml", yaml + "name: laughs\n");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.satisfies((ex) -> assertThat(ex.getFile()).isEqualTo(file))
				.withMessage(file + ": the YAML is refused: Number of aliases for non-scalar nodes exceeds the "
						+ "specified max=50");
		}

		@Test
		void refuseRecursiveKeys() throws IOException {
			Path file = JobSpecReaderTests.this.write("recursive.yml", "&a [*a]: 1\nname: recursive\n");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessage(file + ", line 1: 'a key' must be a single value, not a list or a mapping");
		}

		@Test
		void refuseNestingDeeperThanAJobFileNeeds() throws IOException {
			Path file = JobSpecReaderTests.this.write("deep.yml",
					"name: deep\nmembership: " + "[".repeat(100) + "]".repeat(100) + "\n");
			assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
				.withMessageStartingWith(file + ": the YAML is refused: ");
		}

	}

}
