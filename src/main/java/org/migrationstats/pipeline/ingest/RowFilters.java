package org.migrationstats.pipeline.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.migrationstats.pipeline.spec.DatasetSpec;

/**
 * A dataset's row filters on one table: the classifier columns (a UN flows table's
 * {@code Criteria}, {@code Coverage}) and the values a row must hold in each to be kept.
 * Cells are compared as header names are, without case, repeated spaces or footnote
 * marks.
 */
final class RowFilters {

	/** Distinct cell texts remembered per column; a classifier column holds a few. */
	private static final int REMEMBERED = 1_000;

	private final Filter[] filters;

	/**
	 * @param dataset the dataset, whose filters are used
	 * @param header the table's header
	 * @param place the file (and sheet) as messages name it
	 * @param implicit filters the file's format needs beside the dataset's
	 * @throws SourceFormatException if the header has no column of a filter's name
	 */
	RowFilters(DatasetSpec dataset, Header header, String place, Map<String, List<String>> implicit) {
		Map<String, List<String>> all = new java.util.LinkedHashMap<>(dataset.table().filters());
		all.putAll(implicit);
		this.filters = all.entrySet().stream().map((filter) -> {
			int column = header.indexOf(filter.getKey());
			if (column < 0) {
				throw new SourceFormatException(place + ": no column \"" + filter.getKey()
						+ "\" for the dataset's filters: the header (row " + header.row() + ") has " + header.names());
			}
			return new Filter(column, filter.getKey(), filter.getValue(),
					filter.getValue().stream().map(Header::clean).collect(Collectors.toUnmodifiableSet()),
					new HashMap<>());
		}).toArray(Filter[]::new);
	}

	/**
	 * @param source a data row
	 * @return the row as filtered out, naming the first filter that does not keep it, or
	 * {@code null} when every filter keeps it
	 */
	MappedRow.FilteredOutRow test(SourceRow source) {
		for (Filter filter : this.filters) {
			List<String> cells = source.values();
			String cell = (filter.column() < cells.size()) ? cells.get(filter.column()) : "";
			if (!filter.keeps(cell)) {
				return new MappedRow.FilteredOutRow(source.row(), filter.name(), cell, filter.kept());
			}
		}
		return null;
	}

	/**
	 * One filter: a column and the values it keeps, with what it decided for the cell
	 * texts seen so far (cleaning a cell costs a regular expression).
	 */
	private record Filter(int column, String name, List<String> kept, Set<String> cleaned,
			Map<String, Boolean> decided) {

		boolean keeps(String cell) {
			Boolean keep = this.decided.get(cell);
			if (keep == null) {
				keep = this.cleaned.contains(Header.clean(cell));
				if (this.decided.size() < REMEMBERED) {
					this.decided.put(cell, keep);
				}
			}
			return keep;
		}

	}

}
