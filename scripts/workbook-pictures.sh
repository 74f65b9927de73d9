#!/usr/bin/env bash
# The pictures of docs/data-spreadsheets.md (docs/spreadsheets/; docs/pictures/ is
# scripts/docs-pictures.py's): the workbook of the example
# region's Глинковский район (`docgen workbook cluster-results --from …`), as
# LibreOffice prints its sheets «Школы» and «Результаты», cut to their tops.
# Usage: scripts/workbook-pictures.sh [DOCGEN]
set -euo pipefail
cd "$(dirname "$0")/.."
docgen=${1:-build/docgen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/glinka.json" <<'PY'
import json, sys
data = json.load(open("examples/smolensk-2022/data.json"))
data["municipalities"] = [m for m in data["municipalities"] if m["id"] == "glinka"]
data["schools"] = [s for s in data["schools"] if s["municipality"] == "glinka"]
ids = {s["id"] for s in data["schools"]}
for school in data["schools"]:
    for facts in [school.get("support", {})] + [year.get("support", {}) for year in school.get("history", [])]:
        if isinstance(facts.get("mentor_school"), str) and facts["mentor_school"] not in ids:
            facts["mentor_school"] = None
json.dump(data, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$docgen" workbook cluster-results --from "$work/glinka.json" -o "$work/glinka.xlsx"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/glinka.xlsx" >/dev/null
# The page of a sheet: the first that has a header of the sheet's own.
page_of() {
  local pages
  pages=$(pdfinfo "$work/glinka.pdf" | awk '/^Pages:/ {print $2}')
  for page in $(seq 1 "$pages"); do
    if pdftotext -f "$page" -l "$page" "$work/glinka.pdf" - | grep -qw "$1"; then
      echo "$page"
      return
    fi
  done
  echo "no page has $1" >&2
  exit 1
}
cut() {  # a header of the sheet, height in pixels, output
  local page
  page=$(page_of "$1")
  pdftoppm -r 110 -png -singlefile -f "$page" -l "$page" -x 40 -y 60 -W 1230 -H "$2" "$work/glinka.pdf" "docs/spreadsheets/$3"
  echo "docs/spreadsheets/$3.png"
}
cut "Вид школы" 140 workbook-schools
cut "Процедура" 330 workbook-results
