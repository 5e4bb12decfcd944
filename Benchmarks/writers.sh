#!/usr/bin/env bash
# Concurrent writers into one PostgreSQL store against one SQLite build, on the same corpus.
#
#   Benchmarks/writers.sh [--copies N] [--writers "1 2 4"] [--kill] [--exe PATH] [--batch-size B]
#
# Corpus/sample replicated N times under new ids (Benchmarks/replicate-corpus.py), built once into SQLite,
# then by 1, 2 and 4 `actorgraph build` processes at once into a fresh PostgreSQL database each, on
# disjoint parts of the corpus. Prints throughput (documents/s and MB/s of input) and checks that every
# PostgreSQL graph exports exactly what the SQLite build exports (sorted lines compared too) and passes
# `check`. With --kill, four writers run again and one is killed with SIGKILL mid-batch; it is then run
# again, and the graph must still equal the SQLite build's, with no evidence lost or duplicated.
#
# Needs an actorgraph built with the PostgreSQL trait (default: .build-pg/release, then .build-pg/debug)
# and a server: ACTORGRAPH_TEST_POSTGRES_URL, or one is started with scripts/postgres.sh for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=200 writers="1 2 4" kill=0 exe="" batch=200
while [ $# -gt 0 ]; do
    case "$1" in
    --copies) copies=$2; shift 2 ;;
    --writers) writers=$2; shift 2 ;;
    --kill) kill=1; shift ;;
    --exe) exe=$2; shift 2 ;;
    --batch-size) batch=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$exe" ]; then
    for candidate in .build-pg/release/actorgraph .build-pg/debug/actorgraph; do
        [ -x "$candidate" ] && { exe=$candidate; break; }
    done
fi
[ -n "$exe" ] || { echo "build first: swift build -c release --traits PostgreSQL --scratch-path .build-pg" >&2; exit 1; }
started_server=0
if [ -z "${ACTORGRAPH_TEST_POSTGRES_URL:-}" ]; then
    eval "$(scripts/postgres.sh start)"
    started_server=1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/actorgraph-writers.XXXXXX")
cleanup() {
    rm -rf "$work"
    if [ "$started_server" -eq 1 ]; then scripts/postgres.sh stop; fi
}
trap cleanup EXIT
base=${ACTORGRAPH_TEST_POSTGRES_URL%/*}
parts=$(echo "$writers 4" | tr ' ' '\n' | sort -un | tr '\n' ' ')
python3 Benchmarks/replicate-corpus.py Corpus/sample "$copies" "$work/corpus" $parts
docs=$(wc -l < "$work/corpus/all.jsonl")
bytes=$(stat -c %s "$work/corpus/all.jsonl")
echo "executable: $exe; $docs documents, $bytes bytes; batch size $batch; $(nproc) cores"

now() { date +%s.%N; }
server_cpu() {  # CPU seconds of the local server's postmaster and the backends it reaped (0 when not local)
    local pidfile="${ACTORGRAPH_PG_DIR:-/nonexistent}/data/postmaster.pid"
    [ -r "$pidfile" ] || { echo 0; return; }
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$(head -1 "$pidfile")/stat"
}
rate() { python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{s:7.1f} s  {int(sys.argv[3])/s:7.1f} docs/s  {int(sys.argv[4])/s/1e6:6.3f} MB/s')" "$1" "$2" "$docs" "$bytes"; }
fresh_db() {  # a new database; prints its URL
    PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$ACTORGRAPH_TEST_POSTGRES_URL" \
        -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "$base/$1"
}
same_graph() {  # $1 store, $2 label: exports and compares with the SQLite build's
    "$exe" export --store "$1" --output "$work/$2.graphml"
    sort "$work/$2.graphml" > "$work/$2.sorted"
    if cmp -s "$work/sqlite.graphml" "$work/$2.graphml" && cmp -s "$work/sqlite.sorted" "$work/$2.sorted"; then
        echo "  $2: export identical to the SQLite build's; $("$exe" check --store "$1")"
    else
        echo "  $2: EXPORT DIFFERS from the SQLite build's" >&2
        diff "$work/sqlite.sorted" "$work/$2.sorted" | head -20 >&2
        return 1
    fi
}

t0=$(now)
"$exe" build "$work/corpus/all.jsonl" --store "$work/sqlite.sqlite" --quiet --batch-size "$batch"
t1=$(now)
echo "SQLite, 1 writer:     $(rate "$t0" "$t1")"
"$exe" export --store "$work/sqlite.sqlite" --output "$work/sqlite.graphml"
sort "$work/sqlite.graphml" > "$work/sqlite.sorted"

for w in $writers; do
    url=$(fresh_db "bench_$w")
    "$exe" check --store "$url" >/dev/null 2>&1 || true
    c0=$(server_cpu)
    t0=$(now)
    pids=()
    for ((k = 0; k < w; k++)); do
        "$exe" build "$work/corpus/$w/part-$k.jsonl" --store "$url" --quiet --batch-size "$batch" & pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    t1=$(now)
    echo "PostgreSQL, $w writer$([ "$w" -gt 1 ] && echo s || echo " "): $(rate "$t0" "$t1")"
    c1=$(server_cpu)
    size=$(psql -At "$url" -c "SELECT pg_database_size(current_database()), pg_total_relation_size('evidence'), (SELECT count(*) FROM evidence)")
    python3 -c "import sys; c=float(sys.argv[2])-float(sys.argv[1]); d=int(sys.argv[3]); db,ev,n=map(int,sys.argv[4].split('|')); print(f'  server CPU {c:.1f} s ({1000*c/d:.2f} ms/doc); database {db/1e6:.1f} MB ({db/d:.0f} B/doc), evidence table {ev/1e6:.1f} MB for {n} rows ({ev/n:.0f} B/row)')" "$c0" "$c1" "$docs" "$size"
    same_graph "$url" "postgres-$w"
done

if [ "$kill" -eq 1 ]; then
    url=$(fresh_db bench_kill)
    pids=()
    # Writer 0 pauses 0.3 s before each commit (a hidden test hook), so the kill lands inside an open transaction.
    ACTORGRAPH_PG_PAUSE_BEFORE_COMMIT=0.3 "$exe" build "$work/corpus/4/part-0.jsonl" --store "$url" --quiet --batch-size 20 & pids+=($!)
    for ((k = 1; k < 4; k++)); do
        "$exe" build "$work/corpus/4/part-$k.jsonl" --store "$url" --quiet --batch-size 20 & pids+=($!)
    done
    # Kill writer 0 once a quarter of its documents have landed, while its connection holds a written, uncommitted batch.
    state=""
    for _ in $(seq 1 3000); do
        n=$(psql -At "$url" -c "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
        if [ "${n:-0}" -ge $((docs / 4)) ]; then
            state=$(psql -At "$url" -c "SELECT state FROM pg_stat_activity WHERE application_name = 'actorgraph ${pids[0]}'")
            [ "$state" = "idle in transaction" ] && break
        fi
        sleep 0.02
    done
    kill -KILL "${pids[0]}"
    { wait "${pids[0]}"; } 2>/dev/null || true
    echo "kill test: writer 0 (pid ${pids[0]}) killed with SIGKILL while its connection was '$state'"
    for pid in "${pids[@]:1}"; do wait "$pid"; done
    before=$(psql -At "$url" -c "SELECT count(*) FROM documents")
    echo "  the other writers finished; $before of $docs documents stored; writer 0 runs again:"
    "$exe" build "$work/corpus/4/part-0.jsonl" --store "$url" --batch-size 20 2>&1 | sed 's/^/  rerun: /'
    dup=$(psql -At "$url" -c "SELECT count(*) FROM (SELECT 1 FROM evidence GROUP BY edge_id, doc_id, sentence_index HAVING count(*) > 1) d")
    echo "  duplicated evidence rows: $dup; evidence rows: $(psql -At "$url" -c "SELECT count(*) FROM evidence") (SQLite: $(sqlite3 "$work/sqlite.sqlite" "SELECT count(*) FROM evidence"))"
    same_graph "$url" "postgres-killed"
fi
