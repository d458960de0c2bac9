package app.flashcastr.api.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's text with the contents of its string and integer literals blanked out, so
 * that {@code globalFlash(flash_id: "4711")} and {@code globalFlash(flash_id: "0815")}
 * share one key, and the literals themselves in order. The key keeps each literal's
 * length and everything else verbatim (whitespace, comments, floats, block strings), so
 * two texts with one key differ only inside those literals and every other token sits at
 * the same line and column.
 *
 * @param key the text with each literal's characters replaced by a marker of its kind
 * @param literals the string and integer literals, in the order of the text
 */
record LiteralShape(String key, List<Literal> literals) {

	private static final char STRING_MARK = '\u0001';

	private static final char INT_MARK = '\u0002';

	/**
	 * The shape of a text, or {@code null} when it has no literal to share, holds a
	 * character the markers could be confused with, names a variable starting with
	 * {@code __} (the hoisted ones' prefix) or is not lexically valid GraphQL: those go
	 * through the parser, which reports the error.
	 */
	static LiteralShape of(String text) {
		StringBuilder key = null;
		List<Literal> literals = null;
		int line = 1;
		int column = 1;
		int i = 0;
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			int end;
			Literal literal = null;
			if (c == '#') {
				end = endOfLine(text, i);
			}
			else if (c == '"') {
				if (text.startsWith("\"\"\"", i)) {
					end = endOfBlockString(text, i);
				}
				else {
					end = endOfString(text, i);
					if (end > 0) {
						String value = unescape(text, i + 1, end - 1);
						if (value == null) {
							return null;
						}
						literal = new Literal(Kind.STRING, value, line, column, i, end);
					}
				}
			}
			else if (c == '-' || isDigit(c)) {
				end = endOfNumber(text, i);
				if (end > 0 && isInteger(text, i, end)) {
					literal = new Literal(Kind.INT, text.substring(i, end), line, column, i, end);
				}
			}
			else if (isNameStart(c)) {
				end = i + 1;
				while (end < length && isNamePart(text.charAt(end))) {
					end++;
				}
			}
			else if (c == '$' && text.startsWith("__", i + 1)) {
				return null;
			}
			else {
				end = i + 1;
			}
			if (end < 0) {
				return null;
			}
			if (literal != null) {
				if (key == null) {
					key = new StringBuilder(length);
					key.append(text, 0, i);
					literals = new ArrayList<>();
				}
				literals.add(literal);
				char mark = (literal.kind() == Kind.STRING) ? STRING_MARK : INT_MARK;
				for (int k = i; k < end; k++) {
					key.append(mark);
				}
			}
			else if (key != null) {
				key.append(text, i, end);
			}
			// Lines and columns as graphql-java's parser counts them: a column per code
			// point, a new line per \n.
			for (int k = i; k < end; k++) {
				char counted = text.charAt(k);
				if (counted < 0x20 && counted != '\t' && counted != '\n' && counted != '\r') {
					return null;
				}
				if (counted == '\n') {
					line++;
					column = 1;
				}
				else if (!Character.isLowSurrogate(counted)) {
					column++;
				}
			}
			i = end;
		}
		return (key != null) ? new LiteralShape(key.toString(), List.copyOf(literals)) : null;
	}

	private static int endOfLine(String text, int start) {
		int end = start;
		while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
			end++;
		}
		return end;
	}

	/**
	 * End (exclusive) of a {@code "..."} string, or -1 if it is not closed on its line.
	 */
	private static int endOfString(String text, int start) {
		int i = start + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				return i + 1;
			}
			if (c == '\n' || c == '\r') {
				return -1;
			}
			i += (c == '\\') ? 2 : 1;
		}
		return -1;
	}

	private static int endOfBlockString(String text, int start) {
		int i = start + 3;
		while (i < text.length()) {
			if (text.startsWith("\\\"\"\"", i)) {
				i += 4;
			}
			else if (text.startsWith("\"\"\"", i)) {
				return i + 3;
			}
			else {
				i++;
			}
		}
		return -1;
	}

	/** End of an IntValue or FloatValue token, or -1 for a lone {@code -}. */
	private static int endOfNumber(String text, int start) {
		int i = start;
		if (text.charAt(i) == '-') {
			i++;
		}
		int digits = i;
		while (i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == 'e'
				|| text.charAt(i) == 'E' || ((text.charAt(i) == '+' || text.charAt(i) == '-')
						&& (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')))) {
			i++;
		}
		if (i == digits) {
			return -1;
		}
		// A leading zero followed by a digit, or a number running into a name, is not a
		// token the parser accepts: leave it to the parser.
		if (text.charAt(digits) == '0' && i > digits + 1 && isDigit(text.charAt(digits + 1))) {
			return -1;
		}
		if (i < text.length() && (isNameStart(text.charAt(i)) || text.charAt(i) == '.')) {
			return -1;
		}
		return i;
	}

	/**
	 * The value of a string's contents, or {@code null} for an escape we do not decode.
	 */
	private static String unescape(String text, int start, int end) {
		if (text.indexOf('\\', start) < 0 || text.indexOf('\\', start) >= end) {
			return text.substring(start, end);
		}
		StringBuilder value = new StringBuilder(end - start);
		int i = start;
		while (i < end) {
			char c = text.charAt(i);
			if (c != '\\') {
				value.append(c);
				i++;
				continue;
			}
			char escaped = text.charAt(i + 1);
			switch (escaped) {
				case '"', '\\', '/' -> value.append(escaped);
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> {
					if (i + 6 > end) {
						return null;
					}
					for (int k = i + 2; k < i + 6; k++) {
						if (Character.digit(text.charAt(k), 16) < 0) {
							return null;
						}
					}
					char unit = (char) Integer.parseInt(text, i + 2, i + 6, 16);
					// Surrogates and \\u{...}: the parser's rules, not ours.
					if (Character.isSurrogate(unit)) {
						return null;
					}
					value.append(unit);
					i += 4;
				}
				default -> {
					return null;
				}
			}
			i += 2;
		}
		return value.toString();
	}

	/** Whether a number token has neither a fraction nor an exponent. */
	private static boolean isInteger(String text, int start, int end) {
		for (int i = start + 1; i < end; i++) {
			if (!isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isNameStart(char c) {
		return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static boolean isNamePart(char c) {
		return isNameStart(c) || isDigit(c);
	}

	enum Kind {

		STRING, INT

	}

	/**
	 * One literal of the text.
	 *
	 * @param kind string or integer
	 * @param value a string's decoded value, an integer's digits
	 * @param line its line, as the parser reports it
	 * @param column its column, as the parser reports it
	 * @param start offset of its first character in the text
	 * @param end offset after its last character
	 */
	record Literal(Kind kind, String value, int line, int column, int start, int end) {

		/** Its text as written (quotes and escapes included). */
		String source(String text) {
			return text.substring(this.start, this.end);
		}

	}

}
