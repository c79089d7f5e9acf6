package org.migrationstats.pipeline.console;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.batch.ScratchFolders;
import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The console through Spring's MockMvc, with its security filters: the login, the pages
 * of a failed and a completed night, the roles, CSRF, the downloads and the paths that
 * try to leave the report folder; and the command line's {@code user add} and
 * {@code serve} refusing to start without a user.
 */
@SpringBootTest(classes = { PipelineApplication.class, ConsoleConfiguration.class },
		properties = { "spring.main.web-application-type=servlet", "spring.autoconfigure.exclude=" })
class ConsoleIT {

	private static final ConsoleFixture WORLD = new ConsoleFixture("console");

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		WORLD.properties(registry);
	}

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JobRunner runner;

	@Autowired
	private ExecutionHistory history;

	private MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void everyPageButTheLoginAsksToLogInAndTheFormLoginChecksTheBcryptHash() throws Exception {
		MockHttpServletResponse runs = this.mvc.perform(get("/runs")).andReturn().getResponse();
		assertThat(runs.getStatus()).isEqualTo(302);
		assertThat(runs.getRedirectedUrl()).endsWith("/login");
		MockHttpServletResponse login = this.mvc.perform(get("/login")).andReturn().getResponse();
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getContentAsString()).contains("<label for=\"password\">Password</label>")
			.contains("name=\"_csrf\"");

		MockHttpServletResponse wrong = this.mvc
			.perform(post("/login").param("username", ConsoleFixture.OPERATOR)
				.param("password", "not the password")
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
		MockHttpServletResponse right = this.mvc
			.perform(post("/login").param("username", ConsoleFixture.OPERATOR)
				.param("password", ConsoleFixture.PASSWORD)
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(right.getRedirectedUrl()).isEqualTo("/runs");
		MockHttpServletResponse noToken = this.mvc
			.perform(post("/login").param("username", ConsoleFixture.OPERATOR)
				.param("password", ConsoleFixture.PASSWORD))
			.andReturn()
			.getResponse();
		assertThat(noToken.getStatus()).isEqualTo(403);
	}

	@Test
	void aFailedNightShowsItsFileAndReasonAndAnOperatorRestartsItFromThePageAfterConfirming() throws Exception {
		WORLD.breakInput();
		RunOutcome failed = this.runner.run(WORLD.jobFile(), LocalDate.parse("2026-11-01"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		long id = failed.executionId();

		String list = page("/runs?status=FAILED", operator());
		assertThat(list).contains("/runs/" + id).contains("2026-11-01").contains("FAILED");
		String run = page("/runs/" + id, operator());
		assertThat(run).contains("<h3>ingestFile:kaz-net-migration#1 failed</h3>")
			.doesNotContain("Partition handler returned an unsuccessful step")
			.contains("ingestDatasets")
			.contains(WORLD.input.toString())
			.contains("byte FF is not valid UTF-8")
			.contains("href=\"/actions/restart/" + id + "\"");
		assertThat(page("/runs/" + id, viewer())).contains("ingestDatasets").doesNotContain("/actions/restart/");

		// a viewer may not act, and nobody may without the CSRF token
		assertThat(status(post("/actions/restart/" + id).with(viewer()).with(csrf()))).isEqualTo(403);
		assertThat(status(get("/actions/restart/" + id).with(viewer()))).isEqualTo(403);
		assertThat(status(post("/actions/restart/" + id).with(operator()))).isEqualTo(403);
		assertThat(status(post("/actions/restart/" + id).with(operator()).with(csrf().useInvalidToken())))
			.isEqualTo(403);
		assertThat(this.history.recent("kaz-net-migration", 10))
			.filteredOn((e) -> e.runDate().toString().equals("2026-11-01"))
			.hasSize(1);

		WORLD.mend();
		assertThat(page("/actions/restart/" + id, operator())).contains("Restart execution " + id)
			.contains("id=\"confirm\"");
		MockHttpServletResponse restarted = this.mvc
			.perform(post("/actions/restart/" + id).with(operator()).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(restarted.getStatus()).isEqualTo(302);
		assertThat(restarted.getRedirectedUrl()).isEqualTo("/runs?job=kaz-net-migration");
		ExecutionHistory.Execution after = awaitEnd(LocalDate.parse("2026-11-01"), id);
		assertThat(after.status()).isEqualTo("COMPLETED");
		assertThat(page("/runs/" + after.id(), operator())).contains("<dd id=\"status\">COMPLETED</dd>");
	}

	@Test
	void theReportIsDownloadedAndNoPathLeavesItsFolder() throws Exception {
		WORLD.mend();
		RunOutcome done = this.runner.run(WORLD.jobFile(), LocalDate.parse("2026-11-02"), false);
		assertThat(done.result()).as(done.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		long id = done.executionId();
		String run = page("/runs/" + id, viewer());
		String workbook = "kaz-net-migration-2026-11-02.xlsx";
		assertThat(run).contains("href=\"/runs/" + id + "/files/" + workbook + "\"");

		MockHttpServletResponse download = this.mvc.perform(get("/runs/" + id + "/files/" + workbook).with(viewer()))
			.andReturn()
			.getResponse();
		assertThat(download.getStatus()).isEqualTo(200);
		assertThat(download.getHeader("Content-Disposition")).contains("attachment").contains(workbook);
		assertThat(download.getContentAsByteArray()).startsWith('P', 'K');

		for (String path : List.of("..", "%2e%2e", "%2E%2E", "..%2f..%2f..%2fjobs%2fkaz.yml",
				"%2e%2e%2f%2e%2e%2fnet-migration.csv", "..%5c..%5cnet-migration.csv", "%252e%252e%252fkaz.yml",
				"..;%2f..%2fkaz.yml", ".%2e", "nothing-here.csv")) {
			MockHttpServletResponse refused = this.mvc
				.perform(get(URI.create("/runs/" + id + "/files/" + path)).with(viewer()))
				.andReturn()
				.getResponse();
			assertThat(refused.getStatus()).as(path).isEqualTo(404);
			assertThat(refused.getContentAsString()).as(path).doesNotContain("KAZ,1997");
		}
		assertThat(status(get(URI.create("/runs/" + id + "/../" + id + "/files/" + workbook)).with(viewer())))
			.isEqualTo(404);
	}

	@Test
	void theJobsPageGivesScheduleZoneNextFiringAndLastNight() throws Exception {
		String jobs = page("/jobs", viewer());
		assertThat(jobs).contains("kaz-net-migration")
			.contains("0 30 2 * * *")
			.contains("UTC")
			.containsPattern("\\d{4}-\\d\\d-\\d\\dT02:30Z");
		assertThat(page("/actions/run?job=kaz-net-migration&date=2026-10-01&rerun=true", operator()))
			.contains("Run kaz-net-migration for 2026-10-01 again from the start")
			.contains("name=\"rerun\" value=\"true\"");
		assertThat(status(get("/actions/run?job=kaz-net-migration&date=2026-10-01").with(viewer()))).isEqualTo(403);
		assertThat(status(get("/actions/run?job=no-such-job&date=2026-10-01").with(operator()))).isEqualTo(404);
	}

	@Test
	void anOperatorAbandonsRunsAJobForADateAndRecoversThroughTheSameServicesAsTheCommandLine() throws Exception {
		WORLD.breakInput();
		RunOutcome failed = this.runner.run(WORLD.jobFile(), LocalDate.parse("2026-11-03"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		long id = failed.executionId();
		WORLD.mend();

		assertThat(page("/actions/abandon/" + id, operator())).contains("Abandon execution " + id);
		MockHttpServletResponse abandoned = this.mvc
			.perform(post("/actions/abandon/" + id).with(operator()).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(abandoned.getRedirectedUrl()).isEqualTo("/runs/" + id);
		assertThat(abandoned.getContentAsString()).isEmpty();
		assertThat(page("/runs?job=kaz-net-migration&date=2026-11-03", viewer())).contains("ABANDONED")
			.doesNotContain("2026-11-02");
		MvcResult stop = this.mvc.perform(post("/actions/stop/" + id).with(operator()).with(csrf())).andReturn();
		assertThat(stop.getFlashMap().get("message")).isEqualTo("execution " + id + " is not running (ABANDONED)");

		// an abandoned date runs again only as a rerun
		MockHttpServletResponse rerun = this.mvc
			.perform(post("/actions/run").param("job", "kaz-net-migration")
				.param("date", "2026-11-03")
				.param("rerun", "true")
				.with(operator())
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(rerun.getRedirectedUrl()).isEqualTo("/runs?job=kaz-net-migration");
		assertThat(awaitEnd(LocalDate.parse("2026-11-03"), id).status()).isEqualTo("COMPLETED");

		MvcResult recovered = this.mvc.perform(post("/actions/recover").with(operator()).with(csrf())).andReturn();
		assertThat(recovered.getFlashMap().get("message"))
			.isEqualTo("No execution was left running by a dead process.");
		assertThat(status(post("/actions/recover").with(viewer()).with(csrf()))).isEqualTo(403);
	}

	@Test
	void theRejectsOfARunArePagedTwentyAtATime() throws Exception {
		StringBuilder rows = new StringBuilder("Country,Year,Value\n");
		for (String country : List.of("KAZ", "FRA", "DEU", "USA", "CAN", "JPN")) {
			for (int year = 1950; year <= 2020; year++) {
				rows.append(country).append(',').append(year).append(",-1000\n");
			}
		}
		for (int year = 1990; year <= 2010; year++) {
			rows.append("Atlantis,").append(year).append(",5\n");
		}
		// 21 rows of 447 rejected: within the default max-reject-ratio of 5 %
		Path file = Files.writeString(WORLD.work.resolve("rejects.csv"), rows);
		Path job = Files.writeString(WORLD.work.resolve("rejects.yml"),
				Files.readString(WORLD.jobFile())
					.replace("name: kaz-net-migration", "name: with-rejects")
					.replace(WORLD.input.toString(), file.toString()));
		RunOutcome done = this.runner.run(job, LocalDate.parse("2026-11-04"), false);
		assertThat(done.result()).as(done.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		long id = done.executionId();

		String first = page("/runs/" + id, viewer());
		assertThat(first).contains("Rejections 1 to 20 of 21")
			.contains("page 1 of 2")
			.contains("href=\"/runs/" + id + "?page=2\"")
			.contains("<td>Atlantis</td>");
		assertThat(first.split("<td>Atlantis</td>", -1)).hasSize(21);
		String second = page("/runs/" + id + "?page=2", viewer());
		assertThat(second).contains("Rejections 21 to 21 of 21").contains("page 2 of 2");
		assertThat(second.split("<td>Atlantis</td>", -1)).hasSize(2);
	}

	@Test
	void serveRefusesToStartWithoutAUserAndSaysHowToAddOne() {
		String empty = "jdbc:h2:file:" + ScratchFolders.create("console-empty").resolve("db/pipeline");
		String[] served = ConsoleFixture.commandOn(empty, "", "serve", "--dir", WORLD.jobs.toString());
		assertThat(served[0]).isEqualTo("2");
		assertThat(served[2]).contains("the console has no user yet, and there is no default one")
			.contains("pipeline user add <name> --role OPERATOR");

		String[] shortPassword = ConsoleFixture.commandOn(empty, "short\n", "user", "add", "ann", "--role", "OPERATOR");
		assertThat(shortPassword[0]).isEqualTo("2");
		assertThat(shortPassword[2]).contains("a password has 8 characters or more");
		String[] badRole = ConsoleFixture.commandOn(empty, "long enough password\n", "user", "add", "ann", "--role",
				"ADMIN");
		assertThat(badRole[0]).isEqualTo("2");
		assertThat(badRole[2]).contains("a role is VIEWER or OPERATOR, not 'ADMIN'");
	}

	private ExecutionHistory.Execution awaitEnd(LocalDate date, long after) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			ExecutionHistory.Execution newest = this.history.recent("kaz-net-migration", 20)
				.stream()
				.filter((e) -> e.runDate().equals(date) && e.id() > after)
				.findFirst()
				.orElse(null);
			if (newest != null && newest.end() != null) {
				return newest;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the restart of " + after + " did not end");
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(path).with(who)).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

	private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private static RequestPostProcessor operator() {
		return user(ConsoleFixture.OPERATOR).roles("OPERATOR");
	}

	private static RequestPostProcessor viewer() {
		return user(ConsoleFixture.VIEWER).roles("VIEWER");
	}

}
