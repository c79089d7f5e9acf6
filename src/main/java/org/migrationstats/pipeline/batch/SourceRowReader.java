package org.migrationstats.pipeline.batch;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.migrationstats.pipeline.ingest.ByteRange;
import org.migrationstats.pipeline.ingest.DelimitedRowSource;
import org.migrationstats.pipeline.ingest.Header;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.TableSpec;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one partition's table (a text file or one sheet of a workbook) row by row. Its
 * position (rows handed out) and a 64-bit hash of those rows are saved with every
 * committed block, so a restart skips exactly the rows already committed, and refuses to
 * go on if those rows are no longer what the file holds.
 * <p>
 * The hash guards against a file changed or replaced between a failure and its restart,
 * not against a forger: it is built from the cells' own {@link String#hashCode()} (which
 * the country lookups compute anyway), mixed per cell and per row, so that a changed,
 * moved or added cell changes it but hashing costs next to nothing per row. A
 * cryptographic digest of every row cost a tenth of the ingest step.
 */
class SourceRowReader implements ItemStreamReader<SourceRow> {

	static final String ROWS = "reader.rows";

	static final String HASH = "reader.hash";

	/** The CRC-32C of a byte range's bytes, once it is read to its end. */
	static final String RANGE_CHECKSUM = "range.checksum";

	private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

	private final DatasetSpec dataset;

	private final Path file;

	private final String sheet;

	private final ByteRange range;

	private TableReader source;

	/** A byte range's rows, under {@link #source}. */
	private DelimitedRowSource rangeRows;

	private Header header;

	private long checksum = -1;

	private SourceFormatException skipped;

	private boolean ended;

	private long hash;

	private long rows;

	/**
	 * @param dataset the dataset
	 * @param file the file
	 * @param sheet the sheet this partition reads (a dataset naming several sheets has a
	 * partition for each), or {@code null} for the dataset's only or first sheet
	 */
	SourceRowReader(DatasetSpec dataset, Path file, String sheet) {
		this(dataset, file, sheet, null);
	}

	/**
	 * @param dataset the dataset
	 * @param file the file
	 * @param sheet the sheet this partition reads, or {@code null}
	 * @param range the byte range of a text file this partition reads, or {@code null}
	 * for the whole file
	 */
	SourceRowReader(DatasetSpec dataset, Path file, String sheet, ByteRange range) {
		this.dataset = dataset;
		this.file = file;
		List<String> sheets = dataset.table().sheets();
		this.sheet = (sheet != null) ? sheet : sheets.isEmpty() ? "" : sheets.get(0);
		this.range = range;
	}

	@Override
	public void open(ExecutionContext context) {
		this.skipped = null;
		this.ended = false;
		this.checksum = -1;
		this.hash = 0;
		this.rows = 0;
		try {
			this.source = (this.range != null) ? openRange()
					: TableFiles.openTable(this.file, this.file.toString(), this.dataset, this.sheet);
		}
		catch (SourceFormatException ex) {
			if (this.dataset.table().onError() != TableSpec.OnError.SKIP) {
				throw ex;
			}
			// listed as rejected by the first read, in a chunk transaction
			this.skipped = ex;
			return;
		}
		long committed = context.getLong(ROWS, 0L);
		while (this.rows < committed && read() != null) {
			// re-read the committed rows, to check they are unchanged
		}
		// an execution context saved before the hash was kept has no hash to compare
		String expected = context.getString(HASH, null);
		if (committed > 0 && (this.rows < committed || (expected != null && !expected.equals(current())))) {
			throw new SourceFormatException(this.file + ": the " + committed + " rows ingested before the restart "
					+ "are no longer what the file holds (it was changed or replaced); run the date again from "
					+ "scratch with --rerun");
		}
	}

	/**
	 * Opens the partition's byte range: the first as a table from its header, the others
	 * as the rows that follow a data row, under the header read from the file's start.
	 */
	private TableReader openRange() {
		String name = this.file.toString();
		int maxLine = this.dataset.table().lengths().line();
		if (this.range.first()) {
			this.rangeRows = DelimitedRowSource.range(this.file, name, this.range, this.dataset.encoding(), maxLine);
			TableReader table = new TableReader(this.rangeRows, name, this.dataset.table().headerRow(),
					this.dataset.table().headerRows(), this.dataset.columns().country());
			this.header = table.header();
			return table;
		}
		try (TableReader top = TableFiles.openTable(this.file, name, this.dataset, this.sheet)) {
			this.header = top.header();
		}
		this.rangeRows = DelimitedRowSource.range(this.file, name, this.range, this.dataset.encoding(), maxLine);
		return TableReader.continuing(this.rangeRows, name, this.header);
	}

	/**
	 * At the end of a byte range, keeps the checksum of its bytes, which allows a file
	 * mended in another range to be read on; and checks that a range before the last
	 * still ends with a data row and a line break, as it did when the file was split: a
	 * file mended in this range after a failure could have moved the record boundary.
	 */
	private void rangeEnded() {
		if (this.range.index() < this.range.count() - 1 && (!this.rangeRows.rangeEndsLine()
				|| !TableReader.continuesData(this.rangeRows.lastRow(), this.header))) {
			throw new SourceFormatException(this.file + ", " + this.range.describe()
					+ ": the range no longer ends with a data row where the next range begins (the file was "
					+ "changed after it was split); run the date again from scratch with --rerun");
		}
		this.checksum = this.rangeRows.rangeChecksum();
	}

	/**
	 * @return the header of the table being read
	 */
	Header header() {
		return this.source.header();
	}

	/**
	 * @return the sheet being read, empty for a text file; for a file that could not be
	 * opened, the sheet the partition was to read
	 */
	String sheet() {
		return (this.source != null) ? this.source.sheet() : this.sheet;
	}

	@Override
	public SourceRow read() {
		if (this.ended) {
			return null;
		}
		if (this.skipped != null) {
			this.ended = true;
			throw leftOut(this.skipped, "the file was left out (on-error: skip): ");
		}
		SourceRow row;
		try {
			row = this.source.next();
		}
		catch (SourceFormatException ex) {
			if (this.dataset.table().onError() != TableSpec.OnError.SKIP) {
				throw ex;
			}
			this.ended = true;
			throw leftOut(ex, "the rest of the file was left out (on-error: skip): ");
		}
		if (row == null && this.range != null && this.checksum < 0) {
			rangeEnded();
		}
		if (row != null) {
			this.rows++;
			long h = this.hash;
			for (String value : row.values()) {
				h = (h ^ value.hashCode()) * MULTIPLIER + value.length();
			}
			this.hash = Long.rotateLeft(h * MULTIPLIER + row.row(), 29);
		}
		return row;
	}

	/**
	 * Ends the reading of a file that mapping found unusable, for a dataset whose files
	 * are left out rather than failing the night ({@code on-error: skip}): none of its
	 * rows count as ingested, as none is kept.
	 * @param ex why the file cannot be used
	 * @return the file as one rejection
	 */
	Rejection leaveOut(SourceFormatException ex) {
		this.ended = true;
		this.rows = 0;
		this.hash = 0;
		return leftOut(ex, "the file was left out (on-error: skip): ").getRejection();
	}

	/**
	 * The whole file as one rejection, row 0: the message names the row where there is
	 * one.
	 */
	private RowRejectedException leftOut(SourceFormatException ex, String what) {
		return new RowRejectedException(
				new Rejection(this.dataset.id(), this.file.toString(), this.sheet, 0, "", "", what + ex.getMessage()));
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(ROWS, this.rows);
		context.putString(HASH, current());
		if (this.checksum >= 0) {
			context.putLong(RANGE_CHECKSUM, this.checksum);
		}
	}

	private String current() {
		return HexFormat.of().toHexDigits(this.hash);
	}

	@Override
	public void close() {
		if (this.source != null) {
			this.source.close();
			this.source = null;
		}
	}

}
