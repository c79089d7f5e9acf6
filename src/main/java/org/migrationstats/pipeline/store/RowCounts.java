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
 */
public record RowCounts(long rowsRead, long rowsWritten, long rowsRejected, long rowsRejectedWhole, long aggregateRows,
		long otherFilteredRows, long observations, long valuesRejected) {

	/** No rows. */
	public static final RowCounts NONE = new RowCounts(0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * @param other other counts
	 * @return these and the other counts together
	 */
	public RowCounts plus(RowCounts other) {
		return new RowCounts(this.rowsRead + other.rowsRead, this.rowsWritten + other.rowsWritten,
				this.rowsRejected + other.rowsRejected, this.rowsRejectedWhole + other.rowsRejectedWhole,
				this.aggregateRows + other.aggregateRows, this.otherFilteredRows + other.otherFilteredRows,
				this.observations + other.observations, this.valuesRejected + other.valuesRejected);
	}

	/**
	 * @return the counts with the opposite sign: added to these, none
	 */
	public RowCounts negated() {
		return new RowCounts(-this.rowsRead, -this.rowsWritten, -this.rowsRejected, -this.rowsRejectedWhole,
				-this.aggregateRows, -this.otherFilteredRows, -this.observations, -this.valuesRejected);
	}

	/**
	 * @return every row filtered: the aggregate rows and the others
	 */
	public long filteredRows() {
		return this.aggregateRows + this.otherFilteredRows;
	}

}
