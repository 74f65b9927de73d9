#!/usr/bin/env bash
# Renders the examples into out/: the orders 859-ОД and 548-ОД (with the
# Concept), an order with a text appendix, a municipal plan-graph and a
# regional roadmap, then the whole monitoring cycle of the example region
# (report, municipal and school references, PDF and DOCX each) with docgen
# batch, which skips what is already up to date; and the example region as
# the workbook municipalities fill in, with the analytic reference of one
# municipality rendered from that workbook.
set -euo pipefail
cd "$(dirname "$0")/.."
docgen=${DOCGEN:-build/docgen}

mkdir -p out
render() {  # template, example, output name
  "$docgen" render "templates/$1.xml" "examples/$2/data.json" -o "out/$3.pdf" -o "out/$3.docx"
  echo "out/$3.pdf"
  echo "out/$3.docx"
}
render order order-859 order-859
render order order-548 order-548
render order order-mentoring order-mentoring
render plan plan-municipal plan-municipal
render plan roadmap-regional roadmap-regional

"$docgen" batch examples/smolensk-2022/batch.json

"$docgen" workbook cluster-results --from examples/smolensk-2022/data.json -o out/smolensk-2022.xlsx
echo out/smolensk-2022.xlsx
"$docgen" render templates/municipal-reference.xml out/smolensk-2022.xlsx \
  --let "municipality=municipalities | find('id', 'glinka')" \
  -o out/smolensk-2022-glinka.pdf -o out/smolensk-2022-glinka.docx
echo out/smolensk-2022-glinka.pdf
echo out/smolensk-2022-glinka.docx
