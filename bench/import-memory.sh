#!/usr/bin/env bash
# Import memory benchmark (issue 9 §2): peak RSS of `anpei import people --direct`
# on generated people-with-employment CSV files of about SIZE MB each (goal: under
# 200 MB whatever the size), and in the same run `psql \copy` of the same file into
# a bare table of text columns, as the ceiling (its time and psql's own peak RSS).
# Each size gets a fresh database on one throwaway cluster. Release build, unless
# ANPEI_BIN names a binary to measure.
#   bash bench/import-memory.sh [SIZES_MB...]          (default: 100 1000)
# Environment: ANPEI_BIN (binary; skips the build), BENCH_ENTERPRISES (500),
# BENCH_RSS_LIMIT_MB (8192: an import above it is killed, so an unbounded import
# cannot take the machine down; 0 turns the guard off), KEEP=1 keeps the cluster
# and the generated files.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
anpei_install_deps
if [ ! -x /usr/bin/time ]; then
  # GNU time for the peak RSS ("Maximum resident set size"); bash's builtin has none.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "==> installing: time" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends time >/dev/null
fi
[ $# -gt 0 ] && SIZES=("$@") || SIZES=(100 1000)
for s in "${SIZES[@]}"; do
  [[ "$s" =~ ^[0-9]+$ && "$s" -gt 0 ]] || { echo "usage: $0 [SIZES_MB...] (positive integers)" >&2; exit 2; }
done
ENTS=${BENCH_ENTERPRISES:-500}
RSS_LIMIT_MB=${BENCH_RSS_LIMIT_MB:-8192}

PG_DIR=$(mktemp -d /tmp/anpei-bench-mem.XXXXXX)
PG_PORT=$(anpei_free_port)
cleanup() {
  if [ -n "${KEEP:-}" ]; then echo "kept: $PG_DIR (stop: bash deploy/pg-local.sh stop $PG_DIR)" >&2; return; fi
  bash deploy/pg-local.sh stop "$PG_DIR"; rm -rf "$PG_DIR"
}
trap cleanup EXIT
bash deploy/pg-local.sh start "$PG_DIR" "$PG_PORT"
ADMIN=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" postgres)

if [ -n "${ANPEI_BIN:-}" ]; then
  BIN=$ANPEI_BIN
else
  swift build -c release --product anpei 2>&1 | tail -n 1 >&2
  BIN=$(swift build -c release --show-bin-path)/anpei
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
echo "binary: $BIN"

DATA="$PG_DIR/data-files"
mkdir -p "$DATA"
# The enterprises the people work for: the demo generator's (valid credit codes).
"$BIN" demo generate --out "$DATA/demo" --enterprises "$ENTS" --people "$ENTS" >/dev/null

# People with one employment each, in the layout of `anpei demo generate`, streamed
# to disk until the file reaches the size. ID numbers valid (GB 11643 check
# character) and unique: county code × birth date (1960-01-01 … 2002-12-31) ×
# sequence 000-999 gives 15.7 million per county; ten Yuncheng counties in turn.
generate_people() {  # OUT BYTES
  python3 - "$1" "$2" "$DATA/demo/enterprises.csv" <<'PY'
import csv, datetime, random, sys
out, target, ents_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(ents_file, encoding="utf-8-sig", newline="") as f:
    codes = [row[0] for row in list(csv.reader(f))[1:]]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
counties = ["140825", "140821", "140822", "140823", "140824", "140826", "140827", "140828", "140829", "140830"]
first, last = datetime.date(1960, 1, 1), datetime.date(2002, 12, 31)
days = [(first + datetime.timedelta(d)).strftime("%Y%m%d") for d in range((last - first).days + 1)]
surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌海燕亮鹏飞波宁晨凯浩宇欣怡子涵"
posts = ["操作工", "仓管员", "司机", "保安"]
seq_part = [sum(int(c) * w for c, w in zip(f"{s:03d}", W[14:])) for s in range(1000)]
rnd = random.Random(2024)
rows, block = 0, 0
with open(out, "wb") as f:
    written = f.write("\ufeff证件号码,姓名,手机号码,单位统一社会信用代码,岗位角色,用工形式,岗位,井下或地面危险岗位,入职日期\r\n".encode())
    while written < target:
        county, day = divmod(block, len(days))
        if county >= len(counties):
            sys.exit("generator: out of unique ID numbers")
        prefix = counties[county] + days[day]
        base = sum(int(c) * w for c, w in zip(prefix, W[:14]))
        lines = []
        for s in range(1000):
            first17 = f"{prefix}{s:03d}"
            idn = first17 + CHECK[(base + seq_part[s]) % 11]
            name = rnd.choice(surnames) + rnd.choice(given) + ("" if rnd.random() < 1 / 3 else rnd.choice(given))
            phone = f"1{rnd.randint(3, 9)}{rnd.randrange(1_000_000_000):09d}"
            start = f"{rnd.randint(2021, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            lines.append(f"{idn},{name},{phone},{codes[rows % len(codes)]},从业人员,正式,{rnd.choice(posts)},否,{start}\r\n")
            rows += 1
        written += f.write("".join(lines).encode())
        block += 1
print(rows)
PY
}

# "h:mm:ss" or "m:ss.ss" from time -v → seconds.
wall_seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$1"; }

# Runs a command under GNU time (report in $1); with the guard on, kills it when its
# RSS passes RSS_LIMIT_MB, and notes that in $1.killed.
measured() {
  local tfile=$1; shift
  rm -f "$tfile.killed"
  /usr/bin/time -v -o "$tfile" "$@" &
  local tpid=$! cpid="" rss
  if [ "$RSS_LIMIT_MB" -gt 0 ]; then
    while kill -0 "$tpid" 2>/dev/null; do
      [ -n "$cpid" ] || cpid=$(pgrep -P "$tpid" | head -n 1 || true)
      if [ -n "$cpid" ]; then
        rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$cpid/status" 2>/dev/null || echo 0)
        if [ "${rss:-0}" -gt "$RSS_LIMIT_MB" ]; then
          echo "  RSS ${rss} MB > BENCH_RSS_LIMIT_MB=$RSS_LIMIT_MB: killing pid $cpid" >&2
          kill "$cpid" 2>/dev/null || true
          echo "$rss" >"$tfile.killed"
        fi
      fi
      sleep 0.2
    done
  fi
  wait "$tpid"
}

SUMMARY="$PG_DIR/summary.tsv"
: >"$SUMMARY"
for size in "${SIZES[@]}"; do
  echo
  echo "== ${size} MB =="
  file="$DATA/people-${size}mb.csv"
  if [ ! -f "$file" ]; then
    t0=$(date +%s.%N)
    generate_people "$file" $((size * 1000000)) >"$file.rows"
    t1=$(date +%s.%N)
    gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "generated in %.1f s", b - a}')
  else
    gen_s="reused"
  fi
  rows=$(cat "$file.rows")
  bytes=$(stat -c %s "$file")
  awk -v b="$bytes" -v r="$rows" -v g="$gen_s" 'BEGIN {printf "file: %.1f MB (%.1f MiB), %d rows (%s)\n", b / 1e6, b / 1048576, r, g}'

  # A fresh database per size, so every size imports new rows.
  db="bench_${size}"
  psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
  export ANPEI_DATABASE_URL=$(bash deploy/pg-local.sh url "$PG_DIR" "$PG_PORT" "$db")
  "$BIN" db migrate >"$PG_DIR/setup.log" 2>&1 \
    && "$BIN" import enterprises "$DATA/demo/enterprises.csv" --direct >>"$PG_DIR/setup.log" 2>&1 \
    || { tail -n 20 "$PG_DIR/setup.log" >&2; exit 1; }

  rep="$PG_DIR/report-${size}.json"
  set +e
  measured "$PG_DIR/time-import-${size}" "$BIN" import people "$file" --direct --json >"$rep" 2>"$PG_DIR/import-${size}.err"
  status=$?
  set -e
  imp_s=$(wall_seconds "$PG_DIR/time-import-${size}")
  imp_rss=$(peak_mb "$PG_DIR/time-import-${size}")
  accepted=$(python3 -c 'import json, sys
try: r = json.load(open(sys.argv[1])); print("yes" if r.get("accepted") else "no (%d errors, first: %s)" % (len(r.get("errors", [])), (r.get("errors") or [{}])[0].get("message", "")))
except Exception: print("no report")' "$rep")
  [ -f "$PG_DIR/time-import-${size}.killed" ] && accepted="killed at $(cat "$PG_DIR/time-import-${size}.killed") MB"
  if [ "$status" -ne 0 ] && [ "$accepted" = "no report" ]; then
    echo "  import exited $status; stderr:" >&2; tail -n 5 "$PG_DIR/import-${size}.err" >&2
  fi
  awk -v r="$rows" -v s="$imp_s" -v m="$imp_rss" -v a="$accepted" \
    'BEGIN {printf "anpei import people --direct: %d rows, %.2f s, %.0f rows/s, peak RSS %.1f MB, accepted: %s\n", r, s, (s > 0 ? r / s : 0), m, a}'

  # The ceiling: the same file, raw, into a bare table of text columns.
  psql "$ANPEI_DATABASE_URL" -qc "CREATE TABLE raw_people (a text, b text, c text, d text, e text, f text, g text, h text, i text)"
  measured "$PG_DIR/time-copy-${size}" psql "$ANPEI_DATABASE_URL" -qc "\\copy raw_people FROM '$file' WITH (FORMAT csv, HEADER true)"
  copy_s=$(wall_seconds "$PG_DIR/time-copy-${size}")
  copy_rss=$(peak_mb "$PG_DIR/time-copy-${size}")
  awk -v s="$copy_s" -v m="$copy_rss" -v i="$imp_s" \
    'BEGIN {printf "psql \\copy into a bare table:  %.2f s, psql peak RSS %.1f MB; import time ÷ copy time: %.1f\n", s, m, (s > 0 ? i / s : 0)}'

  case "$accepted" in yes) ok=yes ;; killed*) ok=killed ;; *) ok=no ;; esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$rows" "$imp_s" "$imp_rss" "$copy_s" "$copy_rss" "$ok" "$bytes" >>"$SUMMARY"
  # Free the disk before the next size.
  [ -n "${KEEP:-}" ] || psql "$ADMIN" -qc "DROP DATABASE $db" >/dev/null
done

echo
awk -F'\t' 'BEGIN {printf "%7s %10s %9s %10s %12s %7s %12s %6s %8s\n", "size_mb", "rows", "import_s", "rows_per_s", "peak_rss_mb", "copy_s", "copy_rss_mb", "ratio", "accepted"}
  {printf "%7s %10d %9.2f %10.0f %12.1f %7.2f %12.1f %6.1f %8s\n", $1, $2, $3, ($3 > 0 ? $2 / $3 : 0), $4, $5, $6, ($5 > 0 ? $3 / $5 : 0), $7}' "$SUMMARY"
echo "(peak_rss_mb: the anpei process, Maximum resident set size from GNU time; ratio: import time ÷ copy time; goal: peak_rss_mb < 200)"
