package org.migrationstats.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a table of figures with how each row gives its cell, less the columns
 * the run cannot fill, which are left out and named in a note.
 *
 * @param <T> the row's type
 */
final class Fields<T> {

	private final List<Column> columns = new ArrayList<>();

	private final List<Function<T, Object>> values = new ArrayList<>();

	private final List<String> leftOut = new ArrayList<>();

	/**
	 * Adds a column every run fills.
	 * @param column the column
	 * @param value the row's cell
	 * @return this
	 */
	Fields<T> add(Column column, Function<T, Object> value) {
		return add(true, column, value);
	}

	/**
	 * Adds a column, or leaves it out when the run cannot fill it.
	 * @param filled whether some dataset of the run can fill the column
	 * @param column the column
	 * @param value the row's cell
	 * @return this
	 */
	Fields<T> add(boolean filled, Column column, Function<T, Object> value) {
		if (filled) {
			this.columns.add(column);
			this.values.add(value);
		}
		else {
			this.leftOut.add(column.header());
		}
		return this;
	}

	/**
	 * Adds a column that only some runs show, such as the flags that only an agency's
	 * file gives: unlike a figure no dataset can fill, it is not named as left out when
	 * not shown.
	 * @param shown whether the run has something for the column
	 * @param column the column
	 * @param value the row's cell
	 * @return this
	 */
	Fields<T> addWhen(boolean shown, Column column, Function<T, Object> value) {
		if (shown) {
			this.columns.add(column);
			this.values.add(value);
		}
		return this;
	}

	List<Column> columns() {
		return List.copyOf(this.columns);
	}

	/**
	 * @param row a row of figures
	 * @return its cells, one per column kept
	 */
	List<Object> row(T row) {
		List<Object> cells = new ArrayList<>(this.values.size());
		for (Function<T, Object> value : this.values) {
			cells.add(value.apply(row));
		}
		return cells;
	}

	/**
	 * @return the headers of the columns left out, in table order
	 */
	List<String> leftOut() {
		return List.copyOf(this.leftOut);
	}

}
