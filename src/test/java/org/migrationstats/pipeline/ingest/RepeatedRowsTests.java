package org.migrationstats.pipeline.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link RepeatedRows}: a UN flows table read with one measure named and
 * nothing to tell its rows apart gives each country's net migration several times.
 */
class RepeatedRowsTests {

	private static final Header HEADER = Header.of(3,
			List.of("Country", "Code", "Criteria", "Coverage", "Type", "1995", "2000", "2005", "2010", "2015"));

	private static RowMapper mapper(Map<String, List<String>> filters) {
		TableSpec table = new TableSpec(TableSpec.Format.AUTO, List.of(), 0, 1, "", TableSpec.PeriodYear.NONE, false,
				Map.of(), filters, TableSpec.OnError.FAIL, null, 0, null);
		DatasetSpec dataset = new DatasetSpec("un-flows", "flows.csv", ',', StandardCharsets.UTF_8, Layout.WIDE,
				Measure.NET_MIGRATION, new ColumnMapping(List.of("Code"), List.of(), List.of(), Map.of()),
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", false, table);
		return new RowMapper(dataset, "flows.csv", "", HEADER, CountryReference.shipped());
	}

	private static void check(RepeatedRows repeats, RowMapper mapper, long row, String... cells) {
		SourceRow source = new SourceRow(row, List.of(cells));
		repeats.check(source, mapper.map(source));
	}

	@Test
	void refuseTwoRowsOfOneCountrysMeasureNamingTheColumnsTheyDifferIn() {
		RowMapper mapper = mapper(Map.of());
		RepeatedRows repeats = new RepeatedRows("flows.csv", HEADER, mapper.valueColumns());
		check(repeats, mapper, 12, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Net", "-1", "-2", "-3", "-4", "-5");
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> check(repeats, mapper, 13, "Kazakhstan", "KAZ", "Citizenship", "Male", "Net", "-6", "-7",
					"-8", "-9", "-10"))
			.withMessage("flows.csv, rows 12 and 13 both give Kazakhstan's net migration for 1995, 2000, 2005, 2010 "
					+ "and 1 more year; they differ in columns \"Criteria\", \"Coverage\": add filters (the value of "
					+ "each column to keep) or a measure column ('series') to the dataset in the job file, so that "
					+ "one row is taken");
	}

	@Test
	void sayWhenTwoRowsDifferInNothingButTheirValues() {
		RowMapper mapper = mapper(Map.of());
		RepeatedRows repeats = new RepeatedRows("flows.csv", HEADER, mapper.valueColumns());
		check(repeats, mapper, 12, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Net", "-1", "", "", "", "");
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> check(repeats, mapper, 20, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Net", "-1",
					"", "", "", ""))
			.withMessageEndingWith("rows 12 and 20 both give Kazakhstan's net migration for 1995; they differ in "
					+ "no column but the values: remove the repeated row, or add up rows with 'sum-records: true'");
	}

	@Test
	void letRowsThroughThatFiltersTellApart() {
		RowMapper mapper = mapper(Map.of("Criteria", List.of("Residence"), "Coverage", List.of("Both sexes")));
		RepeatedRows repeats = new RepeatedRows("flows.csv", HEADER, mapper.valueColumns());
		assertThatNoException().isThrownBy(() -> {
			check(repeats, mapper, 12, "Kazakhstan", "KAZ", "Residence", "Both sexes", "Net", "-1", "-2", "-3", "-4",
					"-5");
			check(repeats, mapper, 13, "Kazakhstan", "KAZ", "Citizenship", "Both sexes", "Net", "-6", "-7", "-8", "-9",
					"-10");
			check(repeats, mapper, 14, "Kazakhstan", "KAZ", "Residence", "Male", "Net", "-6", "-7", "-8", "-9", "-10");
			check(repeats, mapper, 15, "Kyrgyzstan", "KGZ", "Residence", "Both sexes", "Net", "-6", "-7", "-8", "-9",
					"-10");
		});
	}

	@Test
	void letATableSplitOverRowsByYearsThrough() {
		RowMapper mapper = mapper(Map.of());
		RepeatedRows repeats = new RepeatedRows("flows.csv", HEADER, mapper.valueColumns());
		check(repeats, mapper, 12, "Kazakhstan", "KAZ", "", "", "", "-1", "-2", "", "", "");
		check(repeats, mapper, 13, "Kazakhstan", "KAZ", "", "", "", "", "", "-3", "-4", "-5");
		assertThatExceptionOfType(SourceFormatException.class)
			.isThrownBy(() -> check(repeats, mapper, 14, "Kazakhstan", "KAZ", "", "", "", "", "", "", "", "-5"))
			.withMessageContaining("rows 13 and 14 both give Kazakhstan's net migration for 2015;");
	}

}
