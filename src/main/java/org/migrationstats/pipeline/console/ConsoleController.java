package org.migrationstats.pipeline.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.operate.ExecutionControl;
import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.report.jdbc.InputQueries;
import org.migrationstats.pipeline.schedule.JobFiles;
import org.migrationstats.pipeline.schedule.NightlySchedule;
import org.migrationstats.pipeline.spec.JobSpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;

/**
 * The console's pages: the jobs, the runs, one run; the downloads of a run's report; the
 * confirmation pages of the actions and the actions themselves.
 */
@Controller
class ConsoleController {

	/** Rejects shown on one page of a run. */
	static final int REJECTS_PER_PAGE = 20;

	private static final int RUNS_LISTED = 200;

	/**
	 * What Spring Batch says of a partitioned step whose partitions failed: they say why.
	 */
	private static final String PARTITIONS_FAILED = "Partition handler returned an unsuccessful step";

	private final ExecutionHistory history;

	private final InputQueries inputs;

	private final ConsoleActions actions;

	private final Path jobsFolder;

	private final Clock clock = Clock.systemUTC();

	ConsoleController(ExecutionHistory history, InputQueries inputs, ConsoleActions actions,
			@Value("${pipeline.console.jobs-dir:jobs}") Path jobsFolder) {
		this.history = history;
		this.inputs = inputs;
		this.actions = actions;
		this.jobsFolder = jobsFolder;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/runs";
	}

	@GetMapping("/jobs")
	String jobs(Model model) {
		JobFiles.Scan scan = JobFiles.scan(this.jobsFolder);
		Instant now = this.clock.instant();
		List<ConsoleRows.JobRow> rows = new ArrayList<>();
		for (JobSpec job : scan.jobs()) {
			String next = NightlySchedule.of(job).nextAfter(now).map(Object::toString).orElse("never");
			Optional<ExecutionHistory.Execution> last = this.history.recent(job.name(), 1).stream().findFirst();
			rows.add(new ConsoleRows.JobRow(job.name(), job.source().toString(), job.schedule(), job.zone().toString(),
					next, last.orElse(null)));
		}
		model.addAttribute("jobs", rows);
		model.addAttribute("errors", scan.errors());
		model.addAttribute("folder", this.jobsFolder.toAbsolutePath().toString());
		return "jobs";
	}

	@GetMapping("/runs")
	String runs(@RequestParam(required = false) String job,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String status, Model model) {
		String jobName = blankToNull(job);
		String wanted = blankToNull(status);
		List<ExecutionHistory.Execution> runs = this.history.recent(jobName, RUNS_LISTED)
			.stream()
			.filter((e) -> date == null || date.equals(e.runDate()))
			.filter((e) -> wanted == null || wanted.equalsIgnoreCase(e.status()))
			.toList();
		model.addAttribute("runs", runs);
		model.addAttribute("job", (jobName != null) ? jobName : "");
		model.addAttribute("date", (date != null) ? date.toString() : "");
		model.addAttribute("status", (wanted != null) ? wanted : "");
		model.addAttribute("jobNames",
				JobFiles.scan(this.jobsFolder).jobs().stream().map(JobSpec::name).sorted().distinct().toList());
		model.addAttribute("statuses",
				List.of("COMPLETED", "FAILED", "STOPPED", "STARTED", "STOPPING", "ABANDONED", "UNKNOWN"));
		model.addAttribute("refresh", runs.stream().anyMatch(ConsoleController::running));
		return "runs";
	}

	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, @RequestParam(defaultValue = "1") int page, Model model) {
		ExecutionHistory.Details details = details(id);
		List<ConsoleRows.FileRow> files = new ArrayList<>();
		for (ExecutionHistory.InputFile input : details.inputs()) {
			files.add(new ConsoleRows.FileRow(input, details.countsRead(input).orElse(null)));
		}
		int current = Math.max(1, page);
		List<Rejection> rejects = new ArrayList<>();
		long[] total = { 0 };
		long skip = (long) (current - 1) * REJECTS_PER_PAGE;
		this.inputs.rejections(details.runId(), (rejection) -> {
			if (total[0] >= skip && total[0] < skip + REJECTS_PER_PAGE) {
				rejects.add(rejection);
			}
			total[0]++;
		});
		model.addAttribute("details", details);
		model.addAttribute("e", details.execution());
		model.addAttribute("files", files);
		model.addAttribute("rejects", rejects);
		model.addAttribute("rejectsTotal", total[0]);
		model.addAttribute("page", current);
		model.addAttribute("firstReject", skip + 1);
		model.addAttribute("pages", Math.max(1, (total[0] + REJECTS_PER_PAGE - 1) / REJECTS_PER_PAGE));
		model.addAttribute("downloads", downloads(details));
		model.addAttribute("refresh", running(details.execution()));
		// the failed steps say what failed; the job's own exit message only repeats it
		List<RunOutcome.StepLine> failures = details.execution()
			.steps()
			.stream()
			.filter((s) -> !s.failure().isEmpty() && !s.failure().contains(PARTITIONS_FAILED))
			.toList();
		model.addAttribute("failures", failures);
		model.addAttribute("stepFailed", !failures.isEmpty());
		model.addAttribute("restartable", List.of("FAILED", "STOPPED").contains(details.execution().status()));
		model.addAttribute("abandonable",
				List.of("FAILED", "STOPPED", "UNKNOWN").contains(details.execution().status()));
		return "run";
	}

	/**
	 * A file of the run's published report: only a regular file directly in the report
	 * folder, named as listed; anything else (a path that leaves the folder in any
	 * spelling, a folder, a file that is not there) is 404.
	 */
	@GetMapping("/runs/{id}/files/{name}")
	ResponseEntity<Resource> download(@PathVariable long id, @PathVariable String name) {
		ExecutionHistory.Details details = details(id);
		Path folder = reportFolder(details).orElseThrow(ConsoleController::notFound);
		if (!downloads(details).contains(name)) {
			throw notFound();
		}
		Path file = folder.resolve(name).normalize();
		if (!file.getParent().equals(folder) || !Files.isRegularFile(file)) {
			throw notFound();
		}
		MediaType type = name.endsWith(".csv") ? MediaType.parseMediaType("text/csv")
				: name.endsWith(".xlsx")
						? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
						: MediaType.APPLICATION_OCTET_STREAM;
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(new FileSystemResource(file));
	}

	@GetMapping("/actions/{action}/{id}")
	String confirm(@PathVariable String action, @PathVariable long id, Model model) {
		ExecutionHistory.Execution e = details(id).execution();
		String question = switch (action) {
			case "restart" -> "Restart execution " + id + " of " + e.job() + " for " + e.runDate()
					+ " from the step that did not finish?";
			case "stop" -> "Stop execution " + id + " of " + e.job() + " for " + e.runDate()
					+ "? It stops at the end of the chunk in progress and can be restarted.";
			case "abandon" -> "Abandon execution " + id + " of " + e.job() + " for " + e.runDate()
					+ "? It will not be restarted; only a rerun runs that date again.";
			default -> throw notFound();
		};
		model.addAttribute("question", question);
		model.addAttribute("action", "/actions/" + action + "/" + id);
		model.addAttribute("button", Character.toUpperCase(action.charAt(0)) + action.substring(1));
		model.addAttribute("back", "/runs/" + id);
		model.addAttribute("fields", List.of());
		return "confirm";
	}

	@PostMapping("/actions/restart/{id}")
	String restart(@PathVariable long id, Principal user, RedirectAttributes redirect) {
		ExecutionHistory.Execution e = details(id).execution();
		redirect.addFlashAttribute("message", this.actions.restart(id, user.getName()));
		return "redirect:/runs?job=" + e.job();
	}

	@PostMapping("/actions/stop/{id}")
	String stop(@PathVariable long id, Principal user, RedirectAttributes redirect) {
		details(id);
		ExecutionControl.Answer answer = this.actions.stop(id, user.getName());
		redirect.addFlashAttribute("message", answer.message());
		return "redirect:/runs/" + id;
	}

	@PostMapping("/actions/abandon/{id}")
	String abandon(@PathVariable long id, Principal user, RedirectAttributes redirect) {
		details(id);
		ExecutionControl.Answer answer = this.actions.abandon(id, user.getName());
		redirect.addFlashAttribute("message", answer.message());
		return "redirect:/runs/" + id;
	}

	@GetMapping("/actions/run")
	String confirmRun(@RequestParam String job,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(defaultValue = "false") boolean rerun, Model model) {
		JobSpec spec = job(job);
		LocalDate runDate = (date != null) ? date : LocalDate.now(spec.zone());
		model.addAttribute("question", "Run " + spec.name() + " for " + runDate + (rerun
				? " again from the start, as a new attempt (a failed or stopped execution of that date is abandoned)?"
				: "? A failed or stopped date is restarted; a completed one is left alone."));
		model.addAttribute("action", "/actions/run");
		model.addAttribute("button", "Run");
		model.addAttribute("back", "/jobs");
		model.addAttribute("fields",
				List.of(new ConsoleRows.Field("job", spec.name()), new ConsoleRows.Field("date", runDate.toString()),
						new ConsoleRows.Field("rerun", Boolean.toString(rerun))));
		return "confirm";
	}

	@PostMapping("/actions/run")
	String run(@RequestParam String job, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(defaultValue = "false") boolean rerun, Principal user, RedirectAttributes redirect) {
		JobSpec spec = job(job);
		redirect.addFlashAttribute("message",
				this.actions.run(spec.source(), spec.name(), date, rerun, user.getName()));
		return "redirect:/runs?job=" + spec.name();
	}

	@GetMapping("/actions/recover")
	String confirmRecover(Model model) {
		model.addAttribute("question", "Mark the executions left running by a process that died FAILED, "
				+ "so that they can be restarted? Executions a live process runs are left alone.");
		model.addAttribute("action", "/actions/recover");
		model.addAttribute("button", "Recover");
		model.addAttribute("back", "/runs");
		model.addAttribute("fields", List.of());
		return "confirm";
	}

	@PostMapping("/actions/recover")
	String recover(Principal user, RedirectAttributes redirect) {
		ExecutionControl.Recovery recovery = this.actions.recover(user.getName());
		List<String> lines = new ArrayList<>();
		lines.add(recovery.recovered().isEmpty() ? "No execution was left running by a dead process."
				: "Marked FAILED: execution(s) " + recovery.recovered() + "; they can be restarted.");
		lines.addAll(recovery.leftAlone());
		redirect.addFlashAttribute("message", String.join(" ", lines));
		return "redirect:/runs";
	}

	private JobSpec job(String name) {
		return JobFiles.scan(this.jobsFolder)
			.jobs()
			.stream()
			.filter((j) -> j.name().equals(name))
			.findFirst()
			.orElseThrow(ConsoleController::notFound);
	}

	private ExecutionHistory.Details details(long id) {
		return this.history.find(id).orElseThrow(ConsoleController::notFound);
	}

	private static Optional<Path> reportFolder(ExecutionHistory.Details details) {
		if (details.report() == null) {
			return Optional.empty();
		}
		Path folder = Path.of(details.report()).toAbsolutePath().normalize();
		return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
	}

	private static List<String> downloads(ExecutionHistory.Details details) {
		Optional<Path> folder = reportFolder(details);
		if (folder.isEmpty()) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder.get())) {
			return files.filter(Files::isRegularFile)
				.map((f) -> f.getFileName().toString())
				.filter((n) -> !n.startsWith("."))
				.sorted((a, b) -> (a.endsWith(".xlsx") == b.endsWith(".xlsx")) ? a.compareTo(b)
						: a.endsWith(".xlsx") ? -1 : 1)
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static boolean running(ExecutionHistory.Execution e) {
		return List.of("STARTING", "STARTED", "STOPPING").contains(e.status());
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
