package org.migrationstats.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationstats.pipeline.batch.InputException;
import org.migrationstats.pipeline.batch.MembershipFiles;
import org.migrationstats.pipeline.batch.RunInputs;
import org.migrationstats.pipeline.ingest.FilteredRows;
import org.migrationstats.pipeline.ingest.MappedRow;
import org.migrationstats.pipeline.ingest.NumberFormatCheck;
import org.migrationstats.pipeline.ingest.Rejection;
import org.migrationstats.pipeline.ingest.RepeatedRows;
import org.migrationstats.pipeline.ingest.RowMapper;
import org.migrationstats.pipeline.ingest.RowRejectedException;
import org.migrationstats.pipeline.ingest.SourceFormatException;
import org.migrationstats.pipeline.ingest.SourceRow;
import org.migrationstats.pipeline.ingest.TableReader;
import org.migrationstats.pipeline.ingest.excel.TableFiles;
import org.migrationstats.pipeline.reference.CountryReference;
import org.migrationstats.pipeline.reference.MembershipException;
import org.migrationstats.pipeline.schedule.NightlySchedule;
import org.migrationstats.pipeline.spec.DatasetSpec;
import org.migrationstats.pipeline.spec.JobSpec;
import org.migrationstats.pipeline.spec.JobSpecReader;
import org.migrationstats.pipeline.spec.Layout;
import org.migrationstats.pipeline.spec.SpecException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate <job>}: checks a job file, its schedule, its membership file and every
 * input it names without running anything.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks a job file and the files it names, without running it: the YAML, the schedule, "
				+ "the membership file, and for every dataset that its files exist, have the columns the job "
				+ "maps, decode in the dataset's encoding, write numbers with the dataset's decimal "
				+ "separator and, for a wide table, give each country's measure in one row." })
class ValidateCommand implements Callable<Integer> {

	/** How many reasons for filtered rows a file's note names. */
	private static final int SHOWN_REASONS = 5;

	/** How many different texts of filtered rows are counted per file, at most. */
	private static final int COUNTED_TEXTS = 1_000;

	@Parameters(index = "0", paramLabel = "<job>", description = "the job file")
	private Path jobFile;

	@Option(names = "--headers-only",
			description = "check the header rows only, not every row's decoding and number format")
	private boolean headersOnly;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		JobSpec job;
		try {
			job = JobSpecReader.read(this.jobFile);
			NightlySchedule.of(job);
		}
		catch (SpecException ex) {
			err.println("error: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + this.jobFile + ": schedule \"" + job(this.jobFile).schedule()
					+ "\" is not a six-field cron expression (second minute hour day month weekday): "
					+ ex.getMessage());
			return PipelineCommand.USAGE;
		}
		CountryReference countries;
		try {
			countries = CountryReference.shipped().withAliases(job.aliases());
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + this.jobFile + ": aliases: " + ex.getMessage());
			return PipelineCommand.USAGE;
		}
		int problems = 0;
		try {
			MembershipFiles.read(job.membership(), countries);
		}
		catch (MembershipException ex) {
			err.println("error: " + ex.getMessage());
			problems++;
		}
		int files = 0;
		for (DatasetSpec dataset : job.datasets()) {
			List<Path> paths;
			try {
				paths = RunInputs.files(dataset);
			}
			catch (InputException ex) {
				err.println("error: " + ex.getMessage());
				problems++;
				continue;
			}
			for (Path path : paths) {
				files++;
				List<String> sheets = dataset.table().sheets().isEmpty() ? List.of("") : dataset.table().sheets();
				for (String sheet : sheets) {
					try (TableReader source = TableFiles.openTable(path, path.toString(), dataset, sheet)) {
						RowMapper mapper = new RowMapper(dataset, path.toString(), source.sheet(), source.header(),
								countries);
						String where = path + (source.sheet().isEmpty() ? "" : ", sheet \"" + source.sheet() + "\"");
						// wide tables are small; records repeat on purpose
						RepeatedRows repeats = (dataset.layout() == Layout.WIDE && !dataset.sumRecords())
								? new RepeatedRows(where, source.header(), mapper.valueColumns()) : null;
						FilteredRows filtered = new FilteredRows(COUNTED_TEXTS);
						long rows = 0;
						if (!this.headersOnly) {
							SourceRow row;
							while ((row = source.next()) != null) {
								rows++;
								mapRow(mapper, row, repeats, filtered);
							}
						}
						out.println("ok: dataset " + dataset.id() + ": " + where + ": header on row "
								+ source.header().row()
								+ (this.headersOnly ? ", the mapped columns present"
										: String.format(", %,d data rows, the mapped columns present", rows)
												+ "; number format: "
												+ NumberFormatCheck.describe(dataset.table().decimalComma(),
														mapper.numberFormat().finding())));
						for (Rejection column : mapper.leftOutColumns()) {
							out.println("note: dataset " + dataset.id() + ": " + column.describe());
						}
						printFiltered(out, dataset, where, filtered);
					}
					catch (SourceFormatException ex) {
						err.println("error: dataset " + dataset.id() + ": " + ex.getMessage());
						problems++;
					}
				}
			}
		}
		out.flush();
		err.flush();
		if (problems > 0) {
			err.println("error: " + this.jobFile + ": " + problems + " problem(s)");
			return PipelineCommand.USAGE;
		}
		out.println(this.jobFile + ": valid (" + job.datasets().size() + " dataset(s), " + files + " file(s), "
				+ job.periods().size() + " period(s))");
		return 0;
	}

	/**
	 * Maps a row as the run would, for its value cells' decimal separator and for rows
	 * that repeat a country's measure: a row the run would reject is the run's to list,
	 * not a fault of the file.
	 */
	private static void mapRow(RowMapper mapper, SourceRow row, RepeatedRows repeats, FilteredRows filtered) {
		try {
			MappedRow mapped = mapper.map(row);
			if (repeats != null) {
				repeats.check(row, mapped);
			}
			if (mapped instanceof MappedRow.Filtered other) {
				filtered.add(other);
			}
		}
		catch (RowRejectedException ex) {
			// listed in the run's Rejects
		}
	}

	/**
	 * Says how many rows the run will filter and why (other than aggregates), the most
	 * frequent reasons first: where filters or a series mapping keep too much or too
	 * little, this shows it before a run.
	 */
	private static void printFiltered(PrintWriter out, DatasetSpec dataset, String where, FilteredRows filtered) {
		List<FilteredRows.Count> counts = new ArrayList<>(filtered.drain());
		if (counts.isEmpty()) {
			return;
		}
		counts.sort(Comparator.comparingLong(FilteredRows.Count::rows).reversed());
		long total = counts.stream().mapToLong(FilteredRows.Count::rows).sum();
		List<String> shown = counts.stream()
			.limit(SHOWN_REASONS)
			.map((c) -> String.format("%,d \"%s\" (%s)", c.rows(), c.raw(), c.reason()))
			.toList();
		out.printf("note: dataset %s: %s: %,d row%s filtered: %s%s%n", dataset.id(), where, total,
				(total == 1) ? "" : "s", String.join("; ", shown), (counts.size() > shown.size()) ? "; ..." : "");
	}

	private static JobSpec job(Path file) {
		return JobSpecReader.read(file);
	}

}
