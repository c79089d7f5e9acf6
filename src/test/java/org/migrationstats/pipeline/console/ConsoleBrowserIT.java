package org.migrationstats.pipeline.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.batch.ScratchFolders;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its
 * chromedriver (given by path: Selenium downloads nothing), against the console on a real
 * Tomcat on 127.0.0.1. An operator logs in, sees a failed night with its failed file,
 * mends the file and restarts the night from its page, and sees it COMPLETED; a VIEWER's
 * restart and a POST without the CSRF token are refused with 403; the workbook downloads
 * and a path that leaves the report folder is 404. The screenshots of the run list and
 * the run page are written to {@code target/console-screenshots}, and to {@code src/docs}
 * with {@code -Ddocs.screenshots=true}. Skipped where {@code /usr/bin/chromedriver} is
 * absent ({@code .ci/chromium.sh} installs it).
 */
@SpringBootTest(classes = { PipelineApplication.class, ConsoleConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.autoconfigure.exclude=" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final ConsoleFixture WORLD = new ConsoleFixture("console-browser");

	private static final LocalDate NIGHT = LocalDate.parse("2026-11-30");

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		WORLD.properties(registry);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private JobRunner runner;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	void startChromium() {
		assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
				"no Chromium here (.ci/chromium.sh installs Debian's chromium and chromium-driver)");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000",
				"--user-data-dir=" + ScratchFolders.create("chromium-profile"));
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(90), Duration.ofMillis(250));
	}

	@AfterAll
	void stopChromium() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anOperatorSeesAFailedNightRestartsItAndAViewerCannot() throws Exception {
		RunOutcome nightBefore = this.runner.run(WORLD.jobFile(), NIGHT.minusDays(1), false);
		assertThat(nightBefore.result()).isEqualTo(RunOutcome.Result.SUCCESS);
		WORLD.breakInput();
		RunOutcome failed = this.runner.run(WORLD.jobFile(), NIGHT, false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		long id = failed.executionId();

		open("/runs");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		logIn(ConsoleFixture.OPERATOR);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Runs");
		assertThat(this.browser.findElement(By.cssSelector("#runs tbody tr.status-FAILED")).getText())
			.contains(Long.toString(id), "kaz-net-migration", NIGHT.toString(), "FAILED");
		screenshot("console-runs.png");

		this.browser.findElement(By.linkText(Long.toString(id))).click();
		this.wait.until((b) -> !b.findElements(By.id("status")).isEmpty());
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("FAILED");
		String failedFile = this.browser.findElement(By.cssSelector("#files tr.status-FAILED")).getText();
		assertThat(failedFile).contains(WORLD.input.toString(), "byte FF is not valid UTF-8");
		assertThat(this.browser.findElement(By.cssSelector(".failure h3")).getText())
			.isEqualTo("ingestFile:kaz-net-migration#1 failed");
		screenshot("console-run.png");

		// a POST without the CSRF token is refused, even to an operator
		assertThat(post("/actions/restart/" + id, false)).isEqualTo(403);

		WORLD.mend();
		this.browser.findElement(By.id("restart")).click();
		this.wait.until((b) -> !b.findElements(By.id("question")).isEmpty());
		assertThat(this.browser.findElement(By.id("question")).getText())
			.startsWith("Restart execution " + id + " of kaz-net-migration for " + NIGHT);
		this.browser.findElement(By.id("confirm")).click();
		// the console answers once the restart has started (or at once if it was refused)
		this.wait.until((b) -> b.getCurrentUrl().endsWith("/runs?job=kaz-net-migration"));
		this.wait.until((b) -> {
			b.navigate().refresh();
			String newest = b.findElement(By.cssSelector("#runs tbody tr")).getText();
			return newest.contains(NIGHT.toString()) && newest.contains("COMPLETED");
		});
		this.browser.findElement(By.cssSelector("#runs tbody tr a")).click();
		this.wait.until((b) -> !b.findElements(By.id("status")).isEmpty());
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("COMPLETED");
		long restarted = Long.parseLong(this.browser.getCurrentUrl().replaceAll(".*/runs/", ""));
		assertThat(restarted).isGreaterThan(id);

		// the workbook downloads; no path leaves the report folder
		String workbook = "kaz-net-migration-" + NIGHT + ".xlsx";
		assertThat(this.browser.findElement(By.linkText(workbook)).getAttribute("href"))
			.endsWith("/runs/" + restarted + "/files/" + workbook);
		HttpResponse<byte[]> download = get("/runs/" + restarted + "/files/" + workbook);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).startsWith('P', 'K');
		for (String path : List.of("..", "%2e%2e", "..%2f..%2fnet-migration.csv", "%2e%2e%2f%2e%2e%2fnet-migration.csv",
				"%252e%252e%252fnet-migration.csv", "..%2f..%2f..%2fjobs%2fkaz.yml")) {
			HttpResponse<byte[]> refused = get("/runs/" + restarted + "/files/" + path);
			assertThat(refused.statusCode()).as(path).isEqualTo(404);
		}

		// a viewer reads the page but may not restart, even with a valid token
		this.browser.findElement(By.cssSelector("form.logout button")).click();
		this.wait.until((b) -> b.getCurrentUrl().contains("/login"));
		logIn(ConsoleFixture.VIEWER);
		open("/runs/" + id);
		assertThat(this.browser.findElements(By.id("restart"))).isEmpty();
		assertThat(post("/actions/restart/" + id, true)).isEqualTo(403);
		open("/actions/restart/" + id);
		assertThat(this.browser.getPageSource()).doesNotContain("id=\"confirm\"");
	}

	private void open(String path) {
		this.browser.get("http://127.0.0.1:" + this.port + path);
	}

	private void logIn(String user) {
		open("/login");
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until((b) -> b.getCurrentUrl().endsWith("/runs"));
	}

	/**
	 * POSTs from the page the browser shows, with the session's CSRF token (from the
	 * logout form) or without one.
	 * @return the answer's status
	 */
	private int post(String path, boolean withToken) {
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const body = new URLSearchParams();
				if (arguments[1]) {
				  body.append('_csrf', document.querySelector('form.logout input[name=_csrf]').value);
				}
				fetch(arguments[0], { method: 'POST', body: body, redirect: 'manual' })
				  .then((r) => done(r.status), () => done(-1));
				""", path, withToken);
		return ((Number) status).intValue();
	}

	/** A GET with the browser's session cookie, the path sent as written. */
	private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
		Cookie session = this.browser.manage().getCookieNamed("JSESSIONID");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Cookie", "JSESSIONID=" + session.getValue())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private void screenshot(String name) throws IOException {
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		Path folder = Files.createDirectories(Path.of("target/console-screenshots"));
		Files.write(folder.resolve(name), png);
		if (Boolean.getBoolean("docs.screenshots")) {
			Files.write(Files.createDirectories(Path.of("src/docs")).resolve(name), png);
		}
	}

}
