package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells the operators when a night needs them: a run that failed or was stopped, or that
 * completed with rejected rows, is sent by e-mail (Spring's mail sender, the SMTP server
 * in {@code spring.mail.*}) to {@code pipeline.notify.mail.to} and/or posted as JSON to
 * {@code pipeline.notify.webhook.url} (for chat tools). The message says the job, the run
 * date, the failed step and file, the first failure line and the command that restarts
 * it. A scheduled night that has not started within {@code pipeline.notify.late-after} of
 * its firing is told the same way ({@link LateNights}). A notification that cannot be
 * sent is logged; the run's outcome stands.
 */
@Component
public class Notifications {

	private static final Logger log = LoggerFactory.getLogger(Notifications.class);

	private final ObjectProvider<JavaMailSender> mail;

	private final List<String> mailTo;

	private final String mailFrom;

	private final String webhook;

	private final Set<RunOutcome.Result> on;

	/**
	 * The webhook's client, made only where a webhook is set: making one sets up TLS (a
	 * tenth of a second before the first step of every run otherwise).
	 */
	private final HttpClient http;

	public Notifications(ObjectProvider<JavaMailSender> mail, @Value("${pipeline.notify.mail.to:}") String mailTo,
			@Value("${pipeline.notify.mail.from:pipeline@localhost}") String mailFrom,
			@Value("${pipeline.notify.webhook.url:}") String webhook,
			@Value("${pipeline.notify.on:failed,rejects}") String on) {
		this.mail = mail;
		this.mailTo = Arrays.stream(mailTo.split(",")).map(String::strip).filter((a) -> !a.isEmpty()).toList();
		this.mailFrom = mailFrom;
		this.webhook = webhook.strip();
		this.http = this.webhook.isEmpty() ? null
				: HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		this.on = Arrays.stream(on.split(","))
			.map((word) -> word.strip().toLowerCase(Locale.ROOT))
			.filter((word) -> !word.isEmpty())
			.map(Notifications::result)
			.collect(Collectors.toUnmodifiableSet());
	}

	private static RunOutcome.Result result(String word) {
		return switch (word) {
			case "failed" -> RunOutcome.Result.FAILED;
			case "rejects" -> RunOutcome.Result.COMPLETED_WITH_REJECTS;
			case "success" -> RunOutcome.Result.SUCCESS;
			default -> throw new IllegalArgumentException(
					"pipeline.notify.on takes failed, rejects and success, found '" + word + "'");
		};
	}

	/**
	 * Sends the notifications an ended run calls for.
	 * @param outcome what the run gave
	 */
	void afterRun(RunOutcome outcome) {
		if (outcome.executionId() == null || !this.on.contains(outcome.result())) {
			return;
		}
		send(Message.of(outcome));
	}

	/**
	 * Says that a scheduled night has not started within the set time after its firing.
	 * @param job the job's name
	 * @param jobFile its file
	 * @param runDate the run date of the firing
	 * @param scheduled when it was due
	 * @param lateAfter how long after that it should have started
	 */
	void notStarted(String job, String jobFile, LocalDate runDate, ZonedDateTime scheduled, Duration lateAfter) {
		send(Message.notStarted(job, jobFile, runDate, scheduled, lateAfter));
	}

	private void send(Message message) {
		if (!this.mailTo.isEmpty()) {
			sendMail(message);
		}
		if (!this.webhook.isEmpty()) {
			post(message);
		}
	}

	private void sendMail(Message message) {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			log.warn("pipeline.notify.mail.to is set but no mail server is (spring.mail.host): not sent: {}",
					message.subject());
			return;
		}
		SimpleMailMessage mail = new SimpleMailMessage();
		mail.setFrom(this.mailFrom);
		mail.setTo(this.mailTo.toArray(String[]::new));
		mail.setSubject(message.subject());
		mail.setText(message.text());
		try {
			sender.send(mail);
			log.info("Sent '{}' to {}", message.subject(), this.mailTo);
		}
		catch (MailException ex) {
			log.warn("Could not send '{}' to {}: {}", message.subject(), this.mailTo, ex.getMessage());
		}
	}

	private void post(Message message) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.webhook))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(message.fields())))
				.build();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				log.warn("The webhook {} answered {} to '{}'", this.webhook, response.statusCode(), message.subject());
			}
			else {
				log.info("Posted '{}' to the webhook", message.subject());
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			log.warn("Could not post '{}' to {}: {}", message.subject(), this.webhook, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A notification's content.
	 *
	 * @param subject one line: job, run date, what happened
	 * @param text the mail body
	 * @param fields the webhook's JSON object
	 */
	record Message(String subject, String text, Map<String, Object> fields) {

		static Message notStarted(String job, String jobFile, LocalDate runDate, ZonedDateTime scheduled,
				Duration lateAfter) {
			String subject = "Migration statistics: " + job + " for " + runDate + " has not started (due " + scheduled
					+ ", " + lateAfter + " ago)";
			String line = job + " for " + runDate + " was due at " + scheduled + " and has not started within "
					+ lateAfter + ": the scheduler may be stopped, busy with an earlier run of the job, or the job "
					+ "may be running in another process";
			String next = "check 'pipeline status " + job + "' and that the scheduler runs; to run it now: "
					+ "pipeline run " + jobFile + " --date " + runDate;
			StringBuilder text = new StringBuilder();
			text.append("Job:        ").append(job).append('\n');
			text.append("Run date:   ").append(runDate).append('\n');
			text.append("Due:        ").append(scheduled).append('\n');
			text.append("Result:     not started within ").append(lateAfter).append('\n');
			text.append('\n').append(line).append("\n\nNext: ").append(next).append('\n');
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("text", subject + ": " + line);
			fields.put("job", job);
			fields.put("runDate", runDate.toString());
			fields.put("executionId", null);
			fields.put("result", "NOT_STARTED");
			fields.put("scheduled", scheduled.toOffsetDateTime().toString());
			fields.put("lateAfter", lateAfter.toString());
			fields.put("message", line);
			fields.put("next", next);
			return new Message(subject, text.toString(), fields);
		}

		static Message of(RunOutcome outcome) {
			String what = switch (outcome.result()) {
				case FAILED -> "failed";
				case COMPLETED_WITH_REJECTS -> "completed with rejected rows";
				default -> "completed";
			};
			String subject = "Migration statistics: " + outcome.job() + " for " + outcome.runDate() + " " + what
					+ " (execution " + outcome.executionId() + ", exit code " + outcome.result().exitCode() + ")";
			String failedStep = outcome.steps()
				.stream()
				.filter((s) -> !s.status().equals("COMPLETED"))
				.map(RunOutcome.StepLine::name)
				.findFirst()
				.orElse("");
			String failedFiles = outcome.files()
				.stream()
				.filter((f) -> f.failure() != null && !f.failure().isEmpty())
				.map(RunOutcome.FileLine::fileName)
				.collect(Collectors.joining(", "));
			long rejected = outcome.files().stream().mapToLong(RunOutcome.FileLine::rowsRejected).sum();
			String firstLine = outcome.message().lines().findFirst().orElse("");
			String next = switch (outcome.result()) {
				case FAILED -> "fix the cause, then: pipeline restart " + outcome.executionId()
						+ " (or run the same command again)";
				case COMPLETED_WITH_REJECTS -> "read the Rejects sheet of the report in " + outcome.report();
				default -> "nothing to do; the report is in " + outcome.report();
			};
			StringBuilder text = new StringBuilder();
			text.append("Job:        ").append(outcome.job()).append('\n');
			text.append("Run date:   ").append(outcome.runDate()).append('\n');
			text.append("Execution:  ").append(outcome.executionId()).append('\n');
			text.append("Result:     ").append(what).append(", exit code ").append(outcome.result().exitCode());
			text.append('\n');
			if (!failedStep.isEmpty()) {
				text.append("Step:       ").append(failedStep).append('\n');
			}
			if (!failedFiles.isEmpty()) {
				text.append("File(s):    ").append(failedFiles).append('\n');
			}
			if (rejected > 0) {
				text.append("Rejected:   ").append(String.format("%,d row(s)", rejected)).append('\n');
			}
			text.append('\n').append(firstLine).append("\n\nNext: ").append(next).append('\n');
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("text", subject + ": " + firstLine);
			fields.put("job", outcome.job());
			fields.put("runDate", outcome.runDate().toString());
			fields.put("executionId", outcome.executionId());
			fields.put("result", outcome.result().name());
			fields.put("exitCode", outcome.result().exitCode());
			fields.put("failedStep", failedStep);
			fields.put("failedFiles", failedFiles);
			fields.put("rowsRejected", rejected);
			fields.put("message", firstLine);
			fields.put("next", next);
			return new Message(subject, text.toString(), fields);
		}

	}

	/** Jackson, loaded only when a webhook is posted to. */
	private static final class Json {

		static final ObjectMapper MAPPER = new ObjectMapper();

	}

}
