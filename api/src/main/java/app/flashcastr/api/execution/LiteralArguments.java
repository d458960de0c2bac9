package app.flashcastr.api.execution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Argument;
import graphql.language.AstTransformer;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

/**
 * Queries that differ only in their literal arguments, parsed and validated once. Clients
 * that write arguments into the text ({@code globalFlash(flash_id: "4711")}) send a new
 * document on almost every request, and parsing and validating it cost as much as
 * executing it (315 against 175 µs of CPU per request in the API benchmark). Such a
 * query's string and integer arguments become variables of a document kept per
 * {@link LiteralShape}: the next text of that shape only has its literals read, as
 * variables, by a lexer pass. Kept documents keep the source locations of the text they
 * came from, which the shape guarantees are those of every text that shares it, so errors
 * point where they did.
 * <p>
 * Only what validation cannot tell apart is turned into a variable: a string argument of
 * type {@code String} or {@code ID}, an integer argument of type {@code Int} or
 * {@code ID} that fits in 32 bits. Every other literal (in a directive, a default value,
 * a float, an enum, a block string) must equal the kept one's, or the text is parsed as
 * before. Mutations and documents with several operations are always parsed.
 */
final class LiteralArguments extends SimplePerformantInstrumentation {

	/** Prefix of the variables literals become; a text that uses it is not shaped. */
	static final String VARIABLE_PREFIX = "__literal";

	private static final String CHOSEN_KEY = LiteralArguments.class.getName() + ".chosen";

	private static final String PENDING_KEY = LiteralArguments.class.getName() + ".pending";

	private final Cache<String, Shaped> shapes;

	private final SeenTexts seen;

	/**
	 * @param maxShapes distinct shapes kept
	 * @param seenSlots slots of the record of shapes seen once (a power of two)
	 */
	LiteralArguments(int maxShapes, int seenSlots) {
		this.shapes = Caffeine.newBuilder().maximumSize(maxShapes).build();
		this.seen = new SeenTexts(seenSlots);
	}

	/**
	 * Before parsing: a text whose shape is kept gets its literals as variables and the
	 * kept document (see {@link #documentChosenFor}); any other shaped text is noted so
	 * that its document may be kept once parsed.
	 */
	@Override
	public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		String query = input.getQuery();
		LiteralShape shape = (query != null) ? LiteralShape.of(query) : null;
		if (shape == null) {
			return input;
		}
		Shaped shaped = this.shapes.getIfPresent(shape.key());
		if (shaped == null) {
			input.getGraphQLContext().put(PENDING_KEY, new Pending(shape, parameters.getSchema()));
			return input;
		}
		Map<String, Object> literals = shaped.variables(shape, query);
		if (literals == null) {
			return input;
		}
		input.getGraphQLContext().put(CHOSEN_KEY, shaped.entry());
		if (literals.isEmpty()) {
			return input;
		}
		Map<String, Object> variables = new HashMap<>(input.getVariables());
		variables.putAll(literals);
		return input.transform((builder) -> builder.variables(variables));
	}

	/** The kept document chosen for this request before parsing, if any. */
	PreparsedDocumentEntry documentChosenFor(GraphQLContext context) {
		return context.get(CHOSEN_KEY);
	}

	/**
	 * After a noted text parsed and validated without errors: keeps its document, with
	 * its literals as variables, from the shape's second sighting on.
	 */
	void learn(GraphQLContext context, String query, Document document) {
		Pending pending = context.get(PENDING_KEY);
		if (pending == null || !this.seen.seenBefore(pending.shape().key())) {
			return;
		}
		this.shapes.put(pending.shape().key(), Shaped.of(pending.schema(), pending.shape(), query, document));
	}

	/** Whether texts of this shape get a literal as a variable (for tests). */
	boolean hoists(String query) {
		LiteralShape shape = LiteralShape.of(query);
		Shaped shaped = (shape != null) ? this.shapes.getIfPresent(shape.key()) : null;
		return shaped != null && Arrays.stream(shaped.hoisted()).anyMatch(Objects::nonNull);
	}

	/** A shaped text waiting for its parse. */
	private record Pending(LiteralShape shape, GraphQLSchema schema) {
	}

	/** What a literal becomes: the variable's name and how its value is read. */
	private record Hoisted(String variable, Target target) {
	}

	private enum Target {

		STRING, INT, ID

	}

	/**
	 * A kept document and, per literal of the shape, either the variable it became or
	 * (when it stayed a literal) the text it must have.
	 */
	private record Shaped(PreparsedDocumentEntry entry, Hoisted[] hoisted, String[] fixed) {

		/**
		 * A text's literals as variables, or {@code null} when the text cannot use this
		 * document (a fixed literal differs, an integer overflows 32 bits).
		 */
		Map<String, Object> variables(LiteralShape shape, String query) {
			List<LiteralShape.Literal> literals = shape.literals();
			if (literals.size() != this.hoisted.length) {
				return null;
			}
			Map<String, Object> values = new HashMap<>();
			for (int i = 0; i < this.hoisted.length; i++) {
				LiteralShape.Literal literal = literals.get(i);
				Hoisted hoisted = this.hoisted[i];
				if (hoisted == null) {
					if (!literal.source(query).equals(this.fixed[i])) {
						return null;
					}
					continue;
				}
				Object value = switch (hoisted.target()) {
					case STRING -> literal.value();
					case INT -> int32(literal.value());
					// ID reads an integer literal as its decimal digits ("-0" as "0").
					case ID -> (literal.kind() == LiteralShape.Kind.STRING) ? literal.value()
							: canonicalInteger(literal.value());
				};
				if (value == null) {
					return null;
				}
				values.put(hoisted.variable(), value);
			}
			return values;
		}

		private static Integer int32(String digits) {
			try {
				return Integer.parseInt(digits);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		private static String canonicalInteger(String digits) {
			return new BigInteger(digits).toString();
		}

		/**
		 * The document of a valid text with its eligible literals turned into variables;
		 * when none is eligible or the result does not validate, the text's own document
		 * with every literal fixed.
		 */
		static Shaped of(GraphQLSchema schema, LiteralShape shape, String query, Document document) {
			List<LiteralShape.Literal> literals = shape.literals();
			String[] fixed = new String[literals.size()];
			for (int i = 0; i < fixed.length; i++) {
				fixed[i] = literals.get(i).source(query);
			}
			Hoisted[] none = new Hoisted[literals.size()];
			Shaped asWritten = new Shaped(new PreparsedDocumentEntry(document), none, fixed);
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			if (schema == null || operations.size() != 1
					|| operations.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
				return asWritten;
			}
			Map<Argument, GraphQLArgument> arguments = new IdentityHashMap<>();
			Map<String, FragmentDefinition> fragments = new HashMap<>();
			document.getDefinitionsOfType(FragmentDefinition.class)
				.forEach((fragment) -> fragments.put(fragment.getName(), fragment));
			collect(schema, operations.get(0).getSelectionSet(), schema.getQueryType(), fragments, new HashSet<>(),
					arguments);

			Map<Long, Integer> literalAt = new HashMap<>();
			for (int i = 0; i < literals.size(); i++) {
				literalAt.put(position(literals.get(i).line(), literals.get(i).column()), i);
			}
			Hoisted[] hoisted = new Hoisted[literals.size()];
			Map<Argument, String> variableOf = new IdentityHashMap<>();
			List<VariableDefinition> definitions = new ArrayList<>();
			for (Map.Entry<Argument, GraphQLArgument> found : arguments.entrySet()) {
				Argument argument = found.getKey();
				SourceLocation location = argument.getValue().getSourceLocation();
				Integer index = (location != null) ? literalAt.get(position(location.getLine(), location.getColumn()))
						: null;
				Target target = (index != null) ? target(argument, found.getValue(), literals.get(index)) : null;
				if (target == null || hoisted[index] != null) {
					continue;
				}
				String variable = VARIABLE_PREFIX + index;
				hoisted[index] = new Hoisted(variable, target);
				variableOf.put(argument, variable);
				definitions.add(VariableDefinition.newVariableDefinition(variable, astType(found.getValue().getType()))
					.build());
			}
			if (definitions.isEmpty()) {
				return asWritten;
			}
			Document withVariables = withVariables(document, variableOf, definitions);
			if (!ParseAndValidate.validate(schema, withVariables).isEmpty()) {
				return asWritten;
			}
			return new Shaped(new PreparsedDocumentEntry(withVariables), hoisted, fixed);
		}

		/** How the literal of an argument of this type is read, or null to keep it. */
		private static Target target(Argument argument, GraphQLArgument definition, LiteralShape.Literal literal) {
			if (!(GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLScalarType scalar)) {
				return null;
			}
			boolean string = argument.getValue() instanceof StringValue && literal.kind() == LiteralShape.Kind.STRING;
			boolean integer = argument.getValue() instanceof IntValue && literal.kind() == LiteralShape.Kind.INT;
			return switch (scalar.getName()) {
				case "String" -> string ? Target.STRING : null;
				case "Int" -> integer ? Target.INT : null;
				case "ID" -> (string || integer) ? Target.ID : null;
				default -> null;
			};
		}

		/**
		 * The arguments with a string or integer literal of every field, with their
		 * definitions.
		 */
		private static void collect(GraphQLSchema schema, SelectionSet selections, GraphQLType parent,
				Map<String, FragmentDefinition> fragments, Set<String> visited, Map<Argument, GraphQLArgument> found) {
			if (selections == null || parent == null) {
				return;
			}
			for (Selection<?> selection : selections.getSelections()) {
				if (selection instanceof Field field) {
					GraphQLFieldDefinition definition = (parent instanceof GraphQLFieldsContainer container)
							? container.getFieldDefinition(field.getName()) : null;
					if (definition == null) {
						continue;
					}
					for (Argument argument : field.getArguments()) {
						GraphQLArgument argumentDefinition = definition.getArgument(argument.getName());
						if (argumentDefinition != null && (argument.getValue() instanceof StringValue
								|| argument.getValue() instanceof IntValue)) {
							found.put(argument, argumentDefinition);
						}
					}
					collect(schema, field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()), fragments,
							visited, found);
				}
				else if (selection instanceof InlineFragment inline) {
					GraphQLType type = (inline.getTypeCondition() != null)
							? schema.getType(inline.getTypeCondition().getName()) : parent;
					collect(schema, inline.getSelectionSet(), type, fragments, visited, found);
				}
				else if (selection instanceof FragmentSpread spread && visited.add(spread.getName())) {
					FragmentDefinition fragment = fragments.get(spread.getName());
					if (fragment != null) {
						collect(schema, fragment.getSelectionSet(),
								schema.getType(fragment.getTypeCondition().getName()), fragments, visited, found);
					}
				}
			}
		}

		private static Document withVariables(Document document, Map<Argument, String> variableOf,
				List<VariableDefinition> definitions) {
			Document replaced = (Document) new AstTransformer().transform(document, new NodeVisitorStub() {
				@Override
				public TraversalControl visitArgument(Argument node, TraverserContext<Node> context) {
					String variable = variableOf.get(node);
					if (variable == null) {
						return TraversalControl.CONTINUE;
					}
					VariableReference reference = VariableReference.newVariableReference()
						.name(variable)
						.sourceLocation(node.getValue().getSourceLocation())
						.build();
					return TreeTransformerUtil.changeNode(context,
							node.transform((builder) -> builder.value(reference)));
				}
			});
			List<Definition> definitionsWithVariables = new ArrayList<>();
			for (Definition<?> definition : replaced.getDefinitions()) {
				if (definition instanceof OperationDefinition operation) {
					List<VariableDefinition> all = new ArrayList<>(operation.getVariableDefinitions());
					all.addAll(definitions);
					definitionsWithVariables.add(operation.transform((builder) -> builder.variableDefinitions(all)));
				}
				else {
					definitionsWithVariables.add(definition);
				}
			}
			return replaced.transform((builder) -> builder.definitions(definitionsWithVariables));
		}

		private static Type<?> astType(GraphQLInputType type) {
			if (type instanceof GraphQLNonNull nonNull) {
				return NonNullType.newNonNullType(astType((GraphQLInputType) nonNull.getWrappedType())).build();
			}
			return TypeName.newTypeName(GraphQLTypeUtil.simplePrint(type)).build();
		}

		private static long position(int line, int column) {
			return ((long) line << 32) | column;
		}

	}

}
