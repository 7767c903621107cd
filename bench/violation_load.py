"""HTTP load for bench/violations.sh: records violations, then closes their
cases (retraining hours, a paper exam result, reinstatement), with a few
keep-alive connections in parallel. Prints one JSON object of figures per phase.
  python3 bench/violation_load.py HOST PORT TOKEN WORKERS TODAY < plan.tsv
plan.tsv: person_id, enterprise_id, occurred_on per line."""
import http.client, json, statistics, sys, threading, time

host, port, token, workers, today = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
plan = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def run(items, call):
    """Runs call(conn, item) for every item over `workers` connections; returns figures and results."""
    lock, times, results, errors = threading.Lock(), [], [None] * len(items), []
    cursor = iter(range(len(items)))

    def worker():
        conn = http.client.HTTPConnection(host, port)
        while True:
            with lock:
                i = next(cursor, None)
            if i is None:
                return
            t = time.perf_counter()
            try:
                results[i] = call(conn, items[i])
            except Exception as e:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(str(e)[:200])
                conn.close()
                conn = http.client.HTTPConnection(host, port)
            with lock:
                times.append((time.perf_counter() - t) * 1000)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - start
    times.sort()
    figures = {"n": len(items), "seconds": round(elapsed, 2), "rate": len(items) / elapsed,
               "p50": statistics.median(times) if times else 0, "p99": times[int(0.99 * (len(times) - 1))] if times else 0,
               "errors": len(errors), "first_error": errors[0] if errors else None}
    return figures, results


def post(conn, path, body, expect):
    conn.request("POST", path, json.dumps(body), headers)
    r = conn.getresponse()
    data = r.read()
    if r.status != expect:
        raise RuntimeError(f"{path}: {r.status} {data[:200]!r}")
    return json.loads(data)


record, cases = run(plan, lambda c, p: post(c, "/v1/violations", {
    "personId": p[0], "enterpriseId": p[1], "occurredOn": p[2], "kind": "illegal_operation", "place": "井下", "description": "基准测试"}, 201))
cases = [c for c in cases if c]
hours, _ = run(cases, lambda c, k: post(c, f"/v1/retraining-cases/{k['id']}/hours",
                                        {"date": today, "hours": k["requiredHours"], "trainer": "安全科"}, 200))
# Paper score sheets in batches of 500 rows, as an enterprise enters them.
batches = [cases[i:i + 500] for i in range(0, len(cases), 500)]
exams, _ = run(batches, lambda c, b: post(c, "/v1/exam-results", {
    "blueprintId": "three-violations-retraining", "purpose": "retraining_case", "date": today,
    "rows": [{"personId": k["personId"], "subjectId": k["id"], "score": 90} for k in b]}, 201))
reinstated, back = run(cases, lambda c, k: post(c, f"/v1/retraining-cases/{k['id']}/reinstatement", {"date": today}, 200))
print(json.dumps({"record": record, "hours": hours, "exams": exams, "reinstate": reinstated,
                  "repeats": sum(1 for k in cases if k["requiredHours"] == 16),
                  "closed": sum(1 for k in back if k and k["status"] == "reinstated")}))
