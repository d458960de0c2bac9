package app.flashcastr.api.execution;

import java.util.ArrayList;
import java.util.List;

import graphql.language.AstTransformer;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.StringValue;
import graphql.parser.Parser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.junit.jupiter.api.Test;

import app.flashcastr.api.execution.LiteralShape.Kind;
import app.flashcastr.api.execution.LiteralShape.Literal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lexer pass that reads a text's literals: what shares a shape, what a literal's
 * value is, and that it places each literal where graphql-java's parser does.
 */
class LiteralShapeTests {

	@Test
	void textsThatDifferOnlyInLiteralsOfTheSameLengthShareAShape() {
		LiteralShape first = LiteralShape.of("{ globalFlash(flash_id: \"4711\") { city } flash(id: 12) { id } }");
		LiteralShape second = LiteralShape.of("{ globalFlash(flash_id: \"0815\") { city } flash(id: 99) { id } }");
		LiteralShape longer = LiteralShape.of("{ globalFlash(flash_id: \"47110\") { city } flash(id: 12) { id } }");
		LiteralShape otherField = LiteralShape.of("{ globalFlash(flash_id: \"4711\") { town } flash(id: 12) { id } }");

		assertThat(second.key()).isEqualTo(first.key());
		assertThat(longer.key()).isNotEqualTo(first.key());
		assertThat(otherField.key()).isNotEqualTo(first.key());
		assertThat(second.literals()).extracting(Literal::kind, Literal::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.STRING, "0815"),
					org.assertj.core.groups.Tuple.tuple(Kind.INT, "99"));
	}

	@Test
	void stringsAreDecodedAndIntegersKeepTheirDigits() {
		LiteralShape shape = LiteralShape
			.of("{ users(username: \"a\\\"b\\\\c\\u00e9\\n\") { fid } flashes(fid: -42, page: 0) { flash_id } }");

		assertThat(shape.literals()).extracting(Literal::value).containsExactly("a\"b\\c\u00e9\n", "-42", "0");
	}

	@Test
	void floatsBlockStringsCommentsAndNamesAreNotLiteralsToShare() {
		LiteralShape shape = LiteralShape.of("""
				# a "comment" with 12
				{ PA_0003: saveFlashIdentification(similarity: 0.5, confidence: 1e3, source_ipfs_cid: \"""x\""") }
				""");

		assertThat(shape).isNull();
	}

	@Test
	void textsTheLexerDoesNotTrustAreLeftToTheParser() {
		assertThat(LiteralShape.of("{ globalFlash(flash_id: \"\u0001\") { city } }")).isNull();
		assertThat(LiteralShape.of("query ($__literal0: String!) { globalFlash(flash_id: \"1\") { city } }")).isNull();
		assertThat(LiteralShape.of("{ globalFlash(flash_id: \"1) { city } }")).isNull();
		assertThat(LiteralShape.of("{ globalFlash(flash_id: \"\\q\") { city } }")).isNull();
		assertThat(LiteralShape.of("{ flash(id: 012) { id } }")).isNull();
		assertThat(LiteralShape.of("{ flash(id: 12abc) { id } }")).isNull();
	}

	@Test
	void literalsArePlacedWhereTheParserPlacesThem() {
		String text = "query Many {\n  a: globalFlash(flash_id: \"\uD83D\uDC7E 1\") { city }\r\n"
				+ "\tb: flashes(fid: 101, limit: 3, city: \"Paris\") { flash_id }\n"
				+ "  c: users(username: \"\u00e9\u00e9\") { fid } }";
		List<String> parsed = new ArrayList<>();
		new AstTransformer().transform(Parser.parse(text), new NodeVisitorStub() {
			@Override
			public TraversalControl visitStringValue(StringValue node, TraverserContext<Node> context) {
				parsed.add(node.getSourceLocation().getLine() + ":" + node.getSourceLocation().getColumn());
				return TraversalControl.CONTINUE;
			}

			@Override
			public TraversalControl visitIntValue(IntValue node, TraverserContext<Node> context) {
				parsed.add(node.getSourceLocation().getLine() + ":" + node.getSourceLocation().getColumn());
				return TraversalControl.CONTINUE;
			}
		});

		assertThat(LiteralShape.of(text).literals()).extracting((literal) -> literal.line() + ":" + literal.column())
			.containsExactlyElementsOf(parsed)
			.hasSize(5);
	}

}
