package org.migrationstats.pipeline.ingest;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An unmodifiable list over an array that its maker hands over and no one else holds:
 * rows and their observations keep it without the copy {@code List.copyOf} would make (a
 * wide table's rows have tens of cells and values, made millions of times).
 * <p>
 * It walks its array with an iterator and a {@code forEach} of its own: those it would
 * inherit from {@link AbstractList} are shared by every list of that kind in the process,
 * so the JIT sees many list classes behind their {@code size()} and {@code get} and calls
 * them through the class's method table on every cell, a tenth of the time a row of a
 * large file takes to read.
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

	@Override
	public Iterator<T> iterator() {
		return new Cursor();
	}

	@Override
	public void forEach(Consumer<? super T> action) {
		for (T item : this.items) {
			action.accept(item);
		}
	}

	/** The elements in order; the list cannot change, so none is ever missed. */
	private final class Cursor implements Iterator<T> {

		private int next;

		@Override
		public boolean hasNext() {
			return this.next < OwnedList.this.items.length;
		}

		@Override
		public T next() {
			if (this.next >= OwnedList.this.items.length) {
				throw new NoSuchElementException();
			}
			return OwnedList.this.items[this.next++];
		}

	}

}
