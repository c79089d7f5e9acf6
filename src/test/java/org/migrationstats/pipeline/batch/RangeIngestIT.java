package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One record-level file above the split size is read in three byte ranges, one partition
 * each: the report (figures, rejects with their rows, filtered rows, counts per file)
 * equals that of the same file read whole, though its quoted office names hold line
 * breaks and commas, so that rows and lines differ. A range that fails is read again
 * alone after the file is mended, and the figures equal a clean run's.
 */
@SpringBootTest(properties = "pipeline.ingest.split-size=40KB")
class RangeIngestIT {

	private static final Path WORK = ScratchFolders.create("ranges");

	private static final List<String> CODES = List.of("KAZ", "KGZ", "UZB", "TJK", "TKM", "QZA", "WLD");

	private static final int ROWS = 4000;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		ScratchFolders.database(registry, WORK);
	}

	@Autowired
	private JobRunner runner;

	@Autowired
	private JdbcTemplate jdbc;

	/** The file's text, and per row its line number in the file. */
	private record Records(String text, List<Long> lines, Map<String, long[]> sums, List<Long> unknownLines) {
	}

	private static Records records() {
		StringBuilder csv = new StringBuilder("Office,ISO3,Year,Arrivals,Departures\n");
		List<Long> lines = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		Map<String, long[]> sums = new HashMap<>();
		long line = 2;
		for (int i = 0; i < ROWS; i++) {
			String code = CODES.get((i * 7 + i / 13) % CODES.size());
			int year = 2000 + i % 3;
			int arrivals = (i * 37) % 5000;
			int departures = (i * 53) % 4000;
			lines.add(line);
			if (i % 5 == 0) {
				// a quoted name over two lines, with a comma and quotes: lines and rows
				// part
				csv.append("\"office ").append(i).append(",\n\"\"annex\"\"\"");
				line++;
			}
			else {
				csv.append("office-").append(i);
			}
			csv.append(',')
				.append(code)
				.append(',')
				.append(year)
				.append(',')
				.append(arrivals)
				.append(',')
				.append(departures)
				.append('\n');
			line++;
			if (code.equals("QZA")) {
				unknown.add(lines.get(i));
			}
			else if (!code.equals("WLD")) {
				long[] s = sums.computeIfAbsent(code + " " + year, (k) -> new long[2]);
				s[0] += arrivals;
				s[1] += departures;
			}
		}
		return new Records(csv.toString(), lines, sums, unknown);
	}

	private static Path jobFile(String name, Path file, int threads) throws IOException {
		return job(name, threads, """
				  - id: office-registrations
				    path: %s
				    layout: long
				    sum-records: true
				    chunk-size: 300
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: "2000-2002", from: 2000, to: 2002 }
				limits: { max-reject-ratio: 0.5 }
				""".formatted(file));
	}

	/**
	 * Writes a job file that reads its datasets on the given number of threads.
	 * @param datasets the list of datasets and what follows it in the file
	 */
	private static Path job(String name, int threads, String datasets) throws IOException {
		Path jobFile = WORK.resolve(name + ".yml");
		Files.writeString(jobFile, """
				name: %s
				membership: input/membership/iom.csv
				output: %s
				ingest-threads: %d
				datasets:
				""".formatted(name, WORK.resolve("output-" + name), threads) + datasets, StandardCharsets.UTF_8);
		return jobFile;
	}

	private static Path report(String name, String date) {
		return WORK.resolve("output-" + name).resolve(name).resolve(date);
	}

	@Test
	void aFileReadInRangesGivesTheReportOfTheFileReadWhole() throws IOException {
		Records records = records();
		Path file = WORK.resolve("registrations.csv");
		Files.writeString(file, records.text(), StandardCharsets.UTF_8);
		assertThat(Files.size(file)).isGreaterThan(3 * 40 * 1024);

		RunOutcome whole = this.runner.run(jobFile("whole", file, 1), LocalDate.parse("2026-05-01"), false);
		RunOutcome ranged = this.runner.run(jobFile("ranged", file, 3), LocalDate.parse("2026-05-01"), false);

		assertThat(whole.result()).as(whole.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(ranged.result()).as(ranged.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(whole.steps()).extracting(RunOutcome.StepLine::name).contains("ingestFile:office-registrations#1");
		List<RunOutcome.StepLine> ranges = ranged.steps()
			.stream()
			.filter((s) -> s.name().startsWith("ingestFile:"))
			.toList();
		assertThat(ranges).extracting(RunOutcome.StepLine::name)
			.containsExactlyInAnyOrder("ingestFile:office-registrations#1.r1", "ingestFile:office-registrations#1.r2",
					"ingestFile:office-registrations#1.r3");
		assertThat(ranges).allSatisfy((s) -> assertThat(s.read()).isBetween(1000L, 1700L));
		assertThat(ranges.stream().mapToLong(RunOutcome.StepLine::read).sum()).isEqualTo(ROWS);
		assertThat(ranged.files()).isEqualTo(whole.files());
		assertThat(ranged.files()).singleElement().satisfies((f) -> {
			assertThat(f.rowsRead()).isEqualTo(ROWS);
			assertThat(f.rowsRejected()).isEqualTo(records.unknownLines().size());
		});
		assertSameReport(report("whole", "2026-05-01"), report("ranged", "2026-05-01"));
		assertFigures(report("ranged", "2026-05-01"), records);
	}

	@Test
	void aRangeThatFailedIsReadAgainAloneAfterTheFileIsMended() throws IOException {
		Records records = records();
		Path file = WORK.resolve("registrations-broken.csv");
		byte[] good = records.text().getBytes(StandardCharsets.UTF_8);
		// a byte that is not UTF-8 in the middle range, on the row of record 2,000
		int row = 2000;
		int at = offsetOfLine(good, records.lines().get(row)) + 1;
		byte[] broken = good.clone();
		broken[at] = (byte) 0xFF;
		Files.write(file, broken);
		Path jobFile = jobFile("mended", file, 3);

		RunOutcome failed = this.runner.run(jobFile, LocalDate.parse("2026-05-02"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains("registrations-broken.csv, line " + records.lines().get(row));
		Map<String, RunOutcome.StepLine> first = ingestSteps(failed);
		assertThat(first.keySet()).containsExactlyInAnyOrder("r1", "r2", "r3");
		assertThat(first.get("r1").status()).isEqualTo("COMPLETED");
		assertThat(first.get("r3").status()).isEqualTo("COMPLETED");
		assertThat(first.get("r2").status()).isEqualTo("FAILED");

		Files.write(file, good);
		RunOutcome restarted = this.runner.run(jobFile, LocalDate.parse("2026-05-02"), false);

		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		Map<String, RunOutcome.StepLine> again = ingestSteps(restarted);
		assertThat(again.keySet()).as("the completed ranges are not read again").containsExactly("r2");
		// the failed range goes on after its blocks committed before the broken row
		long committed = ROWS - first.get("r1").read() - first.get("r3").read() - again.get("r2").read();
		assertThat(committed).isPositive().isLessThanOrEqualTo(first.get("r2").read());
		assertThat(committed % 300).isZero();
		assertThat(restarted.files()).singleElement().satisfies((f) -> {
			assertThat(f.rowsRead()).isEqualTo(ROWS);
			assertThat(f.rowsRejected()).isEqualTo(records.unknownLines().size());
		});
		assertFigures(report("mended", "2026-05-02"), records);
		// no row is counted twice in the database: every sum adds up to the file's
		assertThat(this.jdbc.queryForObject("SELECT SUM(ROWS_READ) FROM MIG_FILE_COUNT WHERE FILE_NAME = ?", Long.class,
				file.toString()))
			.isEqualTo(ROWS);
	}

	@Test
	void aMendedFileWhoseCompletedRangeChangedIsRefused() throws IOException {
		Records records = records();
		Path file = WORK.resolve("registrations-changed.csv");
		byte[] good = records.text().getBytes(StandardCharsets.UTF_8);
		byte[] broken = good.clone();
		broken[offsetOfLine(good, records.lines().get(2000)) + 1] = (byte) 0xFF;
		Files.write(file, broken);
		Path jobFile = jobFile("changed", file, 3);
		RunOutcome failed = this.runner.run(jobFile, LocalDate.parse("2026-05-03"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);

		// mended, and a digit changed in the first range, which completed
		byte[] changed = good.clone();
		int digit = offsetOfLine(good, records.lines().get(10)) + "office-10,KGZ,2001,".length();
		changed[digit] = (byte) ((changed[digit] == '1') ? '2' : '1');
		Files.write(file, changed);
		RunOutcome refused = this.runner.run(jobFile, LocalDate.parse("2026-05-03"), false);
		assertThat(refused.message())
			.contains("registrations-changed.csv (dataset office-registrations) changed after " + "it was ingested");
	}

	@Test
	void aFileReadInRangesIsHeldToItsRejectLimitOnceAllRangesAreIn() throws IOException {
		Records records = records();
		Path file = WORK.resolve("registrations-limited.csv");
		Files.writeString(file, records.text(), StandardCharsets.UTF_8);
		Path jobFile = jobFile("limited", file, 3);
		Files.writeString(jobFile, Files.readString(jobFile).replace("max-reject-ratio: 0.5", "max-reject-ratio: 0.1"));

		RunOutcome failed = this.runner.run(jobFile, LocalDate.parse("2026-05-04"), false);
		assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
		assertThat(failed.message()).contains("registrations-limited.csv (dataset office-registrations): "
				+ records.unknownLines().size() + " of " + ROWS + " rows rejected");
		assertThat(ingestSteps(failed).values()).extracting(RunOutcome.StepLine::status)
			.containsOnly("COMPLETED")
			.hasSize(3);

		Files.writeString(jobFile, Files.readString(jobFile).replace("max-reject-ratio: 0.1", "max-reject-ratio: 0.5"));
		RunOutcome restarted = this.runner.run(jobFile, LocalDate.parse("2026-05-04"), false);
		assertThat(restarted.result()).as(restarted.message()).isEqualTo(RunOutcome.Result.COMPLETED_WITH_REJECTS);
		assertThat(ingestSteps(restarted)).as("no range is read again").isEmpty();
		assertFigures(report("limited", "2026-05-04"), records);
	}

	@Test
	void monthsSummedToYearsInRangesGiveTheReportOfTheFileReadWhole() throws IOException {
		// monthly records; Uzbekistan's December never comes, so its years are listed as
		// not summed, with their months from every range
		StringBuilder csv = new StringBuilder("Office,ISO3,Month,Arrivals\n");
		for (int i = 0; i < ROWS; i++) {
			String code = CODES.get(i % 5);
			int month = 1 + (i / 5) % 12;
			if (code.equals("UZB") && month == 12) {
				month = 11;
			}
			csv.append((i % 9 == 0) ? "\"office\n" + i + "\"" : "office-" + i)
				.append(',')
				.append(code)
				.append(',')
				.append(2000 + (i / 60) % 2)
				.append('-')
				.append(String.format("%02d", month))
				.append(',')
				.append(i % 1000)
				.append('\n');
		}
		Path file = WORK.resolve("monthly.csv");
		Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
		RunOutcome whole = this.runner.run(monthlyJob("monthly-whole", file, 1), LocalDate.parse("2026-05-05"), false);
		RunOutcome ranged = this.runner.run(monthlyJob("monthly-ranged", file, 3), LocalDate.parse("2026-05-05"),
				false);
		assertThat(whole.result()).as(whole.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(ranged.result()).as(ranged.message()).isEqualTo(RunOutcome.Result.SUCCESS);
		assertThat(ingestSteps(ranged)).containsOnlyKeys("r1", "r2", "r3");
		assertThat(ranged.files()).isEqualTo(whole.files());
		assertThat(ranged.files().get(0).yearsNotSummed()).hasSize(2)
			.allSatisfy((y) -> assertThat(y).startsWith("UZB 200").contains("11 of 12 months, missing 200"));
		assertSameReport(report("monthly-whole", "2026-05-05"), report("monthly-ranged", "2026-05-05"));
	}

	private static Path monthlyJob(String name, Path file, int threads) throws IOException {
		return job(name, threads, """
				  - id: monthly-registrations
				    path: %s
				    layout: long
				    sum-records: true
				    sum-to-year: true
				    chunk-size: 250
				    columns: { country: ISO3, year: Month, immigrants: Arrivals }
				periods:
				  - { name: "2000-2001", from: 2000, to: 2001 }
				""".formatted(file));
	}

	private static Map<String, RunOutcome.StepLine> ingestSteps(RunOutcome outcome) {
		Map<String, RunOutcome.StepLine> steps = new HashMap<>();
		for (RunOutcome.StepLine step : outcome.steps()) {
			if (step.name().startsWith("ingestFile:")) {
				steps.put(step.name().substring(step.name().lastIndexOf('.') + 1), step);
			}
		}
		return steps;
	}

	private static void assertSameReport(Path whole, Path ranged) throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(whole)) {
			// every table but the run's details (job name, job file, ids, time)
			files = list.filter((p) -> p.toString().endsWith(".csv") && !p.endsWith("run_details.csv"))
				.sorted()
				.toList();
		}
		assertThat(files).extracting((p) -> p.getFileName().toString())
			.contains("country_year.csv", "rejects.csv", "inputs.csv", "filtered_rows.csv", "periods.csv");
		for (Path csv : files) {
			assertThat(Files.readString(ranged.resolve(csv.getFileName()))).as(csv.getFileName().toString())
				.isEqualTo(Files.readString(csv));
		}
	}

	private static void assertFigures(Path report, Records records) throws IOException {
		Map<String, CSVRecord> figures = new HashMap<>();
		for (CSVRecord row : NightlyJobIT.csv(report.resolve("country_year.csv"), ',')) {
			figures.put(row.get("Country code") + " " + row.get("Year"), row);
		}
		assertThat(figures.keySet()).containsExactlyInAnyOrderElementsOf(records.sums().keySet());
		records.sums().forEach((key, sums) -> {
			assertThat(Long.parseLong(figures.get(key).get("Immigrants"))).as(key).isEqualTo(sums[0]);
			assertThat(Long.parseLong(figures.get(key).get("Emigrants"))).as(key).isEqualTo(sums[1]);
		});
		assertThat(NightlyJobIT.csv(report.resolve("rejects.csv"), ',')).extracting((r) -> Long.parseLong(r.get("Row")))
			.containsExactlyInAnyOrderElementsOf(records.unknownLines());
	}

	private static int offsetOfLine(byte[] bytes, long line) {
		long current = 1;
		for (int i = 0; i < bytes.length; i++) {
			if (current == line) {
				return i;
			}
			if (bytes[i] == '\n') {
				current++;
			}
		}
		throw new IllegalArgumentException("no line " + line);
	}

}
