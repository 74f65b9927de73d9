// Files of the repository built into the binary, so that it works wherever
// it is copied: the default rules and the schemas of the inputs.
#pragma once

namespace docgen {

const char* embedded_default_rules();     // rules/concept-2022.json
const char* embedded_input_schema();      // schemas/cluster-results.schema.json
const char* embedded_batch_schema();      // schemas/batch.schema.json
const char* embedded_rules_schema();      // schemas/rules.schema.json

}  // namespace docgen
