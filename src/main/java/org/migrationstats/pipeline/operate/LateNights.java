package org.migrationstats.pipeline.operate;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * Tells the operators when a scheduled night has not started within
 * {@code pipeline.notify.late-after} (an ISO-8601 or simple duration: {@code PT1H},
 * {@code 1h}; empty or 0: never) after its firing: the scheduler asks once that time has
 * passed, and if no execution of the job for the firing's run date started since the
 * firing (and the date had not completed before), the same e-mail and/or webhook as a
 * failed night says so.
 */
@Component
public class LateNights {

	private static final Logger log = LoggerFactory.getLogger(LateNights.class);

	private final ExecutionHistory history;

	private final Notifications notifications;

	private final Duration lateAfter;

	public LateNights(ExecutionHistory history, Notifications notifications,
			@Value("${pipeline.notify.late-after:}") String lateAfter) {
		this.history = history;
		this.notifications = notifications;
		Duration parsed = lateAfter.isBlank() ? Duration.ZERO : DurationStyle.detectAndParse(lateAfter.strip());
		this.lateAfter = parsed.isNegative() ? Duration.ZERO : parsed;
	}

	/**
	 * @return how long after its firing a night must have started, if that is watched
	 */
	public Optional<Duration> lateAfter() {
		return this.lateAfter.isZero() ? Optional.empty() : Optional.of(this.lateAfter);
	}

	/**
	 * Checks a firing once the set time has passed, and tells the operators if its night
	 * has not started.
	 * @param job the job's name
	 * @param jobFile its file
	 * @param runDate the firing's run date
	 * @param scheduled when it was due
	 * @return whether it had started
	 */
	public boolean check(String job, String jobFile, LocalDate runDate, ZonedDateTime scheduled) {
		// the job repository keeps local times of this machine's zone
		LocalDateTime due = scheduled.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
		boolean started = this.history.recent(job, 50)
			.stream()
			.filter((e) -> runDate.equals(e.runDate()))
			.anyMatch((e) -> "COMPLETED".equals(e.status()) || (e.start() != null && !e.start().isBefore(due)));
		if (!started) {
			log.warn("{} for {} was due at {} and has not started within {}", job, runDate, scheduled, this.lateAfter);
			this.notifications.notStarted(job, jobFile, runDate, scheduled, this.lateAfter);
		}
		return started;
	}

}
