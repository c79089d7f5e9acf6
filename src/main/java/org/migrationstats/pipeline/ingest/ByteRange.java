package org.migrationstats.pipeline.ingest;

/**
 * A stretch of a delimited text file read as a table of its own: from the first byte of a
 * record to the first byte of the next range's first record (or the file's end), with
 * what is needed to read it as the whole file would be read: the delimiter, and the line
 * breaks before it, so that its rows carry their row numbers in the file.
 *
 * @param index the range's place among the file's ranges, from 0; the first holds the
 * header
 * @param count how many ranges the file is read in
 * @param start the byte offset of its first record
 * @param end the byte offset after its last record
 * @param lines the line breaks before {@code start} as the parser counts them (a CR LF
 * pair once): its first record's row number is one more
 * @param lineFeeds the line feeds before {@code start}, for the line numbers of decoding
 * errors
 * @param delimiter the file's field separator
 */
public record ByteRange(int index, int count, long start, long end, long lines, long lineFeeds, char delimiter) {

	public ByteRange {
		if (index < 0 || index >= count || start < 0 || end < start || lines < 0 || lineFeeds < 0) {
			throw new IllegalArgumentException("not a range: " + index + " of " + count + ", bytes " + start + "-" + end
					+ ", after " + lines + " lines");
		}
	}

	/**
	 * @return whether this is the file's first range, which begins with the header
	 */
	public boolean first() {
		return this.index == 0;
	}

	/**
	 * @return the range as users read it: {@code bytes 67,108,864-134,217,727 (2 of 4)}
	 */
	public String describe() {
		return String.format("bytes %,d-%,d (%d of %d)", this.start, this.end - 1, this.index + 1, this.count);
	}

}
