#!/usr/bin/env bash
# The question banks in git (issue 12): every file against the JSON Schema,
# then `anpei bank lint` (duplicates, answers outside the options, one answer
# for single choice, options on true/false, missing sources, balance).
#   bash scripts/check-banks.sh path/to/anpei
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:?usage: check-banks.sh path/to/anpei}
# jsonschema comes with schemathesis in the contract fuzzer's virtualenv; a
# bare python3 may have it too.
PY=""
for candidate in "${ANPEI_CONTRACT_VENV:-.build/contract-venv}/bin/python3" python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import jsonschema, yaml' 2>/dev/null; then PY=$candidate; break; fi
done
if [ -n "$PY" ]; then
  "$PY" - <<'PYEOF'
import glob, json, sys, yaml, jsonschema
schema = json.load(open("question-banks/schema/bank.schema.json"))
bad = 0
for path in sorted(glob.glob("question-banks/*.yaml")):
    bank = yaml.safe_load(open(path, encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(bank), key=lambda e: list(e.path))
    for e in errors[:20]:
        print(f"{path}: schema: {'/'.join(map(str, e.path))}: {e.message}")
    bad += len(errors)
    print(f"{path}: schema {'ok' if not errors else 'FAILED'}")
sys.exit(1 if bad else 0)
PYEOF
else
  echo "check-banks: no python with jsonschema and yaml; the schema check is skipped (anpei bank lint still runs)" >&2
fi
"$BIN" bank lint question-banks
