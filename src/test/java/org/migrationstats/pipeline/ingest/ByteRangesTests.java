package org.migrationstats.pipeline.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationstats.pipeline.spec.ColumnMapping;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.Measure;
import org.migrationstats.pipeline.spec.TableSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file read in byte ranges gives exactly the rows, row numbers and cells of the whole
 * file read in one go, however quotes, line breaks inside quotes, CR LF pairs, blank rows
 * and notes fall around the split points.
 */
class ByteRangesTests {

	private static final ColumnMapping COLUMNS = new ColumnMapping(List.of("ISO3"), List.of("Year"), List.of("Value"),
			Map.of());

	@TempDir
	Path folder;

	private static DatasetSpec dataset(Path file, Charset encoding) {
		return new DatasetSpec("flows", file.toString(), (char) 0, encoding, Layout.LONG, Measure.IMMIGRANTS, COLUMNS,
				BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1, "", true, TableSpec.DEFAULT);
	}

	/** Every row of the whole file, as row number and cells. */
	private static List<String> whole(Path file, DatasetSpec dataset) {
		List<String> rows = new ArrayList<>();
		try (TableReader table = new TableReader(
				new DelimitedRowSource(file, "f", (char) 0, dataset.encoding(), 1 << 20), "f", 0, 1, List.of("ISO3"))) {
			SourceRow row;
			while ((row = table.next()) != null) {
				rows.add(row.row() + " " + row.values());
			}
		}
		return rows;
	}

	/** Every row of the ranges, each read on its own, in file order. */
	private static List<String> ranged(Path file, DatasetSpec dataset, List<ByteRange> ranges) {
		List<String> rows = new ArrayList<>();
		Header header;
		try (TableReader table = new TableReader(
				new DelimitedRowSource(file, "f", (char) 0, dataset.encoding(), 1 << 20), "f", 0, 1, List.of("ISO3"))) {
			header = table.header();
		}
		for (ByteRange range : ranges) {
			DelimitedRowSource source = DelimitedRowSource.range(file, "f", range, dataset.encoding(), 1 << 20);
			try (TableReader table = range.first() ? new TableReader(source, "f", 0, 1, List.of("ISO3"))
					: TableReader.continuing(source, "f", header)) {
				SourceRow row;
				while ((row = table.next()) != null) {
					rows.add(row.row() + " " + row.values());
				}
			}
		}
		return rows;
	}

	@Nested
	class Splits {

		@Test
		void quotedLineBreaksNearEverySplitPointGiveTheSameRowsAndRowNumbers() throws IOException {
			// every row holds a quoted field with line breaks, delimiters and quotes, so
			// that wherever a split target falls it is inside or next to one
			StringBuilder text = new StringBuilder("\uFEFFOffice,ISO3,Year,Value\r\n");
			for (int i = 0; i < 2000; i++) {
				text.append("\"office ")
					.append(i)
					.append("\nsecond line, \"\"quoted\"\"\r\nthird\",KAZ,")
					.append(2000 + i % 20)
					.append(',')
					.append(i)
					.append((i % 3 == 0) ? "\r\n" : "\n");
			}
			Path file = write(text.toString(), StandardCharsets.UTF_8);
			DatasetSpec dataset = dataset(file, StandardCharsets.UTF_8);
			List<String> expected = whole(file, dataset);
			assertThat(expected).hasSize(2000);
			assertThat(expected.get(1)).startsWith("5 [office 1\nsecond line, \"quoted\"\r\nthird, KAZ, 2001, 1]");
			for (int count : new int[] { 2, 3, 7, 64 }) {
				List<ByteRange> ranges = ByteRanges.split(file, "f", dataset, count);
				assertThat(ranges).hasSize(count);
				assertThat(ranged(file, dataset, ranges)).isEqualTo(expected);
			}
		}

		@Test
		void aSplitTargetInsideALongQuotedFieldMovesPastIt() throws IOException {
			// one quoted field of 40,000 characters full of line breaks that look like
			// rows
			StringBuilder field = new StringBuilder();
			for (int i = 0; i < 4000; i++) {
				field.append("KAZ,2001,5\n");
			}
			String text = "Office,ISO3,Year,Value\na,KGZ,2000,1\n\"" + field + "\",KAZ,2002,2\nb,UZB,2003,3\n";
			Path file = write(text, StandardCharsets.UTF_8);
			DatasetSpec dataset = dataset(file, StandardCharsets.UTF_8);
			List<ByteRange> ranges = ByteRanges.split(file, "f", dataset, 2);
			assertThat(ranges).hasSize(2);
			// the range after the quoted field: its record starts on line 4,004
			assertThat(ranges.get(1).start()).isEqualTo(text.indexOf("b,UZB"));
			assertThat(ranges.get(1).lines()).isEqualTo(4003);
			assertThat(ranged(file, dataset, ranges)).isEqualTo(whole(file, dataset))
				.containsExactly("2 [a, KGZ, 2000, 1]", "3 [" + field + ", KAZ, 2002, 2]", "4004 [b, UZB, 2003, 3]");
		}

		@Test
		void noRangeStartsAfterABlankRowOrANote() throws IOException {
			String text = "Office,ISO3,Year,Value\na,KGZ,2000,1\n,,,\nSource: somewhere,x,y,z\nb,UZB,2003,3\nc,KAZ,2004,4\n";
			Path file = write(text, StandardCharsets.UTF_8);
			DatasetSpec dataset = dataset(file, StandardCharsets.UTF_8);
			for (int count = 2; count < 12; count++) {
				List<ByteRange> ranges = ByteRanges.split(file, "f", dataset, count);
				for (ByteRange range : ranges) {
					assertThat(range.start()).isNotIn((long) text.indexOf("Source"), (long) text.indexOf("b,UZB"));
				}
				assertThat(ranged(file, dataset,
						ranges.isEmpty() ? List.of(new ByteRange(0, 1, 0, text.length(), 0, 0, ',')) : ranges))
					.isEqualTo(whole(file, dataset));
			}
		}

		@ParameterizedTest
		@ValueSource(strings = { "UTF-8", "windows-1252" })
		void randomFilesReadInRangesGiveTheWholeFilesRows(String encoding) throws IOException {
			Charset charset = Charset.forName(encoding);
			Random random = new Random(7);
			String[] cells = { "KAZ", "\"Kazakhstan\"", "\"a,b\"", "\"line\nbreak\"", "\"cr\r\nlf\"", "\"\"\"q\"\"\"",
					"Côte d'Ivoire", "", "12", "\"\"", "x\"y" };
			for (int file = 0; file < 20; file++) {
				StringBuilder text = new StringBuilder("Office;ISO3;Year;Value\n");
				for (int row = 0; row < 300; row++) {
					for (int c = 0; c < 4; c++) {
						if (c > 0) {
							text.append(';');
						}
						text.append(cells[random.nextInt(cells.length)]);
					}
					text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
					if (random.nextInt(30) == 0) {
						text.append("\n");
					}
				}
				Path path = write(text.toString(), charset);
				DatasetSpec dataset = dataset(path, charset);
				List<String> expected = whole(path, dataset);
				for (int count : new int[] { 2, 5, 17 }) {
					List<ByteRange> ranges = ByteRanges.split(path, "f", dataset, count);
					assertThat(ranges).hasSizeGreaterThan(1);
					assertThat(ranged(path, dataset, ranges)).isEqualTo(expected);
				}
			}
		}

	}

	@Nested
	class NotSplit {

		@Test
		void aFileInUtf16IsReadWhole() {
			assertThat(ByteRanges.asciiCompatible(StandardCharsets.UTF_16)).isFalse();
			assertThat(ByteRanges.asciiCompatible(Charset.forName("windows-1252"))).isTrue();
			assertThat(ByteRanges.asciiCompatible(StandardCharsets.UTF_8)).isTrue();
		}

		@Test
		void aWideTableOrAGzipFileIsReadWhole() {
			Path csv = Path.of("flows.csv");
			DatasetSpec wide = new DatasetSpec("wpp", "wpp.csv", ',', StandardCharsets.UTF_8, Layout.WIDE,
					Measure.POPULATION, new ColumnMapping(List.of("ISO3"), List.of(), List.of(), Map.of()),
					BigDecimal.ONE, JobSpecReader.DEFAULT_MISSING, "", 1);
			assertThat(ByteRanges.splittable(wide, csv)).isFalse();
			assertThat(ByteRanges.splittable(dataset(csv, StandardCharsets.UTF_8), Path.of("flows.csv.gz"))).isFalse();
			assertThat(ByteRanges.splittable(dataset(csv, StandardCharsets.UTF_8), csv)).isTrue();
		}

	}

	private Path write(String text, Charset charset) throws IOException {
		Path file = Files.createTempFile(this.folder, "flows", ".csv");
		Files.writeString(file, text, charset);
		return file;
	}

}
