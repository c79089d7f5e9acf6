package org.migrationstats.pipeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.reference.Country;

/**
 * The job beside two peers doing its work on the same generated files, each from a fresh
 * process: pandas with openpyxl ({@code src/test/python/pandas_peer.py}, Debian's
 * python3-pandas and python3-openpyxl under {@code /usr/bin/python3}) and DuckDB through
 * its JDBC driver with POI ({@link DuckDbPeer}, {@code java -Xmx256m}). Per size it
 * writes a record-level flows file (one row per office, country and year; one row in 997
 * with an unknown country code) and a population file (every country, 1990-2025), checks
 * that each peer's country-year table gives the job's immigrants, emigrants, net
 * migration and population change for every country and year, and its rejected rows the
 * job's count, and only then times them: rounds of job, pandas, DuckDB in turn (so that
 * the machine's other load falls on all three alike), and prints per tool the median wall
 * time, the ratios of the job's median to each peer's, the peak RSS (VmHWM, polled from
 * /proc) and, for the JVMs, the peak heap (largest heap before a collection, from the GC
 * log). The job's start-up (process start to its first step's start, from its log) is
 * printed too. Results are appended to {@code output/benchmark/peers.csv}.
 *
 * <p>
 * Arguments: row counts (default 100000 1000000). {@code -Dbench.rounds} (default 3) sets
 * the rounds; {@code -Dbench.launch} how the job is started, as for {@link Benchmark}:
 * {@code jar} (default), {@code extracted} or {@code cds}; {@code -Dbench.java-options}
 * adds options to the job's {@code java} (such as {@code -XX:TieredStopAtLevel=1});
 * {@code -Dbench.java} names the job's java, and {@code -Dbench.java2} a second java (a
 * JDK 25's, say) that runs the job too, as the tool {@code job2}, in turn with the others
 * and checked equal to the job.
 */
public final class PeerBenchmark {

	private static final Path ROOT = Path.of("output/benchmark/peers");

	private static final int FIRST_YEAR = 1990;

	private static final int LAST_YEAR = 2024;

	private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private static final Pattern STEP_START = Pattern
		.compile("^(\\S+)\\s+INFO .*StepProgress: Step prepareInputs started");

	/** The start and end of the job's main steps, for the time each takes. */
	private static final Pattern STEP_EDGE = Pattern
		.compile("^(\\S+)\\s+INFO .*StepProgress: Step (ingestDatasets|computeFigures|writeReports) (started|ended)");

	private PeerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = new ArrayList<>();
		for (String arg : (args.length > 0) ? args : new String[] { "100000", "1000000" }) {
			sizes.add(Integer.parseInt(arg));
		}
		int rounds = Integer.getInteger("bench.rounds", 3);
		String launch = System.getProperty("bench.launch", "jar");
		List<String> javaOptions = Arrays.stream(System.getProperty("bench.java-options", "").split("\\s+"))
			.filter((o) -> !o.isBlank())
			.toList();
		List<String> javaOptions2 = (System.getProperty("bench.java2-options") == null) ? javaOptions
				: Arrays.stream(System.getProperty("bench.java2-options").split("\\s+"))
					.filter((o) -> !o.isBlank())
					.toList();
		List<String> launcher = Benchmark.launcher(launch, Benchmark.java(), javaOptions);
		String java2 = System.getProperty("bench.java2", "");
		List<String> launcher2 = java2.isEmpty() ? null : Benchmark.launcher(launch, java2, javaOptions2);
		Files.createDirectories(ROOT);
		List<String> countries = Benchmark.countries();
		Path results = ROOT.resolve("../peers.csv");
		if (!Files.exists(results)) {
			Files.writeString(results, "when,rows,launch,java_options,tool,round,wall_s,peak_rss_mb,peak_heap_mb,"
					+ "start_to_first_step_s\n");
		}
		String classPath = System.getProperty("java.class.path");
		if (PeerBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
			List<String> entries = new ArrayList<>();
			for (java.net.URL url : loader.getURLs()) {
				entries.add(Path.of(url.toURI()).toString());
			}
			classPath = String.join(java.io.File.pathSeparator, entries);
		}
		List<String> summary = new ArrayList<>();
		List<String> summary2 = new ArrayList<>();
		List<String> stepLines = new ArrayList<>();
		for (int rows : sizes) {
			Path flows = ROOT.resolve("flows-" + rows + ".csv");
			Path population = ROOT.resolve("population.csv");
			generate(flows, population, rows, countries);
			Map<String, List<String>> tools = new LinkedHashMap<>();
			Path jobDir = ROOT.resolve("job-" + rows);
			tools.put("job", jobCommand(Benchmark.java(), jobDir, flows, population, launcher, javaOptions));
			Map<String, Path> jobDirs = new HashMap<>(Map.of("job", jobDir));
			if (launcher2 != null) {
				jobDirs.put("job2", ROOT.resolve("job2-" + rows));
				tools.put("job2", jobCommand(java2, jobDirs.get("job2"), flows, population, launcher2, javaOptions2));
			}
			tools.put("pandas",
					List.of("/usr/bin/python3", Path.of("src/test/python/pandas_peer.py").toAbsolutePath().toString(),
							flows.toAbsolutePath().toString(), population.toAbsolutePath().toString(),
							Path.of("input/membership/iom.csv").toAbsolutePath().toString(),
							Path.of("src/main/resources/reference").toAbsolutePath().toString(),
							ROOT.resolve("pandas-" + rows).toAbsolutePath().toString(), "" + FIRST_YEAR,
							"" + LAST_YEAR));
			tools.put("duckdb", List.of("java", "-Xmx256m",
					"-Xlog:gc:file=" + ROOT.resolve("duckdb-" + rows + "-gc.log").toAbsolutePath(), "-cp", classPath,
					DuckDbPeer.class.getName(), flows.toAbsolutePath().toString(),
					population.toAbsolutePath().toString(),
					Path.of("input/membership/iom.csv").toAbsolutePath().toString(),
					Path.of("src/main/resources/reference").toAbsolutePath().toString(),
					ROOT.resolve("duckdb-" + rows).toAbsolutePath().toString(), "" + FIRST_YEAR, "" + LAST_YEAR));
			Map<String, List<Measured>> times = new LinkedHashMap<>();
			tools.keySet().forEach((t) -> times.put(t, new ArrayList<>()));
			// round 0 checks the outputs; it is timed too, but not counted
			for (int round = 0; round <= rounds; round++) {
				for (Map.Entry<String, List<String>> tool : tools.entrySet()) {
					Measured m = measure(tool.getKey(), tool.getValue(), rows,
							jobDirs.getOrDefault(tool.getKey(), jobDir));
					if (round == 0) {
						check(tool.getKey(), rows, jobDir, jobDirs.get(tool.getKey()));
					}
					else {
						times.get(tool.getKey()).add(m);
					}
					Files.writeString(results,
							String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%d,%.2f,%d,%s,%s%n", Instant.now(), rows, launch,
									String.join(" ", javaOptions), tool.getKey(), round, m.wall, m.rssMb,
									(m.heapMb >= 0) ? String.valueOf(m.heapMb) : "",
									Double.isNaN(m.startSeconds) ? ""
											: String.format(Locale.ROOT, "%.2f", m.startSeconds)),
							StandardOpenOption.APPEND);
					System.out.printf(Locale.ROOT, "rows %,d round %d %-6s %6.2f s  RSS %4d MB%s%n", rows, round,
							tool.getKey(), m.wall, m.rssMb, Double.isNaN(m.startSeconds) ? ""
									: String.format(Locale.ROOT, "  start to first step %.2f s", m.startSeconds));
				}
			}
			double job = median(times.get("job"), (m) -> m.wall);
			double pandas = median(times.get("pandas"), (m) -> m.wall);
			double duckdb = median(times.get("duckdb"), (m) -> m.wall);
			if (launcher2 != null) {
				double job2 = median(times.get("job2"), (m) -> m.wall);
				summary2.add(String.format(Locale.ROOT,
						"%,d rows: %.2f s (%s), job2 ÷ job %.2f, start to first step %.2f s, peak RSS %d MB, peak heap %d MB",
						rows, job2, String.join(", ", walls(times.get("job2"))), job2 / job,
						median(times.get("job2"), (m) -> m.startSeconds), max(times.get("job2"), (m) -> m.rssMb),
						max(times.get("job2"), (m) -> m.heapMb)));
			}
			summary.add(String.format(Locale.ROOT,
					"| %,d | %.2f s (%s) | %.2f s | %.2f s | %.2f | %.2f | %.2f s | %d / %d / %d MB | %d / - / %d MB |",
					rows, job, String.join(", ", walls(times.get("job"))), pandas, duckdb, job / pandas, job / duckdb,
					median(times.get("job"), (m) -> m.startSeconds), max(times.get("job"), (m) -> m.rssMb),
					max(times.get("pandas"), (m) -> m.rssMb), max(times.get("duckdb"), (m) -> m.rssMb),
					max(times.get("job"), (m) -> m.heapMb), max(times.get("duckdb"), (m) -> m.heapMb)));
			stepLines.add(String.format(Locale.ROOT, "%,d rows, job: %s", rows, steps(times.get("job"))));
			if (launcher2 != null) {
				stepLines.add(String.format(Locale.ROOT, "%,d rows, job2: %s", rows, steps(times.get("job2"))));
			}
		}
		System.out.println();
		System.out.printf("medians of %d alternating rounds (job, pandas, DuckDB in turn), each a fresh process; "
				+ "job launch: %s %s%n", rounds, launch, String.join(" ", javaOptions));
		System.out.println("| rows | job | pandas peer | DuckDB peer | job ÷ pandas | job ÷ DuckDB "
				+ "| job start to first step | peak RSS job / pandas / DuckDB | peak heap job / pandas / DuckDB |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		summary.forEach(System.out::println);
		if (launcher2 != null) {
			System.out.println();
			System.out
				.println("job2 (" + java2 + " " + String.join(" ", javaOptions2) + "): " + String.join("; ", summary2));
		}
		System.out.println();
		System.out.println("where the job's time went (medians of its rounds, from its log):");
		stepLines.forEach(System.out::println);
	}

	private static List<String> walls(List<Measured> runs) {
		return runs.stream().map((m) -> String.format(Locale.ROOT, "%.1f", m.wall)).toList();
	}

	private static double median(List<Measured> runs, java.util.function.ToDoubleFunction<Measured> value) {
		double[] values = runs.stream().mapToDouble(value).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		return (values.length % 2 == 1) ? values[values.length / 2]
				: (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
	}

	private static long max(List<Measured> runs, java.util.function.ToLongFunction<Measured> value) {
		return runs.stream().mapToLong(value).max().orElse(-1);
	}

	/**
	 * Writes the flows file (records: office, country, year, arrivals, departures; one
	 * row in 997 with the unknown code QZA) and the population file.
	 */
	static void generate(Path flows, Path population, int rows, List<String> countries) throws IOException {
		if (!Files.exists(flows)) {
			Random random = new Random(rows);
			try (BufferedWriter out = Files.newBufferedWriter(flows, StandardCharsets.UTF_8)) {
				out.write("Office,ISO3,Year,Arrivals,Departures\n");
				for (int i = 0; i < rows; i++) {
					String country = (i % 997 == 5) ? "QZA" : countries.get(random.nextInt(countries.size()));
					out.write("office-" + (i % 997) + "," + country + ","
							+ (FIRST_YEAR + random.nextInt(LAST_YEAR - FIRST_YEAR + 1)) + "," + random.nextInt(10_000)
							+ "," + random.nextInt(10_000) + "\n");
				}
			}
		}
		if (!Files.exists(population)) {
			Random random = new Random(42);
			try (BufferedWriter out = Files.newBufferedWriter(population, StandardCharsets.UTF_8)) {
				out.write("ISO3,Year,Population\n");
				for (String country : countries) {
					long people = 100_000 + random.nextInt(100_000_000);
					for (int year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
						out.write(country + "," + year + "," + people + "\n");
						people += random.nextInt(150_000) - 50_000;
					}
				}
			}
		}
	}

	private static List<String> jobCommand(String java, Path work, Path flows, Path population, List<String> launcher,
			List<String> javaOptions) throws IOException {
		Files.createDirectories(work);
		Path job = work.resolve("bench.yml");
		Files.writeString(job,
				"""
						name: bench-peers
						membership: %s
						output: %s
						datasets:
						  - id: registrations
						    path: %s
						    layout: long
						    sum-records: true
						    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
						  - id: population
						    path: %s
						    layout: long
						    measure: population
						    columns: { country: ISO3, year: Year, value: Population }
						periods:
						  - { name: "%d-%d", from: %d, to: %d }
						""".formatted(Path.of("input/membership/iom.csv").toAbsolutePath(),
						work.resolve("output").toAbsolutePath(), flows.toAbsolutePath(), population.toAbsolutePath(),
						FIRST_YEAR, LAST_YEAR, FIRST_YEAR, LAST_YEAR));
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
				"-Xlog:gc:file=" + work.resolve("gc.log").toAbsolutePath(), "-Dspring.datasource.url=jdbc:h2:file:"
						+ work.resolve("db/pipeline").toAbsolutePath() + ";WRITE_DELAY=0",
				"-Dlogging.file.name=" + work.resolve("pipeline.log").toAbsolutePath()));
		command.addAll(javaOptions);
		for (String option : launcher) {
			command.add(option.startsWith("target/") ? Path.of(option).toAbsolutePath().toString()
					: option.startsWith("-XX:SharedArchiveFile=")
							? "-XX:SharedArchiveFile="
									+ Path.of(option.substring("-XX:SharedArchiveFile=".length())).toAbsolutePath()
							: option);
		}
		command.addAll(List.of("run", job.toAbsolutePath().toString(), "--date", "2000-01-01"));
		return command;
	}

	private static Measured measure(String tool, List<String> command, int rows, Path jobDir) throws Exception {
		Path out = ROOT.resolve(tool + "-" + rows + ".out");
		boolean job = tool.startsWith("job");
		Path gcLog = job ? jobDir.resolve("gc.log") : ROOT.resolve(tool + "-" + rows + "-gc.log");
		if (job) {
			// every run starts from an empty database, as the first night of a job
			Benchmark.deleteTree(jobDir.resolve("db"));
			Benchmark.deleteTree(jobDir.resolve("output"));
			Files.deleteIfExists(jobDir.resolve("pipeline.log"));
		}
		else {
			Benchmark.deleteTree(ROOT.resolve(tool + "-" + rows));
		}
		Files.deleteIfExists(gcLog);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
		long startMillis = System.currentTimeMillis();
		long start = System.nanoTime();
		Process process = builder.start();
		long peakRss = 0;
		Path status = Path.of("/proc/" + process.pid() + "/status");
		while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						peakRss = Math.max(peakRss, Long.parseLong(line.replaceAll("\\D", "")));
					}
				}
			}
			catch (IOException ex) {
				// ended between two polls
			}
		}
		double wall = (System.nanoTime() - start) / 1e9;
		int exit = process.exitValue();
		if (exit != 0 && !(job && exit == 3)) {
			throw new IllegalStateException(tool + " failed (exit " + exit + "), see " + out);
		}
		Measured m = new Measured();
		m.wall = wall;
		m.rssMb = peakRss / 1024;
		m.heapMb = -1;
		if (Files.exists(gcLog)) {
			int peak = 0;
			for (String line : Files.readAllLines(gcLog)) {
				Matcher g = GC.matcher(line);
				if (g.find()) {
					peak = Math.max(peak, Integer.parseInt(g.group(1)));
				}
			}
			m.heapMb = peak;
		}
		m.startSeconds = Double.NaN;
		if (job) {
			Map<String, Long> edges = new HashMap<>();
			for (String line : Files.readAllLines(out)) {
				Matcher s = STEP_START.matcher(line);
				if (s.find() && Double.isNaN(m.startSeconds)) {
					long first = OffsetDateTime.parse(s.group(1)).toInstant().toEpochMilli();
					m.startSeconds = (first - startMillis) / 1000.0;
				}
				Matcher e = STEP_EDGE.matcher(line);
				if (e.find()) {
					edges.put(e.group(2) + " " + e.group(3),
							OffsetDateTime.parse(e.group(1)).toInstant().toEpochMilli());
				}
			}
			m.ingestSeconds = between(edges, "ingestDatasets started", "ingestDatasets ended");
			m.computeSeconds = between(edges, "computeFigures started", "computeFigures ended");
			m.reportSeconds = between(edges, "writeReports started", "writeReports ended");
			Long reported = edges.get("writeReports ended");
			m.afterSeconds = (reported != null) ? (startMillis + m.wall * 1000 - reported) / 1000 : Double.NaN;
		}
		return m;
	}

	/**
	 * Checks a tool's country-year table against the job's: the same country-years with
	 * the same immigrants, emigrants, net migration and population change; and its
	 * rejected rows against the job's count.
	 */
	private static void check(String tool, int rows, Path jobDir, Path toolJobDir) throws IOException {
		Path jobReport = jobDir.resolve("output/bench-peers/2000-01-01");
		Map<String, String> expected = sums(jobReport.resolve("country_year.csv"));
		long expectedRejects = lines(jobReport.resolve("rejects.csv"));
		if (tool.equals("job")) {
			System.out.printf("rows %,d: the job's country-year table has %,d rows, %,d rejected rows%n", rows,
					expected.size(), expectedRejects);
			return;
		}
		Path report = (toolJobDir != null) ? toolJobDir.resolve("output/bench-peers/2000-01-01")
				: ROOT.resolve(tool + "-" + rows);
		Map<String, String> actual = sums(report.resolve("country_year.csv"));
		List<String> differences = new ArrayList<>();
		for (Map.Entry<String, String> e : expected.entrySet()) {
			if (!e.getValue().equals(actual.get(e.getKey()))) {
				differences.add(e.getKey() + ": job " + e.getValue() + ", " + tool + " " + actual.get(e.getKey()));
			}
		}
		for (String key : actual.keySet()) {
			if (!expected.containsKey(key)) {
				differences.add(key + ": not in the job's table, " + tool + " " + actual.get(key));
			}
		}
		long rejects = lines(report.resolve("rejects.csv"));
		if (rejects != expectedRejects) {
			differences.add("rejected rows: job " + expectedRejects + ", " + tool + " " + rejects);
		}
		if (!differences.isEmpty()) {
			throw new IllegalStateException(tool + "'s output differs from the job's (" + differences.size() + "): "
					+ differences.subList(0, Math.min(10, differences.size())));
		}
		System.out.printf("rows %,d: %s's country-year sums and rejects equal the job's (%,d country-years)%n", rows,
				tool, actual.size());
	}

	private static Map<String, String> sums(Path csv) throws IOException {
		Map<String, String> sums = new HashMap<>();
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.get()
					.parse(reader)) {
			for (CSVRecord row : parser) {
				sums.put(row.get("Country code") + " " + row.get("Year"),
						String.join(" ", number(row, "Immigrants"), number(row, "Emigrants"),
								number(row, "Net migration"), number(row, "Population change"),
								row.get("Status at year end")));
			}
		}
		return sums;
	}

	private static String number(CSVRecord row, String column) {
		String text = row.isMapped(column) ? row.get(column).strip() : "";
		if (text.isEmpty()) {
			return "-";
		}
		return String.valueOf(Math.round(Double.parseDouble(text)));
	}

	private static long lines(Path csv) throws IOException {
		try (var lines = Files.lines(csv)) {
			return lines.count() - 1;
		}
	}

	private static double between(Map<String, Long> edges, String from, String to) {
		Long start = edges.get(from);
		Long end = edges.get(to);
		return (start != null && end != null) ? (end - start) / 1000.0 : Double.NaN;
	}

	/**
	 * @return the medians of a job's rounds, step by step: where its time went
	 */
	private static String steps(List<Measured> runs) {
		return String.format(Locale.ROOT,
				"start to first step %.2f s, ingest %.2f s, compute %.2f s, report %.2f s, after the report %.2f s",
				median(runs, (m) -> m.startSeconds), median(runs, (m) -> m.ingestSeconds),
				median(runs, (m) -> m.computeSeconds), median(runs, (m) -> m.reportSeconds),
				median(runs, (m) -> m.afterSeconds));
	}

	private static final class Measured {

		double wall;

		long rssMb;

		long heapMb;

		double startSeconds;

		double ingestSeconds = Double.NaN;

		double computeSeconds = Double.NaN;

		double reportSeconds = Double.NaN;

		/** From the report step's end to the process's: compaction, backup, exit. */
		double afterSeconds = Double.NaN;

	}

}
