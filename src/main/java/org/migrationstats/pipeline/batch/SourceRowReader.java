package org.migrationstats.pipeline.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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
 * position (rows handed out) and a digest of those rows are saved with every committed
 * chunk, so a restart skips exactly the rows already committed, and refuses to go on if
 * those rows are no longer what the file holds.
 */
class SourceRowReader implements ItemStreamReader<SourceRow> {

	static final String ROWS = "reader.rows";

	static final String DIGEST = "reader.digest";

	private final DatasetSpec dataset;

	private final Path file;

	private final String sheet;

	private TableReader source;

	private SourceFormatException skipped;

	private boolean ended;

	private MessageDigest digest;

	private long rows;

	/**
	 * @param dataset the dataset
	 * @param file the file
	 * @param sheet the sheet this partition reads (a dataset naming several sheets has a
	 * partition for each), or {@code null} for the dataset's only or first sheet
	 */
	SourceRowReader(DatasetSpec dataset, Path file, String sheet) {
		this.dataset = dataset;
		this.file = file;
		List<String> sheets = dataset.table().sheets();
		this.sheet = (sheet != null) ? sheet : sheets.isEmpty() ? "" : sheets.get(0);
	}

	@Override
	public void open(ExecutionContext context) {
		this.skipped = null;
		this.ended = false;
		try {
			this.source = TableFiles.openTable(this.file, this.file.toString(), this.dataset, this.sheet);
		}
		catch (SourceFormatException ex) {
			if (this.dataset.table().onError() != TableSpec.OnError.SKIP) {
				throw ex;
			}
			// listed as rejected by the first read, in a chunk transaction
			this.skipped = ex;
			this.digest = sha256();
			return;
		}
		this.digest = sha256();
		long committed = context.getLong(ROWS, 0L);
		this.rows = 0;
		while (this.rows < committed && read() != null) {
			// re-read the committed rows, to check they are unchanged
		}
		String expected = context.getString(DIGEST, null);
		if (committed > 0 && (this.rows < committed || (expected != null && !expected.equals(current())))) {
			throw new SourceFormatException(this.file + ": the " + committed + " rows ingested before the restart "
					+ "are no longer what the file holds (it was changed or replaced); run the date again from "
					+ "scratch with --rerun");
		}
	}

	/**
	 * @return the header of the table being read
	 */
	Header header() {
		return this.source.header();
	}

	/**
	 * @return the sheet being read, empty for a text file
	 */
	String sheet() {
		return this.source.sheet();
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
		if (row != null) {
			this.rows++;
			for (String value : row.values()) {
				this.digest.update(value.getBytes(StandardCharsets.UTF_8));
				this.digest.update((byte) 0x1f);
			}
			this.digest.update((byte) '\n');
		}
		return row;
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
		context.putString(DIGEST, current());
	}

	private String current() {
		try {
			return HexFormat.of().formatHex(((MessageDigest) this.digest.clone()).digest());
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 digests can be cloned in every Java runtime", ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

	@Override
	public void close() {
		if (this.source != null) {
			this.source.close();
			this.source = null;
		}
	}

}
