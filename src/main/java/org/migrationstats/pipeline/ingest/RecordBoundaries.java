package org.migrationstats.pipeline.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds where records start in a delimited text file, reading its bytes once from the
 * first as Commons CSV's lexer reads the text (the format {@link DelimitedRowSource}
 * uses: RFC 4180 quotes, no escape character, empty lines kept). A field is quoted only
 * if its first character is a quote; inside it a delimiter or a line break is text and
 * two quotes are one; elsewhere a quote is text. So a line break is a record's end only
 * where the lexer would take it as one, and a byte offset returned is provably where a
 * record starts, whatever quoted line breaks come before it.
 * <p>
 * Why from the first byte: whether an offset in the middle of a file is inside a quoted
 * field cannot be told from the bytes around it (a quoted field may hold any text, quotes
 * and line breaks included). Scanning bytes costs a small part of parsing them, and the
 * same pass counts the line breaks before each record start, which gives the records of a
 * range their true row numbers in the file.
 * <p>
 * The bytes are read as an ASCII-compatible encoding: UTF-8 (whose multi-byte sequences
 * hold no ASCII byte) or a one-byte encoding. Something the lexer would refuse (text
 * after a closing quote, other than white space, before the delimiter) ends the search:
 * no record start is returned after it.
 */
public final class RecordBoundaries implements Closeable {

	private static final int FIELD_START = 0;

	private static final int UNQUOTED = 1;

	private static final int QUOTED = 2;

	/** A quote inside a quoted field: its end, or the first of two. */
	private static final int QUOTE_SEEN = 3;

	/** White space after a quoted field's closing quote. */
	private static final int AFTER_QUOTE = 4;

	/** A carriage return ended a record: a line feed may follow, as part of its end. */
	private static final int AFTER_CR = 5;

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final byte QUOTE = '"';

	private final InputStream in;

	private final byte delimiter;

	private final byte[] buffer = new byte[1 << 20];

	private int position;

	private int limit;

	/** The file offset of {@code buffer[0]}. */
	private long bufferStart;

	private int state = FIELD_START;

	private byte previousByte;

	/** Line breaks as Commons CSV counts them: a CR, and a LF not after a CR. */
	private long lines;

	/** Line feeds, as the decoding reader counts lines. */
	private long lineFeeds;

	private long recordStart;

	/** The line breaks before the current record. */
	private long recordLines;

	private long previousRecordStart = -1;

	private long previousRecordLines = -1;

	private boolean ended;

	/**
	 * @param file the file
	 * @param delimiter the field separator, an ASCII character
	 * @param skipUtf8Mark whether a UTF-8 byte-order mark at the file's start is skipped,
	 * as the reader skips it
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public RecordBoundaries(Path file, char delimiter, boolean skipUtf8Mark) {
		if (delimiter >= 0x80) {
			throw new IllegalArgumentException("the delimiter must be an ASCII character");
		}
		this.delimiter = (byte) delimiter;
		try {
			this.in = Files.newInputStream(file);
			fill();
			if (skipUtf8Mark && this.limit >= 3 && (this.buffer[0] & 0xFF) == 0xEF && (this.buffer[1] & 0xFF) == 0xBB
					&& (this.buffer[2] & 0xFF) == 0xBF) {
				this.position = 3;
				this.recordStart = 3;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads on to the first record that starts at or after an offset.
	 * @param from the byte offset, not before the one last returned
	 * @return the record's first byte, or -1 if no record starts there or later (or the
	 * search ended at text the lexer would refuse)
	 */
	public long next(long from) {
		try {
			while (true) {
				if (this.position == this.limit) {
					if (this.ended || !fill()) {
						this.ended = true;
						if (this.state == AFTER_CR) {
							// a file ending with a lone CR: the record after it is empty,
							// and
							// the parser ends without it
							this.state = FIELD_START;
						}
						return -1;
					}
				}
				if (this.state == AFTER_CR) {
					byte b = this.buffer[this.position];
					if (b == LF) {
						this.previousByte = b;
						this.lineFeeds++;
						this.position++;
					}
					this.state = FIELD_START;
					startRecord();
					continue;
				}
				if (this.state == FIELD_START && this.recordStart >= from && isRecordStart()) {
					return this.recordStart;
				}
				if (!scan()) {
					this.ended = true;
					this.position = this.limit;
					return -1;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean isRecordStart() {
		return this.bufferStart + this.position == this.recordStart;
	}

	private void startRecord() {
		this.previousRecordStart = this.recordStart;
		this.previousRecordLines = this.recordLines;
		this.recordStart = this.bufferStart + this.position;
		this.recordLines = this.lines;
	}

	/**
	 * Reads the buffered bytes up to the next record's start or the buffer's end.
	 * @return {@code false} at text the lexer refuses
	 */
	private boolean scan() {
		byte[] bytes = this.buffer;
		int i = this.position;
		int end = this.limit;
		int s = this.state;
		byte previous = this.previousByte;
		while (i < end) {
			byte b = bytes[i++];
			if (b == LF) {
				this.lineFeeds++;
				if (previous != CR) {
					this.lines++;
				}
			}
			else if (b == CR) {
				this.lines++;
			}
			previous = b;
			switch (s) {
				case FIELD_START, UNQUOTED -> {
					if (b == LF) {
						s = FIELD_START;
						this.position = i;
						this.previousByte = previous;
						this.state = s;
						startRecord();
						return true;
					}
					if (b == CR) {
						this.position = i;
						this.previousByte = previous;
						this.state = AFTER_CR;
						return true;
					}
					if (b == this.delimiter) {
						s = FIELD_START;
					}
					else if (s == FIELD_START && b == QUOTE) {
						s = QUOTED;
					}
					else {
						s = UNQUOTED;
					}
				}
				case QUOTED -> {
					if (b == QUOTE) {
						s = QUOTE_SEEN;
					}
				}
				case QUOTE_SEEN, AFTER_QUOTE -> {
					if (b == QUOTE && s == QUOTE_SEEN) {
						s = QUOTED;
					}
					else if (b == this.delimiter) {
						s = FIELD_START;
					}
					else if (b == LF) {
						this.position = i;
						this.previousByte = previous;
						this.state = FIELD_START;
						startRecord();
						return true;
					}
					else if (b == CR) {
						this.position = i;
						this.previousByte = previous;
						this.state = AFTER_CR;
						return true;
					}
					else if (b == ' ' || b == '\t' || b == 0x0B || b == '\f' || (b >= 0x1C && b <= 0x1F)) {
						s = AFTER_QUOTE;
					}
					else {
						return false;
					}
				}
				default -> throw new IllegalStateException("state " + s);
			}
		}
		this.position = i;
		this.previousByte = previous;
		this.state = s;
		return true;
	}

	private boolean fill() throws IOException {
		this.bufferStart += this.limit;
		this.position = 0;
		this.limit = 0;
		int n = this.in.readNBytes(this.buffer, 0, this.buffer.length);
		this.limit = n;
		return n > 0;
	}

	/**
	 * @return the line breaks before the record last returned, as Commons CSV counts them
	 * (a CR LF pair once): its row number in the file is one more
	 */
	public long lines() {
		return this.lines;
	}

	/**
	 * @return the line feeds before the record last returned
	 */
	public long lineFeeds() {
		return this.lineFeeds;
	}

	/**
	 * @return where the record before the one last returned starts, or -1 if there is
	 * none
	 */
	public long previousRecordStart() {
		return this.previousRecordStart;
	}

	/**
	 * @return the line breaks before the record before the one last returned: its row
	 * number is one more; -1 if there is none
	 */
	public long previousRecordLines() {
		return this.previousRecordLines;
	}

	@Override
	public void close() {
		try {
			this.in.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
