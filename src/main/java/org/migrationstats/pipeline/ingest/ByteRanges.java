package org.migrationstats.pipeline.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.TableSpec;

/**
 * Splits one large delimited text file into byte ranges that can be read at once, each as
 * its own table, giving together exactly the rows, row numbers and cells of the whole
 * file read in one go.
 * <p>
 * Each range after the first starts where a record provably starts
 * ({@link RecordBoundaries}: the file's bytes are scanned from the first, tracking quotes
 * as the parser does), on a line below the header, and right after a record that the
 * table reader takes as a data row whatever came before it (not blank, not a note below
 * the data): so a range begins in the state the whole file's reader is in at that point,
 * with data seen and no blank row just before. A candidate that fails this moves to the
 * next record start.
 * <p>
 * Only files that can be read this way are split: delimited text (not a workbook, not
 * gzip-compressed, which cannot be entered in the middle), in UTF-8 or a one-byte
 * encoding that writes ASCII as ASCII, a long table (one row per country and year, or a
 * record-level file), read as one table that fails the night if it cannot be read
 * ({@code on-error: fail}). Anything else, and a file whose header cannot be found, is
 * read whole, as before.
 */
public final class ByteRanges {

	/** The longest record looked at to decide whether a range may start after it. */
	private static final int MAX_PREVIOUS = 1 << 20;

	private ByteRanges() {
	}

	/**
	 * @param dataset the dataset
	 * @param file one of its files
	 * @return whether the file may be read in byte ranges, if it is text (which its first
	 * bytes tell, not its name)
	 */
	public static boolean splittable(DatasetSpec dataset, Path file) {
		TableSpec table = dataset.table();
		return dataset.layout() == Layout.LONG && table.sheets().isEmpty() && table.onError() == TableSpec.OnError.FAIL
				&& (table.format() == TableSpec.Format.AUTO || table.format() == TableSpec.Format.TEXT)
				&& !DelimitedRowSource.gzipped(file) && asciiCompatible(dataset.encoding());
	}

	/**
	 * Whether the delimiters, quote and line breaks are single ASCII bytes that no other
	 * character's bytes contain.
	 */
	static boolean asciiCompatible(Charset charset) {
		if (!charset.canEncode()) {
			return false;
		}
		boolean oneByte = charset.newEncoder().maxBytesPerChar() == 1.0f;
		if (!oneByte && !charset.equals(StandardCharsets.UTF_8)) {
			return false;
		}
		String ascii = "\r\n\",;|\t ";
		return Arrays.equals(ascii.getBytes(charset), ascii.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Splits a file into at most so many ranges of about equal size.
	 * @param file the file
	 * @param name the file as shown to users
	 * @param dataset its dataset
	 * @param count how many ranges are wanted
	 * @return the ranges in file order; empty if the file is read whole (fewer than two
	 * ranges, or its header cannot be read)
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public static List<ByteRange> split(Path file, String name, DatasetSpec dataset, int count) {
		if (count < 2) {
			return List.of();
		}
		Header header;
		char delimiter;
		try (DelimitedRowSource rows = new DelimitedRowSource(file, name, dataset.delimiter(), dataset.encoding(),
				dataset.table().lengths().line());
				TableReader table = new TableReader(rows, name, dataset.table().headerRow(),
						dataset.table().headerRows(), dataset.columns().country())) {
			header = table.header();
			delimiter = rows.delimiter();
		}
		catch (SourceFormatException ex) {
			// read whole, the partition reports what is wrong as for any file
			return List.of();
		}
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<long[]> starts = new ArrayList<>();
		boolean utf8 = dataset.encoding().equals(StandardCharsets.UTF_8);
		try (RecordBoundaries boundaries = new RecordBoundaries(file, delimiter, utf8);
				FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long from = 1;
			for (int k = 1; k < count; k++) {
				long at = boundaries.next(Math.max(from, size / count * k));
				while (at >= 0 && !startsRange(boundaries, at, header, channel, dataset.encoding(), delimiter)) {
					at = boundaries.next(at + 1);
				}
				if (at < 0 || at >= size) {
					break;
				}
				starts.add(new long[] { at, boundaries.lines(), boundaries.lineFeeds() });
				from = at + 1;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (starts.isEmpty()) {
			return List.of();
		}
		List<ByteRange> ranges = new ArrayList<>();
		int n = starts.size() + 1;
		long start = 0;
		long lines = 0;
		long lineFeeds = 0;
		for (int i = 0; i < n; i++) {
			long end = (i < starts.size()) ? starts.get(i)[0] : size;
			ranges.add(new ByteRange(i, n, start, end, lines, lineFeeds, delimiter));
			if (i < starts.size()) {
				start = starts.get(i)[0];
				lines = starts.get(i)[1];
				lineFeeds = starts.get(i)[2];
			}
		}
		return ranges;
	}

	/**
	 * Whether a range may start at a record: below the header, after a record that is a
	 * data row whatever precedes it.
	 */
	private static boolean startsRange(RecordBoundaries boundaries, long at, Header header, FileChannel channel,
			Charset encoding, char delimiter) throws IOException {
		long previous = boundaries.previousRecordStart();
		if (previous < 0 || boundaries.previousRecordLines() + 1 <= header.row() || at - previous > MAX_PREVIOUS) {
			return false;
		}
		ByteBuffer bytes = ByteBuffer.allocate((int) (at - previous));
		while (bytes.hasRemaining()) {
			if (channel.read(bytes, previous + bytes.position()) < 0) {
				return false;
			}
		}
		String text = new String(bytes.array(), encoding);
		try (CSVParser parser = CSVParser.parse(new StringReader(text), DelimitedRowSource.format(delimiter))) {
			Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				return false;
			}
			CSVRecord record = records.next();
			return !records.hasNext() && TableReader.continuesData(Arrays.asList(record.values()), header);
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			return false;
		}
	}

}
