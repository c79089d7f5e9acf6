package org.migrationstats.pipeline.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the job-file keys of statistical agencies' formats: {@code format: sdmx-csv}
 * and {@code format: eurostat-tsv} need no layout and no columns beyond what differs from
 * the format's names, and {@code sum-to-year}.
 */
class AgencyFormatJobTests {

	@TempDir
	Path folder;

	private JobSpec read(String datasets) throws IOException {
		Path file = Files.writeString(this.folder.resolve("agency.yml"), """
				name: agency
				membership: input/membership/iom.csv
				datasets:
				""" + datasets, StandardCharsets.UTF_8);
		return JobSpecReader.read(file);
	}

	@Test
	void sdmxCsvIsALongTableOfRefAreaTimePeriodAndObsValue() throws IOException {
		DatasetSpec dataset = read("""
				  - id: oecd-imd
				    path: input/oecd/imd.csv
				    format: sdmx-csv
				    measure: immigrants
				    filters: { MEASURE: B11, CITIZENSHIP: _T }
				""").datasets().get(0);
		assertThat(dataset.layout()).isEqualTo(Layout.LONG);
		assertThat(dataset.table().format()).isEqualTo(TableSpec.Format.SDMX_CSV);
		assertThat(dataset.columns().country()).containsExactly("REF_AREA", "geo");
		assertThat(dataset.columns().year()).containsExactly("TIME_PERIOD");
		assertThat(dataset.columns().value()).containsExactly("OBS_VALUE");
		assertThat(dataset.table().filters()).containsExactly(Map.entry("CITIZENSHIP", List.of("_T")),
				Map.entry("MEASURE", List.of("B11")));
		assertThat(dataset.table().sumToYear()).isFalse();
	}

	@Test
	void sdmxCsvTakesItsMeasureFromADimension() throws IOException {
		DatasetSpec dataset = read("""
				  - id: oecd-imd
				    path: input/oecd/imd.csv
				    format: sdmx-csv
				    series: { B11: immigrants, B12: emigrants }
				    columns: { series: MEASURE }
				    sum-to-year: true
				""").datasets().get(0);
		assertThat(dataset.columns().series()).containsExactly("MEASURE");
		assertThat(dataset.columns().value()).containsExactly("OBS_VALUE");
		assertThat(dataset.table().series()).containsEntry("B11", Measure.IMMIGRANTS)
			.containsEntry("B12", Measure.EMIGRANTS);
		assertThat(dataset.table().sumToYear()).isTrue();
	}

	@Test
	void eurostatTsvIsAWideTableOfGeo() throws IOException {
		DatasetSpec dataset = read("""
				  - id: estat-immigration
				    path: input/eurostat/migr_imm1ctz.tsv
				    format: eurostat-tsv
				    measure: immigrants
				    filters: { citizen: TOTAL, age: TOTAL, sex: T }
				""").datasets().get(0);
		assertThat(dataset.layout()).isEqualTo(Layout.WIDE);
		assertThat(dataset.table().format()).isEqualTo(TableSpec.Format.EUROSTAT_TSV);
		assertThat(dataset.columns().country()).containsExactly("geo");
	}

	@Test
	void anOtherFormatStillNeedsItsColumns() {
		assertThatExceptionOfType(SpecException.class).isThrownBy(() -> read("""
				  - id: plain
				    path: input/plain.csv
				    format: csv
				    layout: long
				    measure: immigrants
				""")).withMessageContaining("'columns' is missing: at least the country column must be named");
	}

	@Test
	void namesTheAgencyFormatsWhenTheFormatIsUnknown() {
		assertThatExceptionOfType(SpecException.class).isThrownBy(() -> read("""
				  - id: plain
				    path: input/plain.csv
				    format: sdmx-ml
				    measure: immigrants
				"""))
			.withMessageContaining(
					"format must be auto, csv, tsv, text, xlsx, xls, sdmx-csv or eurostat-tsv, found 'sdmx-ml'");
	}

}
