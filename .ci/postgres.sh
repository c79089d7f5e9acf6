#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL with a database for PostgresJobIT.
# Prints the JDBC URL on its last line. Exits non-zero when PostgreSQL cannot be had here.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	timeout 300 apt-get update -qq
	timeout 600 apt-get install -y -qq postgresql
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
	pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main
	pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
	su postgres -c "pg_isready -q" && break
	sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'pipeline_ci'\"" | grep -q 1 ||
	su postgres -c "psql -qc \"CREATE ROLE pipeline_ci LOGIN PASSWORD 'pipeline_ci'\""
# A fresh database for every run: the tests create the schema they need.
su postgres -c "psql -qc \"DROP DATABASE IF EXISTS pipeline_ci\""
su postgres -c "psql -qc \"CREATE DATABASE pipeline_ci OWNER pipeline_ci\""
echo "jdbc:postgresql://localhost:5432/pipeline_ci"
