package org.migrationstats.pipeline.reference;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds a country name to the form names are matched in: no accents, no case, no
 * punctuation, no footnote marks, no "(the)".
 */
final class Names {

	// compiled once: the reference folds some two thousand names as it loads, at every
	// start, and String.replaceAll compiles its pattern each time
	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern FOOTNOTE = Pattern.compile("\\s*\\*+$");

	private static final Pattern ARTICLE = Pattern.compile("\\s*\\((the|a|b|c|d|e)\\)$");

	private static final Pattern OTHER = Pattern.compile("[^a-z0-9]+");

	private Names() {
	}

	static String fold(String name) {
		if (name == null) {
			return "";
		}
		String text = MARKS.matcher(Normalizer.normalize(name.strip(), Normalizer.Form.NFD)).replaceAll("");
		text = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
		text = ARTICLE.matcher(FOOTNOTE.matcher(text).replaceAll("")).replaceAll("").replace("&", " and ");
		return OTHER.matcher(text).replaceAll(" ").strip();
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
