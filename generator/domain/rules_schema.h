// The JSON Schema of a rules file, schemas/rules.schema.json, built into the
// binary. A copy: tests/domain_test.cpp checks that it is the file's text.
#pragma once

namespace docgen::domain {

inline constexpr const char* kRulesSchema = R"docgen_schema({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Classification rules and indicators for cluster results",
  "description": "A --rules file of docgen; the built-in one is rules/concept-2022.json. See docs/data-cluster-results.md, «The rules».",
  "type": "object",
  "required": ["low_result_share", "isbs", "clusters", "classification", "subject_dynamics", "tasks", "indicators"],
  "additionalProperties": false,
  "properties": {
    "description": {"type": "string"},
    "low_result_share": {"type": "number", "minimum": 0, "maximum": 100},
    "share_decimals": {"type": "integer", "minimum": 0, "maximum": 6},
    "unobjective_is_marker": {"type": "boolean"},
    "isbs": {
      "type": "object",
      "required": ["lower_quartile", "levels"],
      "additionalProperties": false,
      "properties": {
        "lower_quartile": {"type": "number"},
        "levels": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": false,
            "properties": {
              "name": {"type": "string", "minLength": 1},
              "below": {"type": "number"}
            }
          }
        }
      }
    },
    "clusters": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["code", "name"],
        "additionalProperties": false,
        "properties": {
          "code": {"type": "string", "minLength": 1},
          "name": {"type": "string", "minLength": 1}
        }
      }
    },
    "classification": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["cluster"],
        "additionalProperties": false,
        "properties": {
          "cluster": {"type": "string", "minLength": 1},
          "markers_min": {"type": "integer", "minimum": 0},
          "markers_max": {"type": "integer", "minimum": 0},
          "isbs_below_lower_quartile": {"type": "boolean"},
          "kinds": {"type": "array", "items": {"enum": ["НОШ", "ООШ", "СОШ", "СОШ с УИОП", "гимназия", "лицей"]}},
          "why": {"type": "string"}
        }
      }
    },
    "subject_dynamics": {
      "type": "object",
      "required": ["subjects", "procedures"],
      "additionalProperties": false,
      "properties": {
        "subjects": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "procedures": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "ВПР": {"type": "array", "items": {"type": "integer", "minimum": 4, "maximum": 8}},
            "ОГЭ": {"type": "array", "items": {"type": "integer", "minimum": 9, "maximum": 9}},
            "ЕГЭ": {"type": "array", "items": {"type": "integer", "minimum": 10, "maximum": 11}}
          }
        }
      }
    },
    "tasks": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "name"],
        "additionalProperties": false,
        "properties": {
          "id": {"type": "string", "minLength": 1},
          "name": {"type": "string", "minLength": 1}
        }
      }
    },
    "indicators": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "direction", "name"],
        "additionalProperties": false,
        "properties": {
          "id": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)+$"},
          "direction": {"enum": ["снижение", "рост"]},
          "name": {"type": "string", "minLength": 1},
          "unit": {"type": "string"}
        }
      }
    }
  }
}
)docgen_schema";

}  // namespace docgen::domain
