package org.migrationstats.pipeline.report;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV files for machines: UTF-8, a header row, ISO dates, {@code .} as decimal point,
 * numbers as numbers, and text a spreadsheet could evaluate neutralised unless switched
 * off.
 */
class CsvTableSinkTest {

	private static final List<Column> COLUMNS = List.of(Column.text("Country"), Column.count("Net migration"),
			Column.rate("Rate"), Column.date("Date"));

	@TempDir
	Path folder;

	@Test
	void writesUtf8WithAHeaderIsoDatesAndAPointAsDecimalSeparator() throws IOException {
		String csv = write(true,
				Arrays.asList("Türkiye", -1_674_258L, new BigDecimal("-1.250"), LocalDate.of(2002, 12, 2)),
				Arrays.asList("Côte d'Ivoire, \"CIV\"", 1_000_000L, null, null));
		assertThat(csv).isEqualTo("""
				Country,Net migration,Rate,Date
				Türkiye,-1674258,-1.250,2002-12-02
				"Côte d'Ivoire, ""CIV\"\"\",1000000,,
				""");
	}

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn",
			"\nNewline" })
	void neutralisesTextThatASpreadsheetWouldEvaluate(String text) throws IOException {
		CSVRecord record = parse(write(true, Arrays.asList(text, -5L, null, null))).get(0);
		assertThat(record.get(0)).isEqualTo("'" + text);
		assertThat(record.get(1)).as("a number stays a number").isEqualTo("-5");
	}

	@Test
	void leavesNegativeNumbersAndOrdinaryTextAlone() throws IOException {
		String csv = write(true, Arrays.asList("Kazakhstan", -3_067_947L, new BigDecimal("-15.525"), null));
		assertThat(csv).endsWith("\nKazakhstan,-3067947,-15.525,\n");
	}

	@Test
	void leavesEveryMissingFigureEmptyWhateverTheWorkbookShows() throws IOException {
		String csv = write(true,
				Arrays.asList("Nowhere", Missing.NOT_AVAILABLE, Missing.NOT_APPLICABLE, Missing.CHART_GAP));
		assertThat(csv).endsWith("\nNowhere,,,\n");
	}

	@Test
	void writesTextExactlyAsReadWhenSwitchedOffForMachines() throws IOException {
		String csv = write(false, Arrays.asList("+1+1", null, null, null), Arrays.asList("@x", null, null, null));
		assertThat(csv).endsWith("\n+1+1,,,\n@x,,,\n");
	}

	private static List<CSVRecord> parse(String csv) throws IOException {
		return CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
	}

	private String write(boolean neutralise, List<?>... rows) throws IOException {
		CsvTableSink sink = new CsvTableSink(this.folder, neutralise);
		sink.begin(new TableSink.TableInfo("Sheet", "table", "A table"), COLUMNS);
		for (List<?> row : rows) {
			sink.row(row);
		}
		sink.end();
		return Files.readString(this.folder.resolve("table.csv"), StandardCharsets.UTF_8);
	}

}
