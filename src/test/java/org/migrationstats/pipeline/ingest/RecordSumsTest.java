package org.migrationstats.pipeline.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.spec.Measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecordSumsTest {

	@Test
	void sumsPerCountryYearAndMeasureKeepingTheFirstRowAndTheOrderOfFirstAppearance() {
		List<Observation> sums = RecordSums.sum(List.of(new Observation("KAZ", 2001, Measure.IMMIGRANTS, 10, 2),
				new Observation("KGZ", 2001, Measure.IMMIGRANTS, 5, 3),
				new Observation("KAZ", 2001, Measure.IMMIGRANTS, 7, 4),
				new Observation("KAZ", 2001, Measure.EMIGRANTS, 3, 4),
				new Observation("KAZ", 2002, Measure.IMMIGRANTS, 1, 5)));
		assertThat(sums).containsExactly(new Observation("KAZ", 2001, Measure.IMMIGRANTS, 17, 2),
				new Observation("KGZ", 2001, Measure.IMMIGRANTS, 5, 3),
				new Observation("KAZ", 2001, Measure.EMIGRANTS, 3, 4),
				new Observation("KAZ", 2002, Measure.IMMIGRANTS, 1, 5));
	}

	@Test
	void aSumBeyondALongIsAnErrorNotAWrapAround() {
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(
				() -> RecordSums.sum(List.of(new Observation("KAZ", 2001, Measure.IMMIGRANTS, Long.MAX_VALUE, 2),
						new Observation("KAZ", 2001, Measure.IMMIGRANTS, 1, 3))));
	}

}
