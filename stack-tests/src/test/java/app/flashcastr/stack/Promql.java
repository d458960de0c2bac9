package app.flashcastr.stack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough PromQL reading for the tests: Grafana variable substitution and the vector
 * selectors (metric name and matchers) an expression reads. Parsing proper is left to
 * promtool; this only has to find names, and every expression it reads also passes
 * promtool.
 */
final class Promql {

	/** Keywords and modifiers that look like identifiers but are not metric names. */
	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");

	/** Keywords followed by a parenthesised label list. */
	private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	private Promql() {
	}

	/**
	 * Replaces Grafana's built-in and dashboard variables ({@code $name},
	 * {@code ${name}}). Longest names first, so {@code $__rate_interval} is not read as
	 * {@code $__rate}.
	 */
	static String substitute(String expression, Map<String, String> variables) {
		String result = expression.replace("$__rate_interval", "1m")
			.replace("$__interval", "1m")
			.replace("$__range", "5m")
			.replace("$__auto", "1m");
		List<String> names = new ArrayList<>(variables.keySet());
		names.sort((a, b) -> b.length() - a.length());
		for (String name : names) {
			result = result.replace("${" + name + "}", variables.get(name)).replace("$" + name, variables.get(name));
		}
		return result;
	}

	/**
	 * A vector selector: metric name and its matchers as written ({@code {...}} or
	 * empty).
	 */
	record Selector(String metric, String matchers) {

		String text() {
			return this.metric + this.matchers;
		}

	}

	/** The vector selectors an expression reads, in order, without duplicates. */
	static List<Selector> selectors(String expression) {
		Set<Selector> found = new LinkedHashSet<>();
		String s = expression;
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(s, i);
			}
			else if (c == '[') {
				i = s.indexOf(']', i) + 1;
			}
			else if (c == '#') {
				int end = s.indexOf('\n', i);
				i = (end < 0) ? s.length() : end;
			}
			else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
				i = skipNumber(s, i);
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = i;
				while (i < s.length()
						&& (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
					i++;
				}
				String word = s.substring(start, i);
				int next = skipSpace(s, i);
				if (KEYWORDS.contains(word.toLowerCase())) {
					if (LABEL_LIST_KEYWORDS.contains(word.toLowerCase()) && next < s.length()
							&& s.charAt(next) == '(') {
						i = s.indexOf(')', next) + 1;
					}
					else if (word.equalsIgnoreCase("offset")) {
						i = skipNumber(s, skipSpace(s, next));
					}
					continue;
				}
				if (next < s.length() && s.charAt(next) == '(') {
					// A function or an aggregation, not a metric.
					continue;
				}
				if (s.startsWith("by", next) || s.startsWith("without", next)) {
					// An aggregation with its modifier first: sum by (le) (...).
					continue;
				}
				String matchers = "";
				if (next < s.length() && s.charAt(next) == '{') {
					int end = closingBrace(s, next);
					matchers = s.substring(next, end + 1);
					i = end + 1;
				}
				found.add(new Selector(word, matchers));
			}
			else {
				i++;
			}
		}
		return new ArrayList<>(found);
	}

	static Set<String> metricNames(String expression) {
		Set<String> names = new LinkedHashSet<>();
		selectors(expression).forEach((selector) -> names.add(selector.metric()));
		return names;
	}

	private static int skipSpace(String s, int i) {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipNumber(String s, int i) {
		while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
				|| ((s.charAt(i) == '+' || s.charAt(i) == '-')
						&& (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
			i++;
		}
		return i;
	}

	private static int skipString(String s, int i) {
		char quote = s.charAt(i);
		i++;
		while (i < s.length() && s.charAt(i) != quote) {
			if (s.charAt(i) == '\\' && quote != '`') {
				i++;
			}
			i++;
		}
		return i + 1;
	}

	private static int closingBrace(String s, int open) {
		int i = open + 1;
		while (i < s.length() && s.charAt(i) != '}') {
			char c = s.charAt(i);
			i = (c == '"' || c == '\'' || c == '`') ? skipString(s, i) : i + 1;
		}
		return i;
	}

}
