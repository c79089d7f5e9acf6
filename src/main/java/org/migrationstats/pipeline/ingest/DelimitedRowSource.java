package org.migrationstats.pipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.reference.CsvSyntax;
import org.migrationstats.pipeline.spec.LengthLimits;

/**
 * Reads a delimited text file row by row with Commons CSV. Decoding is strict (a byte
 * that is not valid in the file's encoding is an error naming its offset and line, never
 * a replacement character); a byte-order mark is skipped, and one of UTF-8 or UTF-16 in a
 * file the dataset says is in a one-byte encoding is an error; quoted fields may hold the
 * delimiter, quotes and line breaks. The delimiter is given, or detected from the first
 * lines among {@code ,} {@code ;} tab and {@code |}.
 * <p>
 * A row may be at most so many characters long (the dataset's {@code max-line-length}):
 * Commons CSV has no such limit and would read a 200 MB field, or the rest of a file
 * after a quote left open, into memory whole. The characters handed to the parser since
 * the last row are counted, and reading stops with an error naming the row once they pass
 * the limit by more than the parser reads ahead; a row parsed whole is measured exactly.
 * Where the next row would start is then unknown, so the file is read no further.
 */
public final class DelimitedRowSource implements RowSource {

	/** The delimiters tried when a dataset does not name its own. */
	static final char[] CANDIDATES = { ',', ';', '\t', '|' };

	private static final CSVFormat[] CANDIDATE_FORMATS = { format(','), format(';'), format('\t'), format('|') };

	private static final int SAMPLE_CHARS = 1 << 16;

	/** The compressed bytes read at once from a gzip-compressed file. */
	private static final int GZIP_BUFFER = 1 << 16;

	private final String name;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final char delimiter;

	private final StrictDecodingReader decoded;

	private final RowLengthGuard guard;

	private String[] lastValues;

	/** The bytes of a range read, or {@code null} for a whole file. */
	private RangeInputStream range;

	private long lastLine;

	/** The line breaks before the bytes read: those of the ranges before this one. */
	private final long lineBase;

	/**
	 * Opens a file.
	 * @param path the file
	 * @param name the file's name as shown to users
	 * @param delimiter the field separator, or 0 to detect it
	 * @param encoding the file's character set
	 * @throws SourceFormatException if the file is missing, empty or unreadable
	 */
	public DelimitedRowSource(Path path, String name, char delimiter, Charset encoding) {
		this(path, name, delimiter, encoding, LengthLimits.DEFAULT.line());
	}

	/**
	 * Opens a file whose rows may be at most so many characters long.
	 * @param path the file
	 * @param name the file's name as shown to users
	 * @param delimiter the field separator, or 0 to detect it
	 * @param encoding the file's character set
	 * @param maxLine the most characters a row may have
	 * @throws SourceFormatException if the file is missing, empty or unreadable
	 */
	public DelimitedRowSource(Path path, String name, char delimiter, Charset encoding, int maxLine) {
		this(open(path, name), name, delimiter, encoding, maxLine);
	}

	/**
	 * Reads a stream of bytes, closed with this source (or at once when it cannot be
	 * read).
	 * @param in the bytes
	 * @param name the file's name as shown to users
	 * @param delimiter the field separator, or 0 to detect it
	 * @param encoding the bytes' character set
	 * @throws SourceFormatException if the bytes are empty or cannot be decoded
	 */
	DelimitedRowSource(InputStream in, String name, char delimiter, Charset encoding) {
		this(in, name, delimiter, encoding, LengthLimits.DEFAULT.line());
	}

	/**
	 * Reads a stream of bytes whose rows may be at most so many characters long.
	 * @param in the bytes
	 * @param name the file's name as shown to users
	 * @param delimiter the field separator, or 0 to detect it
	 * @param encoding the bytes' character set
	 * @param maxLine the most characters a row may have
	 * @throws SourceFormatException if the bytes are empty or cannot be decoded
	 */
	DelimitedRowSource(InputStream in, String name, char delimiter, Charset encoding, int maxLine) {
		this(in, name, delimiter, encoding, maxLine, null);
	}

	/**
	 * Reads the bytes of a file, or of a range of it after its first.
	 * @param range the range the bytes are, after the file's first; {@code null} for
	 * bytes from the file's start
	 */
	private DelimitedRowSource(InputStream in, String name, char delimiter, Charset encoding, int maxLine,
			ByteRange range) {
		this.name = name;
		StrictDecodingReader decoded = new StrictDecodingReader(in, encoding);
		this.decoded = decoded;
		boolean within = range != null && !range.first();
		this.lineBase = within ? range.lines() : 0;
		this.lastLine = this.lineBase;
		if (within) {
			decoded.startAt(range.start(), range.lineFeeds() + 1);
		}
		try {
			String sample = sample(decoded);
			int start = (!within && sample.startsWith("\uFEFF")) ? 1 : 0;
			if (sample.length() == start) {
				throw new SourceFormatException(name + ": the file is empty");
			}
			String marked = within ? null : byteOrderMark(sample);
			if (marked != null) {
				throw new SourceFormatException(name + ": the file begins with the byte-order mark of " + marked
						+ ", but the dataset's encoding is " + encoding.name() + "; set 'encoding: " + marked
						+ "' in the job file");
			}
			String head = sample.substring(start);
			this.guard = new RowLengthGuard(new SampleFirstReader(head, decoded), maxLine);
			this.delimiter = (delimiter != 0) ? delimiter : detect(head);
			this.parser = CSVParser.parse(this.guard, format(this.delimiter));
			this.records = this.parser.iterator();
		}
		catch (IOException ex) {
			closeQuietly(decoded);
			throw failure(ex);
		}
		catch (UncheckedIOException ex) {
			closeQuietly(decoded);
			throw failure(ex.getCause());
		}
		catch (RuntimeException ex) {
			closeQuietly(decoded);
			throw ex;
		}
	}

	/**
	 * Opens a byte range of a file: its rows are those the whole file's reader gives
	 * between the range's first byte and its end, with the same row numbers.
	 * @param path the file
	 * @param name the file's name as shown to users
	 * @param range the range
	 * @param encoding the file's character set
	 * @param maxLine the most characters a row may have
	 * @return the range's rows
	 * @throws SourceFormatException if the file cannot be read
	 */
	public static DelimitedRowSource range(Path path, String name, ByteRange range, Charset encoding, int maxLine) {
		RangeInputStream in;
		try {
			FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
			channel.position(range.start());
			in = new RangeInputStream(Channels.newInputStream(channel), range.end() - range.start());
		}
		catch (NoSuchFileException ex) {
			throw new SourceFormatException(name + ": file not found");
		}
		catch (IOException ex) {
			throw new SourceFormatException(name + ": cannot be read: " + ex.getMessage(), ex);
		}
		DelimitedRowSource source = new DelimitedRowSource(in, name, range.delimiter(), encoding, maxLine, range);
		source.range = (RangeInputStream) in;
		return source;
	}

	/**
	 * @return for a byte range read to its end, the CRC-32C of its bytes; -1 before its
	 * end or for a whole file
	 */
	public long rangeChecksum() {
		if (this.range == null || this.range.left > 0) {
			return -1;
		}
		return this.range.checksum.getValue();
	}

	/**
	 * @return the cells of the last row read, blank or not; empty before the first
	 */
	public List<String> lastRow() {
		return (this.lastValues != null) ? List.of(this.lastValues) : List.of();
	}

	/**
	 * @return for a byte range read to its end, whether its last byte ends a line (as
	 * each range but the last ends with a record)
	 */
	public boolean rangeEndsLine() {
		return this.range != null && (this.range.last == '\n' || this.range.last == '\r');
	}

	/**
	 * @param file a file
	 * @param start a range's first byte
	 * @param end the byte after its last
	 * @return the CRC-32C of the file's bytes in the range as they are now, -1 if the
	 * file is shorter
	 * @throws IOException if the file cannot be read
	 */
	public static long checksum(Path file, long start, long end) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			if (channel.size() < end) {
				return -1;
			}
			channel.position(start);
			RangeInputStream in = new RangeInputStream(Channels.newInputStream(channel), end - start);
			byte[] buffer = new byte[1 << 16];
			while (in.read(buffer, 0, buffer.length) > 0) {
				// checksummed as read
			}
			return in.checksum.getValue();
		}
	}

	/**
	 * Reads the first characters, up to {@link #SAMPLE_CHARS}, stopping early at bytes
	 * that cannot be decoded: the rows before them are read before the error is reported.
	 */
	private static String sample(Reader reader) throws IOException {
		StringBuilder sample = new StringBuilder();
		char[] chunk = new char[8192];
		while (sample.length() < SAMPLE_CHARS) {
			int n;
			try {
				n = reader.read(chunk, 0, Math.min(chunk.length, SAMPLE_CHARS - sample.length()));
			}
			catch (CharacterCodingException ex) {
				if (sample.isEmpty()) {
					throw ex;
				}
				break;
			}
			if (n < 0) {
				break;
			}
			sample.append(chunk, 0, n);
		}
		return sample.toString();
	}

	/**
	 * The Unicode encoding whose byte-order mark the sample begins with, as a one-byte
	 * encoding such as windows-1252 decodes it; the file is then surely not in that
	 * encoding and every non-ASCII letter would be misread.
	 */
	private static String byteOrderMark(String sample) {
		if (sample.startsWith("\u00ef\u00bb\u00bf")) {
			return "UTF-8";
		}
		if (sample.startsWith("\u00ff\u00fe") || sample.startsWith("\u00fe\u00ff")) {
			return "UTF-16";
		}
		return null;
	}

	/**
	 * @param path a file
	 * @return whether its name says it is gzip-compressed ({@code .gz}, as Eurostat's
	 * bulk downloads come: {@code migr_imm1ctz.tsv.gz})
	 */
	public static boolean gzipped(Path path) {
		Path fileName = path.getFileName();
		return fileName != null && fileName.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
	}

	/**
	 * Opens a file's bytes; those of a gzip-compressed file ({@code .gz}) as they were
	 * before compression, so that it is read as the text it holds.
	 */
	private static InputStream open(Path path, String name) {
		try {
			if (gzipped(path)) {
				InputStream file = Files.newInputStream(path);
				try {
					return new GZIPInputStream(file, GZIP_BUFFER);
				}
				catch (IOException ex) {
					file.close();
					throw new SourceFormatException(
							name + ": named .gz but not gzip-compressed (" + ex.getMessage() + ")", ex);
				}
			}
			return Files.newInputStream(path);
		}
		catch (NoSuchFileException ex) {
			throw new SourceFormatException(name + ": file not found");
		}
		catch (IOException ex) {
			throw new SourceFormatException(name + ": cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static void closeQuietly(Reader reader) {
		try {
			reader.close();
		}
		catch (IOException ex) {
			// the failure that led here is the one to report
		}
	}

	/**
	 * @return the delimiter in use, given or detected
	 */
	public char delimiter() {
		return this.delimiter;
	}

	static CSVFormat format(char delimiter) {
		return CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setQuote('"')
			.setTrim(false)
			.get();
	}

	/**
	 * Finds the delimiter that splits most of the first lines into the same number of
	 * fields (two or more). Title rows above the header and notes below weigh little: the
	 * count that most lines share wins.
	 * @param head the first characters of the file
	 * @return the delimiter; a comma when no candidate splits any line
	 */
	static char detect(String head) {
		String sample = head;
		int lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
		if (lastBreak > 0 && sample.length() >= SAMPLE_CHARS) {
			sample = sample.substring(0, lastBreak + 1);
		}
		char best = ',';
		long bestScore = 0;
		for (int i = 0; i < CANDIDATES.length; i++) {
			long score = score(sample, CANDIDATE_FORMATS[i]);
			if (score > bestScore) {
				best = CANDIDATES[i];
				bestScore = score;
			}
		}
		return best;
	}

	private static long score(String sample, CSVFormat format) {
		Map<Integer, Integer> widths = new HashMap<>();
		try (CSVParser parser = CSVParser.parse(new StringReader(sample), format)) {
			int lines = 0;
			for (CSVRecord record : parser) {
				if (record.size() > 1) {
					widths.merge(record.size(), 1, Integer::sum);
				}
				if (++lines == 200) {
					break;
				}
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			// an unbalanced quote in the sample: score what was parsed before it
		}
		long best = 0;
		for (Map.Entry<Integer, Integer> width : widths.entrySet()) {
			// lines sharing a width, then wider rows, decide
			best = Math.max(best, width.getValue() * 1000L + width.getKey());
		}
		return best;
	}

	@Override
	public String sheet() {
		return "";
	}

	@Override
	public SourceRow next() {
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			CSVRecord record = this.records.next();
			this.guard.rowRead();
			long start = this.lastLine + 1;
			this.lastLine = Math.max(start, this.lineBase + this.parser.getCurrentLineNumber());
			// values() is the record's own array, made for this record alone: the row
			// keeps it (a record's iterator goes through a stream, and copying it cost
			// more than parsing a wide row)
			String[] values = record.values();
			long length = values.length - 1;
			for (String value : values) {
				length += value.length();
			}
			if (length > this.guard.limit) {
				this.lastLine = start - 1;
				throw failure(new RowTooLongException(this.guard.limit));
			}
			this.lastValues = values;
			return SourceRow.owning(start, values);
		}
		catch (UncheckedIOException ex) {
			throw failure(ex.getCause());
		}
		catch (IllegalStateException ex) {
			throw new SourceFormatException(this.name + ", row " + (this.lastLine + 1) + ": " + ex.getMessage(), ex);
		}
	}

	private SourceFormatException failure(IOException ex) {
		if (ex instanceof RowTooLongException tooLong) {
			return new SourceFormatException(String.format(
					"%s, row %,d: a row of more than %,d characters (max-line-length), read up to byte offset %,d: the "
							+ "file is read no further; a quote left open makes the rest of a file one field, and a "
							+ "row this long needs a higher max-line-length in the job file",
					this.name, this.lastLine + 1, tooLong.limit, this.decoded.bytesDecoded()), ex);
		}
		if (ex instanceof CharacterCodingException) {
			return new SourceFormatException(this.name + ", " + ex.getMessage()
					+ " (the dataset's encoding; set 'encoding' in the job file if the file uses another)", ex);
		}
		if (ex instanceof CSVException) {
			return new SourceFormatException(this.name + ", row " + (this.lastLine + 1) + ": " + CsvSyntax.describe(ex),
					ex);
		}
		return new SourceFormatException(this.name + ": cannot be read: " + ex.getMessage(), ex);
	}

	@Override
	public void close() {
		try {
			if (this.parser != null) {
				this.parser.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Counts the characters handed to the parser since the last row it gave, and refuses
	 * to hand more once they pass the limit by more than the parser reads ahead (its
	 * buffer of 8 KiB, which holds the end of one row and the start of the next): a row
	 * within the limit is never refused here, and a longer one never takes more memory
	 * than the limit and the buffer.
	 */
	private static final class RowLengthGuard extends Reader {

		/**
		 * What the parser reads ahead: Commons IO's buffer, under Commons CSV's reader.
		 */
		private static final int READ_AHEAD = 8192;

		private final Reader in;

		private final int limit;

		private long count;

		RowLengthGuard(Reader in, int limit) {
			this.in = in;
			this.limit = limit;
		}

		void rowRead() {
			this.count = 0;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
				if (this.count > (long) this.limit + READ_AHEAD) {
					throw new RowTooLongException(this.limit);
				}
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/**
	 * The bytes of a range: no more than its length; with a checksum of those read and
	 * the last of them.
	 */
	private static final class RangeInputStream extends InputStream {

		private final InputStream in;

		private final CRC32C checksum = new CRC32C();

		private long left;

		private int last = -1;

		RangeInputStream(InputStream in, long length) {
			this.in = in;
			this.left = length;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b >= 0) {
				this.left--;
				this.checksum.update(b);
				this.last = b;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return (length == 0) ? 0 : -1;
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (n > 0) {
				this.left -= n;
				this.checksum.update(buffer, offset, n);
				this.last = buffer[offset + n - 1] & 0xFF;
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/** A row longer than the dataset allows. */
	private static final class RowTooLongException extends IOException {

		private final int limit;

		RowTooLongException(int limit) {
			super("a row of more than " + limit + " characters");
			this.limit = limit;
		}

	}

	/**
	 * The sample read for detection, then the rest of the file. A read never mixes the
	 * two, so that bytes that cannot be decoded after the sample do not hide the rows
	 * before them.
	 */
	private static final class SampleFirstReader extends Reader {

		private final String sample;

		private final Reader rest;

		private int position;

		SampleFirstReader(String sample, Reader rest) {
			this.sample = sample;
			this.rest = rest;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			if (this.position < this.sample.length() && length > 0) {
				int n = Math.min(length, this.sample.length() - this.position);
				this.sample.getChars(this.position, this.position + n, buffer, offset);
				this.position += n;
				return n;
			}
			return this.rest.read(buffer, offset, length);
		}

		@Override
		public void close() throws IOException {
			this.rest.close();
		}

	}

}
