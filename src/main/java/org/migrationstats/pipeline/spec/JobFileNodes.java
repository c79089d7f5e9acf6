package org.migrationstats.pipeline.spec;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML nodes of one job file, read as the values a spec needs: each getter that
 * refuses a node says the file, the node's line and what was expected.
 */
final class JobFileNodes {

	private final Path file;

	JobFileNodes(Path file) {
		this.file = file;
	}

	/**
	 * Reads a mapping, refusing repeated keys and, when {@code allowed} is given, keys
	 * outside it.
	 * @param node the node
	 * @param what the mapping as a message names it
	 * @param allowed the keys it may have, or {@code null} for any
	 * @return its values by key, in the file's order
	 */
	Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
		if (!(node instanceof MappingNode mapping)) {
			throw error(node, what + " must be a mapping of keys to values");
		}
		Map<String, Node> result = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			String key = scalar(tuple.getKeyNode(), "a key");
			if (allowed != null && !allowed.contains(key)) {
				throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + ", expected one of "
						+ String.join(", ", allowed.stream().sorted().toList()));
			}
			if (result.put(key, tuple.getValueNode()) != null) {
				throw error(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
			}
		}
		return result;
	}

	List<Node> sequence(Node node, String what) {
		if (!(node instanceof SequenceNode sequence)) {
			throw error(node, "'" + what + "' must be a list (items starting with '- ')");
		}
		return sequence.getValue();
	}

	/**
	 * Reads one text or a list of texts, such as the headers a column may have.
	 * @param node the node, or {@code null} for none
	 * @param what the key as a message names it
	 * @return the texts as written, empty for {@code null}
	 */
	List<String> names(Node node, String what) {
		if (node == null) {
			return List.of();
		}
		if (node instanceof ScalarNode scalar) {
			return List.of(scalar.getValue());
		}
		List<String> names = new ArrayList<>();
		for (Node item : sequence(node, what)) {
			names.add(scalar(item, what));
		}
		return names;
	}

	Node requiredNode(Map<String, Node> map, String key, Node owner) {
		Node node = map.get(key);
		if (node == null) {
			throw error(owner, "'" + key + "' is missing");
		}
		return node;
	}

	String requiredText(Map<String, Node> map, String key, Node owner) {
		Node node = requiredNode(map, key, owner);
		String text = scalar(node, key);
		if (text.isBlank()) {
			throw error(node, "'" + key + "' is empty");
		}
		return text.trim();
	}

	String optionalText(Map<String, Node> map, String key, String fallback) {
		Node node = map.get(key);
		return (node != null) ? scalar(node, key).trim() : fallback;
	}

	String scalar(Node node, String what) {
		if (!(node instanceof ScalarNode scalar)) {
			throw error(node, "'" + what + "' must be a single value, not a list or a mapping");
		}
		return scalar.getValue();
	}

	/**
	 * Reads {@code true} or {@code false} ({@code yes} and {@code no} too).
	 */
	boolean bool(Map<String, Node> map, String key) {
		Node node = map.get(key);
		if (node == null) {
			return false;
		}
		String text = scalar(node, key).strip().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "true", "yes" -> true;
			case "false", "no" -> false;
			default -> throw error(node, "'" + key + "' must be true or false, found '" + text + "'");
		};
	}

	/**
	 * Reads a whole number from 1 to {@code max}; from 0 when {@code fallback} is
	 * negative, as for a count that may be zero but has no default.
	 * @param map the mapping holding the key
	 * @param key the key
	 * @param fallback the value when the key is absent
	 * @param max the largest value allowed
	 * @return the number
	 */
	int positive(Map<String, Node> map, String key, int fallback, int max) {
		Node node = map.get(key);
		if (node == null) {
			return fallback;
		}
		String text = scalar(node, key).strip();
		try {
			int value = Integer.parseInt(text);
			if (value >= 1 && value <= max || (fallback < 0 && value == 0)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw error(node, key + " must be a whole number from " + ((fallback < 0) ? 0 : 1) + " to " + max + ", found '"
				+ text + "'");
	}

	LocalDate date(Node node, String what) {
		String text = scalar(node, what);
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeException ex) {
			throw error(node, "'" + what + "' needs dates such as 2002-12-02, found '" + text + "'");
		}
	}

	Measure measure(Node node) {
		String text = scalar(node, "measure");
		return Measure.fromKey(text)
			.orElseThrow(() -> error(node, "unknown measure '" + text + "', expected one of " + Measure.keys()));
	}

	/**
	 * Makes a spec record from values read at a node, so that what the record itself
	 * refuses names the file and line too.
	 * @param <T> the record's type
	 * @param node the node the values were read from
	 * @param record calls the record's constructor
	 * @return the record
	 */
	<T> T build(Node node, Supplier<T> record) {
		try {
			return record.get();
		}
		catch (IllegalArgumentException ex) {
			throw error(node, ex.getMessage());
		}
	}

	SpecException error(Node node, String message) {
		return new SpecException(this.file, line(node), message);
	}

	static int line(Node node) {
		return (node != null && node.getStartMark() != null) ? node.getStartMark().getLine() + 1 : 0;
	}

}
