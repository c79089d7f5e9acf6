package org.migrationstats.pipeline.compute.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.migrationstats.pipeline.ingest.Period;
import org.migrationstats.pipeline.spec.Measure;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What compute does with agencies' values beyond the figures themselves: sums the months
 * and quarters of a year into the year where every part is there (and lists the years
 * where some are not in the Filtered rows table), and carries values' flags to the
 * country-years and periods built from them.
 */
final class YearParts {

	/** Why a year's months or quarters were not summed, in the Filtered rows table. */
	public static final String INCOMPLETE = Period.YEAR_NOT_SUMMED;

	/*
	 * Each dataset's year summed from its months (or quarters) where all twelve (four)
	 * are there, with the flags of all of them, unless the dataset gives the year itself;
	 * months before quarters where it gives both. Each part is taken once (its first row,
	 * as for a year's value), except in a dataset of records (sum-records), whose rows of
	 * a part are sums of records, each block's, all added.
	 */
	private static final String SUMS = """
			INSERT INTO MIG_DATASET_VALUE (RUN_ID, DATASET_ID, COUNTRY, YR, MEASURE, VAL, RANK, FLAGS)
			SELECT ?, y.DATASET_ID, y.COUNTRY, y.YR, y.MEASURE, y.VAL, p.RANK, y.FLAGS
			FROM (
			    SELECT sums.*, ROW_NUMBER() OVER (PARTITION BY DATASET_ID, COUNTRY, YR, MEASURE ORDER BY PARTS DESC) AS PICK
			    FROM (
			        SELECT DATASET_ID, COUNTRY, YR, MEASURE, PARTS, SUM(VAL) AS VAL, %s AS FLAGS
			        FROM (
			            SELECT o.*, d.SUM_RECORDS,
			                ROW_NUMBER() OVER (PARTITION BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS,
			                                   o.PART ORDER BY o.FILE_NAME, o.SOURCE_ROW) AS RN
			            FROM MIG_OBSERVATION_PART o
			            JOIN MIG_DATASET d ON d.RUN_ID = o.RUN_ID AND d.DATASET_ID = o.DATASET_ID
			            WHERE o.RUN_ID = ?) firsts
			        WHERE RN = 1 OR SUM_RECORDS = TRUE
			        GROUP BY DATASET_ID, COUNTRY, YR, MEASURE, PARTS
			        HAVING COUNT(DISTINCT PART) = PARTS) sums
			) y
			LEFT JOIN MIG_PRECEDENCE p ON p.RUN_ID = ? AND p.DATASET_ID = y.DATASET_ID AND p.MEASURE = y.MEASURE
			WHERE y.PICK = 1 AND NOT EXISTS (SELECT 1 FROM MIG_DATASET_VALUE v WHERE v.RUN_ID = ?
			    AND v.DATASET_ID = y.DATASET_ID AND v.COUNTRY = y.COUNTRY AND v.YR = y.YR AND v.MEASURE = y.MEASURE)
			"""
		.formatted(FigureStatements.flagsOfGroup("FLAGS"));

	private final JdbcTemplate jdbc;

	YearParts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Removes what an earlier attempt at computing this run listed.
	 * @param runId the run
	 */
	void clear(long runId) {
		this.jdbc.update("DELETE FROM MIG_FILTERED_ROW WHERE RUN_ID = ? AND REASON = ?", runId, INCOMPLETE);
	}

	/**
	 * Sums each dataset's complete years of months or quarters into its values, and lists
	 * the incomplete ones, per file, in the Filtered rows table, with the rows that gave
	 * their months or quarters; for a record-level dataset, whose records are summed per
	 * month or quarter as they are read, one per month or quarter given, however many
	 * blocks or byte ranges stored a part of its sum.
	 * @param runId the run
	 */
	void sumToYears(long runId) {
		this.jdbc.update(SUMS, runId, runId, runId, runId);
		Map<List<Object>, Incomplete> years = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS, o.PART, MIN(o.FILE_NAME),
				    CASE WHEN d.SUM_RECORDS THEN 1 ELSE COUNT(*) END, MIN(o.SOURCE_ROW)
				FROM MIG_OBSERVATION_PART o
				JOIN MIG_DATASET d ON d.RUN_ID = o.RUN_ID AND d.DATASET_ID = o.DATASET_ID
				WHERE o.RUN_ID = ?
				GROUP BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS, o.PART, d.SUM_RECORDS
				ORDER BY o.DATASET_ID, o.COUNTRY, o.YR, o.MEASURE, o.PARTS, o.PART
				""", (rs) -> {
			String dataset = rs.getString(1);
			String country = rs.getString(2);
			int yr = rs.getInt(3);
			String measure = rs.getString(4);
			int parts = rs.getInt(5);
			Incomplete year = years.computeIfAbsent(List.of(dataset, country, yr, measure, parts),
					(k) -> new Incomplete(dataset, country, yr, measure, parts));
			year.add(rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getLong(9));
		}, runId);
		List<Incomplete> incomplete = years.values().stream().filter((y) -> y.parts.size() < y.partsPerYear).toList();
		this.jdbc.batchUpdate("""
				INSERT INTO MIG_FILTERED_ROW (RUN_ID, DATASET_ID, FILE_NAME, SHEET, REASON, RAW_VALUE, ROW_COUNT,
				    FIRST_ROW) VALUES (?, ?, ?, '', ?, ?, ?, ?)""", incomplete, 1000, (ps, y) -> {
			ps.setLong(1, runId);
			ps.setString(2, y.dataset);
			ps.setString(3, y.file);
			ps.setString(4, INCOMPLETE);
			ps.setString(5, y.describe());
			ps.setLong(6, y.rows);
			ps.setLong(7, y.firstRow);
		});
	}

	/**
	 * Writes on each country-year the flags of the values its figures are built from
	 * ({@code immigrants p; net migration e}): the values of the datasets ranked first.
	 * @param runId the run
	 * @param severalSources whether some measure has values of more than one ranked
	 * dataset
	 */
	void flagCountryYears(long runId, boolean severalSources) {
		Map<List<Object>, Map<String, String>> flags = new LinkedHashMap<>();
		this.jdbc.query("SELECT COUNTRY, YR, MEASURE, FLAGS FROM (" + FigureStatements.preferredValues(severalSources)
				+ ") chosen WHERE FLAGS IS NOT NULL", (rs) -> {
					flags.computeIfAbsent(List.of(rs.getString(1), rs.getInt(2)), (k) -> new TreeMap<>())
						.put(Measure.valueOf(rs.getString(3)).words(), rs.getString(4));
				}, runId);
		this.jdbc.batchUpdate("UPDATE MIG_COUNTRY_YEAR SET FLAGS = ? WHERE RUN_ID = ? AND COUNTRY = ? AND YR = ?",
				List.copyOf(flags.entrySet()), 1000, (ps, e) -> {
					ps.setString(1,
							e.getValue()
								.entrySet()
								.stream()
								.map((m) -> m.getKey() + " " + m.getValue())
								.collect(Collectors.joining("; ")));
					ps.setLong(2, runId);
					ps.setString(3, (String) e.getKey().get(0));
					ps.setInt(4, (Integer) e.getKey().get(1));
				});
	}

	/**
	 * Writes on each period figure the flags of the country-years it sums, with their
	 * years ({@code 2021 e; 2022 p}): a period sum with a provisional year is
	 * provisional.
	 * @param runId the run
	 * @param period the period's name
	 * @param from its first year
	 * @param to its last year
	 */
	void flagPeriod(long runId, String period, int from, int to) {
		Map<String, Map<Integer, TreeSet<Character>>> flags = new TreeMap<>();
		this.jdbc.query("SELECT COUNTRY, YR, FLAGS FROM MIG_COUNTRY_YEAR WHERE RUN_ID = ? AND YR BETWEEN ? AND ? "
				+ "AND FLAGS IS NOT NULL", (rs) -> {
					TreeSet<Character> letters = flags.computeIfAbsent(rs.getString(1), (c) -> new TreeMap<>())
						.computeIfAbsent(rs.getInt(2), (y) -> new TreeSet<>());
					for (String measure : rs.getString(3).split("; ")) {
						String text = measure.substring(measure.lastIndexOf(' ') + 1);
						text.chars().forEach((c) -> letters.add((char) c));
					}
				}, runId, from, to);
		this.jdbc.batchUpdate("UPDATE MIG_PERIOD SET FLAGS = ? WHERE RUN_ID = ? AND PERIOD_NAME = ? AND COUNTRY = ?",
				List.copyOf(flags.entrySet()), 1000, (ps, e) -> {
					ps.setString(1,
							e.getValue()
								.entrySet()
								.stream()
								.map((y) -> y.getKey() + " "
										+ y.getValue().stream().map(String::valueOf).collect(Collectors.joining()))
								.collect(Collectors.joining("; ")));
					ps.setLong(2, runId);
					ps.setString(3, period);
					ps.setString(4, e.getKey());
				});
	}

	/** A dataset's year of months or quarters for one country and measure. */
	private static final class Incomplete {

		private final String dataset;

		private final String country;

		private final int year;

		private final String measure;

		private final int partsPerYear;

		private final List<Integer> parts = new ArrayList<>();

		private String file;

		private long rows;

		private long firstRow = Long.MAX_VALUE;

		Incomplete(String dataset, String country, int year, String measure, int partsPerYear) {
			this.dataset = dataset;
			this.country = country;
			this.year = year;
			this.measure = measure;
			this.partsPerYear = partsPerYear;
		}

		void add(int part, String file, long rows, long firstRow) {
			this.parts.add(part);
			this.file = (this.file == null || file.compareTo(this.file) < 0) ? file : this.file;
			this.rows += rows;
			this.firstRow = Math.min(this.firstRow, firstRow);
		}

		/**
		 * @return {@code AUT 2019 immigrants: 11 of 12 months, missing 2019-07}
		 */
		String describe() {
			String unit = (this.partsPerYear == 12) ? "months" : "quarters";
			String missing = IntStream.rangeClosed(1, this.partsPerYear)
				.filter((p) -> !this.parts.contains(p))
				.mapToObj((p) -> (this.partsPerYear == 12) ? String.format(Locale.ROOT, "%d-%02d", this.year, p)
						: this.year + "-Q" + p)
				.collect(Collectors.joining(", "));
			return this.country + " " + this.year + " " + Measure.valueOf(this.measure).words() + ": "
					+ this.parts.size() + " of " + this.partsPerYear + " " + unit + ", missing " + missing;
		}

	}

}
