package org.migrationstats.pipeline.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job file's optional {@code report} block: the chart countries, with their default,
 * and the CSV formula guard.
 */
class ReportSettingsTest {

	private static final String JOB = """
			name: a-job
			membership: input/membership/iom.csv
			datasets:
			  - id: wpp-net-migration
			    path: input/wpp2024/migration.txt
			    layout: wide
			    measure: net-migration
			    columns: { country: [country_code, country] }
			""";

	@TempDir
	Path folder;

	@Test
	void namedChartCountriesAreKeptInTheirOrder() throws IOException {
		ReportSettings report = read(JOB + "report: { chart-countries: [UZB, KAZ, KGZ] }\n");
		assertThat(report.chartCountries()).containsExactly("UZB", "KAZ", "KGZ");
		assertThat(report.chartCountriesFrom()).isEqualTo("report: chart-countries");
		assertThat(report.neutraliseCsv()).isTrue();
	}

	@Test
	void withoutChartCountriesTheFirstGroupInTheFileIsCharted() throws IOException {
		ReportSettings report = read(JOB + """
				groups:
				  zeta: [ZWE, NGA]
				  alpha: [KAZ]
				""");
		assertThat(report.chartCountries()).containsExactly("ZWE", "NGA");
		assertThat(report.chartCountriesFrom()).isEqualTo("groups: zeta");
	}

	@Test
	void withNeitherTheReportChoosesTheCountries() throws IOException {
		ReportSettings report = read(JOB);
		assertThat(report.chartCountries()).isEmpty();
		assertThat(report).isEqualTo(ReportSettings.DEFAULTS);
	}

	@Test
	void theShippedJobChartsCentralAsia() {
		ReportSettings report = JobSpecReader.read(Path.of("jobs/nightly-migration.yml")).report();
		assertThat(report.chartCountries()).containsExactly("KAZ", "KGZ", "TJK", "TKM", "UZB");
		assertThat(report.neutraliseCsv()).isTrue();
	}

	@Test
	void theCsvFormulaGuardCanBeSwitchedOffForMachines() throws IOException {
		assertThat(read(JOB + "report: { csv-neutralise-formulas: false }\n").neutraliseCsv()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"report: { chart-countries: [KAZ, kgz] }|line 9: chart-countries must list country keys such as KAZ, found 'kgz'",
			"report: { chart-countries: [KAZ, KAZ] }|line 9: chart-countries must list from 1 to 12 different countries, found 2: KAZ, KAZ",
			"report: { chart-countries: [] }|line 9: chart-countries must list from 1 to 12 different countries, found 0",
			"report: { csv-neutralise-formulas: maybe }|line 9: csv-neutralise-formulas must be true or false, found 'maybe'",
			"report: { chart-country: [KAZ] }|line 9: unknown key 'chart-country' in report, expected one of chart-countries, csv-neutralise-formulas" })
	void aBrokenReportBlockSaysLineAndWhatWasExpected(String yaml, String message) throws IOException {
		Path file = Files.writeString(this.folder.resolve("job.yml"), JOB + yaml + "\n", StandardCharsets.UTF_8);
		assertThatExceptionOfType(SpecException.class).isThrownBy(() -> JobSpecReader.read(file))
			.withMessage(file + ", " + message);
	}

	@Test
	void aJobWithoutAReportBlockBuiltInCodeHasTheDefaults() {
		JobSpec spec = JobSpecReader.read(Path.of("jobs/nightly-migration.yml"));
		JobSpec copy = new JobSpec(spec.name(), spec.source(), spec.schedule(), spec.zone(), spec.membership(),
				spec.datasets(), spec.periods(), spec.output(), spec.limits(), spec.fingerprint(),
				spec.membershipDates(), spec.membershipChecks(), spec.aliases(), spec.figures());
		assertThat(copy.report()).isEqualTo(ReportSettings.DEFAULTS);
		assertThat(copy.datasets()).isEqualTo(spec.datasets());
	}

	private ReportSettings read(String yaml) throws IOException {
		return JobSpecReader.read(Files.writeString(this.folder.resolve("job.yml"), yaml, StandardCharsets.UTF_8))
			.report();
	}

}
