package org.migrationstats.pipeline.store;

import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.ingest.Observation;
import org.migrationstats.pipeline.spec.Measure;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class IngestStoreTests {

	@Test
	void observationsGoInWholeWhateverTheirNumberAgainstTheRowsPerStatement() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:ingest-store;DB_CLOSE_DELAY=-1");
		database.setUser("sa");
		SchemaMigrations.bringUpToDate(database);
		JdbcTemplate jdbc = new JdbcTemplate(database);
		IngestStore store = new IngestStore(jdbc);
		int[] sizes = { 0, 1, IngestStore.ROWS_PER_INSERT - 1, IngestStore.ROWS_PER_INSERT,
				2 * IngestStore.ROWS_PER_INSERT + 37 };
		for (int run = 0; run < sizes.length; run++) {
			List<Observation> observations = new ArrayList<>();
			for (int i = 0; i < sizes[run]; i++) {
				observations.add(new Observation((i % 2 == 0) ? "KAZ" : "KGZ", 1990 + i % 35,
						(i % 3 == 0) ? Measure.IMMIGRANTS : Measure.EMIGRANTS, 1000L * i - 7, i + 2));
			}
			store.saveObservations(run, "registrations", "in/registrations.csv", observations);

			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM MIG_OBSERVATION WHERE RUN_ID = ?", Integer.class, run))
				.as("%d observations", sizes[run])
				.isEqualTo(sizes[run]);
			List<String> stored = jdbc.queryForList("SELECT DATASET_ID || '|' || FILE_NAME || '|' || SOURCE_ROW || '|' "
					+ "|| COUNTRY || '|' || YR || '|' || MEASURE || '|' || VAL FROM MIG_OBSERVATION WHERE RUN_ID = ? "
					+ "ORDER BY SOURCE_ROW", String.class, run);
			assertThat(stored).containsExactlyElementsOf(observations.stream()
				.map((o) -> "registrations|in/registrations.csv|" + o.row() + "|" + o.country() + "|" + o.year() + "|"
						+ o.measure().name() + "|" + o.value())
				.toList());
		}
	}

}
