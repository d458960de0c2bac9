package app.flashcastr.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * Counts the SQL statements the application prepares or creates, to prove how many
 * statements a GraphQL request costs.
 */
public class StatementCounter {

	private final AtomicInteger statements = new AtomicInteger();

	/** Starts counting from zero. */
	public void reset() {
		this.statements.set(0);
	}

	/** Statements since the last reset. */
	public int count() {
		return this.statements.get();
	}

	DataSource wrap(DataSource target) {
		return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
				forward(target, (method, result) -> (method.getName().equals("getConnection"))
						? connection((Connection) result) : result));
	}

	private Connection connection(Connection target) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				forward(target, (method, result) -> {
					String name = method.getName();
					if (name.equals("prepareStatement") || name.equals("createStatement")
							|| name.equals("prepareCall")) {
						this.statements.incrementAndGet();
					}
					return result;
				}));
	}

	private static InvocationHandler forward(Object target, AfterCall after) {
		return (proxy, method, args) -> {
			try {
				return after.apply(method, method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
	}

	@FunctionalInterface
	private interface AfterCall {

		Object apply(Method method, Object result) throws Throwable;

	}

}
