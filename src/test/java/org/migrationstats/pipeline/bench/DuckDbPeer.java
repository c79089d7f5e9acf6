package org.migrationstats.pipeline.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The benchmark job's work in DuckDB (in-process, through its JDBC driver) and POI, as a
 * data team would write it in Java: the same inputs, reference and tables as the pandas
 * peer ({@code src/test/python/pandas_peer.py}, which says what they are). The tables are
 * computed in SQL and written as CSV by DuckDB's {@code COPY}, and as sheets of one
 * {@code .xlsx} workbook by POI's streaming writer.
 *
 * <p>
 * Arguments: FLOWS POPULATION MEMBERSHIP REFERENCE_DIR OUT_DIR FIRST_YEAR LAST_YEAR.
 */
public final class DuckDbPeer {

	private DuckDbPeer() {
	}

	public static void main(String[] args) throws Exception {
		Path flows = Path.of(args[0]).toAbsolutePath();
		Path population = Path.of(args[1]).toAbsolutePath();
		Path membership = Path.of(args[2]).toAbsolutePath();
		Path reference = Path.of(args[3]).toAbsolutePath();
		Path out = Path.of(args[4]).toAbsolutePath();
		int first = Integer.parseInt(args[5]);
		int last = Integer.parseInt(args[6]);
		Files.createDirectories(out);
		try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
				Statement sql = connection.createStatement()) {
			sql.execute("SET memory_limit = '1GB'");
			// the reference: country keys with their names; aggregates apart
			sql.execute("""
					CREATE TABLE known AS
					SELECT trim("ISO3166-1-Alpha-3") AS key,
					  regexp_replace(trim(coalesce(nullif(trim("UNTERM English Short"), ''),
					    nullif(trim("CLDR display name"), ''), "official_name_en")), '\\s*\\(the\\)$', '') AS name
					FROM read_csv('%s', header = true, all_varchar = true)
					WHERE trim(coalesce("ISO3166-1-Alpha-3", '')) <> ''
					UNION ALL SELECT key, name FROM read_csv('%s', header = true, all_varchar = true)
					UNION ALL SELECT key, name FROM read_csv('%s', header = true, all_varchar = true)
					""".formatted(reference.resolve("country-codes.csv"), reference.resolve("territories.csv"),
					reference.resolve("historical.csv")));
			sql.execute("CREATE TABLE aggregate AS SELECT code FROM read_csv('%s', header = true, all_varchar = true)"
				.formatted(reference.resolve("aggregates.csv")));
			sql.execute("""
					CREATE TABLE records AS
					SELECT row_number() OVER () + 1 AS rn, ISO3 AS code, Year AS yr, Arrivals AS imm, Departures AS emi
					FROM read_csv('%s', header = true, columns = {'Office': 'VARCHAR', 'ISO3': 'VARCHAR',
					  'Year': 'INTEGER', 'Arrivals': 'BIGINT', 'Departures': 'BIGINT'})
					""".formatted(flows));
			// unknown codes rejected and counted
			sql.execute("""
					CREATE TABLE rejected AS
					SELECT rn AS "Row", 'ISO3' AS "Column", code AS "Value as written",
					  'unknown country ''' || code || '''' AS "Reason"
					FROM records WHERE code NOT IN (SELECT key FROM known) AND code NOT IN (SELECT code FROM aggregate)
					ORDER BY rn
					""");
			sql.execute("""
					CREATE TABLE unmatched AS
					SELECT "Value as written" AS "As written", count(*) AS "Rows", min("Row") AS "First row"
					FROM rejected GROUP BY ALL ORDER BY 1
					""");
			sql.execute("""
					CREATE TABLE sums AS
					SELECT code, yr, sum(imm) AS imm, sum(emi) AS emi FROM records
					WHERE code IN (SELECT key FROM known) GROUP BY code, yr
					""");
			sql.execute("""
					CREATE TABLE pop AS
					SELECT p.ISO3 AS code, p.Year AS yr, p.Population AS pop,
					  lead(p.Population) OVER (PARTITION BY p.ISO3 ORDER BY p.Year) - p.Population AS change,
					  lead(p.Year) OVER (PARTITION BY p.ISO3 ORDER BY p.Year) AS next_yr
					FROM read_csv('%s', header = true, columns = {'ISO3': 'VARCHAR', 'Year': 'INTEGER',
					  'Population': 'BIGINT'}) p
					WHERE p.ISO3 IN (SELECT key FROM known)
					""".formatted(population));
			// membership: each record's days (a year alone is 1 January, a month its
			// first day), and the status on 31 December of each year
			sql.execute(
					"""
							CREATE TABLE records_m AS
							SELECT party, party_type, status,
							  CASE length("from") WHEN 4 THEN make_date("from"::INTEGER, 1, 1)
							    WHEN 7 THEN make_date(substr("from", 1, 4)::INTEGER, substr("from", 6, 2)::INTEGER, 1)
							    ELSE "from"::DATE END AS from_day,
							  CASE WHEN coalesce("to", '') = '' THEN NULL WHEN length("to") = 4 THEN make_date("to"::INTEGER, 1, 1)
							    WHEN length("to") = 7 THEN make_date(substr("to", 1, 4)::INTEGER, substr("to", 6, 2)::INTEGER, 1)
							    ELSE "to"::DATE END AS to_day
							FROM read_csv('%s', header = true, all_varchar = true)
							"""
						.formatted(membership));
			// every year of the table: the period's and the years with population after
			// it
			sql.execute("""
					CREATE TABLE years AS SELECT range AS yr FROM range(
					  (SELECT least(%d, min(yr)) FROM (SELECT yr FROM sums UNION ALL SELECT yr FROM pop)),
					  (SELECT max(yr) + 1 FROM (SELECT yr FROM sums UNION ALL SELECT yr FROM pop)))
					""".formatted(first));
			sql.execute("""
					CREATE TABLE status AS
					SELECT r.party AS code, y.yr, r.party_type, r.status
					FROM records_m r, years y
					WHERE r.from_day <= make_date(y.yr::INTEGER, 12, 31)
					  AND (r.to_day IS NULL OR make_date(y.yr::INTEGER, 12, 31) < r.to_day)
					""");
			sql.execute(
					"""
							CREATE TABLE country_year AS
							SELECT k.code AS "Country code", n.name AS "Country", k.yr AS "Year",
							  CASE s.status WHEN 'MEMBER' THEN 'Member' WHEN 'OBSERVER' THEN 'Observer' ELSE 'Not a member' END
							    AS "Status at year end",
							  p.pop AS "Population", u.imm AS "Immigrants", u.emi AS "Emigrants", u.imm - u.emi AS "Net migration",
							  CASE WHEN p.next_yr = k.yr + 1 THEN p.change END AS "Population change"
							FROM (SELECT code, yr FROM sums UNION SELECT code, yr FROM pop) k
							LEFT JOIN sums u ON u.code = k.code AND u.yr = k.yr
							LEFT JOIN pop p ON p.code = k.code AND p.yr = k.yr
							LEFT JOIN status s ON s.code = k.code AND s.yr = k.yr
							JOIN (SELECT DISTINCT ON (key) key, name FROM known) n ON n.key = k.code
							ORDER BY 1, 3
							""");
			sql.execute("""
					CREATE TABLE periods AS
					SELECT '%1$d-%2$d' AS "Period", c."Country code", c."Country",
					  coalesce(any_value(CASE s.status WHEN 'MEMBER' THEN 'Member' WHEN 'OBSERVER' THEN 'Observer' END),
					    'Not a member') AS "Status at period end",
					  sum(c."Net migration") AS "Cumulative net migration",
					  count(c."Net migration") AS "Net migration, calendar years with data",
					  max(CASE WHEN c."Year" = %2$d THEN c."Population" END)
					    - max(CASE WHEN c."Year" = %1$d THEN c."Population" END) AS "Population change"
					FROM country_year c
					LEFT JOIN status s ON s.code = c."Country code" AND s.yr = %2$d
					WHERE c."Year" BETWEEN %1$d AND %2$d
					GROUP BY c."Country code", c."Country" ORDER BY 2
					""".formatted(first, last));
			sql.execute("""
					CREATE TABLE membership AS
					SELECT strftime(make_date(yr::INTEGER, 12, 31), '%%Y-%%m-%%d') AS "Date",
					  count(*) FILTER (WHERE status = 'MEMBER') AS "Member states",
					  count(*) FILTER (WHERE status = 'OBSERVER') AS "Observer states"
					FROM years y
					LEFT JOIN status s USING (yr) WHERE s.party_type = 'STATE' OR s.party_type IS NULL
					GROUP BY yr ORDER BY yr
					""");
			Map<String, String> tables = new LinkedHashMap<>();
			tables.put("Country-year", "country_year");
			tables.put("Periods", "periods");
			tables.put("Membership", "membership");
			tables.put("Rejects", "rejected");
			tables.put("Unmatched names", "unmatched");
			for (Map.Entry<String, String> table : tables.entrySet()) {
				String csv = (table.getValue().equals("rejected") ? "rejects"
						: table.getValue().equals("unmatched") ? "unmatched_names" : table.getValue()) + ".csv";
				sql.execute("COPY %s TO '%s' (HEADER)".formatted(table.getValue(), out.resolve(csv)));
			}
			try (SXSSFWorkbook workbook = new SXSSFWorkbook(100);
					OutputStream file = Files.newOutputStream(out.resolve("report.xlsx"))) {
				workbook.setCompressTempFiles(true);
				for (Map.Entry<String, String> table : tables.entrySet()) {
					write(sql, table.getValue(), workbook.createSheet(table.getKey()));
				}
				workbook.write(file);
			}
			try (ResultSet counts = sql.executeQuery(
					"SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM rejected), (SELECT count(*) FROM country_year)")) {
				counts.next();
				System.out.println(counts.getLong(1) + " " + counts.getLong(2) + " " + counts.getLong(3));
			}
		}
	}

	private static void write(Statement sql, String table, Sheet sheet) throws SQLException {
		try (ResultSet rows = sql.executeQuery("SELECT * FROM " + table)) {
			ResultSetMetaData meta = rows.getMetaData();
			int columns = meta.getColumnCount();
			Row header = sheet.createRow(0);
			boolean[] numeric = new boolean[columns + 1];
			for (int c = 1; c <= columns; c++) {
				header.createCell(c - 1).setCellValue(meta.getColumnLabel(c));
				int type = meta.getColumnType(c);
				numeric[c] = type == Types.BIGINT || type == Types.INTEGER || type == Types.NUMERIC
						|| type == Types.DECIMAL || type == Types.DOUBLE;
			}
			int r = 1;
			while (rows.next()) {
				Row row = sheet.createRow(r++);
				for (int c = 1; c <= columns; c++) {
					if (numeric[c]) {
						double value = rows.getDouble(c);
						if (!rows.wasNull()) {
							row.createCell(c - 1).setCellValue(value);
						}
					}
					else {
						String value = rows.getString(c);
						if (value != null) {
							row.createCell(c - 1).setCellValue(value);
						}
					}
				}
			}
		}
	}

}
