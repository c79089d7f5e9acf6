package org.migrationstats.pipeline.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OwnedListTests {

	@Test
	void itsOwnIteratorAndForEachGiveEveryElementInOrderAndNoMore() {
		List<String> cells = OwnedList.of(new String[] { "office-1", "KAZ", "2001", "10", "3" });
		List<String> walked = new ArrayList<>();
		for (String cell : cells) {
			walked.add(cell);
		}
		List<String> each = new ArrayList<>();
		cells.forEach(each::add);
		assertThat(walked).containsExactly("office-1", "KAZ", "2001", "10", "3");
		assertThat(each).isEqualTo(walked);
		Iterator<String> iterator = cells.iterator();
		for (int i = 0; i < 5; i++) {
			iterator.next();
		}
		assertThat(iterator.hasNext()).isFalse();
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(iterator::next);
	}

	@Test
	void isAListLikeAnyOtherAndCannotBeChanged() {
		List<String> cells = OwnedList.of(new String[] { "a", "b" });
		assertThat(cells).isEqualTo(List.of("a", "b")).hasSameHashCodeAs(List.of("a", "b"));
		assertThat(OwnedList.of(new String[0]).iterator().hasNext()).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> cells.add("c"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> cells.iterator().remove());
		assertThatExceptionOfType(NullPointerException.class)
			.isThrownBy(() -> OwnedList.of(new String[] { "a", null }));
	}

}
