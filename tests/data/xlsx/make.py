#!/usr/bin/python3
"""Writes the workbooks the tests read (committed, so the tests need no Python):

  cooperation.xlsx   tests/data/tiny as one workbook (sheets nodes, edges,
                     affiliations, groups), written by openpyxl (Debian
                     python3-openpyxl) as Excel would: numbers as numbers,
                     group years as dates, shared strings
  cells.xlsx         hand-written XML: inline strings, booleans, a formula
                     with its saved value, a date in the 1904 system
  ../../bad/12x-*    the broken workbooks of the bad-input corpus

Run from the repository root: /usr/bin/python3 tests/data/xlsx/make.py
"""
import csv
import datetime
import os
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "tiny")
BAD = os.path.join(HERE, "..", "..", "bad")
FIXED = datetime.datetime(2026, 1, 1)  # zip timestamps: byte-identical output


def typed(column, v):
    if v == "":
        return None
    if column in ("lat", "lon"):
        return float(v)
    if column in ("weight", "members"):
        return int(v)
    if column == "year":
        return int(v)
    return v


def cooperation(path, edit=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("nodes", "edges", "affiliations", "groups"):
        ws = wb.create_sheet(name)
        with open(os.path.join(TINY, name + ".csv"), encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        ws.append(header)
        for r in rows[1:]:
            vals = [typed(h, v) for h, v in zip(header, r)]
            if name == "groups":
                y = header.index("year")
                vals[y] = datetime.datetime(int(r[y]), 3, 31)  # a date where a year is due
            ws.append(vals)
        if name == "groups":
            for cell in ws["D"][1:]:
                cell.number_format = "yyyy-mm-dd"
    if edit:
        edit(wb)
    wb.save(path)
    normalise(path)


def normalise(path):
    """Rewrites a zip with fixed timestamps and order, so the bytes do not change per run."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    write_zip(path, parts)


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{overrides}
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="d/m/yyyy;@"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>
</styleSheet>"""


def handmade(path, sheets, date1904=False, strings=None):
    """A workbook from raw sheet XML: sheets is [(name, sheetData inner XML)]."""
    wb_sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
                        for i, (n, _) in enumerate(sheets))
    workbook = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<workbookPr%s/><sheets>%s</sheets></workbook>'
                % (' date1904="1"' if date1904 else "", wb_sheets))
    rels = "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>'
                   % (i + 1, i + 1) for i in range(len(sheets)))
    rels += ('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/styles" Target="styles.xml"/>')
    if strings is not None:
        rels += ('<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/'
                 '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    parts = [("[Content_Types].xml", CT.format(overrides="")), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels",
              '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
              'openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels),
             ("xl/styles.xml", STYLES)]
    if strings is not None:
        parts.append(("xl/sharedStrings.xml",
                      '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.'
                      'openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % strings))
    for i, (_, data) in enumerate(sheets):
        parts.append(("xl/worksheets/sheet%d.xml" % (i + 1),
                      '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.'
                      'openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData>'
                      '</worksheet>' % data))
    write_zip(path, parts)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def main():
    cooperation(os.path.join(HERE, "cooperation.xlsx"))
    # cells.xlsx: every kind of cell the reader knows
    cells = ('<row r="1">' + inline("A1", "id") + inline("B1", "name") + inline("C1", "country")
             + inline("D1", "active") + inline("E1", "since") + inline("F1", "members") + '</row>'
             '<row r="3">' + inline("A3", "a") + '<c r="B3" t="s"><v>0</v></c>'
             + inline("C3", "Česko") + '<c r="D3" t="b"><v>1</v></c>'
             '<c r="E3" s="2"><v>40000</v></c><c r="F3"><f>20+22</f><v>42</v></c></row>'
             '<row r="4">' + inline("A4", "b") + '<c r="B4" t="s"><v>1</v></c>'
             '<c r="C4" t="str"><f>"P"&amp;"L"</f><v>PL</v></c><c r="D4" t="b"><v>0</v></c>'
             '<c r="E4" s="1"><v>0.5</v></c><c r="F4"><v>1.5E3</v></c></row>'
             '<row r="5"><c r="A5" s="1"/></row>')
    strings = ('<si><t>Alpha</t></si>'
               '<si><r><t>Be</t></r><r><t xml:space="preserve">ta </t></r>'
               '<rPh><t>ベータ</t></rPh></si>')
    handmade(os.path.join(HERE, "cells.xlsx"), [("Nodes", cells)], date1904=True,
             strings=strings)

    def bad(name, *files):
        d = os.path.join(BAD, name)
        os.makedirs(d, exist_ok=True)
        return d

    d = bad("126-xlsx-truncated")
    data = open(os.path.join(HERE, "cooperation.xlsx"), "rb").read()
    open(os.path.join(d, "cooperation.xlsx"), "wb").write(data[: len(data) // 2])
    d = bad("128-xlsx-formula-without-value")
    handmade(os.path.join(d, "book.xlsx"), [("nodes", '<row r="1">' + inline("A1", "id")
             + inline("B1", "weight") + '</row><row r="2">' + inline("A2", "x")
             + '<c r="B2"><f>SUM(C1:C9)</f></c></row>')])
    d = bad("129-xlsx-invalid-country-cell")
    def czechoslovakia(wb):
        wb["nodes"]["C7"] = "Czechoslovakia"
    cooperation(os.path.join(d, "cooperation.xlsx"), czechoslovakia)
    d = bad("130-xlsx-error-value")
    handmade(os.path.join(d, "book.xlsx"), [("edges", '<row r="1">' + inline("A1", "source")
             + inline("B1", "target") + inline("C1", "weight") + '</row><row r="2">'
             + inline("A2", "x") + inline("B2", "y") + '<c r="C2" t="e"><f>1/0</f>'
             '<v>#DIV/0!</v></c></row>')])
    d = bad("131-xlsx-not-a-zip")
    open(os.path.join(d, "nodes.xlsx"), "w").write("id,name\na,b\n")
    d = bad("132-xlsx-no-dataset-sheet")
    handmade(os.path.join(d, "book.xlsx"), [("Sheet1", '<row r="1">' + inline("A1", "id")
             + '</row>'), ("Sheet2", "")])
    d = bad("133-xlsx-damaged-xml")
    handmade(os.path.join(d, "book.xlsx"), [("nodes", '<row r="1">' + inline("A1", "id")
             + '</row><row r="2"><c r="A2" t="inlineStr"><is><t>x</is></c></row>')])


main()
