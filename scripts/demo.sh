#!/usr/bin/env bash
# Renders the examples into out/: the order 859-ОД, then the whole monitoring
# cycle of the example region (report, municipal and school references, PDF
# and DOCX each) with docgen batch, which skips what is already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
docgen=${DOCGEN:-build/docgen}

mkdir -p out
"$docgen" render templates/order.xml examples/order-859/data.json -o out/order-859.pdf -o out/order-859.docx
echo "out/order-859.pdf"
echo "out/order-859.docx"

"$docgen" batch examples/smolensk-2022/batch.json
