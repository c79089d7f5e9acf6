package org.migrationstats.pipeline.spec;

/**
 * How long a cell and a row of a dataset's files may be, in characters. They keep the
 * memory a reader needs bounded whatever the file holds: one field of 200 MB, or a quote
 * left open that makes the rest of the file one field, would otherwise be read into
 * memory whole.
 *
 * @param field the most characters a cell may have; a row with a longer cell is rejected
 * @param line the most characters a row may have (a quoted field's line breaks included);
 * reading a longer row fails the file, as where the next row starts cannot be told
 */
public record LengthLimits(int field, int line) {

	/**
	 * 256 KiB characters in a cell and 1 MiB in a row: the longest cells of real files
	 * (source notes) are a few thousand characters, their widest rows tens of thousands.
	 * The row limit is what bounds memory: a row of 1 MiB cut into one-character cells
	 * (half a million of them) holds about 27 MB of heap once parsed; at 4 MiB it would
	 * be over 100 MB of the 256 MB a run is given.
	 */
	public static final LengthLimits DEFAULT = new LengthLimits(256 * 1024, 1024 * 1024);

	/** The largest either limit may be set to. */
	public static final int MAX = 256 * 1024 * 1024;

	public LengthLimits {
		if (field < 1 || line < 1 || field > MAX || line > MAX) {
			throw new IllegalArgumentException(
					"length limits must be from 1 to " + MAX + " characters, were " + field + " and " + line);
		}
		if (field > line) {
			throw new IllegalArgumentException(
					"a cell cannot be longer than its row: max-field-length " + field + " > max-line-length " + line);
		}
	}

}
