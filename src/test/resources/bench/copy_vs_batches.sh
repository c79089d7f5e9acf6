#!/usr/bin/env bash
# COPY against JDBC batches for ingest's writes to PostgreSQL: ROUNDS alternating pairs of
# remote_ingest.sh runs on the same generated data (one worker, FILES files of ROWS long rows,
# every value kept: two observations a row), COPY first in odd rounds and batches first in even
# ones. Prints each run's ingest seconds and the medians. Needs the jar and the same environment
# as remote_ingest.sh.
#
#   bash src/test/resources/bench/copy_vs_batches.sh [ROUNDS] [FILES] [ROWS]
set -euo pipefail
rounds=${1:-3}
files=${2:-1}
rows=${3:-500000}
here=$(dirname "$0")
copy=()
batches=()
run() {
	local line
	line=$(PIPELINE_POSTGRES_COPY=$1 bash "$here/remote_ingest.sh" 1 "$files" "$rows" values | tail -1)
	echo "$line"
	echo "$line" | sed -E 's/.*ingest_s=([0-9.]+).*/\1/'
}
for r in $(seq 1 "$rounds"); do
	if [ $((r % 2)) -eq 1 ]; then order="true false"; else order="false true"; fi
	for mode in $order; do
		out=$(run "$mode")
		echo "round $r: $(echo "$out" | head -1)"
		seconds=$(echo "$out" | tail -1)
		if [ "$mode" = true ]; then copy+=("$seconds"); else batches+=("$seconds"); fi
	done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "copy ingest_s: ${copy[*]} median $(median "${copy[@]}")"
echo "batches ingest_s: ${batches[*]} median $(median "${batches[@]}")"
