package app.flashcastr.api.execution;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;

/**
 * The default fetcher of a field: the source record's component of the field's name, read
 * through a method handle kept for the last record type seen (one per field in practice).
 * graphql-java's property fetcher builds a {@code class + name} string per read to look
 * up its cache (the largest allocation site on a 20-row page); anything that is not such
 * a record (a map, a bean) is still read by it. As a light fetcher it is handed the
 * source alone: graphql-java then skips the data-fetching environment it otherwise builds
 * for every field (the environment, its query directives and a copy of the variables: a
 * sixth of a 20-row page's allocation).
 */
final class RecordComponentFetcher implements LightDataFetcher<Object> {

	private static final MethodType READ = MethodType.methodType(Object.class, Object.class);

	private final String name;

	private final PropertyDataFetcher<?> fallback;

	private volatile Accessor last;

	RecordComponentFetcher(String name) {
		this.name = name;
		this.fallback = PropertyDataFetcher.fetching(name);
	}

	@Override
	public Object get(DataFetchingEnvironment environment) throws Exception {
		return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
	}

	@Override
	public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> environment)
			throws Exception {
		if (source == null) {
			return null;
		}
		Accessor accessor = this.last;
		if (accessor == null || accessor.type() != source.getClass()) {
			accessor = accessor(source.getClass());
			this.last = accessor;
		}
		if (accessor.component() == null) {
			return this.fallback.get(field, source, environment);
		}
		try {
			return accessor.component().invokeExact(source);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Accessor accessor(Class<?> type) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(this.name)) {
					try {
						Method read = component.getAccessor();
						// Records of the API's own packages, some not public.
						read.setAccessible(true);
						return new Accessor(type, MethodHandles.lookup().unreflect(read).asType(READ));
					}
					catch (IllegalAccessException | RuntimeException ex) {
						break;
					}
				}
			}
		}
		return new Accessor(type, null);
	}

	/** How to read the field from one type: null when the property fetcher does it. */
	private record Accessor(Class<?> type, MethodHandle component) {
	}

}
