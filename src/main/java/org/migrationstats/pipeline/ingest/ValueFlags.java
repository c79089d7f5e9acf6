package org.migrationstats.pipeline.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The flags a statistical agency sets on a value, as Eurostat's letters: {@code p}
 * provisional, {@code e} estimated, {@code b} break in series, {@code u} low reliability,
 * {@code d} definition differs, {@code c} confidential, and the others of its list. A
 * value's flags are kept as a string of distinct letters in alphabetical order
 * ({@code "ep"}), empty when it has none. SDMX's observation status codes
 * ({@code OBS_STATUS}) and confidentiality codes ({@code CONF_STATUS}) are turned into
 * the same letters.
 */
public final class ValueFlags {

	/** No flag. */
	public static final String NONE = "";

	/** Eurostat's flags and what each means, in the order a report explains them. */
	public static final Map<Character, String> MEANINGS;

	static {
		Map<Character, String> meanings = new LinkedHashMap<>();
		meanings.put('b', "break in time series");
		meanings.put('c', "confidential");
		meanings.put('d', "definition differs (see the source's metadata)");
		meanings.put('e', "estimated");
		meanings.put('f', "forecast");
		meanings.put('n', "not significant");
		meanings.put('p', "provisional");
		meanings.put('r', "revised");
		meanings.put('s', "Eurostat estimate");
		meanings.put('u', "low reliability");
		meanings.put('z', "not applicable");
		MEANINGS = Collections.unmodifiableMap(meanings);
	}

	/**
	 * SDMX observation status codes (SDMX code list CL_OBS_STATUS) for values that are
	 * there, as Eurostat letters; {@code A} (normal value) has none.
	 */
	private static final Map<String, String> OBS_STATUS = Map.of("A", NONE, "B", "b", "D", "d", "E", "e", "F", "f", "N",
			"n", "P", "p", "U", "u", "R", "r");

	/** SDMX observation status codes that say the value is missing. */
	private static final java.util.Set<String> MISSING_STATUS = java.util.Set.of("L", "M", "O", "H", "Q");

	private ValueFlags() {
	}

	/**
	 * @param letters flag letters as written, in any order and case, with or without
	 * spaces ({@code "p"}, {@code "E P"})
	 * @return the distinct letters, in lower case and alphabetical order
	 * @throws ValueException if the text holds something other than letters and spaces
	 */
	public static String of(String letters) throws ValueException {
		if (letters == null || letters.isBlank()) {
			return NONE;
		}
		TreeSet<Character> distinct = new TreeSet<>();
		for (int i = 0; i < letters.length(); i++) {
			char c = letters.charAt(i);
			if (Character.isWhitespace(c)) {
				continue;
			}
			if (c > 0x7f || !Character.isLetter(c)) {
				throw new ValueException("\"" + letters.strip() + "\" is not a flag (flags are letters: p provisional, "
						+ "e estimated, b break in series, ...)");
			}
			distinct.add(Character.toLowerCase(c));
		}
		StringBuilder text = new StringBuilder(distinct.size());
		distinct.forEach(text::append);
		return text.toString();
	}

	/**
	 * @param code an SDMX observation status code ({@code OBS_STATUS}), as written
	 * @return its flags: the Eurostat letter of the same meaning, none for {@code A}
	 * (normal), or the code itself in lower case when no letter means the same
	 * @throws ValueException if the code is not one letter
	 */
	public static String ofObservationStatus(String code) throws ValueException {
		String upper = code.strip().toUpperCase(Locale.ROOT);
		if (upper.isEmpty()) {
			return NONE;
		}
		String flags = OBS_STATUS.get(upper);
		if (flags != null) {
			return flags;
		}
		if (MISSING_STATUS.contains(upper)) {
			// the value says it is missing: nothing to flag
			return ("Q".equals(upper)) ? "c" : NONE;
		}
		return of(upper);
	}

	/**
	 * @param code an SDMX observation status code
	 * @return whether it says the value is missing ({@code M}, {@code L}, {@code O},
	 * {@code H}, or {@code Q} suppressed)
	 */
	public static boolean isMissingStatus(String code) {
		return MISSING_STATUS.contains(code.strip().toUpperCase(Locale.ROOT));
	}

	/**
	 * @param code an SDMX confidentiality status code ({@code CONF_STATUS})
	 * @return {@code c} for a confidential value ({@code C}, {@code D} secondary
	 * confidentiality, {@code N} not for publication, {@code S} and {@code A} embargoed),
	 * none for a free one ({@code F}) or none given
	 */
	public static String ofConfidentialityStatus(String code) {
		return switch (code.strip().toUpperCase(Locale.ROOT)) {
			case "C", "D", "N", "S", "A" -> "c";
			default -> NONE;
		};
	}

	/**
	 * @param a flags
	 * @param b other flags
	 * @return the letters of both, each once, in alphabetical order
	 */
	public static String merge(String a, String b) {
		if (b.isEmpty() || a.equals(b)) {
			return a;
		}
		if (a.isEmpty()) {
			return b;
		}
		TreeSet<Character> distinct = new TreeSet<>();
		a.chars().forEach((c) -> distinct.add((char) c));
		b.chars().forEach((c) -> distinct.add((char) c));
		StringBuilder text = new StringBuilder(distinct.size());
		distinct.forEach(text::append);
		return text.toString();
	}

	/**
	 * @param flags a value's flags
	 * @return whether they say it is confidential
	 */
	public static boolean confidential(String flags) {
		return flags.indexOf('c') >= 0;
	}

}
