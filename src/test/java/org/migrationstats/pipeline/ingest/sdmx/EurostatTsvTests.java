package org.migrationstats.pipeline.ingest.sdmx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Eurostat's bulk download TSV, as its description gives it: a first heading joining the
 * dimensions with commas and ending {@code geo\TIME_PERIOD}, one tab-separated column per
 * period with trailing spaces, values with their flags after a space, {@code :} for a
 * value not available and {@code : c} for a confidential one. The rows follow
 * {@code migr_imm1ctz} (immigration by citizenship), the figures are the tests' own.
 */
class EurostatTsvTests {

	private static final String IMMIGRATION = """
			freq,citizen,agedef,age,unit,sex,geo\\TIME_PERIOD\t2019 \t2020 \t2021 \t2022\s
			A,TOTAL,COMPLET,TOTAL,NR,T,AT\t150419 \t137820 \t139000 e\t209000 p
			A,TOTAL,COMPLET,TOTAL,NR,T,EL\t129459 \t84221 b\t: \t: c
			A,TOTAL,COMPLET,TOTAL,NR,T,UK\t680906 u\t: \t: \t:\s
			A,TOTAL,COMPLET,TOTAL,NR,T,XK\t31000 d\t25000 \t28000 \t30000\s
			A,TOTAL,COMPLET,TOTAL,NR,T,EU27_2020\t2708000 \t1922000 \t2258000 \t4200000 p
			A,TOTAL,COMPLET,TOTAL,NR,T,EFTA\t170000 \t150000 \t160000 \t190000\s
			A,TOTAL,COMPLET,TOTAL,NR,F,AT\t70000 \t65000 \t66000 e\t99000 p
			""";

	@TempDir
	Path folder;

	private static DatasetSpec immigration(Map<String, List<String>> filters, boolean sumToYear) {
		return AgencyFiles.dataset(TableSpec.Format.EUROSTAT_TSV, Layout.WIDE, Measure.IMMIGRANTS,
				new ColumnMapping(List.of("geo"), List.of(), List.of(), Map.of()), filters, Map.of(), sumToYear);
	}

	@Test
	void givesEachValueWithItsFlagsAndCountsMissingCellsByReason() {
		List<Object> rows = AgencyFiles.read(this.folder, IMMIGRATION, immigration(Map.of("sex", List.of("T")), false));
		assertThat(rows).hasSize(7);
		MappedRow.CountryRow austria = (MappedRow.CountryRow) rows.get(0);
		assertThat(austria.observations())
			.extracting(Observation::country, Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple("AUT", 2019, 150419L, ""), tuple("AUT", 2020, 137820L, ""),
					tuple("AUT", 2021, 139000L, "e"), tuple("AUT", 2022, 209000L, "p"));
		assertThat(austria.row()).isEqualTo(2);
		MappedRow.CountryRow greece = (MappedRow.CountryRow) rows.get(1);
		assertThat(greece.country().key()).isEqualTo("GRC");
		assertThat(greece.observations()).extracting(Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple(2019, 129459L, ""), tuple(2020, 84221L, "b"));
		assertThat(greece.missing()).containsExactly("not available", "confidential");
		MappedRow.CountryRow unitedKingdom = (MappedRow.CountryRow) rows.get(2);
		assertThat(unitedKingdom.country().key()).isEqualTo("GBR");
		assertThat(unitedKingdom.observations()).extracting(Observation::value, Observation::flags)
			.containsExactly(tuple(680906L, "u"));
		assertThat(unitedKingdom.missing()).containsExactly("not available", "not available", "not available");
		MappedRow.CountryRow kosovo = (MappedRow.CountryRow) rows.get(3);
		assertThat(kosovo.country().key()).isEqualTo("XKX");
		assertThat(kosovo.observations()).extracting(Observation::value, Observation::flags)
			.containsExactly(tuple(31000L, "d"), tuple(25000L, ""), tuple(28000L, ""), tuple(30000L, ""));
		assertThat(rows.get(4)).isInstanceOfSatisfying(MappedRow.AggregateRow.class, (aggregate) -> {
			assertThat(aggregate.aggregate().code()).isEqualTo("EU27_2020");
			assertThat(aggregate.raw()).isEqualTo("EU27_2020");
		});
		assertThat(rows.get(5)).isInstanceOfSatisfying(MappedRow.AggregateRow.class,
				(aggregate) -> assertThat(aggregate.aggregate().name()).isEqualTo("European Free Trade Association"));
		assertThat(rows.get(6)).isInstanceOfSatisfying(MappedRow.FilteredOutRow.class, (filtered) -> {
			assertThat(filtered.reason()).isEqualTo("filters keep sex: T");
			assertThat(filtered.raw()).isEqualTo("F");
		});
	}

	@Test
	void readsAGzipCompressedDownloadAsTheTextItHolds() throws IOException {
		Path compressed = this.folder.resolve("migr_imm1ctz.tsv.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
			out.write(IMMIGRATION.getBytes(StandardCharsets.UTF_8));
		}
		DatasetSpec dataset = immigration(Map.of("sex", List.of("T")), false);
		List<Object> fromGzip = AgencyFiles.read(compressed, dataset);
		List<Object> fromText = AgencyFiles.read(this.folder, IMMIGRATION, dataset);
		assertThat(fromGzip).hasSize(7).isEqualTo(fromText);
		assertThat(((MappedRow.CountryRow) fromGzip.get(0)).observations())
			.extracting(Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple(2019, 150419L, ""), tuple(2020, 137820L, ""), tuple(2021, 139000L, "e"),
					tuple(2022, 209000L, "p"));
	}

	@Test
	void refusesAFileNamedGzThatIsNotCompressed() throws IOException {
		Path plain = Files.writeString(this.folder.resolve("migr_imm1ctz.tsv.gz"), IMMIGRATION, StandardCharsets.UTF_8);
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> AgencyFiles.read(plain, immigration(Map.of(), false)))
			.withMessage("migr_imm1ctz.tsv.gz: named .gz but not gzip-compressed (Not in GZIP format)");
	}

	@Test
	void namesATruncatedGzipFile() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(bytes)) {
			out.write(IMMIGRATION.repeat(200).getBytes(StandardCharsets.UTF_8));
		}
		byte[] whole = bytes.toByteArray();
		Path truncated = Files.write(this.folder.resolve("migr_imm1ctz.tsv.gz"),
				Arrays.copyOf(whole, whole.length / 2));
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> AgencyFiles.read(truncated, immigration(Map.of(), false)))
			.withMessageStartingWith("migr_imm1ctz.tsv.gz")
			.withMessageContaining("Unexpected end of ZLIB input stream");
	}

	@Test
	void readsTheOlderHeadingGeoTimeWithYearsNewestFirst() {
		String older = """
				citizen,agedef,age,unit,sex,geo\\time\t2020 \t2019\s
				TOTAL,COMPLET,TOTAL,NR,T,DE\t1186702 \t886341 p
				""";
		List<Object> rows = AgencyFiles.read(this.folder, older, immigration(Map.of(), false));
		assertThat(((MappedRow.CountryRow) rows.get(0)).observations())
			.extracting(Observation::country, Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple("DEU", 2020, 1186702L, ""), tuple("DEU", 2019, 886341L, "p"));
	}

	@Test
	void givesQuartersWithTheirPlaceInTheYearWhenTheDatasetSumsThem() {
		String quarterly = """
				freq,unit,geo\\TIME_PERIOD\t2019-Q1 \t2019-Q2 \t2019-Q3 \t2019-Q4 \t2020-Q1\s
				Q,NR,AT\t100 \t200 p\t300 \t400 \t500\s
				""";
		List<Object> rows = AgencyFiles.read(this.folder, quarterly, immigration(Map.of(), true));
		assertThat(((MappedRow.CountryRow) rows.get(0)).observations())
			.extracting(Observation::year, Observation::part, Observation::parts, Observation::value,
					Observation::flags)
			.containsExactly(tuple(2019, 1, 4, 100L, ""), tuple(2019, 2, 4, 200L, "p"), tuple(2019, 3, 4, 300L, ""),
					tuple(2019, 4, 4, 400L, ""), tuple(2020, 1, 4, 500L, ""));
	}

	@Test
	void givesMonthsWithTheirPlaceInTheYear() {
		String monthly = """
				freq,unit,geo\\TIME_PERIOD\t2019M11 \t2019M12 \t2020M01\s
				M,NR,EL\t10 \t: \t30 e
				""";
		MappedRow.CountryRow greece = (MappedRow.CountryRow) AgencyFiles
			.read(this.folder, monthly, immigration(Map.of(), true))
			.get(0);
		assertThat(greece.observations())
			.extracting(Observation::year, Observation::part, Observation::parts, Observation::value,
					Observation::flags)
			.containsExactly(tuple(2019, 11, 12, 10L, ""), tuple(2020, 1, 12, 30L, "e"));
		assertThat(greece.missing()).containsExactly("not available");
	}

	@Test
	void refusesMonthsUnlessTheDatasetSumsThem() {
		String monthly = """
				freq,unit,geo\\TIME_PERIOD\t2019M01 \t2019M02\s
				M,NR,AT\t10 \t20\s
				""";
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> AgencyFiles.read(this.folder, monthly, immigration(Map.of(), false)))
			.withMessage("agency.txt: the header has columns of months or quarters such as \"2019M01\": "
					+ "set sum-to-year: true in the job file to sum them to years");
	}

	@Test
	void rejectsAValueWhoseFlagsAreNotLetters() {
		String text = """
				freq,unit,geo\\TIME_PERIOD\t2019 \t2020\s
				A,NR,AT\t100 \t200 p2
				""";
		MappedRow.CountryRow austria = (MappedRow.CountryRow) AgencyFiles
			.read(this.folder, text, immigration(Map.of(), false))
			.get(0);
		assertThat(austria.observations()).extracting(Observation::value).containsExactly(100L);
		assertThat(austria.rejections()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.column()).isEqualTo("2020");
			assertThat(rejection.rawValue()).isEqualTo("200 p2");
			assertThat(rejection.reason()).isEqualTo("\"200 p2\" is not a number");
		});
	}

	@Test
	void rejectsARowWhoseKeyHasAnotherNumberOfCodes() {
		String text = """
				freq,unit,geo\\TIME_PERIOD\t2019\s
				A,AT\t100\s
				""";
		Object row = AgencyFiles.read(this.folder, text, immigration(Map.of(), false)).get(0);
		assertThat(row).isInstanceOfSatisfying(RowRejectedException.class,
				(ex) -> assertThat(ex.getRejection().reason()).isEqualTo("the row has 3 cells where the header has 4"));
	}

	@Test
	void refusesAFileWithoutTheDimensionsHeading() {
		String text = "geo\t2019\nAT\t100\n";
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> AgencyFiles.read(this.folder, text, immigration(Map.of(), false)))
			.withMessage("agency.txt, row 1: not a Eurostat bulk download file: its first heading should name the "
					+ "dimensions and the time, such as freq,unit,geo\\TIME_PERIOD, found \"geo\"");
	}

}
