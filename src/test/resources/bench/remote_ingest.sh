#!/usr/bin/env bash
# Ingest throughput with remote partitioning: FILES generated long record-level files of ROWS
# rows each (one row per office, country and year, two values), ingested by WORKERS worker
# processes (-Xmx256m each) through RabbitMQ into PostgreSQL, the manager running the job.
# Prints the ingest step's seconds and rows/s. KIND sums (the default) makes the dataset
# record-level (sum-records: true: each block writes its sums per country, year and measure), the
# case that outgrows a machine; KIND values keeps every value (two observations a row), the case
# that writes the most to PostgreSQL. PIPELINE_POSTGRES_COPY=false writes with JDBC batches
# instead of COPY.
#
#   ./mvnw -q package -DskipTests
#   SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/pipeline_bench SPRING_DATASOURCE_USERNAME=... \
#   SPRING_DATASOURCE_PASSWORD=... SPRING_RABBITMQ_ADDRESSES=amqp://user:password@127.0.0.1:5672/vhost \
#   bash src/test/resources/bench/remote_ingest.sh WORKERS [FILES] [ROWS] [KIND]
set -euo pipefail
workers=${1:?workers}
files=${2:-8}
rows=${3:-500000}
kind=${4:-sums}
case $kind in sums) sum_records=true ;; values) sum_records=false ;; *) echo "KIND is sums or values" >&2; exit 2 ;; esac
jar=$(pwd)/target/migration-pipeline.jar
membership=$(pwd)/input/membership/iom.csv
work=$(pwd)/output/benchmark/remote-$kind-$files-$rows
data=$(pwd)/output/benchmark/remote-data-$files-$rows
mkdir -p "$work" "$data"
if [ ! -f "$data/done" ]; then
	python3 - "$data" "$files" "$rows" <<'PY'
import random, sys
folder, files, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
countries = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "ARM", "AZE", "GEO", "MDA", "UKR", "BLR", "RUS", "TUR", "IRN"]
for f in range(files):
    r = random.Random(f)
    with open(f"{folder}/part-{f:03d}.csv", "w") as out:
        out.write("Office,ISO3,Year,Arrivals,Departures\n")
        for i in range(rows):
            out.write(f"office-{i % 997},{r.choice(countries)},{1990 + r.randrange(35)},{r.randrange(10000)},{r.randrange(10000)}\n")
PY
	touch "$data/done"
fi
cat >"$work/bench.yml" <<YML
name: bench-remote-$kind
membership: $membership
output: $work/output
datasets:
  - id: registrations
    path: "$data/part-*.csv"
    layout: long
    sum-records: $sum_records
    columns: { country: ISO3, year: Year, immigrants: Arrivals, emigrants: Departures }
periods:
  - { name: "1990-2024", from: 1990, to: 2024 }
YML
export PIPELINE_PARTITIONING=remote PIPELINE_REMOTE_QUEUE=pipeline.bench PIPELINE_REMOTE_POLL_INTERVAL=200ms
pids=()
for w in $(seq 1 "$workers"); do
	java -Xmx256m -Dlogging.file.name="$work/worker-$w.log" -jar "$jar" worker >"$work/worker-$w.out" 2>&1 &
	pids+=($!)
done
for w in $(seq 1 "$workers"); do
	until grep -q "takes partitions" "$work/worker-$w.out"; do sleep 0.5; done
done
java -Xmx256m -Dlogging.file.name="$work/manager.log" -jar "$jar" run "$work/bench.yml" --rerun >"$work/manager.out" 2>&1 || true
kill -TERM "${pids[@]}"
wait "${pids[@]}" || true
line=$(grep -E '^ingestDatasets ' "$work/manager.out")
seconds=$(echo "$line" | awk '{print $NF}')
read_rows=$(echo "$line" | awk '{gsub(",", "", $3); print $3}')
echo "workers=$workers files=$files rows/file=$rows kind=$kind copy=${PIPELINE_POSTGRES_COPY:-true} ingest_s=$seconds rows=$read_rows rows_per_s=$(python3 -c "print(round($read_rows / $seconds))")"
