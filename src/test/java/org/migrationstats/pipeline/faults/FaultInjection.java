package org.migrationstats.pipeline.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.MDC;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A test-only hook that makes a fault happen at an exact point of a run: right after the
 * {@code faults.after-count}-th statement whose SQL contains {@code faults.after-sql},
 * run by the step named {@code faults.in-step} (as the logging context names it). It is
 * added to a child process with {@code -Dspring.main.sources=} this class, or imported by
 * a test, and lives in test code only, so production never carries it. Actions
 * ({@code faults.action}):
 * <ul>
 * <li>{@code pause}: create the file {@code faults.marker} and wait, with the statement's
 * transaction open, until the execution is asked to stop, the process is told to
 * terminate (a second later), the test creates the file {@code faults.marker} +
 * {@code .release}, or the test kills the process;</li>
 * <li>{@code disk-full}: make the report files not yet written in the folders matching
 * {@code faults.disk-full.glob} links to {@code /dev/full}, whose writes fail with "No
 * space left on device".</li>
 * </ul>
 */
public class FaultInjection implements BeanPostProcessor, EnvironmentAware {

	private static final List<String> LATER_REPORT_FILES = List.of("rejects.csv", "aggregates.csv");

	private Environment env;

	@Override
	public void setEnvironment(Environment environment) {
		this.env = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
			Fault fault = new Fault(this.env.getRequiredProperty("faults.after-sql"),
					this.env.getProperty("faults.in-step", ""),
					this.env.getProperty("faults.after-count", Integer.class, 1),
					this.env.getProperty("faults.action", "pause"), this.env.getProperty("faults.marker", ""),
					this.env.getProperty("faults.disk-full.glob", ""));
			return proxy(DataSource.class, dataSource, new DataSourceHandler(dataSource, fault));
		}
		return bean;
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private record DataSourceHandler(DataSource target, Fault fault) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Object result = FaultInjection.invoke(this.target, method, args);
			if (result instanceof Connection connection) {
				return proxy(Connection.class, connection, new ConnectionHandler(connection, this.target, this.fault));
			}
			return result;
		}

	}

	private record ConnectionHandler(Connection target, DataSource dataSource,
			Fault fault) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Object result = FaultInjection.invoke(this.target, method, args);
			if (result instanceof PreparedStatement statement && args != null && args[0] instanceof String sql) {
				return proxy(PreparedStatement.class, statement,
						new StatementHandler(statement, sql, this.dataSource, this.fault));
			}
			return result;
		}

	}

	private record StatementHandler(PreparedStatement target, String sql, DataSource dataSource,
			Fault fault) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Object result = FaultInjection.invoke(this.target, method, args);
			if (method.getName().startsWith("execute")) {
				this.fault.afterStatement(this.sql, this.dataSource);
			}
			return result;
		}

	}

	private static final class Fault {

		private final String sql;

		private final String step;

		private final int count;

		private final String action;

		private final String marker;

		private final String diskFullGlob;

		private final AtomicInteger seen = new AtomicInteger();

		private Fault(String sql, String step, int count, String action, String marker, String diskFullGlob) {
			this.sql = sql;
			this.step = step;
			this.count = count;
			this.action = action;
			this.marker = marker;
			this.diskFullGlob = diskFullGlob;
		}

		void afterStatement(String statement, DataSource dataSource) throws SQLException {
			String currentStep = MDC.get("step");
			if (!statement.contains(this.sql) || (!this.step.isEmpty() && !this.step.equals(currentStep))) {
				return;
			}
			if ("disk-full".equals(this.action) && reportFolders().isEmpty()) {
				return;
			}
			if (this.seen.incrementAndGet() != this.count) {
				return;
			}
			switch (this.action) {
				case "pause" -> pause(dataSource, Long.parseLong(MDC.get("execution")));
				case "disk-full" -> fillDisk();
				default -> throw new IllegalArgumentException("unknown faults.action " + this.action);
			}
		}

		private void pause(DataSource dataSource, long execution) throws SQLException {
			try {
				// a process told to terminate (a remote worker, whose job is not stopped)
				// goes on a second later, once it has marked its partition to stop
				AtomicLong terminated = new AtomicLong();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> terminated.set(System.nanoTime())));
				Files.writeString(Path.of(this.marker), "paused in " + MDC.get("step") + "\n");
				long deadline = System.nanoTime() + 120_000_000_000L;
				Path release = Path.of(this.marker + ".release");
				while (System.nanoTime() < deadline && !stopping(dataSource, execution) && !Files.exists(release)
						&& (terminated.get() == 0 || System.nanoTime() - terminated.get() < 1_000_000_000L)) {
					Thread.sleep(50);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static boolean stopping(DataSource dataSource, long execution) throws SQLException {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + execution)) {
				// a stop records STOPPING, or STOPPED at once when it sets the end time
				// too
				return rs.next() && List.of("STOPPING", "STOPPED").contains(rs.getString(1));
			}
		}

		private void fillDisk() {
			try {
				for (Path folder : reportFolders()) {
					for (String name : LATER_REPORT_FILES) {
						Files.createSymbolicLink(folder.resolve(name), Path.of("/dev/full"));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The report folders being written that the disk-full glob names. */
		private List<Path> reportFolders() {
			Path glob = Path.of(this.diskFullGlob);
			if (!Files.isDirectory(glob.getParent())) {
				return List.of();
			}
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
			try (Stream<Path> folders = Files.list(glob.getParent())) {
				return folders.filter((f) -> matcher.matches(f.getFileName())).toList();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
