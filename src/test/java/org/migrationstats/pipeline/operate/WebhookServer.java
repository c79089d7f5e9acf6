package org.migrationstats.pipeline.operate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a chat tool's webhook: it keeps the body of every
 * POST to {@code /hooks/pipeline} and answers 204.
 */
final class WebhookServer {

	private final HttpServer server;

	private final List<String> posted = new CopyOnWriteArrayList<>();

	private WebhookServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hooks/pipeline", (exchange) -> {
			this.posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	static WebhookServer start() {
		return new WebhookServer();
	}

	/** The URL to set as {@code pipeline.notify.webhook.url}. */
	String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/hooks/pipeline";
	}

	/** The bodies posted so far, oldest first; clear it to forget them. */
	List<String> posted() {
		return this.posted;
	}

	void stop() {
		this.server.stop(0);
	}

}
