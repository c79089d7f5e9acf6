package org.migrationstats.pipeline.bench;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migrationstats.pipeline.reference.Country;
import org.migrationstats.pipeline.reference.CountryReference;

/**
 * The benchmark command: generates record-level datasets (one row per registration
 * office, country and year, summed per country-year by the job), runs the real job on
 * each in a fresh JVM with {@code -Xmx256m} from the packaged jar, and prints, per run,
 * rows/s of the ingest step and of the whole job, wall time, peak heap (from the GC log)
 * and peak RSS, beside the bare Commons CSV parse of the same file (for a workbook, POI's
 * stock SAX event model reading it). Results are appended to
 * {@code output/benchmark/results.csv}. {@link PeerBenchmark} compares the whole job with
 * pandas and DuckDB doing the same work.
 *
 * <p>
 * Arguments: row counts (default 10000 100000 1000000). {@code -Dbench.launch} chooses
 * how the job is started: {@code jar} (default, {@code java -jar} on the packaged jar),
 * {@code extracted} (the jar extracted into {@code target/extracted}), {@code cds} (the
 * extracted jar with the cache {@code src/main/scripts/pipeline} records: the AOT cache
 * on a JDK 25 or newer, the class-data sharing archive before) or {@code warm} (the
 * extracted jar running the job twice in one process, {@link WarmRuns}, as the scheduler
 * does: the second run's figures are reported). {@code -Dbench.java} names the java that
 * runs the job (default {@code java}), e.g. a JDK 25's.
 */
public final class Benchmark {

	private static final Path ROOT = Path.of("output/benchmark");

	private static final Path JAR = Path.of("target/migration-pipeline.jar");

	private static final Path EXTRACTED_JAR = Path.of("target/extracted/migration-pipeline.jar");

	private static final Path EXTRACTED = Path.of("target/extracted");

	private static final Pattern STEP = Pattern
		.compile("^(\\S+)\\s+(\\w+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d.]+)$");

	private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: run ./mvnw -q package -DskipTests first");
		}
		List<Integer> sizes = new ArrayList<>();
		for (String arg : (args.length > 0) ? args : new String[] { "10000", "100000", "1000000" }) {
			sizes.add(Integer.parseInt(arg));
		}
		String launch = System.getProperty("bench.launch", "jar");
		List<String> launcher = launcher(launch);
		Files.createDirectories(ROOT);
		List<String> countries = countries();
		Path results = ROOT.resolve("results.csv");
		if (!Files.exists(results)) {
			Files.writeString(results,
					"when,layout,rows,file_mb,parse_rows_per_s,ingest_rows_per_s,ingest_vs_parse,"
							+ "job_wall_s,job_rows_per_s,compute_s,report_s,peak_heap_mb,peak_rss_mb,pandas_wall_s,"
							+ "job_vs_pandas,launch,cold_parse_rows_per_s,ingest_vs_cold_parse\n");
		}
		else {
			// results written before the later columns: the header gains them, old rows
			// leave them empty
			List<String> lines = new ArrayList<>(Files.readAllLines(results));
			if (!lines.isEmpty() && !lines.get(0).endsWith(",ingest_vs_cold_parse")) {
				String header = lines.get(0).endsWith(",launch") ? lines.get(0) : lines.get(0) + ",launch";
				lines.set(0, header + ",cold_parse_rows_per_s,ingest_vs_cold_parse");
				Files.write(results, lines);
			}
		}
		System.out.printf("%-6s %9s %7s %12s %12s %12s %7s %7s %9s %9s %8s %10s %9s %9s %9s %8s%n", "layout", "rows",
				"MB", "parse rows/s", "cold rows/s", "ingest rows/s", "ratio", "cold", "compute s", "report s", "job s",
				"job rows/s", "heap MB", "RSS MB", "pandas s", "x pandas");
		for (int rows : sizes) {
			for (String layout : System.getProperty("bench.layouts", "long,wide,xlsx").split(",")) {
				Path csv = ROOT.resolve((layout.equals("wide") ? "wide" : "long") + "-" + rows + ".csv");
				int records = generate(csv, layout.equals("wide") ? "wide" : "long", rows, countries);
				// a CSV file is measured against the bare Commons CSV parse, warm and
				// cold; a workbook against POI's stock SAX event model reading it (warm
				// only: the reference of the .xlsx target)
				double parse;
				double cold;
				Path data = csv;
				if (layout.equals("xlsx")) {
					data = ROOT.resolve("long-" + rows + ".xlsx");
					toWorkbook(csv, data);
					parse = poiSax(data, records);
					cold = coldParse(data, records);
				}
				else {
					parse = BareParse.rowsPerSecond(csv, records, 2);
					cold = coldParse(csv, records);
				}
				Result job = runJob(layout, data, rows, launcher);
				// the pandas columns stay empty: PeerBenchmark compares the job with
				// pandas and
				// DuckDB doing the same work
				Double pandasSeconds = null;
				double mb = Files.size(data) / 1e6;
				String line = String.format(Locale.ROOT,
						"%s,%s,%d,%.1f,%.0f,%.0f,%.2f,%.2f,%.0f,%.2f,%.2f,%d,%d,%s,%s,%s,%s,%s", Instant.now(), layout,
						records, mb, parse, job.ingestRowsPerSecond, job.ingestRowsPerSecond / parse, job.wallSeconds,
						records / job.wallSeconds, job.computeSeconds, job.reportSeconds, job.peakHeapMb, job.peakRssMb,
						(pandasSeconds != null) ? String.format(Locale.ROOT, "%.2f", pandasSeconds) : "",
						(pandasSeconds != null) ? String.format(Locale.ROOT, "%.2f", job.wallSeconds / pandasSeconds)
								: "",
						launch, Double.isNaN(cold) ? "" : String.format(Locale.ROOT, "%.0f", cold),
						Double.isNaN(cold) ? "" : String.format(Locale.ROOT, "%.2f", job.ingestRowsPerSecond / cold));
				Files.writeString(results, line + "\n", StandardOpenOption.APPEND);
				System.out.printf(Locale.ROOT,
						"%-6s %,9d %7.1f %,12.0f %12s %,12.0f %7.2f %7s %9.2f %9.2f %8.2f %,10.0f %9d %9d %9s %8s%n",
						layout, records, mb, parse,
						Double.isNaN(cold) ? "-" : String.format(Locale.ROOT, "%,.0f", cold), job.ingestRowsPerSecond,
						job.ingestRowsPerSecond / parse,
						Double.isNaN(cold) ? "-" : String.format(Locale.ROOT, "%.2f", job.ingestRowsPerSecond / cold),
						job.computeSeconds, job.reportSeconds, job.wallSeconds, records / job.wallSeconds,
						job.peakHeapMb, job.peakRssMb,
						(pandasSeconds != null) ? String.format(Locale.ROOT, "%.2f", pandasSeconds) : "-",
						(pandasSeconds != null) ? String.format(Locale.ROOT, "%.2f", job.wallSeconds / pandasSeconds)
								: "-");
			}
		}
		System.out.println("results appended to " + results + " (launch: " + launch + ")");
	}

	/**
	 * The {@code java} options that start the pipeline the given way. The extracted jar
	 * and the archive are prepared by {@code src/main/scripts/pipeline} when missing or
	 * older than the jar.
	 * @param launch {@code jar}, {@code extracted}, {@code cds} or {@code warm}
	 * @return the options, ending with the jar (or the program) to run
	 */
	static List<String> launcher(String launch) throws Exception {
		return launcher(launch, java(), List.of());
	}

	/**
	 * The {@code java} options that start the pipeline the given way with a given java.
	 * @param launch {@code jar}, {@code extracted}, {@code cds} or {@code warm}
	 * @param javaCommand the java that runs it, whose cache {@code cds} takes
	 * @param given the options the benchmark gives besides ({@code -Dbench.java-options})
	 * @return the options, ending with the jar (or the program) to run: for every way but
	 * {@code jar}, as the launcher runs it, its default options
	 * ({@code src/main/scripts/java-options}) first, less those {@code given} replaces
	 */
	static List<String> launcher(String launch, String javaCommand, List<String> given) throws Exception {
		List<String> options = new ArrayList<>(launch.equals("jar") ? List.of() : launcherDefaults(given));
		options.addAll(launcherWay(launch, javaCommand));
		return options;
	}

	/**
	 * @param given options given besides
	 * @return the launcher's default java options
	 * ({@code src/main/scripts/java-options}), less a collector or first heap size that
	 * {@code given} names, as the launcher takes them
	 */
	static List<String> launcherDefaults(List<String> given) throws IOException {
		List<String> defaults = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("src/main/scripts/java-options"))) {
			String option = line.strip();
			boolean replaced = given.stream()
				.anyMatch((g) -> (isCollector(option) && isCollector(g))
						|| (option.startsWith("-Xms") && g.startsWith("-Xms")));
			if (!option.isEmpty() && !option.startsWith("#") && !replaced) {
				defaults.add(option);
			}
		}
		return defaults;
	}

	private static boolean isCollector(String option) {
		return option.startsWith("-XX:+Use") && option.endsWith("GC");
	}

	private static List<String> launcherWay(String launch, String javaCommand) throws Exception {
		if (launch.equals("jar")) {
			return List.of("-jar", JAR.toString());
		}
		if (!launch.equals("extracted") && !launch.equals("cds") && !launch.equals("warm")) {
			throw new IllegalArgumentException("bench.launch must be jar, extracted, cds or warm, not " + launch);
		}
		Path cache = cache(javaCommand);
		if (cache == null || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
			Files.createDirectories(ROOT);
			ProcessBuilder prepare = new ProcessBuilder(
					Path.of("src/main/scripts/pipeline").toAbsolutePath().toString(), "jobs")
				.redirectErrorStream(true)
				.redirectOutput(ROOT.resolve("prepare.txt").toFile());
			prepare.environment().put("JAVA", javaCommand);
			cache = (prepare.start().waitFor() == 0) ? cache(javaCommand) : null;
			if (cache == null) {
				throw new IllegalStateException("src/main/scripts/pipeline could not prepare a cache in " + EXTRACTED
						+ " (see " + ROOT.resolve("prepare.txt") + ")");
			}
		}
		if (launch.equals("warm")) {
			// the extracted jar's manifest names its libraries; the test classes add the
			// program that runs the job twice in one process
			return List.of("-cp", EXTRACTED_JAR + File.pathSeparator + codeSource(WarmRuns.class),
					WarmRuns.class.getName());
		}
		if (launch.equals("extracted")) {
			return List.of("-jar", EXTRACTED_JAR.toString());
		}
		return cache.toString().endsWith(".aot")
				? List.of("-XX:AOTCache=" + cache.toAbsolutePath(), "-Xlog:aot=off", "-Xlog:cds=off", "-jar",
						EXTRACTED_JAR.toString())
				: List.of("-XX:SharedArchiveFile=" + cache.toAbsolutePath(), "-Xlog:cds=off", "-jar",
						EXTRACTED_JAR.toString());
	}

	/**
	 * @return the codes of the countries the generated files draw from: the shipped
	 * reference's countries with an M49 code and a region
	 */
	static List<String> countries() {
		return CountryReference.shipped()
			.countries()
			.stream()
			.filter((c) -> c.m49() > 0 && c.key().matches("[A-Z]{3}") && !c.region().isEmpty())
			.map(Country::key)
			.toList();
	}

	/**
	 * @return the java that runs the job: {@code -Dbench.java}, or {@code java}
	 */
	static String java() {
		return System.getProperty("bench.java", "java");
	}

	/**
	 * @param java a java
	 * @return the cache {@code src/main/scripts/pipeline} recorded for its version
	 * ({@code app-<version>.aot} or {@code .jsa}), or {@code null} if there is none
	 */
	private static Path cache(String java) throws IOException, InterruptedException {
		Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
		String first = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.findFirst()
			.orElse("");
		version.waitFor();
		Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(first);
		if (!quoted.find()) {
			return null;
		}
		for (String suffix : List.of(".aot", ".jsa")) {
			Path cache = EXTRACTED.resolve("app-" + quoted.group(1) + suffix);
			if (Files.isRegularFile(cache)) {
				return cache;
			}
		}
		return null;
	}

	/**
	 * Writes a record-level file: long, one row per office, country and year; or wide,
	 * one row per office and country with a column per year.
	 * @return the number of data rows
	 */
	static int generate(Path file, String layout, int rows, List<String> countries) throws IOException {
		Random random = new Random(rows);
		int firstYear = 1990;
		int years = 35;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			if (layout.equals("long")) {
				out.write("Office,ISO3,Year,Arrivals,Departures\n");
				for (int i = 0; i < rows; i++) {
					String country = countries.get(random.nextInt(countries.size()));
					out.write("office-" + (i % 997) + "," + country + "," + (firstYear + random.nextInt(years)) + ","
							+ random.nextInt(10_000) + "," + random.nextInt(10_000) + "\n");
				}
			}
			else {
				StringBuilder header = new StringBuilder("Office,ISO3");
				for (int y = 0; y < years; y++) {
					header.append(',').append(firstYear + y);
				}
				out.write(header.append('\n').toString());
				for (int i = 0; i < rows; i++) {
					StringBuilder row = new StringBuilder("office-").append(i % 997)
						.append(',')
						.append(countries.get(random.nextInt(countries.size())));
					for (int y = 0; y < years; y++) {
						row.append(',').append(random.nextInt(1000) - 500);
					}
					out.write(row.append('\n').toString());
				}
			}
		}
		return rows;
	}

	/**
	 * Writes the rows of a CSV file into the first sheet of a workbook, numbers as
	 * numbers, streaming.
	 */
	static void toWorkbook(Path csv, Path xlsx) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.parse(reader);
				org.apache.poi.xssf.streaming.SXSSFWorkbook workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(
						100);
				java.io.OutputStream out = Files.newOutputStream(xlsx)) {
			workbook.setCompressTempFiles(true);
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Registrations");
			int r = 0;
			for (CSVRecord record : parser) {
				org.apache.poi.ss.usermodel.Row row = sheet.createRow(r++);
				for (int c = 0; c < record.size(); c++) {
					String value = record.get(c);
					if (r > 1 && c >= 2) {
						row.createCell(c).setCellValue(Long.parseLong(value));
					}
					else {
						row.createCell(c).setCellValue(value);
					}
				}
			}
			workbook.write(out);
		}
	}

	/**
	 * The bare parse in fresh JVMs, as the job reads its file: best of three single
	 * passes, each in its own {@code java -Xmx256m} process.
	 * @return rows per second
	 */
	static double coldParse(Path file, int rows) throws Exception {
		String classpath = testClassPath();
		double best = 0;
		for (int pass = 0; pass < 3; pass++) {
			Path out = ROOT.resolve("cold-parse.txt");
			Run run = run(List.of("java", "-Xmx256m", "-cp", classpath, BareParse.class.getName(),
					file.toAbsolutePath().toString(), String.valueOf(rows)), ROOT, out);
			if (run.exitCode != 0) {
				throw new IllegalStateException("the bare parse failed, see " + out);
			}
			best = Math.max(best, Double.parseDouble(Files.readString(out).strip()));
		}
		return best;
	}

	/**
	 * POI's stock SAX event model ({@code XSSFSheetXMLHandler} with a
	 * {@code DataFormatter}) reading the workbook, best of two passes in this JVM.
	 * @return rows per second
	 */
	static double poiSax(Path workbook, int rows) throws Exception {
		double best = Double.MAX_VALUE;
		for (int pass = 0; pass < 2; pass++) {
			long start = System.nanoTime();
			XlsxBenchmark.readStock(workbook);
			best = Math.min(best, (System.nanoTime() - start) / 1e9);
		}
		return rows / best;
	}

	/**
	 * The class path this benchmark runs with (Maven's exec plugin loads it into a class
	 * loader of its own rather than the JVM's class path).
	 */
	private static String testClassPath() throws Exception {
		if (Benchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
			List<String> entries = new ArrayList<>();
			for (java.net.URL url : loader.getURLs()) {
				entries.add(Path.of(url.toURI()).toString());
			}
			return String.join(File.pathSeparator, entries);
		}
		return System.getProperty("java.class.path");
	}

	private static String codeSource(Class<?> type) throws Exception {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

	static Result runJob(String layout, Path data, int rows, List<String> launcher) throws Exception {
		Path work = ROOT.resolve("run-" + layout + "-" + rows);
		deleteTree(work);
		Files.createDirectories(work);
		Path job = work.resolve("bench.yml");
		String columns = !layout.equals("wide")
				? "{ country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }" : "{ country: ISO3 }";
		Files.writeString(job,
				"""
						name: bench-%s
						membership: %s
						output: %s
						datasets:
						  - id: registrations
						    path: %s
						    layout: %s
						    sum-records: true
						%s    columns: %s
						periods:
						  - { name: "1990-2024", from: 1990, to: 2024 }
						""".formatted(layout, Path.of("input/membership/iom.csv").toAbsolutePath(),
						work.resolve("output"), data.toAbsolutePath(), layout.equals("wide") ? "wide" : "long",
						layout.equals("wide") ? "    measure: net-migration\n" : "", columns));
		Path gcLog = work.resolve("gc.log");
		List<String> command = new ArrayList<>(List.of(
				java(), "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-Dspring.datasource.url=jdbc:h2:file:"
						+ work.resolve("db/pipeline").toAbsolutePath() + ";WRITE_DELAY=0",
				"-Dlogging.file.name=" + work.resolve("pipeline.log")));
		command.addAll(launcher);
		if (launcher.get(launcher.size() - 1).equals(WarmRuns.class.getName())) {
			command.addAll(List.of(job.toString(), "2"));
		}
		else {
			command.addAll(List.of("run", job.toString(), "--date", "2000-01-01"));
		}
		Run run = run(command, work, work.resolve("stdout.txt"));
		if (run.exitCode != 0 && run.exitCode != 3) {
			throw new IllegalStateException("the job failed (exit " + run.exitCode + "), see " + work);
		}
		Result result = new Result();
		result.wallSeconds = lastWall;
		result.peakRssMb = run.peakRssKb / 1024;
		for (String line : Files.readAllLines(work.resolve("stdout.txt"))) {
			if (line.startsWith("warm run wall ")) {
				result.wallSeconds = Double.parseDouble(line.substring("warm run wall ".length()));
			}
			Matcher m = STEP.matcher(line.strip());
			if (m.matches()) {
				double seconds = Double.parseDouble(m.group(7));
				switch (m.group(1)) {
					case "ingestDatasets" -> result.ingestRowsPerSecond = Long.parseLong(m.group(3).replace(",", ""))
							/ Math.max(seconds, 0.001);
					case "computeFigures" -> result.computeSeconds = seconds;
					case "writeReports" -> result.reportSeconds = seconds;
					default -> {
					}
				}
			}
		}
		int peak = 0;
		if (Files.exists(gcLog)) {
			for (String line : Files.readAllLines(gcLog)) {
				Matcher m = GC.matcher(line);
				if (m.find()) {
					peak = Math.max(peak, Integer.parseInt(m.group(1)));
				}
			}
		}
		result.peakHeapMb = peak;
		return result;
	}

	private static double lastWall;

	private record Run(Process process, int exitCode, long peakRssKb) {
	}

	/** Runs a command, polling its peak resident set size from /proc while it runs. */
	private static Run run(List<String> command, Path dir, Path stdout) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.redirectOutput((stdout != null) ? stdout.toFile() : dir.resolve("last-command.txt").toFile());
		long start = System.nanoTime();
		Process process = builder.start();
		long peakRss = 0;
		Path status = Path.of("/proc/" + process.pid() + "/status");
		try {
			while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
				try {
					for (String line : Files.readAllLines(status)) {
						if (line.startsWith("VmHWM:")) {
							peakRss = Math.max(peakRss, Long.parseLong(line.replaceAll("\\D", "")));
						}
					}
				}
				catch (IOException ex) {
					// the process ended between two polls
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		lastWall = (System.nanoTime() - start) / 1e9;
		return new Run(process, process.exitValue(), peakRss);
	}

	static void deleteTree(Path folder) throws IOException {
		if (Files.exists(folder)) {
			try (var walk = Files.walk(folder)) {
				for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
	}

	private static final class Result {

		double wallSeconds;

		double ingestRowsPerSecond;

		double computeSeconds;

		double reportSeconds;

		int peakHeapMb;

		long peakRssMb;

	}

}
