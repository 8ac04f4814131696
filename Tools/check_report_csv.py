#!/usr/bin/env python3
"""Opens the annual report's CSV in LibreOffice (headless, UTF-8 import) and reads it back.

    python3 Tools/check_report_csv.py [--year 2025] [--journal Journal/ledger.jsonl]

Needs Debian's libreoffice-calc (kept out of .ci/run: it is large). The CSV is converted to
.xlsx exactly as a clerk's spreadsheet would import it; the script then reads the workbook with
the standard library and checks that Chinese names survive, that money and counts are numbers
(not text), that no cell became a formula, and that every row has the header's columns.
Exits 0 when all hold, 1 otherwise, printing what it checked.
"""
import argparse, csv, io, os, re, shutil, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column_index(reference):
    letters = re.match(r"[A-Z]+", reference).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def read_xlsx(path):
    with zipfile.ZipFile(path) as book:
        strings = []
        if "xl/sharedStrings.xml" in book.namelist():
            for item in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
                strings.append("".join(node.text or "" for node in item.iter("{%s}t" % NS["m"])))
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    formulas = 0
    for row in sheet.iter("{%s}row" % NS["m"]):
        cells = {}
        for cell in row.findall("m:c", NS):
            if cell.find("m:f", NS) is not None:
                formulas += 1
            kind = cell.get("t")
            value = cell.find("m:v", NS)
            inline = cell.find("m:is", NS)
            if kind == "s" and value is not None:
                cells[column_index(cell.get("r"))] = ("text", strings[int(value.text)])
            elif kind == "inlineStr" and inline is not None:
                cells[column_index(cell.get("r"))] = ("text", "".join(t.text or "" for t in inline.iter("{%s}t" % NS["m"])))
            elif kind == "str" and value is not None:
                cells[column_index(cell.get("r"))] = ("text", value.text or "")
            elif value is not None:
                cells[column_index(cell.get("r"))] = ("number", value.text)
        rows.append(cells)
    return rows, formulas


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", default="2025")
    parser.add_argument("--journal", default="Journal/ledger.jsonl")
    parser.add_argument("--groupledger", default=None, help="the groupledger binary (default: swift run)")
    arguments = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("check_report_csv: LibreOffice is not installed (apt-get install libreoffice-calc)", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="report-csv-")
    csv_path = os.path.join(work, "annual.csv")
    command = [arguments.groupledger] if arguments.groupledger else ["swift", "run", "-c", "release", "groupledger"]
    subprocess.run(command + ["report", "annual", "--year", arguments.year, "--format", "csv", "--journal", arguments.journal,
                              "--out", csv_path], check=True)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        source = list(csv.reader(handle))
    # Field separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8), start at line 1.
    subprocess.run([soffice, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, csv_path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=work))
    rows, formulas = read_xlsx(os.path.join(work, "annual.xlsx"))
    failures = []
    header = [rows[0][index][1] for index in sorted(rows[0])]
    if header[:5] != ["辖区", "集团", "集团名称", "部分", "指标"]:
        failures.append(f"header read back as {header[:5]}")
    if len(rows) != len(source):
        failures.append(f"{len(source)} CSV rows became {len(rows)} spreadsheet rows")
    names = {cells.get(2, ("", ""))[1] for cells in rows[1:]}
    chinese = sorted(name for name in names if re.search(r"[\u4e00-\u9fff]", name))
    if not chinese:
        failures.append("no Chinese group name was read back")
    numbers = 0
    for index, cells in enumerate(rows[1:], start=1):
        expected = source[index][6] if index < len(source) and len(source[index]) > 6 else ""
        unit = source[index][7] if index < len(source) and len(source[index]) > 7 else ""
        kind, value = cells.get(6, ("text", ""))
        if unit in ("元", "个", "%") and re.fullmatch(r"-?\d+(\.\d+)?", expected):
            numbers += 1
            if kind != "number" or abs(float(value) - float(expected)) > 0.005:
                failures.append(f"row {index + 1}: value {expected!r} read back as {kind} {value!r}")
        elif kind == "text" and value != expected:
            failures.append(f"row {index + 1}: text {expected!r} read back as {value!r}")
    if formulas:
        failures.append(f"{formulas} cell(s) became formulas")
    print(f"check_report_csv: {len(source)} rows, {numbers} numeric values, {len(chinese)} Chinese group names "
          f"(e.g. {chinese[0] if chinese else '-'}), {formulas} formulas; LibreOffice {soffice}")
    for failure in failures[:20]:
        print("  FAIL " + failure)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
