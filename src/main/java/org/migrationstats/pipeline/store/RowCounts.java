package org.migrationstats.pipeline.store;

/**
 * What ingest counted of the rows of one input table (a file, or one sheet of a
 * workbook): a block's counts, or the sum of the blocks of a table.
 *
 * @param rowsRead data rows read
 * @param rowsWritten rows that gave observations
 * @param rowsRejected rows with at least one value rejected, or rejected whole (and the
 * header row, once, where it leaves out columns; the file's row 0 where it was left out)
 * @param rowsRejectedWhole of those, the rows none of whose values is used
 * @param aggregateRows rows about aggregates, set aside
 * @param otherFilteredRows rows filtered for another reason: of series the dataset does
 * not map, left out by its filters, section headings
 * @param observations observations written (for a record-level dataset, its sums)
 * @param valuesRejected rejections written: values, rows, columns left out
 * @param missingNotAvailable value cells of an agency's file that hold no value as it is
 * not available (Eurostat's {@code :}, SDMX's empty {@code OBS_VALUE} or missing status)
 * @param missingConfidential value cells that hold no value as it is confidential
 * (Eurostat's {@code : c}, SDMX's confidential status)
 */
public record RowCounts(long rowsRead, long rowsWritten, long rowsRejected, long rowsRejectedWhole, long aggregateRows,
		long otherFilteredRows, long observations, long valuesRejected, long missingNotAvailable,
		long missingConfidential) {

	/** No rows. */
	public static final RowCounts NONE = new RowCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * Counts of a table without value cells that hold no value.
	 * @param rowsRead data rows read
	 * @param rowsWritten rows that gave observations
	 * @param rowsRejected rows with a value rejected, or rejected whole
	 * @param rowsRejectedWhole rows none of whose values is used
	 * @param aggregateRows rows about aggregates
	 * @param otherFilteredRows rows filtered for another reason
	 * @param observations observations written
	 * @param valuesRejected rejections written
	 */
	public RowCounts(long rowsRead, long rowsWritten, long rowsRejected, long rowsRejectedWhole, long aggregateRows,
			long otherFilteredRows, long observations, long valuesRejected) {
		this(rowsRead, rowsWritten, rowsRejected, rowsRejectedWhole, aggregateRows, otherFilteredRows, observations,
				valuesRejected, 0, 0);
	}

	/**
	 * @param other other counts
	 * @return these and the other counts together
	 */
	public RowCounts plus(RowCounts other) {
		return new RowCounts(this.rowsRead + other.rowsRead, this.rowsWritten + other.rowsWritten,
				this.rowsRejected + other.rowsRejected, this.rowsRejectedWhole + other.rowsRejectedWhole,
				this.aggregateRows + other.aggregateRows, this.otherFilteredRows + other.otherFilteredRows,
				this.observations + other.observations, this.valuesRejected + other.valuesRejected,
				this.missingNotAvailable + other.missingNotAvailable,
				this.missingConfidential + other.missingConfidential);
	}

	/**
	 * @return the counts with the opposite sign: added to these, none
	 */
	public RowCounts negated() {
		return new RowCounts(-this.rowsRead, -this.rowsWritten, -this.rowsRejected, -this.rowsRejectedWhole,
				-this.aggregateRows, -this.otherFilteredRows, -this.observations, -this.valuesRejected,
				-this.missingNotAvailable, -this.missingConfidential);
	}

	/**
	 * @return every row filtered: the aggregate rows and the others
	 */
	public long filteredRows() {
		return this.aggregateRows + this.otherFilteredRows;
	}

}
