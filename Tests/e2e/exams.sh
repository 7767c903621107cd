# Issue 12, sourced by smoke.sh after the certificate checks (admin signed in;
# $BIN, $URL, $WORK, $PERSON, $CERT set): banks and blueprints through the CLI,
# a worker takes and passes the theory exam at the terminal, and the result
# unlocks the certificate's review (R-CERT-5).
echo "exams"
# The right answers to an attempt, from a bank's key, by option text: "1 对 2 ABD …".
answers_for() {
python3 - "$1" "$2" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); bank = json.load(open(sys.argv[2]))
key = {q["stem"]: q for q in bank["questions"]}
out = []
for item in a["items"]:
    q = key[item["stem"]]
    if q["type"] == "true_false":
        out += [str(item["position"]), "对" if q["answer"] else "错"]
    else:
        texts = {q["options"][l] for l in q["answer"]}
        out += [str(item["position"]), "".join(o["letter"] for o in item["options"] if o["text"] in texts)]
print(" ".join(out))
PY
}
"$BIN" bank import "$ROOT"/question-banks/*.yaml --json >"$WORK/banks.json" 2>&1
check "anpei bank import loads the five banks in git" python3 -c "import json; r=json.load(open('$WORK/banks.json')); assert len(r) == 5 and all(x['newVersion'] and x['version'] == 1 for x in r)"
"$BIN" bank import "$ROOT"/question-banks/*.yaml --json >"$WORK/banks2.json" 2>&1
check "importing them again changes nothing (idempotent)" python3 -c "import json; r=json.load(open('$WORK/banks2.json')); assert all(not x['newVersion'] and x['version'] == 1 for x in r)"
check "anpei blueprint save: the shipped blueprints fit their banks" "$BIN" blueprint save "$ROOT"/question-banks/blueprints/*.yaml
check "anpei blueprint list shows 100 points, pass 80, 120 minutes" bash -c "'$BIN' blueprint list | grep 'special-op-2-1-theory' | grep -q '100.*80.*120'"
check "anpei bank list shows the banks" bash -c "'$BIN' bank list | grep -q 'principal-general'"
"$BIN" bank export special-op-1-2 --format gift >"$WORK/bank.gift"
check "GIFT export → import keeps every question" bash -c "'$BIN' bank import '$WORK/bank.gift' --format gift --id gift-copy --json | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; assert r[\"added\"] == 64, r'"
"$BIN" bank export gift-copy --format gift >"$WORK/bank2.gift"
check "… and exporting the copy gives the same GIFT text" cmp -s <(grep -v '^\$CATEGORY' "$WORK/bank.gift") <(grep -v '^\$CATEGORY' "$WORK/bank2.gift")
"$BIN" bank export special-op-2-1 --format json >"$WORK/key.json"

printf '{"date":"2027-01-10","trainingHours":8,"passed":true}' | "$BIN" cert review "$CERT" --from - >"$WORK/review1.out" 2>&1; rc=$?
check "a passed review without a passed exam is refused (exit 1, exam_required)" bash -c "test $rc -eq 1 && grep -q 'exam_required\|考试合格' '$WORK/review1.out'"

printf '%s\n' 'e2e-worker-pass-1' | "$BIN" admin create-user --username worker1 --role worker --person-id "$PERSON" >/dev/null 2>&1
check "a worker account linked to one person" test $? -eq 0
W="$WORK/worker-config"
printf '%s\n' 'e2e-worker-pass-1' | ANPEI_CONFIG_DIR=$W "$BIN" login --server "$URL" --username worker1 >/dev/null 2>&1
ANPEI_CONFIG_DIR=$W "$BIN" exam start --blueprint special-op-2-1-theory --purpose certificate_review --subject "$CERT" --json >"$WORK/attempt.json" 2>&1
check "the worker starts the theory exam for their certificate" python3 -c "import json; a=json.load(open('$WORK/attempt.json')); assert a['status'] == 'open' and len(a['items']) == 45 and a['secondsLeft'] > 7000"
check "the paper carries no answers" bash -c "! grep -q '\"answer\"' '$WORK/attempt.json'"
ATTEMPT=$(python3 -c "import json; print(json.load(open('$WORK/attempt.json'))['id'])")
printf '对\nq\n' | script -qec "ANPEI_CONFIG_DIR=$W '$BIN' exam start --blueprint evacuation-drill --purpose practice" /dev/null >"$WORK/tui.out" 2>&1
check "at a terminal, one question at a time with the time left" bash -c "grep -q '剩余时间 0:59' '$WORK/tui.out' && grep -q '\[1/25\]' '$WORK/tui.out' && grep -q '\[2/25\]' '$WORK/tui.out'"
# The candidate's answers: the right ones from the bank's key, by option text.
ARGS=$(answers_for "$WORK/attempt.json" "$WORK/key.json")
check "answers are saved as the candidate goes" bash -c "ANPEI_CONFIG_DIR=$W '$BIN' exam answer $ATTEMPT $ARGS | grep -q '已答 45/45'"
ANPEI_CONFIG_DIR=$W "$BIN" exam submit "$ATTEMPT" >"$WORK/submit.out" 2>&1; rc=$?
check "the worker submits and passes (100/100)" bash -c "test $rc -eq 0 && grep -q '成绩 100/100，合格' '$WORK/submit.out'"
check "a worker sees no one else: the enterprise list is empty to them" bash -c "ANPEI_CONFIG_DIR=$W '$BIN' enterprise list --json | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"total\"] == 0'"
printf '{"date":"2027-01-10","trainingHours":8,"passed":true}' | "$BIN" cert review "$CERT" --from - >/dev/null 2>&1
check "the passed exam unlocks the certificate review (R-CERT-5)" test $? -eq 0
check "anpei bank stats reports p, D and α over the attempts" bash -c "'$BIN' bank stats special-op-2-1 | grep -q 'KR-20'"
check "the worker sees their own certificate" bash -c "ANPEI_CONFIG_DIR=$W '$BIN' cert list --person '$PERSON' --json | grep -q '$CERT'"
check "… and only themself among people" bash -c "ANPEI_CONFIG_DIR=$W '$BIN' person list --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"total\"] == 1 and d[\"items\"][0][\"id\"] == \"$PERSON\"'"
