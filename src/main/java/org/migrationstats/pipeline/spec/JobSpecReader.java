package org.migrationstats.pipeline.spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a job file into a {@link JobSpec}, refusing anything it does not understand with
 * the file, the line and what was expected.
 * <p>
 * The reading is written by hand over SnakeYAML's nodes rather than bound with Spring
 * Boot's {@code Binder} over origin-tracked YAML and Bean Validation. This package is
 * plain Java (the architecture test keeps it so), so that {@code validate} and the tests
 * read a job file without a Spring context. Boot's YAML loader lifts the limits that
 * refuse a "billion laughs" file here: it sets SnakeYAML's
 * {@code maxAliasesForCollections} and {@code codePointLimit} to
 * {@code Integer.MAX_VALUE}. Binding changes what a job file says: a single header such
 * as {@code "Region, development group, country or area"} bound to a list is split at its
 * commas into three, {@code missing: ""} (an empty cell means no value) arrives as an
 * empty list, and relaxed binding takes {@code header_row} or {@code headerRow} for
 * {@code header-row} where an unknown key should be refused with the keys allowed. And
 * its messages ("Failed to bind properties under 'datasets[0].layout'") would each need
 * rewriting to say what is allowed, as the ones here do; the rules between keys (a wide
 * table's columns, series codes with a series column, precedence naming declared
 * datasets) would be custom validators all the same.
 * <p>
 * Each section of the file has its reader: {@link DatasetsSection} (with
 * {@link TableSection} for a dataset's table keys), {@link FiguresSection},
 * {@link MembershipSection} and {@link ReportSection}, all reading nodes through
 * {@link JobFileNodes}. This class loads the document, reads the top-level keys and
 * assembles the spec.
 */
public final class JobSpecReader {

	/** Markers that mean "no value" when a dataset does not list its own. */
	public static final List<String> DEFAULT_MISSING = List.of("", "..", "...", "-", "\u2014", "NA", "n/a", "N/A");

	private static final Set<String> TOP_KEYS = Set.of("name", "schedule", "zone", "membership", "membership-dates",
			"membership-totals", "membership-checks", "aliases", "output", "datasets", "periods", "limits", "figures",
			"groups", "report", "catch-up", "ingest-threads");

	/**
	 * How many aliases ({@code *name}) of lists and mappings a job file may hold
	 * (SnakeYAML's default, stated here): a job file needs few, and aliases of aliases
	 * ("billion laughs") make a document whose expansion no memory holds.
	 */
	private static final int MAX_ALIASES = 50;

	private final Path file;

	private final JobFileNodes nodes;

	private JobSpecReader(Path file) {
		this.file = file;
		this.nodes = new JobFileNodes(file);
	}

	/**
	 * Reads and validates a job file.
	 * @param file the YAML file
	 * @return the validated spec
	 * @throws SpecException if the file is missing, malformed or invalid
	 */
	public static JobSpec read(Path file) {
		return new JobSpecReader(file).parse();
	}

	private JobSpec parse() {
		byte[] bytes = bytes();
		Node root = compose(bytes);
		// one fixed order: of several mistakes in a file, the first met here is told
		Map<String, Node> top = this.nodes.mapping(root, "the job", TOP_KEYS);
		String name = this.nodes.requiredText(top, "name", root);
		if (!JobSpec.NAME.matcher(name).matches()) {
			throw this.nodes.error(top.get("name"),
					"name must be lower-case letters, digits and hyphens, found '" + name + "'");
		}
		String schedule = this.nodes.optionalText(top, "schedule", "0 30 2 * * *");
		ZoneId zone = zone(top);
		Path membership = Path.of(this.nodes.requiredText(top, "membership", root));
		Path output = Path.of(this.nodes.optionalText(top, "output", "output"));
		DatasetsSection datasetsSection = new DatasetsSection(this.nodes);
		FiguresSection figuresSection = new FiguresSection(this.nodes);
		MembershipSection membershipSection = new MembershipSection(this.nodes);
		List<DatasetSpec> datasets = datasetsSection.read(top, root);
		List<PeriodSpec> periods = figuresSection.periods(top);
		Limits limits = datasetsSection.limits(top);
		List<LocalDate> membershipDates = membershipSection.dates(top);
		List<MembershipCheckSpec> membershipChecks = membershipSection.checks(top);
		Map<String, String> aliases = aliases(top);
		Map<String, List<String>> groups = figuresSection.groups(top);
		FigureSettings figures = figuresSection.figures(top, datasets, groups);
		ReportSettings report = new ReportSection(this.nodes).read(top, groups);
		boolean catchUp = this.nodes.bool(top, "catch-up");
		int ingestThreads = this.nodes.positive(top, "ingest-threads", 0, JobSpec.MAX_INGEST_THREADS);
		List<MembershipTotal> membershipTotals = membershipSection.totals(top);
		String fingerprint = sha256(bytes);
		return this.nodes.build(root,
				() -> new JobSpec(name, this.file, schedule, zone, membership, datasets, periods, output, limits,
						fingerprint, membershipDates, membershipChecks, aliases, figures, report, catchUp,
						ingestThreads, membershipTotals));
	}

	private byte[] bytes() {
		try {
			return Files.readAllBytes(this.file);
		}
		catch (NoSuchFileException ex) {
			throw new SpecException(this.file, 0, "job file not found");
		}
		catch (IOException ex) {
			throw new SpecException(this.file, 0, "cannot read the job file: " + ex.getMessage());
		}
	}

	private Node compose(byte[] bytes) {
		Node root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(MAX_ALIASES);
			options.setAllowRecursiveKeys(false);
			root = new Yaml(options).compose(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			throw new SpecException(this.file, line, "not valid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			// SnakeYAML's own limits (aliases, nesting depth, document size) say no mark
			throw new SpecException(this.file, 0, "the YAML is refused: " + ex.getMessage());
		}
		if (root == null) {
			throw new SpecException(this.file, 0, "the job file is empty");
		}
		return root;
	}

	private ZoneId zone(Map<String, Node> top) {
		String zone = this.nodes.optionalText(top, "zone", "UTC");
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw this.nodes.error(top.get("zone"),
					"zone must be a time zone such as UTC or Europe/Geneva, found '" + zone + "'");
		}
	}

	private Map<String, String> aliases(Map<String, Node> top) {
		Node node = top.get("aliases");
		if (node == null) {
			return Map.of();
		}
		Map<String, String> aliases = new LinkedHashMap<>();
		for (Map.Entry<String, Node> entry : this.nodes.mapping(node, "aliases", null).entrySet()) {
			String key = this.nodes.scalar(entry.getValue(), entry.getKey()).strip();
			if (!JobSpec.COUNTRY_KEY.matcher(key).matches()) {
				throw this.nodes.error(entry.getValue(),
						"alias '" + entry.getKey() + "' must map to a country key such as KAZ, found '" + key + "'");
			}
			aliases.put(entry.getKey(), key);
		}
		return aliases;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
