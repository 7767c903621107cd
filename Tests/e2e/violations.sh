# Issue 13, sourced by smoke.sh after exams.sh (admin signed in; $W is the
# worker's config; $PERSON holds certificate 2.1): a violation takes the worker
# off post, the work check refuses naming the case, retraining hours and an
# exam passed at the terminal put them back (R-3V-2).
echo "violations and retraining"
TODAY=$(date -u -d '+8 hours' +%F)
EMPLOYER=$("$BIN" person show "$PERSON" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["employments"][0]["enterpriseId"])')
printf '{"personId":"%s","enterpriseId":"%s","occurredOn":"%s","kind":"illegal_operation","place":"焊接车间","description":"动火作业未办理作业票"}' \
  "$PERSON" "$EMPLOYER" "$TODAY" | "$BIN" violation record --from - --json >"$WORK/case.json" 2>&1
check "anpei violation record opens a retraining case (8 hours)" python3 -c "import json; c=json.load(open('$WORK/case.json')); assert c['status'] == 'open' and c['requiredHours'] == 8"
CASE=$(python3 -c "import json; print(json.load(open('$WORK/case.json'))['id'])")
"$BIN" cert check --person "$PERSON" --item 2.1 --date "$TODAY" >"$WORK/offpost.out" 2>&1; rc=$?
check "the work check refuses the worker off post, naming R-3V-2 and the case" bash -c "test $rc -eq 1 && grep -q 'R-3V-2' '$WORK/offpost.out' && grep -q '$CASE' '$WORK/offpost.out'"
check "anpei case list shows who is off post" bash -c "'$BIN' case list --status open | grep -q '脱岗'"
"$BIN" case reinstate "$CASE" --date "$TODAY" >"$WORK/early.out" 2>&1; rc=$?
check "reinstatement without hours and exam is refused (exit 1)" bash -c "test $rc -eq 1 && grep -q 'R-3V-4' '$WORK/early.out'"
check "anpei case hours records the off-duty retraining" "$BIN" case hours "$CASE" --date "$TODAY" --hours 8 --trainer 安全科
"$BIN" bank export three-violations --format json >"$WORK/key3v.json"
ANPEI_CONFIG_DIR=$W "$BIN" exam start --blueprint three-violations-retraining --purpose retraining_case --subject "$CASE" --json >"$WORK/attempt3v.json" 2>&1
ATTEMPT3V=$(python3 -c "import json; print(json.load(open('$WORK/attempt3v.json'))['id'])")
ANPEI_CONFIG_DIR=$W "$BIN" exam answer "$ATTEMPT3V" $(answers_for "$WORK/attempt3v.json" "$WORK/key3v.json") >/dev/null 2>&1
check "the worker passes the retraining exam through the CLI" bash -c "ANPEI_CONFIG_DIR=$W '$BIN' exam submit $ATTEMPT3V | grep -q '合格'"
check "anpei case reinstate puts the worker back on post" "$BIN" case reinstate "$CASE" --date "$TODAY"
check "the work check allows the worker again" "$BIN" cert check --person "$PERSON" --item 2.1 --date "$TODAY"
INSPECTION=$("$BIN" inspection create --enterprise "$EMPLOYER" --date "$TODAY" --note 专项检查 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
check "anpei inspection create records an inspection" test -n "$INSPECTION"
printf 'personId,subjectId,score\n%s,%s,50\n' "$PERSON" "$INSPECTION" >"$WORK/spot.csv"
check "a failed spot exam entered from the score sheet" "$BIN" exam results "$WORK/spot.csv" --blueprint three-violations-spot --purpose spot_check --date "$TODAY"
check "… opens a retraining case (逢查必考, R-3V-3)" bash -c "'$BIN' case list --status open --person '$PERSON' --json | python3 -c 'import json,sys; c=json.load(sys.stdin); assert len(c) == 1 and c[0][\"kind\"] == \"spot_exam_failed\"'"
check "anpei inspection report shows examined, pass rate and cases" bash -c "'$BIN' inspection report --region 140825 | grep -q '0.0%'"

echo "training-hours ledger and reports"
printf '{"enterpriseId":"%s","kind":"annual","date":"%s","hours":8,"trainer":"安全科","title":"年度再培训","attendees":["%s"]}' \
  "$EMPLOYER" "$TODAY" "$PERSON" | "$BIN" ledger record --from - --json >"$WORK/event.json" 2>&1
check "anpei ledger record records a training event with its attendee" python3 -c "import json; e=json.load(open('$WORK/event.json')); assert e['attendees'] == 1 and e['kindLabel'] == '年度再培训'"
"$BIN" person show "$PERSON" --json >"$WORK/person.json"
DOC=$(python3 -c "import json; print(json.load(open('$WORK/person.json'))['documentNumber'])")
NAME=$(python3 -c "import json; print(json.load(open('$WORK/person.json'))['name'])")
printf '培训类别,培训日期,学时,授课人或机构,培训主题,证件号码,姓名\n“三违”事故警示教育,%s,2,安全科,警示教育,%s,%s\n' "$TODAY" "$DOC" "$NAME" >"$WORK/ledger.csv"
cp "$WORK/ledger.csv" "$WORK/ledger-bad.csv"
printf '年会,%s,2,,,%s,%s\n' "$TODAY" "$DOC" "$NAME" >>"$WORK/ledger-bad.csv"
"$BIN" ledger import "$EMPLOYER" "$WORK/ledger-bad.csv" >"$WORK/ledger-bad.out" 2>&1; rc=$?
check "a ledger file with a bad row is refused whole, the row named (exit 1)" bash -c "test $rc -eq 1 && grep -q 'invalid_kind' '$WORK/ledger-bad.out' && grep -qE '^3 ' '$WORK/ledger-bad.out'"
check "… and nothing of it was written" bash -c "'$BIN' ledger events --enterprise '$EMPLOYER' --kind warning_education --json | python3 -c 'import json,sys; assert json.load(sys.stdin) == []'"
check "anpei ledger import records the good file" bash -c "'$BIN' ledger import '$EMPLOYER' '$WORK/ledger.csv' | grep -q '登记参训 1 人次'"
check "… and a second run changes nothing" bash -c "'$BIN' ledger import '$EMPLOYER' '$WORK/ledger.csv' | grep -q '已在台账 1 人次'"
"$BIN" ledger hours "$EMPLOYER" --csv "$WORK/hours.csv" >/dev/null
check "anpei ledger hours --csv writes UTF-8 with BOM for Excel" bash -c "head -c 3 '$WORK/hours.csv' | od -An -tx1 | grep -q 'ef bb bf' && grep -q '未培训先上岗' '$WORK/hours.csv'"
check "anpei ledger report shows who is off post and the hours table" bash -c "'$BIN' ledger report '$EMPLOYER' | grep -q '脱岗再培训中' && '$BIN' ledger report '$EMPLOYER' | grep -q '培训学时'"
MONTH=$((10#$(date -u -d '+8 hours' +%m)))
check "anpei violation summary counts the month's violation and spot exam" bash -c "'$BIN' violation summary --region 140825 --month $MONTH --json | python3 -c 'import json,sys; r=json.load(sys.stdin)[\"rows\"]; assert sum(x[\"violations\"] for x in r) >= 1 and sum(x[\"spotFailed\"] for x in r) >= 1'"
check "anpei violation people names the person behind the figure" bash -c "'$BIN' violation people --measure violations --month $MONTH --region 140825 | grep -q '$NAME'"
check "anpei ledger injury-prevention shows the R-WAVE-5 deadline" bash -c "'$BIN' ledger injury-prevention --region 140825 | grep -q '2025-12-31'"

echo "evacuation drills"
check "anpei drill rules --region names the county's rule set (R-DRILL-1: per area)" bash -c "'$BIN' drill rules --region 140825100 | grep -q 's0-140825' && '$BIN' drill rules --region 140825100 | grep -q '按区域'"
check "… and 西藏's per enterprise" bash -c "'$BIN' drill rules --region 540102 --json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r[0][\"scope\"] == \"per_enterprise\"'"
AREA=$("$BIN" enterprise show "$EMPLOYER" --json | python3 -c 'import json,sys; a=json.load(sys.stdin)["areas"]; print(a[0]["id"] if a else "")')
if [ -n "$AREA" ]; then
  printf '{"enterpriseId":"%s","date":"%s","time":"09:30","scenario":"fire","recorded":true,"areas":[{"areaId":"%s","participants":12}],"evacuationSeconds":180,"organiser":"安全科"}' \
    "$EMPLOYER" "$TODAY" "$AREA" | "$BIN" drill record --from - --json >"$WORK/drill.json" 2>&1
  check "anpei drill record records a drill held" python3 -c "import json; d=json.load(open('$WORK/drill.json')); assert d['recorded'] and d['areas'][0]['participants'] == 12"
  check "anpei drill schedule shows the year's duties by the county's rule" bash -c "'$BIN' drill schedule '$EMPLOYER' | grep -q 's0-140825'"
fi
