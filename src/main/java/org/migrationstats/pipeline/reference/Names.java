package org.migrationstats.pipeline.reference;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds a country name to the form names are matched in: no accents, no case, no
 * punctuation, no footnote marks, no "(the)".
 */
final class Names {

	private Names() {
	}

	static String fold(String name) {
		if (name == null) {
			return "";
		}
		String text = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		text = text.toLowerCase(Locale.ROOT)
			.replace('\u2019', '\'')
			.replaceAll("\\s*\\*+$", "")
			.replaceAll("\\s*\\((the|a|b|c|d|e)\\)$", "")
			.replace("&", " and ")
			.replaceAll("[^a-z0-9]+", " ")
			.strip();
		return text;
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
