package org.migrationstats.pipeline.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on a clock the test moves, with job files in a scratch folder and a
 * launcher that records what it is asked to run.
 */
class SchedulerTest {

	@TempDir
	Path jobs;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T12:00:00Z"));

	private final List<String> launched = new CopyOnWriteArrayList<>();

	private Scheduler scheduler() {
		return new Scheduler(this.jobs, this.clock,
				(job, date) -> this.launched.add(job.name() + " " + date + " " + job.schedule()));
	}

	@Test
	void firesEachJobAtItsTimeForItsLocalDate() throws Exception {
		jobFile("tokyo", "0 30 2 * * *", "Asia/Tokyo", false);
		jobFile("geneva", "0 0 3 * * *", "Europe/Zurich", false);
		Scheduler scheduler = scheduler();

		assertThat(scheduler.tick()).isEmpty();
		this.clock.set("2026-06-01T17:29:59Z");
		assertThat(scheduler.tick()).isEmpty();
		this.clock.set("2026-06-01T17:30:00Z");
		assertThat(scheduler.tick()).extracting(Scheduler.Firing::job, Scheduler.Firing::runDate)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tokyo", LocalDate.parse("2026-06-02")));
		this.clock.set("2026-06-02T01:00:00Z");
		assertThat(scheduler.tick()).extracting(Scheduler.Firing::job, Scheduler.Firing::runDate)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("geneva", LocalDate.parse("2026-06-02")));
		assertThat(scheduler.tick()).as("a date fires once").isEmpty();

		scheduler.awaitRuns(Duration.ofSeconds(30));
		assertThat(this.launched).containsExactlyInAnyOrder("tokyo 2026-06-02 0 30 2 * * *",
				"geneva 2026-06-02 0 0 3 * * *");
	}

	@Test
	void atStartUpAMissedNightIsRunOnlyForJobsThatAskForCatchUp() throws Exception {
		jobFile("catches-up", "0 30 2 * * *", "UTC", true);
		jobFile("waits", "0 30 2 * * *", "UTC", false);
		this.clock.set("2026-06-05T08:00:00Z");
		Scheduler scheduler = scheduler();

		List<Scheduler.Firing> fired = scheduler.tick();

		assertThat(fired).extracting(Scheduler.Firing::job, Scheduler.Firing::runDate, Scheduler.Firing::catchUp)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("catches-up", LocalDate.parse("2026-06-05"), true));
		assertThat(scheduler.tick()).isEmpty();
		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-06T02:30:00Z"));
	}

	@Test
	void aTickThatComesDaysLateRunsTheLatestMissedNightOnce() throws Exception {
		jobFile("nightly", "0 30 2 * * *", "UTC", false);
		Scheduler scheduler = scheduler();
		scheduler.tick();

		this.clock.set("2026-06-04T09:00:00Z");

		assertThat(scheduler.tick()).extracting(Scheduler.Firing::runDate)
			.containsExactly(LocalDate.parse("2026-06-04"));
		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-05T02:30:00Z"));
	}

	@Test
	void changedAddedAndRemovedJobFilesTakeEffectAtTheNextTick() throws Exception {
		Path nightly = jobFile("nightly", "0 30 2 * * *", "UTC", false);
		Scheduler scheduler = scheduler();
		scheduler.tick();
		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-02T02:30:00Z"));

		jobFile("nightly", "0 0 22 * * *", "UTC", false);
		scheduler.tick();
		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-01T22:00:00Z"));

		Files.delete(nightly);
		jobFile("other", "0 0 4 * * *", "UTC", false);
		scheduler.tick();
		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-02T04:00:00Z"));
	}

	@Test
	void anInvalidJobFileIsSkippedAndTheOthersAreScheduled() throws Exception {
		jobFile("nightly", "0 30 2 * * *", "UTC", false);
		Files.writeString(this.jobs.resolve("broken.yml"), "name: broken\nschedule: \"every night\"\n");
		Scheduler scheduler = scheduler();

		scheduler.tick();

		assertThat(scheduler.nextDue()).contains(Instant.parse("2026-06-02T02:30:00Z"));
	}

	private Path jobFile(String name, String cron, String zone, boolean catchUp) throws IOException {
		Path file = this.jobs.resolve(name + ".yml");
		Files.writeString(file, """
				name: %s
				schedule: "%s"
				zone: %s
				catch-up: %s
				membership: input/membership/iom.csv
				datasets:
				  - id: population
				    path: input/worldbank/population.csv
				    layout: long
				    measure: population
				    columns: { country: ["Country Code"], year: Year, value: Value }
				""".formatted(name, cron, zone, catchUp), StandardCharsets.UTF_8);
		return file;
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(String instant) {
			this.now = Instant.parse(instant);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
