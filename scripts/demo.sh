#!/usr/bin/env bash
# Renders the examples into out/, as PDF and DOCX, and prints the paths written.
set -euo pipefail
cd "$(dirname "$0")/.."
docgen=${DOCGEN:-build/docgen}

render() {
  local out=$1
  shift
  "$docgen" render "$@" -o "$out.pdf" -o "$out.docx"
  echo "$out.pdf"
  echo "$out.docx"
}

mkdir -p out/smolensk-2022
render out/order-859 templates/order.xml examples/order-859/data.json

data=examples/smolensk-2022/data.json
render out/smolensk-2022/monitoring-report templates/monitoring-report.xml "$data"
render out/smolensk-2022/municipal-glinka templates/municipal-reference.xml "$data" \
  --let "municipality=municipalities | find('id', 'glinka')"
# A school with low results, one with risks whose given cluster the rules contradict, a gymnasium.
for id in 67224 67410 67101; do
  render "out/smolensk-2022/school-$id" templates/school-reference.xml "$data" \
    --let "school=schools | find('id', '$id')"
done
