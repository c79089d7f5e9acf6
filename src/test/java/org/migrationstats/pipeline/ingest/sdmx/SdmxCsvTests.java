package org.migrationstats.pipeline.ingest.sdmx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * SDMX-CSV as its specification gives it: version 1.0 (first column {@code DATAFLOW}, as
 * Eurostat's API writes it, with lower-case dimension identifiers, {@code OBS_FLAG} and
 * {@code CONF_STATUS}) and version 2.0 ({@code STRUCTURE}, {@code STRUCTURE_ID},
 * {@code ACTION}, SDMX's {@code OBS_STATUS} codes and {@code UNIT_MULT}, as the OECD's
 * International Migration Database is served), with and without labels. The figures are
 * the tests' own.
 */
class SdmxCsvTests {

	private static final ColumnMapping COLUMNS = new ColumnMapping(List.of("REF_AREA", "geo"), List.of("TIME_PERIOD"),
			List.of("OBS_VALUE"), Map.of());

	@TempDir
	Path folder;

	private static DatasetSpec sdmx(Map<String, List<String>> filters, boolean sumToYear) {
		return AgencyFiles.dataset(TableSpec.Format.SDMX_CSV, Layout.LONG, Measure.IMMIGRANTS, COLUMNS, filters,
				Map.of(), sumToYear);
	}

	private static List<Observation> observations(List<Object> rows) {
		return rows.stream()
			.filter(MappedRow.CountryRow.class::isInstance)
			.flatMap((r) -> ((MappedRow.CountryRow) r).observations().stream())
			.toList();
	}

	private static List<String> missing(List<Object> rows) {
		return rows.stream()
			.filter(MappedRow.CountryRow.class::isInstance)
			.flatMap((r) -> ((MappedRow.CountryRow) r).missing().stream())
			.toList();
	}

	@Test
	void version1GivesEachValueWithItsFlag() {
		String eurostat = """
				DATAFLOW,LAST UPDATE,freq,citizen,agedef,age,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,AT,2021,139000,e,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,AT,2022,209000,p,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,EL,2021,,,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,EL,2022,,c,C
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,UK,2019,680906,u,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,XK,2019,31000,d,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,DE,2019,886341,b,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,T,EA20,2019,2100000,,
				ESTAT:MIGR_IMM1CTZ(1.0),12/03/24 23:00:00,A,TOTAL,COMPLET,TOTAL,NR,F,AT,2021,66000,e,
				""";
		List<Object> rows = AgencyFiles.read(this.folder, eurostat, sdmx(Map.of("sex", List.of("T")), false));
		assertThat(observations(rows))
			.extracting(Observation::country, Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple("AUT", 2021, 139000L, "e"), tuple("AUT", 2022, 209000L, "p"),
					tuple("GBR", 2019, 680906L, "u"), tuple("XKX", 2019, 31000L, "d"),
					tuple("DEU", 2019, 886341L, "b"));
		assertThat(missing(rows)).containsExactly("not available", "confidential");
		assertThat(rows.get(7)).isInstanceOfSatisfying(MappedRow.AggregateRow.class,
				(aggregate) -> assertThat(aggregate.aggregate().code()).isEqualTo("EA20"));
		assertThat(rows.get(8)).isInstanceOfSatisfying(MappedRow.FilteredOutRow.class,
				(filtered) -> assertThat(filtered.raw()).isEqualTo("F"));
	}

	private static final String OECD = """
			STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,SEX,CITIZENSHIP,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,CONF_STATUS
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,AUT,A,B11,_T,_T,2019,40.4,A,3,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,AUT,A,B11,_T,_T,2020,35.1,P,3,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,AUT,A,B11,_T,_T,2021,44.25,E,3,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,DEU,A,B11,_T,_T,2019,,M,3,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,DEU,A,B11,_T,_T,2020,NaN,,3,C
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),R,DEU,A,B11,_T,_T,2021,1140000,B,0,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),D,DEU,A,B11,_T,_T,2018,1,A,0,F
			dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,GRC,A,B12,_T,_T,2019,34.0,A,3,F
			""";

	@Test
	void version2ScalesByUnitMultAndLeavesDeletedObservationsOut() {
		List<Object> rows = AgencyFiles.read(this.folder, OECD, sdmx(Map.of("MEASURE", List.of("B11")), false));
		assertThat(observations(rows))
			.extracting(Observation::country, Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple("AUT", 2019, 40400L, ""), tuple("AUT", 2020, 35100L, "p"),
					tuple("AUT", 2021, 44250L, "e"), tuple("DEU", 2021, 1140000L, "b"));
		assertThat(missing(rows)).containsExactly("not available", "confidential");
		assertThat(rows.get(6)).isInstanceOfSatisfying(MappedRow.FilteredOutRow.class, (filtered) -> {
			assertThat(filtered.reason()).isEqualTo("filters keep ACTION: I, A, R");
			assertThat(filtered.raw()).isEqualTo("D");
		});
		assertThat(rows.get(7)).isInstanceOfSatisfying(MappedRow.FilteredOutRow.class,
				(filtered) -> assertThat(filtered.reason()).isEqualTo("filters keep MEASURE: B11"));
	}

	@Test
	void version2WithLabelsReadsAsWithout() {
		String labelled = """
				STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,FREQ: Frequency of observation,MEASURE: Measure,TIME_PERIOD: Time period,OBS_VALUE: Observation value,OBS_STATUS: Observation status,UNIT_MULT: Unit multiplier
				dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,AUT: Austria,A: Annual,B11: Inflows of foreign population,2020,35.1,P: Provisional value,3: Thousands
				dataflow,OECD.ELS.IMD:DSD_MIG@DF_MIG(1.0),I,GRC: Greece,A: Annual,B12: Outflows of foreign population,2020,30.2,A: Normal value,3: Thousands
				""";
		List<Object> rows = AgencyFiles.read(this.folder, labelled, sdmx(Map.of("MEASURE", List.of("B11")), false));
		assertThat(observations(rows))
			.extracting(Observation::country, Observation::year, Observation::value, Observation::flags)
			.containsExactly(tuple("AUT", 2020, 35100L, "p"));
		assertThat(rows.get(1)).isInstanceOfSatisfying(MappedRow.FilteredOutRow.class,
				(filtered) -> assertThat(filtered.raw()).isEqualTo("B12"));
	}

	@Test
	void givesMonthsAndQuartersWithTheirPlaceInTheYearWhenTheDatasetSumsThem() {
		String monthly = """
				DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS
				ESTAT:MIGR_MONTHLY(1.0),M,AT,2019-01,1000,A
				ESTAT:MIGR_MONTHLY(1.0),M,AT,2019-02,1100,P
				ESTAT:MIGR_MONTHLY(1.0),Q,AT,2019-Q1,3300,A
				ESTAT:MIGR_MONTHLY(1.0),Q,AT,2019Q2,3400,E
				""";
		List<Object> rows = AgencyFiles.read(this.folder, monthly, sdmx(Map.of(), true));
		assertThat(observations(rows))
			.extracting(Observation::year, Observation::part, Observation::parts, Observation::value,
					Observation::flags)
			.containsExactly(tuple(2019, 1, 12, 1000L, ""), tuple(2019, 2, 12, 1100L, "p"),
					tuple(2019, 1, 4, 3300L, ""), tuple(2019, 2, 4, 3400L, "e"));
	}

	@Test
	void rejectsAMonthUnlessTheDatasetSumsMonths() {
		String monthly = """
				DATAFLOW,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE
				ESTAT:MIGR_MONTHLY(1.0),M,AT,2019-01,1000
				""";
		Object row = AgencyFiles.read(this.folder, monthly, sdmx(Map.of(), false)).get(0);
		assertThat(row).isInstanceOfSatisfying(RowRejectedException.class, (ex) -> {
			assertThat(ex.getRejection().column()).isEqualTo("TIME_PERIOD");
			assertThat(ex.getRejection().reason())
				.isEqualTo("\"2019-01\" is a month, not a year: set sum-to-year: true in the job file to sum months "
						+ "to years");
		});
	}

	@Test
	void rejectsARowWithAnUnreadableUnitMultiplier() {
		String text = """
				DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MULT
				X:Y(1.0),AT,2019,40.4,thousands
				""";
		Object row = AgencyFiles.read(this.folder, text, sdmx(Map.of(), false)).get(0);
		assertThat(row).isInstanceOfSatisfying(RowRejectedException.class, (ex) -> {
			assertThat(ex.getRejection().column()).isEqualTo("UNIT_MULT");
			assertThat(ex.getRejection().reason())
				.isEqualTo("\"thousands\" is not a unit multiplier (a power of ten from 0 to 9: 3 for thousands)");
		});
	}

	@Test
	void refusesAFileThatIsNotSdmxCsv() {
		String text = "REF_AREA,TIME_PERIOD,OBS_VALUE\nAT,2019,1\n";
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> AgencyFiles.read(this.folder, text, sdmx(Map.of(), false)))
			.withMessage("agency.txt, row 1: not an SDMX-CSV file: its first column should be DATAFLOW (SDMX-CSV 1.0) "
					+ "or STRUCTURE (SDMX-CSV 2.0), found \"REF_AREA\"");
	}

}
