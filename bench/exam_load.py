"""1,000 candidates: each opens its own keep-alive connection, starts a paper
(POST /v1/exam-attempts), and when every paper is out, all submit. At once by
default (a burst: latency is mostly the queue), or with --spread S arriving
evenly over S seconds per phase (latency is the service time at that rate).
Prints JSON: rate, p50, p99 and errors per phase. Standard library only."""
import asyncio, json, sys, time

host, port, token, blueprint = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
start_only = "--start-only" in sys.argv
args = sys.argv[5:]
spread = 0.0
if "--spread" in args:
    i = args.index("--spread")
    spread = float(args[i + 1])
    del args[i:i + 2]
people = [a for a in args if a != "--start-only"]


async def request(reader, writer, method, path, body):
    data = json.dumps(body).encode() if body is not None else b""
    writer.write((f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        k, _, v = line.decode().partition(":")
        if k.lower() == "content-length":
            length = int(v)
    return status, await reader.readexactly(length)


async def candidate(index, person, go_start, go_submit, out):
    reader, writer = await asyncio.open_connection(host, port)
    await go_start.wait()
    await asyncio.sleep(spread * index / len(people))
    t = time.perf_counter()
    status, body = await request(reader, writer, "POST", "/v1/exam-attempts",
                                 {"blueprintId": blueprint, "purpose": "practice", "personId": person})
    out["start"].append((time.perf_counter() - t, status == 201))
    attempt = json.loads(body).get("id") if status == 201 else None
    out["ready"] += 1
    if out["ready"] == len(people):
        out["start_end"] = time.perf_counter()
        go_submit.set()
    if start_only:
        writer.close()
        return
    await go_submit.wait()
    await asyncio.sleep(spread * index / len(people))
    t = time.perf_counter()
    status, _ = await request(reader, writer, "POST", f"/v1/exam-attempts/{attempt}/submission", None) if attempt else (0, b"")
    out["submit"].append((time.perf_counter() - t, status == 200))
    writer.close()


def summary(samples, seconds):
    times = sorted(s[0] * 1000 for s in samples)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    return {"rate": len(samples) / seconds, "p50": pick(0.5), "p99": pick(0.99), "errors": sum(1 for s in samples if not s[1])}


async def main():
    go_start, go_submit = asyncio.Event(), asyncio.Event()
    out = {"start": [], "submit": [], "ready": 0}
    tasks = [asyncio.create_task(candidate(i, p, go_start, go_submit, out)) for i, p in enumerate(people)]
    await asyncio.sleep(1)  # every connection open before the gun
    t0 = time.perf_counter()
    go_start.set()
    await asyncio.gather(*tasks)
    t2 = time.perf_counter()
    result = {"start": summary(out["start"], out["start_end"] - t0)}
    if not start_only:
        result["submit"] = summary(out["submit"], t2 - out["start_end"])
    print(json.dumps(result))


asyncio.run(main())
