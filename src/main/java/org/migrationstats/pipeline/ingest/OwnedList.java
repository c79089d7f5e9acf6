package org.migrationstats.pipeline.ingest;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that its maker hands over and no one else holds:
 * rows and their observations keep it without the copy {@code List.copyOf} would make (a
 * wide table's rows have tens of cells and values, made millions of times).
 *
 * @param <T> the element type
 */
final class OwnedList<T> extends AbstractList<T> implements RandomAccess {

	private final T[] items;

	private OwnedList(T[] items) {
		for (T item : items) {
			if (item == null) {
				throw new NullPointerException("a list element is null");
			}
		}
		this.items = items;
	}

	/**
	 * @param items the elements, none {@code null}; the caller keeps no reference to the
	 * array
	 * @return the list
	 */
	static <T> OwnedList<T> of(T[] items) {
		return new OwnedList<>(items);
	}

	@Override
	public T get(int index) {
		return this.items[index];
	}

	@Override
	public int size() {
		return this.items.length;
	}

}
