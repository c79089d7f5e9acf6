package org.migrationstats.pipeline.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's own, on loopback, with a consumer timeout of seconds that
 * RabbitMQ checks every second (its channels' tick, a minute by default): the shared
 * broker's timeout, a setting of the whole node before RabbitMQ 3.12, cannot be shortened
 * without shortening it for everyone else's consumers. Started with the installed
 * {@code rabbitmq-server} (its wrapper runs it as the {@code rabbitmq} user), so it needs
 * root; stopped and deleted on close.
 */
final class PrivateBroker implements AutoCloseable {

	private final String node;

	private final int port;

	private final Path base;

	private PrivateBroker(String node, int port, Path base) {
		this.node = node;
		this.port = port;
		this.base = base;
	}

	/**
	 * @return whether a node can be started here: root, with rabbitmq-server installed
	 */
	static boolean available() {
		return "root".equals(System.getProperty("user.name"))
				&& Files.isExecutable(Path.of("/usr/sbin/rabbitmq-server"))
				&& Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl"));
	}

	/**
	 * @param consumerTimeout the node's consumer timeout
	 * @return the started node
	 */
	static PrivateBroker start(Duration consumerTimeout) throws IOException, InterruptedException {
		Path base = Files.createTempDirectory("pipeline-broker");
		int port = freePort();
		String node = "pipeline_" + ProcessHandle.current().pid() + "_" + port + "@localhost";
		Files.createDirectories(base.resolve("mnesia"));
		Files.createDirectories(base.resolve("log"));
		Files.writeString(base.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n"
				+ "loopback_users = none\n" + "consumer_timeout = " + consumerTimeout.toMillis() + "\n");
		Files.writeString(base.resolve("advanced.config"), "[{rabbit, [{channel_tick_interval, 1000}]}].\n");
		Files.writeString(base.resolve("enabled_plugins"), "[].\n");
		Files.writeString(base.resolve("rabbitmq-env.conf"), "");
		run(List.of("chown", "-R", "rabbitmq:rabbitmq", base.toString()), Map.of());
		PrivateBroker broker = new PrivateBroker(node, port, base);
		Map<String, String> env = Map.ofEntries(Map.entry("RABBITMQ_CONF_ENV_FILE", base + "/rabbitmq-env.conf"),
				Map.entry("RABBITMQ_NODENAME", node), Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
				Map.entry("RABBITMQ_NODE_PORT", Integer.toString(port)),
				Map.entry("RABBITMQ_DIST_PORT", Integer.toString(freePort())),
				Map.entry("RABBITMQ_MNESIA_BASE", base + "/mnesia"), Map.entry("RABBITMQ_LOG_BASE", base + "/log"),
				Map.entry("RABBITMQ_CONFIG_FILE", base + "/rabbitmq.conf"),
				Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", base + "/advanced.config"),
				Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", base + "/enabled_plugins"),
				Map.entry("RABBITMQ_PID_FILE", base + "/pid"));
		int started = run(List.of("rabbitmq-server", "-detached"), env);
		// await_startup fails at once until the node has registered its name
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		boolean up = false;
		while (started == 0 && !up && System.nanoTime() < deadline) {
			up = run(List.of("rabbitmqctl", "-n", node, "-q", "await_startup"), Map.of()) == 0;
			if (!up) {
				Thread.sleep(500);
			}
		}
		if (!up) {
			broker.close();
			throw new IllegalStateException("the private RabbitMQ node " + node + " did not start; see " + base);
		}
		return broker;
	}

	/**
	 * @return its AMQP URI: the guest user on the default virtual host
	 */
	String uri() {
		return "amqp://guest:guest@127.0.0.1:" + this.port;
	}

	@Override
	public void close() throws InterruptedException {
		run(List.of("rabbitmqctl", "-n", this.node, "-q", "stop"), Map.of());
		run(List.of("rm", "-rf", this.base.toString()), Map.of());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int run(List<String> command, Map<String, String> env) throws InterruptedException {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			builder.environment().putAll(env);
			Process process = builder.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
