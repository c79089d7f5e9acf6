package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.Membership;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.store.RunInput;
import org.migrationstats.pipeline.store.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: checks the job's inputs before anything is read, records each file with its
 * size and checksum, and loads the country reference and the membership records into the
 * database, so that later steps and restarts use exactly these.
 */
class PrepareInputsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PrepareInputsTasklet.class);

	private final JobSpecs specs;

	private final CountryReference countries;

	private final RunStore runs;

	PrepareInputsTasklet(JobSpecs specs, CountryReference countries, RunStore runs) {
		this.specs = specs;
		this.countries = countries;
		this.runs = runs;
	}

	/**
	 * The prefix of the prepare step's context keys holding each dataset's definition.
	 */
	static final String DEFINITION = "definition.";

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long runId = Runs.runId(chunkContext);
		JobSpec spec = Runs.spec(this.specs, chunkContext);
		CountryReference countries;
		try {
			countries = this.countries.withAliases(spec.aliases());
		}
		catch (IllegalArgumentException ex) {
			throw new InputException(spec.source() + ": aliases: " + ex.getMessage());
		}
		Membership membership = MembershipFiles.read(spec.membership(), countries);
		List<RunInput> inputs = new ArrayList<>();
		for (DatasetSpec dataset : spec.datasets()) {
			List<Path> files = files(dataset);
			for (Path file : files) {
				inputs.add(new RunInput(dataset.id(), file.toString(), size(file), sha256(file)));
			}
			log.info("Dataset {}: {} file(s) {}", dataset.id(), files.size(), files);
			chunkContext.getStepContext()
				.getStepExecution()
				.getExecutionContext()
				.putString(DEFINITION + dataset.id(), definition(dataset));
		}
		this.runs.saveCountries(this.countries.countries());
		this.runs.savePreparation(runId, spec, inputs, membership);
		log.info("Prepared run {} of job {}: {} input file(s), {} membership record(s) from {}", runId, spec.name(),
				inputs.size(), membership.records().size(), spec.membership());
		return RepeatStatus.FINISHED;
	}

	/**
	 * A digest of how the job file declares a dataset (path, layout, columns, scale,
	 * ...), apart from the line it stands on: kept with the prepare step, so that a
	 * restart can tell whether the rows already ingested were read under the same
	 * declaration.
	 * @param dataset the dataset
	 * @return the digest, hex
	 */
	static String definition(DatasetSpec dataset) {
		String text = dataset.readingDefinition();
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Expands a dataset's path, which may be a glob such as {@code input/flows/*.csv}.
	 * @param dataset the dataset
	 * @return the files, sorted by name
	 */
	static List<Path> files(DatasetSpec dataset) {
		String pattern = dataset.path();
		if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
			Path file = Path.of(pattern);
			if (!Files.isRegularFile(file)) {
				throw new InputException("dataset " + dataset.id() + ": file not found: " + file.toAbsolutePath());
			}
			return List.of(file);
		}
		int firstWildcard = firstWildcard(pattern);
		int slash = pattern.lastIndexOf('/', firstWildcard);
		Path base = (slash >= 0) ? Path.of(pattern.substring(0, slash)) : Path.of("");
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
		Path root = base.toString().isEmpty() ? Path.of(".") : base;
		if (!Files.isDirectory(root)) {
			throw new InputException("dataset " + dataset.id() + ": folder not found: " + root.toAbsolutePath());
		}
		try (Stream<Path> walk = Files.walk(root)) {
			List<Path> files = walk.filter(Files::isRegularFile)
				.map((p) -> base.toString().isEmpty() ? root.relativize(p) : p)
				.filter(matcher::matches)
				.sorted()
				.toList();
			if (files.isEmpty()) {
				throw new InputException("dataset " + dataset.id() + ": no file matches " + pattern);
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + root, ex);
		}
	}

	private static int firstWildcard(String pattern) {
		int index = pattern.length();
		for (char c : new char[] { '*', '?', '[' }) {
			int i = pattern.indexOf(c);
			if (i >= 0) {
				index = Math.min(index, i);
			}
		}
		return index;
	}

	static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new InputException(file + ": cannot be read: " + ex.getMessage());
		}
	}

	static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new InputException(file + ": cannot be read: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
