package org.migrationstats.pipeline.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NightlyScheduleTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void firesAtTheCronTimeInTheJobsZoneAndRunsForThatLocalDate() {
		NightlySchedule schedule = NightlySchedule.of("0 30 2 * * *", ZoneId.of("Asia/Tokyo"));

		ZonedDateTime next = schedule.nextAfter(Instant.parse("2026-06-01T12:00:00Z")).orElseThrow();

		assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-06-01T17:30:00Z"));
		assertThat(schedule.runDate(next)).isEqualTo(LocalDate.parse("2026-06-02"));
	}

	@Test
	void aSixFieldExpressionIsRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> NightlySchedule.of("30 2 * * *", BERLIN));
	}

	@Test
	void theLastFiringBeforeAnInstantIsTheMissedNight() {
		NightlySchedule schedule = NightlySchedule.of("0 30 2 * * *", ZoneId.of("UTC"));

		assertThat(schedule.lastBefore(Instant.parse("2026-06-05T08:00:00Z")))
			.contains(ZonedDateTime.parse("2026-06-05T02:30:00Z[UTC]"));
		assertThat(schedule.lastBefore(Instant.parse("2026-06-05T02:30:00Z")))
			.as("a firing due this very instant counts")
			.contains(ZonedDateTime.parse("2026-06-05T02:30:00Z[UTC]"));
	}

	@Nested
	class OnDaylightSavingDays {

		private final NightlySchedule schedule = NightlySchedule.of("0 30 2 * * *", BERLIN);

		@Test
		void aTimeInTheSpringGapFiresAnHourLaterThatSameDate() {
			List<ZonedDateTime> firings = firings("2026-03-28T00:00:00Z", 3);

			assertThat(firings).extracting(ZonedDateTime::toString)
				.containsExactly("2026-03-28T02:30+01:00[Europe/Berlin]", "2026-03-29T03:30+02:00[Europe/Berlin]",
						"2026-03-30T02:30+02:00[Europe/Berlin]");
			assertThat(firings).extracting(this.schedule::runDate)
				.containsExactly(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"),
						LocalDate.parse("2026-03-30"));
		}

		@Test
		void aTimeThatHappensTwiceInAutumnFiresOnce() {
			List<ZonedDateTime> firings = firings("2026-10-24T00:00:00Z", 3);

			assertThat(firings).extracting(ZonedDateTime::toString)
				.containsExactly("2026-10-24T02:30+02:00[Europe/Berlin]", "2026-10-25T02:30+02:00[Europe/Berlin]",
						"2026-10-26T02:30+01:00[Europe/Berlin]");
		}

		@Test
		void withinTheRepeatedHourTheNextFiringIsTheNextDate() {
			// 02:45 summer time has passed; 02:10 winter time comes after it
			Instant secondTwoTen = ZonedDateTime.parse("2026-10-25T02:10+01:00[Europe/Berlin]").toInstant();

			assertThat(this.schedule.nextAfter(secondTwoTen).map(ZonedDateTime::toString))
				.contains("2026-10-26T02:30+01:00[Europe/Berlin]");
		}

		private List<ZonedDateTime> firings(String from, int count) {
			List<ZonedDateTime> firings = new ArrayList<>();
			Instant after = Instant.parse(from);
			for (int i = 0; i < count; i++) {
				ZonedDateTime next = this.schedule.nextAfter(after).orElseThrow();
				firings.add(next);
				after = next.toInstant();
			}
			return firings;
		}

	}

}
