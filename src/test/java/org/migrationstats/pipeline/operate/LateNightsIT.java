package org.migrationstats.pipeline.operate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.migrationstats.pipeline.batch.ScratchFolders;
import org.migrationstats.pipeline.schedule.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled night that has not started within {@code pipeline.notify.late-after} of its
 * firing (here the job's thread is still busy with the night before) is told by e-mail
 * and to the webhook, as the scheduler wires it; a night that started in time is not.
 */
@SpringBootTest(properties = "pipeline.notify.late-after=PT2S")
class LateNightsIT {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	private static final Path WORK = ScratchFolders.create("late-nights");

	private static final WebhookServer WEBHOOK = WebhookServer.start();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
		registry.add("pipeline.notify.mail.to", () -> "operators@example.org");
		registry.add("pipeline.notify.webhook.url", WEBHOOK::url);
	}

	@Autowired
	private LateNights late;

	@Autowired
	private JobRunner runner;

	@AfterAll
	static void stopWebhook() {
		WEBHOOK.stop();
	}

	@Test
	void aNightStillWaitingForItsJobsThreadIsToldAndOneThatRanIsNot() throws Exception {
		assertThat(this.late.lateAfter()).contains(Duration.ofSeconds(2));
		Path jobs = Files.createDirectories(WORK.resolve("jobs"));
		Path data = Files.writeString(WORK.resolve("clean.csv"), "Country,Year,Value\nKAZ,1990,-103336\n",
				StandardCharsets.UTF_8);
		Files.writeString(jobs.resolve("every-second.yml"), """
				name: every-second
				schedule: "* * * * * *"
				zone: UTC
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(WORK.resolve("output"), data), StandardCharsets.UTF_8);
		CountDownLatch release = new CountDownLatch(1);
		// the job's one thread is held by "last night's run" until released
		Scheduler scheduler = new Scheduler(jobs, Clock.systemUTC(), (job, date) -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		List<Scheduler.Firing> checked = new CopyOnWriteArrayList<>();
		List<Boolean> started = new CopyOnWriteArrayList<>();
		scheduler.watchLate(this.late.lateAfter().orElseThrow(), (firing) -> {
			started.add(this.late.check(firing.job(), firing.jobFile().toString(), firing.runDate(), firing.time()));
			checked.add(firing);
		});
		scheduler.tick();
		List<Scheduler.Firing> fired = List.of();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (fired.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(200);
			fired = scheduler.tick();
		}
		assertThat(fired).hasSize(1);
		Scheduler.Firing firing = fired.get(0);
		awaitChecks(checked, 1);
		release.countDown();

		assertThat(started).containsExactly(false);
		MimeMessage[] mails = SMTP.getReceivedMessages();
		assertThat(mails).hasSize(1);
		assertThat(mails[0].getSubject()).isEqualTo("Migration statistics: every-second for " + firing.runDate()
				+ " has not started (due " + firing.time() + ", PT2S ago)");
		String body = GreenMailUtil.getBody(mails[0]).replace("\r\n", "\n");
		assertThat(body).contains("Result:     not started within PT2S\n")
			.contains("Next: check 'pipeline status every-second' and that the scheduler runs; to run it now: "
					+ "pipeline run " + jobs.resolve("every-second.yml") + " --date " + firing.runDate());
		assertThat(WEBHOOK.posted()).hasSize(1);
		Map<?, ?> json = new ObjectMapper().readValue(WEBHOOK.posted().get(0), Map.class);
		assertThat(json.get("result")).isEqualTo("NOT_STARTED");
		assertThat(json.get("job")).isEqualTo("every-second");
		assertThat(json.get("runDate")).isEqualTo(firing.runDate().toString());
		assertThat((String) json.get("text")).contains("has not started");

		// a night that started in time is not told
		SMTP.purgeEmailFromAllMailboxes();
		WEBHOOK.posted().clear();
		RunOutcome ran = this.runner.run(jobs.resolve("every-second.yml"), firing.runDate().plusDays(1), false);
		assertThat(ran.result()).as(ran.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(this.late.check("every-second", "every-second.yml", firing.runDate().plusDays(1),
				firing.time().plusDays(1).minusMinutes(1)))
			.isTrue();
		scheduler.stop();
		scheduler.awaitRuns(Duration.ofSeconds(10));
		assertThat(SMTP.getReceivedMessages()).isEmpty();
		assertThat(WEBHOOK.posted()).isEmpty();
	}

	private static void awaitChecks(List<Scheduler.Firing> checked, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (checked.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(checked).hasSize(count);
	}

}
