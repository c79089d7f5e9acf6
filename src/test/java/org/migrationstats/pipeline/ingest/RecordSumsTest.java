package org.migrationstats.pipeline.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
	void keepsMonthsAndQuartersApartFromTheYearAndCarriesTheFlagsOfEveryRecordSummed() {
		List<Observation> sums = RecordSums.sum(List.of(new Observation("FIN", 2019, Measure.IMMIGRANTS, 1, 2),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 2, 3, "p", 1, 12),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 3, 4, "e", 1, 12),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 4, 5, "", 2, 12),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 5, 6, "b", 1, 4),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 6, 7, "p", 0, 1),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 7, 8, "", 1, 12)));
		assertThat(sums).containsExactly(new Observation("FIN", 2019, Measure.IMMIGRANTS, 7, 2, "p", 0, 1),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 12, 3, "ep", 1, 12),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 4, 5, "", 2, 12),
				new Observation("FIN", 2019, Measure.IMMIGRANTS, 5, 6, "b", 1, 4));
	}

	@Test
	void manyKeysAcrossDrainsSumAsAPlainMapWould() {
		Random random = new Random(7);
		RecordSums sums = new RecordSums();
		for (int block = 0; block < 3; block++) {
			Map<String, Long> expected = new LinkedHashMap<>();
			Map<String, Long> firstRow = new HashMap<>();
			for (int row = 1; row <= 60_000; row++) {
				String country = "C" + random.nextInt(300);
				int year = 1950 + random.nextInt(75);
				Measure measure = Measure.values()[random.nextInt(3)];
				long value = random.nextInt(1000) - 100;
				sums.add(new Observation(country, year, measure, value, row));
				String key = country + "/" + year + "/" + measure;
				expected.merge(key, value, Long::sum);
				firstRow.putIfAbsent(key, (long) row);
			}
			assertThat(sums.size()).isEqualTo(expected.size());
			List<Observation> drained = sums.drain();
			assertThat(drained).extracting((o) -> o.country() + "/" + o.year() + "/" + o.measure())
				.containsExactlyElementsOf(expected.keySet());
			for (Observation o : drained) {
				String key = o.country() + "/" + o.year() + "/" + o.measure();
				assertThat(o.value()).as(key).isEqualTo(expected.get(key));
				assertThat(o.row()).as(key).isEqualTo(firstRow.get(key));
			}
			assertThat(sums.size()).isZero();
		}
	}

	@Test
	void aSumBeyondALongIsAnErrorNotAWrapAround() {
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(
				() -> RecordSums.sum(List.of(new Observation("KAZ", 2001, Measure.IMMIGRANTS, Long.MAX_VALUE, 2),
						new Observation("KAZ", 2001, Measure.IMMIGRANTS, 1, 3))));
	}

}
