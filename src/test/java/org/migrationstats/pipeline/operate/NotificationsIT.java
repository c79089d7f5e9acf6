package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.migrationstats.pipeline.batch.ScratchFolders;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night that needs the operators is told to them by e-mail (to an SMTP server in the
 * test) and to a webhook (an HTTP server in the test): a failed run with its step, file,
 * first failure line and restart command; a run with rejected rows with their count; a
 * clean run not at all.
 */
@SpringBootTest
class NotificationsIT {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	private static final Path WORK = ScratchFolders.create("notifications");

	private static final WebhookServer WEBHOOK = WebhookServer.start();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
		registry.add("pipeline.notify.mail.to", () -> "operators@example.org, night-desk@example.org");
		registry.add("pipeline.notify.webhook.url", WEBHOOK::url);
	}

	@Autowired
	private JobRunner runner;

	@BeforeEach
	void forgetWhatWasPosted() {
		WEBHOOK.posted().clear();
	}

	@AfterAll
	static void stopWebhook() {
		WEBHOOK.stop();
	}

	@Test
	void aFailedNightIsMailedAndPostedWithItsStepFileReasonAndRestartCommand() throws Exception {
		Path file = Files.writeString(WORK.resolve("commas.csv"), "Country;Year;Value\nKAZ;1997;-481,38\n",
				StandardCharsets.UTF_8);

		RunOutcome failed = this.runner.run(job("failing", file), LocalDate.parse("2026-12-01"), false);

		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		MimeMessage[] mails = SMTP.getReceivedMessages();
		assertThat(mails).hasSize(2);
		assertThat(mails[0].getAllRecipients()).extracting(Object::toString)
			.containsExactly("operators@example.org", "night-desk@example.org");
		assertThat(mails[0].getSubject()).isEqualTo("Migration statistics: failing for 2026-12-01 failed (execution "
				+ failed.executionId() + ", exit code 1)");
		String body = GreenMailUtil.getBody(mails[0]).replace("\r\n", "\n");
		assertThat(body).contains("Step:       ingestDatasets\n")
			.contains("File(s):    " + file + "\n")
			.contains("\"-481,38\" has a decimal comma")
			.contains("Next: fix the cause, then: pipeline restart " + failed.executionId());
		assertThat(WEBHOOK.posted()).hasSize(1);
		Map<?, ?> json = new ObjectMapper().readValue(WEBHOOK.posted().get(0), Map.class);
		assertThat(json.get("result")).isEqualTo("FAILED");
		assertThat(json.get("exitCode")).isEqualTo(1);
		assertThat(json.get("executionId")).isEqualTo(failed.executionId().intValue());
		assertThat(json.get("failedStep")).isEqualTo("ingestDatasets");
		assertThat(json.get("failedFiles")).isEqualTo(file.toString());
		assertThat((String) json.get("text")).startsWith("Migration statistics: failing for 2026-12-01 failed");
	}

	@Test
	void aNightWithRejectedRowsSaysHowManyAndACleanNightSaysNothing() throws Exception {
		StringBuilder rows = new StringBuilder("Country,Year,Value\nAtlantis,1990,5\n");
		for (int year = 1990; year < 2020; year++) {
			rows.append("KAZ,").append(year).append(",-1000\n");
		}
		// one row in 31 rejected: within the default max-reject-ratio of 5 %
		Path rejects = Files.writeString(WORK.resolve("rejects.csv"), rows, StandardCharsets.UTF_8);

		RunOutcome withRejects = this.runner.run(job("with-rejects", rejects), LocalDate.parse("2026-12-01"), false);

		assertThat(withRejects.result()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(SMTP.getReceivedMessages()).hasSize(2);
		String body = GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]).replace("\r\n", "\n");
		assertThat(SMTP.getReceivedMessages()[0].getSubject())
			.endsWith("with-rejects for 2026-12-01 completed with rejected rows (execution " + withRejects.executionId()
					+ ", exit code 3)");
		assertThat(body).contains("Rejected:   1 row(s)\n").contains("Next: read the Rejects sheet of the report in");
		assertThat(WEBHOOK.posted()).hasSize(1);
		assertThat(WEBHOOK.posted().get(0)).contains("\"rowsRejected\":1");

		SMTP.purgeEmailFromAllMailboxes();
		WEBHOOK.posted().clear();
		Path clean = Files.writeString(WORK.resolve("clean.csv"), "Country,Year,Value\nKAZ,1990,-103336\n",
				StandardCharsets.UTF_8);
		RunOutcome success = this.runner.run(job("clean", clean), LocalDate.parse("2026-12-01"), false);

		assertThat(success.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(SMTP.getReceivedMessages()).isEmpty();
		assertThat(WEBHOOK.posted()).isEmpty();
	}

	private static Path job(String name, Path file) throws IOException {
		return Files.writeString(WORK.resolve(name + ".yml"), """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: kaz-net-migration
				    path: %s
				    layout: long
				    measure: net-migration
				    columns: { country: Country, year: Year, value: Value }
				""".formatted(name, WORK.resolve("output"), file), StandardCharsets.UTF_8);
	}

}
