package org.migrationstats.pipeline.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a job runs: its file's six-field cron ({@code "0 30 2 * * *"}: second, minute,
 * hour, day of month, month, day of week) read in the job's time zone. The run date of a
 * firing is its local date in that zone.
 * <p>
 * On daylight-saving days Spring's {@link CronExpression} decides: a time that does not
 * exist that night (02:30 when clocks go from 02:00 to 03:00) fires at the same offset
 * after the gap (03:30); a time that happens twice (02:30 when clocks go back from 03:00
 * to 02:00) fires once, at its first occurrence. Either way a date fires once, and the
 * run date being part of the job instance's identity makes a second firing of the same
 * date do nothing.
 */
public final class NightlySchedule {

	/** How far back {@link #lastBefore} looks for a missed firing. */
	static final Duration LOOK_BACK = Duration.ofDays(32);

	private final CronExpression cron;

	private final ZoneId zone;

	private NightlySchedule(CronExpression cron, ZoneId zone) {
		this.cron = cron;
		this.zone = zone;
	}

	/**
	 * @param cron a six-field cron expression
	 * @param zone the zone it is read in
	 * @return the schedule
	 * @throws IllegalArgumentException if the expression is not valid
	 */
	public static NightlySchedule of(String cron, ZoneId zone) {
		return new NightlySchedule(CronExpression.parse(cron), zone);
	}

	/**
	 * @param spec a job
	 * @return the job's schedule
	 * @throws IllegalArgumentException if its cron expression is not valid
	 */
	public static NightlySchedule of(JobSpec spec) {
		return of(spec.schedule(), spec.zone());
	}

	/**
	 * @param after an instant
	 * @return the first firing strictly after it, in the job's zone, if any
	 */
	public Optional<ZonedDateTime> nextAfter(Instant after) {
		LocalDateTime local = after.atZone(this.zone).toLocalDateTime();
		for (int i = 0; i < 3; i++) {
			local = this.cron.next(local);
			if (local == null) {
				return Optional.empty();
			}
			ZonedDateTime firing = ZonedDateTime.ofLocal(local, this.zone, null);
			if (firing.toInstant().isAfter(after)) {
				return Optional.of(firing);
			}
			// a wall-clock time repeated when the clocks went back, already past
		}
		return Optional.empty();
	}

	/**
	 * @param before an instant
	 * @return the last firing at or before it, within the last month, in the job's zone
	 */
	public Optional<ZonedDateTime> lastBefore(Instant before) {
		ZonedDateTime last = null;
		Optional<ZonedDateTime> candidate = nextAfter(before.minus(LOOK_BACK));
		while (candidate.isPresent() && !candidate.get().toInstant().isAfter(before)) {
			last = candidate.get();
			candidate = nextAfter(last.toInstant());
		}
		return Optional.ofNullable(last);
	}

	/**
	 * @param firing a firing of this schedule
	 * @return the run date it is for: its local date in the job's zone
	 */
	public LocalDate runDate(ZonedDateTime firing) {
		return firing.withZoneSameInstant(this.zone).toLocalDate();
	}

}
