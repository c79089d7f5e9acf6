package org.migrationstats.pipeline.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.migrationstats.pipeline.spec.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreground scheduler: fires every job of a folder on its cron, in its zone, and
 * re-reads the folder on every tick, so that added, changed and removed job files take
 * effect without a restart.
 * <ul>
 * <li>Each job has one thread: a firing that comes while the job's previous run is still
 * going waits for it, so no two executions of a job run at once in this process (the job
 * lock keeps other processes out).</li>
 * <li>A firing runs the job for the firing's local date in the job's zone; a date that
 * already completed is not run again (the run date identifies the job instance).</li>
 * <li>If firings were missed (the machine was off or asleep), only the latest is run, and
 * only once: at start-up if the job file says {@code catch-up: true}, otherwise never;
 * while running, a tick that comes late runs the latest firing it missed.</li>
 * </ul>
 */
public final class Scheduler {

	private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

	private final Path folder;

	private final Clock clock;

	private final Launcher launcher;

	private final Map<String, Planned> plans = new LinkedHashMap<>();

	private final Map<String, ExecutorService> threads = new HashMap<>();

	private final Set<String> reportedErrors = new HashSet<>();

	private boolean started;

	private Duration lateAfter;

	private LateWatch lateWatch;

	private ScheduledExecutorService lateChecks;

	private volatile boolean stopping;

	/**
	 * @param folder the folder of job files
	 * @param clock the clock
	 * @param launcher what runs a job for a date
	 */
	public Scheduler(Path folder, Clock clock, Launcher launcher) {
		this.folder = folder;
		this.clock = clock;
		this.launcher = launcher;
	}

	/**
	 * Has every firing checked once {@code lateAfter} has passed since it was due,
	 * whether its night has started (it may wait for the job's previous run, or be
	 * refused by a run in another process).
	 * @param lateAfter how long after its firing a night should have started
	 * @param watch what checks, and tells the operators
	 */
	public synchronized void watchLate(Duration lateAfter, LateWatch watch) {
		this.lateAfter = lateAfter;
		this.lateWatch = watch;
	}

	/**
	 * Re-reads the job files and fires the jobs that are due.
	 * @return the firings started by this tick
	 */
	public synchronized List<Firing> tick() {
		Instant now = this.clock.instant();
		JobFiles.Scan scan = JobFiles.scan(this.folder);
		List<String> errors = new ArrayList<>(scan.errors());
		List<Firing> fired = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (JobSpec job : scan.jobs()) {
			if (!seen.add(job.name())) {
				errors.add(job.source() + ": job " + job.name() + " is also declared by another file; "
						+ "this one is not scheduled");
				continue;
			}
			NightlySchedule schedule = NightlySchedule.of(job);
			Planned plan = this.plans.get(job.name());
			if (plan == null) {
				if (!this.started && job.catchUp()) {
					schedule.lastBefore(now).ifPresent((missed) -> fired.add(fire(job, schedule, missed, true)));
				}
				plan(job, schedule, now, "scheduled");
				continue;
			}
			boolean due = plan.next != null && !plan.next.toInstant().isAfter(now);
			if (due) {
				// a late tick (the machine slept) runs the latest firing it missed, once
				ZonedDateTime latest = plan.schedule.lastBefore(now).orElse(plan.next);
				fired.add(fire(job, plan.schedule, latest, false));
			}
			if (due || !plan.job.fingerprint().equals(job.fingerprint())) {
				plan(job, schedule, now, due ? "next" : "reloaded");
			}
		}
		this.plans.keySet().removeIf((name) -> {
			if (!seen.contains(name)) {
				log.info("Job {} is no longer in {}: not scheduled any more", name, this.folder);
				return true;
			}
			return false;
		});
		reportErrors(errors);
		this.started = true;
		return fired;
	}

	private void plan(JobSpec job, NightlySchedule schedule, Instant now, String why) {
		Planned plan = new Planned(job, schedule, schedule.nextAfter(now).orElse(null));
		this.plans.put(job.name(), plan);
		log.info("Job {} {} from {}: \"{}\" in {}, next run {}", job.name(), why, job.source(), job.schedule(),
				job.zone(), (plan.next != null) ? plan.next : "never");
	}

	/**
	 * @return when the next job is due, if any
	 */
	public synchronized Optional<Instant> nextDue() {
		return this.plans.values()
			.stream()
			.filter((p) -> p.next != null)
			.map((p) -> p.next.toInstant())
			.min(Instant::compareTo);
	}

	/**
	 * Ticks until {@link #stop()} is called, sleeping until the next job is due or for
	 * {@code reload} at most, then waits for the runs in progress.
	 * @param reload how often the job files are re-read
	 * @throws InterruptedException if interrupted
	 */
	public void runUntilStopped(Duration reload) throws InterruptedException {
		while (!this.stopping) {
			tick();
			Instant wake = this.clock.instant().plus(reload);
			Instant due = nextDue().orElse(wake);
			long millis = Math.max(50,
					Duration.between(this.clock.instant(), due.isBefore(wake) ? due : wake).toMillis());
			synchronized (this) {
				if (!this.stopping) {
					wait(millis);
				}
			}
		}
		awaitRuns(Duration.ofDays(1));
	}

	/**
	 * Stops firing; runs in progress go on (to be stopped by their executions' stop).
	 */
	public void stop() {
		this.stopping = true;
		synchronized (this) {
			notifyAll();
		}
	}

	/**
	 * Waits for the runs started so far to end.
	 * @param timeout how long at most
	 * @throws InterruptedException if interrupted
	 */
	public void awaitRuns(Duration timeout) throws InterruptedException {
		List<ExecutorService> executors;
		synchronized (this) {
			executors = List.copyOf(this.threads.values());
		}
		executors.forEach(ExecutorService::shutdown);
		synchronized (this) {
			if (this.lateChecks != null) {
				this.lateChecks.shutdownNow();
			}
		}
		for (ExecutorService executor : executors) {
			executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private Firing fire(JobSpec job, NightlySchedule schedule, ZonedDateTime time, boolean catchUp) {
		Firing firing = new Firing(job.name(), job.source(), time, schedule.runDate(time), catchUp);
		log.info("Firing {} for {} (scheduled {}{})", job.name(), firing.runDate(), time,
				catchUp ? ", missed while the scheduler was not running" : "");
		ExecutorService thread = this.threads.computeIfAbsent(job.name(),
				(name) -> Executors.newSingleThreadExecutor((r) -> new Thread(r, "job-" + name)));
		if (this.lateWatch != null) {
			watch(firing);
		}
		thread.execute(() -> {
			try {
				this.launcher.run(job, firing.runDate());
			}
			catch (RuntimeException ex) {
				log.error("Run of {} for {} failed: {}", job.name(), firing.runDate(), ex.getMessage(), ex);
			}
		});
		return firing;
	}

	private void watch(Firing firing) {
		if (this.lateChecks == null) {
			this.lateChecks = Executors.newSingleThreadScheduledExecutor((r) -> {
				Thread thread = new Thread(r, "late-nights");
				thread.setDaemon(true);
				return thread;
			});
		}
		Instant due = firing.time().toInstant().plus(this.lateAfter);
		long delay = Math.max(0, Duration.between(this.clock.instant(), due).toMillis());
		LateWatch watch = this.lateWatch;
		this.lateChecks.schedule(() -> {
			try {
				watch.check(firing);
			}
			catch (RuntimeException ex) {
				log.warn("Could not check whether {} for {} started: {}", firing.job(), firing.runDate(),
						ex.getMessage());
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	private void reportErrors(List<String> errors) {
		for (String error : errors) {
			if (this.reportedErrors.add(error)) {
				log.error("Not scheduled: {}", error);
			}
		}
		this.reportedErrors.retainAll(errors);
	}

	/**
	 * Runs a job for a date.
	 */
	@FunctionalInterface
	public interface Launcher {

		/**
		 * @param job the job
		 * @param runDate the run date
		 */
		void run(JobSpec job, LocalDate runDate);

	}

	/**
	 * Checks, once the set time has passed since a firing, whether its night started.
	 */
	@FunctionalInterface
	public interface LateWatch {

		/**
		 * @param firing the firing
		 */
		void check(Firing firing);

	}

	/**
	 * One firing of a job.
	 *
	 * @param job the job's name
	 * @param jobFile its file
	 * @param time when it was due, in the job's zone
	 * @param runDate the run date it runs
	 * @param catchUp whether it was missed while the scheduler was not running
	 */
	public record Firing(String job, Path jobFile, ZonedDateTime time, LocalDate runDate, boolean catchUp) {
	}

	private static final class Planned {

		private final JobSpec job;

		private final NightlySchedule schedule;

		private final ZonedDateTime next;

		private Planned(JobSpec job, NightlySchedule schedule, ZonedDateTime next) {
			this.job = job;
			this.schedule = schedule;
			this.next = next;
		}

	}

}
