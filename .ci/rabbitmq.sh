#!/usr/bin/env bash
# Installs (if needed) and starts a local RabbitMQ on loopback with a virtual host and a user
# for the remote-partitioning tests. Prints the AMQP URI on its last line. Exits non-zero when
# RabbitMQ cannot be had here.
set -euo pipefail
if ! command -v rabbitmq-server >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	timeout 300 apt-get update -qq
	# the package's post-install script may try to start the service; we start it below
	timeout 600 apt-get install -y -qq rabbitmq-server
fi
mkdir -p /etc/rabbitmq
# Loopback only. A partition request is acknowledged when its partition ends, so the
# consumer timeout (30 minutes by default) must be longer than the longest partition:
# RabbitMQ 3.12 and later also take it per queue (the pipeline declares its queue with
# x-consumer-timeout, pipeline.remote.consumer-timeout); older servers only read this file.
cat >/etc/rabbitmq/rabbitmq.conf <<'CONF'
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
consumer_timeout = 21600000
loopback_users = none
CONF
cat >/etc/rabbitmq/rabbitmq-env.conf <<'CONF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
CONF
if ! rabbitmqctl -n rabbit@localhost -q status >/dev/null 2>&1; then
	# started as the rabbitmq user, detached; systemd is not assumed
	chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq 2>/dev/null || true
	su rabbitmq -s /bin/sh -c "HOME=/var/lib/rabbitmq rabbitmq-server -detached" >/dev/null 2>&1 ||
		(HOME=/var/lib/rabbitmq rabbitmq-server -detached)
fi
for _ in $(seq 1 60); do
	rabbitmqctl -n rabbit@localhost -q await_startup >/dev/null 2>&1 && break
	sleep 1
done
rabbitmqctl -n rabbit@localhost -q await_startup >/dev/null
rabbitmqctl -n rabbit@localhost -q list_vhosts | grep -qx pipeline_ci ||
	rabbitmqctl -n rabbit@localhost -q add_vhost pipeline_ci
rabbitmqctl -n rabbit@localhost -q list_users | grep -q '^pipeline_ci' ||
	rabbitmqctl -n rabbit@localhost -q add_user pipeline_ci pipeline_ci
rabbitmqctl -n rabbit@localhost -q set_permissions -p pipeline_ci pipeline_ci '.*' '.*' '.*'
echo "amqp://pipeline_ci:pipeline_ci@127.0.0.1:5672/pipeline_ci"
