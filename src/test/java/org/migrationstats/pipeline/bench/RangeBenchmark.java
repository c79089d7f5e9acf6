package org.migrationstats.pipeline.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.migrationstats.pipeline.PipelineApplication;
import org.migrationstats.pipeline.ingest.ByteRange;
import org.migrationstats.pipeline.ingest.DelimitedRowSource;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.operate.JobRunner;
import org.migrationstats.pipeline.operate.RunOutcome;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One large record-level file ingested in byte ranges against the same file read whole
 * and against the bare single-thread Commons CSV parse ({@link BareParse}), all in one
 * warm process: after a round of each that is not counted, rounds of parse, job with the
 * file in ranges, job with the file whole, in turn, so that the machine's other load
 * falls on all three alike. The job runs as the scheduler runs it, in a process that is
 * up; only its ingest step is timed (from the step's start, the search for the ranges'
 * starts included, to its last commit). Prints each round and the medians, and appends
 * them to {@code output/benchmark/ranges.csv}. Beside them, the job's delimited reader
 * alone (no mapping, no database) on the whole file on one thread and on the ranges on as
 * many threads: how much a second thread gets of the machine at that moment.
 * <p>
 * Arguments: row counts (default 1000000). {@code -Dbench.rounds} (default 5),
 * {@code -Dbench.ranges} (default the processors).
 */
public final class RangeBenchmark {

	private static final Path ROOT = Path.of("output/benchmark/ranges");

	private RangeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("bench.rounds", 5);
		int ranges = Integer.getInteger("bench.ranges", Runtime.getRuntime().availableProcessors());
		List<Integer> sizes = new ArrayList<>();
		for (String arg : (args.length > 0) ? args : new String[] { "1000000" }) {
			sizes.add(Integer.parseInt(arg));
		}
		Benchmark.deleteTree(ROOT);
		Files.createDirectories(ROOT);
		List<String> countries = Benchmark.countries();
		Path results = Path.of("output/benchmark/ranges.csv");
		if (!Files.exists(results)) {
			Files.writeString(results, "when,rows,file_mb,ranges,processors,rounds,parse_rows_per_s,"
					+ "ranged_ingest_rows_per_s,whole_ingest_rows_per_s,ranged_vs_parse,whole_vs_parse,ranged_vs_whole\n");
		}
		// system properties, as -D would set them: above the application's own settings
		System.setProperty("spring.datasource.url",
				"jdbc:h2:file:" + ROOT.resolve("db/pipeline").toAbsolutePath() + ";WRITE_DELAY=0");
		System.setProperty("logging.file.name", ROOT.resolve("pipeline.log").toString());
		System.setProperty("pipeline.ingest.split-size", "1MB");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PipelineApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run()) {
			JobRunner runner = context.getBean(JobRunner.class);
			LocalDate date = LocalDate.of(2000, 1, 1);
			System.out.printf("%9s %7s %6s %14s %16s %16s %8s %8s %8s%n", "rows", "MB", "round", "parse rows/s",
					"ranges rows/s", "whole rows/s", "r/parse", "w/parse", "r/w");
			for (int rows : sizes) {
				Path csv = ROOT.resolve("long-" + rows + ".csv");
				Benchmark.generate(csv, "long", rows, countries);
				Path ranged = job(csv, "ranged", ranges);
				Path whole = job(csv, "whole", 1);
				double[] parse = new double[rounds];
				double[] readerOne = new double[rounds];
				double[] readerRanges = new double[rounds];
				double[] inRanges = new double[rounds];
				double[] inOne = new double[rounds];
				for (int round = -1; round < rounds; round++) {
					double p = BareParse.rowsPerSecond(csv, rows, 1);
					double[] reader = readerAlone(csv, ranges, rows);
					double r = ingest(runner, ranged, date, rows, ranges);
					date = date.plusDays(1);
					double w = ingest(runner, whole, date, rows, 1);
					date = date.plusDays(1);
					if (round >= 0) {
						parse[round] = p;
						inRanges[round] = r;
						inOne[round] = w;
						readerOne[round] = reader[0];
						readerRanges[round] = reader[1];
					}
					System.out.printf(Locale.ROOT, "%,9d %7.1f %6s %,14.0f %,16.0f %,16.0f %8.2f %8.2f %8.2f%n", rows,
							Files.size(csv) / 1e6, (round < 0) ? "warm-up" : String.valueOf(round + 1), p, r, w, r / p,
							w / p, r / w);
				}
				double mp = median(parse);
				double mr = median(inRanges);
				double mw = median(inOne);
				System.out.printf(Locale.ROOT,
						"the job's reader alone (no mapping, no database), median: one thread %,.0f rows/s, %d ranges on "
								+ "%d threads %,.0f rows/s (%.2f times)%n",
						median(readerOne), ranges, ranges, median(readerRanges),
						median(readerRanges) / median(readerOne));
				double[] ratios = new double[rounds];
				for (int i = 0; i < rounds; i++) {
					ratios[i] = inRanges[i] / parse[i];
				}
				System.out.printf(Locale.ROOT, "%,9d %7.1f %6s %,14.0f %,16.0f %,16.0f %8.2f %8.2f %8.2f%n", rows,
						Files.size(csv) / 1e6, "median", mp, mr, mw, mr / mp, mw / mp, mr / mw);
				System.out.printf(Locale.ROOT, "ranges ÷ parse per round: %s (median %.2f)%n", Arrays.toString(ratios),
						median(ratios));
				Files.writeString(results,
						String.format(Locale.ROOT, "%s,%d,%.1f,%d,%d,%d,%.0f,%.0f,%.0f,%.2f,%.2f,%.2f%n", Instant.now(),
								rows, Files.size(csv) / 1e6, ranges, Runtime.getRuntime().availableProcessors(), rounds,
								mp, mr, mw, mr / mp, mw / mp, mr / mw),
						StandardOpenOption.APPEND);
				Files.delete(csv);
			}
		}
	}

	/**
	 * The job's delimited reader alone on the file, whole on one thread and in ranges on
	 * as many threads: how much of the machine's cores a second thread gets now.
	 * @return rows per second, whole and in ranges
	 */
	private static double[] readerAlone(Path csv, int ranges, int rows) throws Exception {
		long size = Files.size(csv);
		long start = System.nanoTime();
		readRange(csv, new ByteRange(0, 1, 0, size, 0, 0, ','));
		double one = rows / ((System.nanoTime() - start) / 1e9);
		List<ByteRange> parts = new ArrayList<>();
		long from = 0;
		try (FileChannel channel = FileChannel.open(csv, StandardOpenOption.READ)) {
			for (int k = 1; k <= ranges; k++) {
				long end = size;
				if (k < ranges) {
					// the generated file has no quotes: a line feed ends a record
					ByteBuffer buffer = ByteBuffer.allocate(4096);
					channel.read(buffer, size / ranges * k);
					int i = 0;
					while (buffer.get(i) != '\n') {
						i++;
					}
					end = size / ranges * k + i + 1;
				}
				parts.add(new ByteRange(k - 1, ranges, from, end, 0, 0, ','));
				from = end;
			}
		}
		ExecutorService threads = Executors.newFixedThreadPool(ranges);
		try {
			start = System.nanoTime();
			List<Future<Long>> done = new ArrayList<>();
			for (ByteRange part : parts) {
				done.add(threads.submit(() -> readRange(csv, part)));
			}
			for (Future<Long> f : done) {
				f.get();
			}
		}
		finally {
			threads.shutdown();
		}
		return new double[] { one, rows / ((System.nanoTime() - start) / 1e9) };
	}

	private static long readRange(Path csv, ByteRange range) {
		long cells = 0;
		try (DelimitedRowSource rows = DelimitedRowSource.range(csv, "bench", range, StandardCharsets.UTF_8, 1 << 20)) {
			SourceRow row;
			while ((row = rows.next()) != null) {
				cells += row.values().size();
			}
		}
		return cells;
	}

	private static Path job(Path csv, String name, int threads) throws Exception {
		Path job = ROOT.resolve(name + ".yml");
		Files.writeString(job, """
				name: ranges-%s
				membership: %s
				output: %s
				ingest-threads: %d
				datasets:
				  - id: registrations
				    path: %s
				    layout: long
				    sum-records: true
				    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
				periods:
				  - { name: "1990-2024", from: 1990, to: 2024 }
				""".formatted(name, Path.of("input/membership/iom.csv").toAbsolutePath(),
				ROOT.resolve("output").toAbsolutePath(), threads, csv.toAbsolutePath()));
		return job;
	}

	/** Runs the job and gives its ingest step's rows per second. */
	private static double ingest(JobRunner runner, Path job, LocalDate date, int rows, int partitions) {
		RunOutcome outcome = runner.run(job, date, false);
		if (outcome.result() != RunOutcome.Result.SUCCESS
				&& outcome.result() != RunOutcome.Result.COMPLETED_WITH_REJECTS) {
			throw new IllegalStateException(job + ": " + outcome.message());
		}
		long ingestPartitions = outcome.steps().stream().filter((s) -> s.name().startsWith("ingestFile:")).count();
		if (ingestPartitions != partitions) {
			throw new IllegalStateException(job + ": " + ingestPartitions + " partitions, not " + partitions);
		}
		RunOutcome.StepLine step = outcome.steps()
			.stream()
			.filter((s) -> s.name().equals("ingestDatasets"))
			.findFirst()
			.orElseThrow();
		if (step.read() != rows) {
			throw new IllegalStateException(job + ": read " + step.read() + " rows, not " + rows);
		}
		return rows / (step.duration().toNanos() / 1e9);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
