# Workbooks out: propose's proposals.xlsx and roadshow's agenda.xlsx, read
# back with an independent reader (openpyxl), byte-identical across runs.
. "$MC_TESTS/cli/lib.sh"
PY=/usr/bin/python3

run propose "$DATA/tiny" -o "$T/a" --quiet
expect_rc 0
[ -s "$T/a/proposals.xlsx" ] || fail "no proposals.xlsx"
run propose "$DATA/tiny" -o "$T/b" --quiet
cmp -s "$T/a/proposals.xlsx" "$T/b/proposals.xlsx" || fail "proposals.xlsx differs between two runs"
SOURCE_DATE_EPOCH=1700000000 run propose "$DATA/tiny" -o "$T/c" --quiet
cmp -s "$T/a/proposals.xlsx" "$T/c/proposals.xlsx" && fail "SOURCE_DATE_EPOCH is not honoured"
run propose "$DATA/tiny" -o "$T/pl" --quiet --country PL
printf 'name\nMoravian Automotive Cluster\nde-ict\npl-ict\nsk-auto\nhu-auto\nat-auto\n' >"$T/att.csv"
run roadshow "$DATA/tiny" --attendees "$T/att.csv" --meetings 2 -o "$T/r" --quiet
expect_rc 0
[ -s "$T/r/agenda.xlsx" ] || fail "no agenda.xlsx"

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "skip: python3-openpyxl not installed (make test-deps)"
    exit 0
fi
"$PY" - "$T" <<'PYEOF' || fail "openpyxl: the workbooks do not match the CSV files"
import csv, os, sys, openpyxl
t = sys.argv[1]

def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.reader(f))

def cell(v):
    return '' if v is None else v

for d in ('a', 'pl'):
    wb = openpyxl.load_workbook(f'{t}/{d}/proposals.xlsx')
    sheets = [('proposals', 'proposals.csv'), ('members', 'members.csv'),
              ('missing links', 'missing_links.csv'), ('rejected', 'rejected.csv')]
    if os.path.exists(f'{t}/{d}/evidence.csv'):
        sheets.insert(3, ('evidence', 'evidence.csv'))
    assert wb.sheetnames == [s for s, _ in sheets], wb.sheetnames
    for sheet, name in sheets:
        want = rows(f'{t}/{d}/{name}')
        ws = wb[sheet]
        got = [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)]
        assert len(got) == len(want), (d, sheet, len(got), len(want))
        for g, w in zip(got, want):
            assert len(g) == len(w), (d, sheet, g, w)
            for a, b in zip(g, w):
                assert (float(b) == a) if isinstance(a, (int, float)) else a == b, (d, sheet, g, w)
        assert ws.freeze_panes == 'A2', ws.freeze_panes
        assert ws['A1'].font.b
    # numbers are numbers, ids stay text
    ws = wb['proposals']
    assert isinstance(ws['A2'].value, int) and isinstance(ws['M2'].value, float)
    assert isinstance(wb['members']['B2'].value, str)

wb = openpyxl.load_workbook(f'{t}/r/agenda.xlsx')
assert wb.sheetnames == ['summary', 'schedule', 'agenda'], wb.sheetnames
sched = rows(f'{t}/r/schedule.csv')
ws = wb['schedule']
got = list(ws.iter_rows(values_only=True))
assert len(got) == len(sched)
for g, w in zip(got[1:], sched[1:]):
    assert (g[0], g[1], g[4]) == (int(w[0]), w[1], w[2]), (g, w)
# one agenda row per attendee and slot
assert wb['agenda'].max_row == 1 + 6 * 2, wb['agenda'].max_row
PYEOF
