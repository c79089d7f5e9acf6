package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.ExecutionHistory;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;
import org.migrationstats.pipeline.store.FileCountStore;
import org.migrationstats.pipeline.store.RunStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job of some hundreds of one-row files: each file is counted right, and the counts the
 * run summary, {@code show}, the report and the reject limits read come from the
 * pipeline's own table, without reading the job repository, whose step executions grow
 * with the files (reading them for each file made the compute step quadratic in files).
 */
@SpringBootTest
class ManyFilesJobIT {

	private static final int FILES = 300;

	private static final List<String> COUNTRIES = List.of("KAZ", "KGZ", "TJK", "TKM", "UZB");

	private static final Path WORK = ScratchFolders.create("many-files");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private RunStore runs;

	@Autowired
	private FileCountStore fileCounts;

	@Autowired
	private ExecutionHistory history;

	@Test
	void eachOfHundredsOfFilesIsCountedWithoutReadingTheJobRepository() throws IOException {
		Path input = Files.createDirectories(WORK.resolve("input"));
		for (int i = 0; i < FILES; i++) {
			String country = (i == 7) ? "Atlantis" : (i == 11) ? "WLD" : COUNTRIES.get(i % COUNTRIES.size());
			Files.writeString(input.resolve(String.format("f%03d.csv", i)),
					"ISO3,Year,Population\n" + country + "," + (1950 + i / COUNTRIES.size()) + "," + (1000 + i) + "\n",
					StandardCharsets.UTF_8);
		}
		Path job = WORK.resolve("many-files.yml");
		Files.writeString(job, """
				name: many-files
				membership: input/membership/iom.csv
				output: %s
				datasets:
				  - id: one-row-files
				    path: "%s/*.csv"
				    layout: long
				    measure: population
				    columns: { country: ISO3, year: Year, value: Population }
				limits: { max-reject-ratio: 1 }
				""".formatted(WORK.resolve("output"), input), StandardCharsets.UTF_8);

		RunOutcome outcome = this.runner.run(job, LocalDate.parse("2026-01-01"), false);

		assertThat(outcome.result()).as(outcome.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(outcome.files()).hasSize(FILES).allSatisfy((f) -> {
			assertThat(f.status()).isEqualTo("COMPLETED");
			assertThat(f.rowsRead()).isEqualTo(1);
		});
		assertThat(outcome.files()).filteredOn((f) -> f.rowsRejected() > 0).singleElement().satisfies((f) -> {
			assertThat(f.fileName()).endsWith("f007.csv");
			assertThat(f.rowsRejectedWhole()).isEqualTo(1);
		});
		assertThat(outcome.files()).filteredOn((f) -> f.filteredRows() > 0).singleElement().satisfies((f) -> {
			assertThat(f.fileName()).endsWith("f011.csv");
			assertThat(f.aggregateRows()).isEqualTo(1);
		});
		assertThat(outcome.steps()).filteredOn((s) -> s.name().equals("ingestDatasets"))
			.singleElement()
			.satisfies((s) -> {
				assertThat(s.read()).isEqualTo(FILES);
				assertThat(s.written()).isEqualTo(FILES - 2);
				assertThat(s.filtered()).isEqualTo(1);
				assertThat(s.skipped()).isEqualTo(1);
			});
		assertThat(NightlyJobIT.csv(WORK.resolve("output/many-files/2026-01-01/inputs.csv"), ',')).hasSize(FILES)
			.extracting((r) -> r.get("Rows read") + " " + r.get("Rows written") + " " + r.get("Rows rejected") + " "
					+ r.get("Rows filtered"))
			.containsOnly("1 1 0 0", "1 0 1 0", "1 0 0 1");

		JobExecution execution = this.jobRepository.getJobExecution(outcome.executionId());
		IngestCounts counts = new IngestCounts(refusing(), this.runs, this.fileCounts);
		assertThat(counts.collect(execution)).hasSize(FILES)
			.allSatisfy((f) -> assertThat(f.status()).isEqualTo(BatchStatus.COMPLETED))
			.extracting((f) -> f.rowsRead() + " " + f.rowsWritten() + " " + f.rowsRejected() + " " + f.filteredRows())
			.containsExactlyElementsOf(outcome.files()
				.stream()
				.map((f) -> f.rowsRead() + " " + (f.rowsRead() - f.rowsRejectedWhole() - f.filteredRows()) + " "
						+ f.rowsRejected() + " " + f.filteredRows())
				.toList());
		assertThat(counts.ingested(execution.getJobInstance().getInstanceId())).hasSize(FILES);
		assertThat(this.history.find(outcome.executionId()).orElseThrow().files())
			.containsExactlyElementsOf(outcome.files());
	}

	/**
	 * A job repository that fails the test when it is asked anything.
	 */
	private static JobRepository refusing() {
		return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, method, arguments) -> {
					throw new AssertionError("the job repository was asked " + method.getName());
				});
	}

}
