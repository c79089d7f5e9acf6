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
etc=${PIPELINE_RABBITMQ_ETC:-/etc/rabbitmq}
mkdir -p "$etc"
# set KEY to VALUE in FILE (lines "KEY<separator>VALUE"): the first line setting KEY is replaced,
# later ones are dropped, and the line is added if none sets it; every other line is kept, so
# settings made by others survive and running this again changes nothing
set_setting() {
	local file=$1 key=$2 separator=$3 value=$4 tmp
	touch "$file"
	tmp=$(mktemp "$file.XXXXXX")
	awk -v key="$key" -v line="$key$separator$value" '
		{
			k = $0
			sub(/^[ \t]+/, "", k)
			if (index(k, key) == 1) {
				rest = substr(k, length(key) + 1)
				if (rest ~ /^[ \t]*=/) {
					if (!done) { print line; done = 1 }
					next
				}
			}
			print
		}
		END { if (!done) print line }
	' "$file" >"$tmp"
	if cmp -s "$tmp" "$file"; then
		rm -f "$tmp"
	else
		chmod --reference="$file" "$tmp" 2>/dev/null || true
		chown --reference="$file" "$tmp" 2>/dev/null || true
		mv "$tmp" "$file"
	fi
}
# Loopback only. A partition request is acknowledged when its partition ends, so the
# consumer timeout (30 minutes by default) must be longer than the longest partition:
# RabbitMQ 3.12 and later also take it per queue (the pipeline declares its queue with
# x-consumer-timeout, pipeline.remote.consumer-timeout); older servers only read this file.
set_setting "$etc/rabbitmq.conf" listeners.tcp.default " = " 127.0.0.1:5672
set_setting "$etc/rabbitmq.conf" management.tcp.ip " = " 127.0.0.1
set_setting "$etc/rabbitmq.conf" consumer_timeout " = " 21600000
set_setting "$etc/rabbitmq.conf" loopback_users " = " none
set_setting "$etc/rabbitmq-env.conf" NODENAME = rabbit@localhost
set_setting "$etc/rabbitmq-env.conf" NODE_IP_ADDRESS = 127.0.0.1
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
