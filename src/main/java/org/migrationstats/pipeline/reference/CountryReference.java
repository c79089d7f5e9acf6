package org.migrationstats.pipeline.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Every country, territory and aggregate the pipeline knows, found by any code or name
 * that real files use for it.
 */
public final class CountryReference {

	private static final Pattern ALPHA3 = Pattern.compile("[A-Za-z]{3}");

	private static final Pattern ALPHA2 = Pattern.compile("[A-Za-z]{2}");

	private static final Pattern NUMERIC = Pattern.compile("\\d{1,4}");

	/** A short name's trailing "(the)", as in "Netherlands (the)". */
	private static final Pattern THE = Pattern.compile("\\s*\\(the\\)$");

	private final Map<String, Country> byKey = new LinkedHashMap<>();

	private final Map<String, Country> byIso2 = new HashMap<>();

	private final Map<Integer, Country> byM49 = new HashMap<>();

	private final Map<String, Country> byName = new HashMap<>();

	private final Map<String, Aggregate> aggregatesByWbCode = new HashMap<>();

	private final Map<Integer, Aggregate> aggregatesByM49 = new HashMap<>();

	private final Map<String, Aggregate> aggregatesByName = new HashMap<>();

	/** Eurostat's aggregate codes ({@code EU27_2020}, {@code EA20}, {@code EFTA}). */
	private final Map<String, Aggregate> aggregatesByEurostatCode = new HashMap<>();

	/** Eurostat's codes for countries whose ISO alpha-2 code it does not use. */
	private final Map<String, Country> byEurostatCode = new HashMap<>();

	private final Map<String, HistoricalSpan> historical = new HashMap<>();

	private CountryReference() {
	}

	private CountryReference(CountryReference original) {
		this.byKey.putAll(original.byKey);
		this.byIso2.putAll(original.byIso2);
		this.byM49.putAll(original.byM49);
		this.byName.putAll(original.byName);
		this.aggregatesByWbCode.putAll(original.aggregatesByWbCode);
		this.aggregatesByM49.putAll(original.aggregatesByM49);
		this.aggregatesByName.putAll(original.aggregatesByName);
		this.aggregatesByEurostatCode.putAll(original.aggregatesByEurostatCode);
		this.byEurostatCode.putAll(original.byEurostatCode);
		this.historical.putAll(original.historical);
	}

	/**
	 * A copy of this reference that also knows the names a job file declares.
	 * @param aliases names mapped to country keys
	 * @return the extended reference; this one is unchanged
	 * @throws IllegalArgumentException if an alias names an unknown key
	 */
	public CountryReference withAliases(Map<String, String> aliases) {
		if (aliases.isEmpty()) {
			return this;
		}
		CountryReference copy = new CountryReference(this);
		aliases.forEach(copy::addAlias);
		return copy;
	}

	/**
	 * Loads the reference shipped with the product (under {@code reference/} on the class
	 * path).
	 * @return the reference
	 */
	public static CountryReference shipped() {
		CountryReference reference = new CountryReference();
		try (InputStream countries = resource("reference/country-codes.csv");
				InputStream territories = resource("reference/territories.csv");
				InputStream historical = resource("reference/historical.csv");
				InputStream aggregates = resource("reference/aggregates.csv");
				InputStream aliases = resource("reference/aliases.csv");
				InputStream formerNames = resource("reference/former-names.csv");
				InputStream eurostat = resource("reference/eurostat-codes.csv")) {
			reference.loadCountries(countries);
			reference.loadTerritories(territories);
			reference.loadHistorical(historical);
			reference.loadAggregates(aggregates);
			reference.loadAliases(aliases, "alias");
			reference.loadAliases(formerNames, "name");
			reference.loadEurostatCodes(eurostat);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the shipped country reference", ex);
		}
		return reference;
	}

	private static InputStream resource(String name) {
		InputStream stream = CountryReference.class.getClassLoader().getResourceAsStream(name);
		if (stream == null) {
			throw new IllegalStateException("the country reference " + name + " is missing from the class path");
		}
		return stream;
	}

	private static Iterable<CSVRecord> records(InputStream stream) throws IOException {
		Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
	}

	private void loadCountries(InputStream stream) throws IOException {
		for (CSVRecord row : records(stream)) {
			String alpha3 = row.get("ISO3166-1-Alpha-3").strip();
			if (alpha3.isEmpty()) {
				continue;
			}
			String name = firstNonBlank(row.get("UNTERM English Short"), row.get("CLDR display name"),
					row.get("official_name_en"));
			name = THE.matcher(name).replaceAll("");
			Country country = new Country(alpha3, row.get("ISO3166-1-Alpha-2").strip(), m49(row.get("M49")), name,
					row.get("Region Name").strip(), row.get("Sub-region Name").strip());
			add(country);
			for (String column : List.of("UNTERM English Short", "UNTERM English Formal", "official_name_en",
					"CLDR display name", "ISO4217-currency_country_name")) {
				addName(row.get(column), country);
			}
		}
	}

	private void loadTerritories(InputStream stream) throws IOException {
		for (CSVRecord row : records(stream)) {
			Country country = new Country(row.get("key"), "", m49(row.get("m49")), row.get("name"), row.get("region"),
					row.get("sub_region"));
			add(country);
			addName(country.name(), country);
		}
	}

	private void loadHistorical(InputStream stream) throws IOException {
		for (CSVRecord row : records(stream)) {
			Country country = new Country(row.get("key"), "", m49(row.get("m49")), row.get("name"), "", "");
			add(country);
			addName(country.name(), country);
			for (String alias : row.get("aliases").split("\\|")) {
				addName(alias, country);
			}
			this.historical.put(country.key(), new HistoricalSpan(country.key(),
					java.time.LocalDate.parse(row.get("from")), java.time.LocalDate.parse(row.get("to"))));
		}
	}

	/**
	 * @param key a country key
	 * @return the days the entity existed, if it is a state that no longer exists
	 */
	public Optional<HistoricalSpan> historical(String key) {
		return Optional.ofNullable(this.historical.get(key));
	}

	private void loadAggregates(InputStream stream) throws IOException {
		for (CSVRecord row : records(stream)) {
			Aggregate aggregate = new Aggregate(row.get("scheme"), row.get("code"), row.get("name"));
			if ("M49".equals(aggregate.scheme())) {
				this.aggregatesByM49.putIfAbsent(Integer.parseInt(aggregate.code()), aggregate);
			}
			else if ("ESTAT".equals(aggregate.scheme())) {
				this.aggregatesByEurostatCode.putIfAbsent(aggregate.code(), aggregate);
			}
			else {
				this.aggregatesByWbCode.putIfAbsent(aggregate.code(), aggregate);
			}
			this.aggregatesByName.putIfAbsent(Names.fold(aggregate.name()), aggregate);
		}
	}

	/**
	 * Loads other names of countries: names real files use, or names M49 and ISO 3166
	 * used before the current ones.
	 */
	private void loadAliases(InputStream stream, String nameColumn) throws IOException {
		for (CSVRecord row : records(stream)) {
			Country country = this.byKey.get(row.get("key"));
			if (country == null) {
				throw new IllegalStateException(
						"the name '" + row.get(nameColumn) + "' names unknown key " + row.get("key"));
			}
			addName(row.get(nameColumn), country);
		}
	}

	/**
	 * Loads the codes Eurostat writes for countries in place of their ISO alpha-2 code
	 * ({@code EL} Greece, {@code UK} United Kingdom) or where ISO 3166 has none
	 * ({@code XK} Kosovo): each is a code ISO 3166 reserves for that country or leaves to
	 * users, so it stands for no other.
	 */
	private void loadEurostatCodes(InputStream stream) throws IOException {
		for (CSVRecord row : records(stream)) {
			Country country = this.byKey.get(row.get("key"));
			if (country == null) {
				throw new IllegalStateException(
						"the Eurostat code '" + row.get("code") + "' names unknown key " + row.get("key"));
			}
			this.byEurostatCode.put(row.get("code"), country);
		}
	}

	private void add(Country country) {
		this.byKey.put(country.key(), country);
		if (!country.iso2().isEmpty()) {
			this.byIso2.put(country.iso2(), country);
		}
		if (country.m49() > 0) {
			this.byM49.put(country.m49(), country);
		}
	}

	private void addName(String name, Country country) {
		String folded = Names.fold(name);
		if (!folded.isEmpty()) {
			this.byName.putIfAbsent(folded, country);
		}
	}

	/**
	 * Adds a name a job file declares for a country.
	 * @param alias the name as it appears in a source
	 * @param key the country key it stands for
	 * @throws IllegalArgumentException if the key is unknown
	 */
	private void addAlias(String alias, String key) {
		Country country = this.byKey.get(key);
		if (country == null) {
			throw new IllegalArgumentException("unknown country key '" + key + "' for alias '" + alias + "'");
		}
		this.byName.put(Names.fold(alias), country);
	}

	/**
	 * Resolves the country columns of one row, trying each in turn (codes before names).
	 * @param candidates the cells of the country columns, in the job file's order
	 * @return what the row is about
	 */
	public Resolution resolve(List<String> candidates) {
		for (String candidate : candidates) {
			Optional<Resolution> found = resolveOne(candidate);
			if (found.isPresent()) {
				return found.get();
			}
		}
		String raw = candidates.stream().filter((c) -> c != null && !c.isBlank()).findFirst().orElse("");
		return new Resolution.Unknown(raw, suggest(candidates));
	}

	private Optional<Resolution> resolveOne(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		String text = raw.strip();
		if (ALPHA3.matcher(text).matches()) {
			String code = text.toUpperCase(java.util.Locale.ROOT);
			Country country = this.byKey.get(code);
			if (country != null) {
				return Optional.of(new Resolution.Known(country));
			}
			Aggregate aggregate = this.aggregatesByWbCode.get(code);
			if (aggregate != null) {
				return Optional.of(new Resolution.AggregateFound(aggregate));
			}
		}
		if (ALPHA2.matcher(text).matches() && text.equals(text.toUpperCase(java.util.Locale.ROOT))) {
			Country country = this.byIso2.get(text);
			if (country == null) {
				country = this.byEurostatCode.get(text);
			}
			if (country != null) {
				return Optional.of(new Resolution.Known(country));
			}
		}
		Aggregate eurostat = this.aggregatesByEurostatCode.get(text);
		if (eurostat != null) {
			return Optional.of(new Resolution.AggregateFound(eurostat));
		}
		if (NUMERIC.matcher(text).matches()) {
			int code = Integer.parseInt(text);
			Country country = this.byM49.get(code);
			if (country != null) {
				return Optional.of(new Resolution.Known(country));
			}
			Aggregate aggregate = this.aggregatesByM49.get(code);
			if (aggregate != null) {
				return Optional.of(new Resolution.AggregateFound(aggregate));
			}
			return Optional.empty();
		}
		String folded = Names.fold(text);
		Country country = this.byName.get(folded);
		if (country != null) {
			return Optional.of(new Resolution.Known(country));
		}
		Aggregate aggregate = this.aggregatesByName.get(folded);
		if (aggregate != null) {
			return Optional.of(new Resolution.AggregateFound(aggregate));
		}
		return Optional.empty();
	}

	private List<String> suggest(List<String> candidates) {
		List<String> names = new ArrayList<>();
		for (String candidate : candidates) {
			String folded = Names.fold(candidate);
			if (folded.length() < 3 || folded.chars().allMatch(Character::isDigit)) {
				continue;
			}
			this.byName.entrySet()
				.stream()
				.map((e) -> Map.entry(Names.distance(folded, e.getKey()), e.getValue().name()))
				.filter((e) -> e.getKey() <= Math.max(2, folded.length() / 3))
				.sorted(Comparator.comparing(Map.Entry<Integer, String>::getKey).thenComparing(Map.Entry::getValue))
				.map(Map.Entry::getValue)
				.distinct()
				.limit(3)
				.forEach(names::add);
		}
		return names.stream().distinct().limit(3).toList();
	}

	/**
	 * @param key a country key
	 * @return the country with that key, if known
	 */
	public Optional<Country> country(String key) {
		return Optional.ofNullable(this.byKey.get(key));
	}

	/**
	 * @return every known country and territory, in reference order
	 */
	public Collection<Country> countries() {
		return this.byKey.values();
	}

	private static int m49(String text) {
		String digits = (text != null) ? text.strip() : "";
		return digits.isEmpty() ? 0 : Integer.parseInt(digits);
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return "";
	}

}
