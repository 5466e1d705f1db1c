// The single declaration of every scenario parameter: key, type (with its unit), default, range
// and meaning. The loader reads through these declarations (a key not declared here cannot be
// read, an undeclared key in a file is an error), and docs/scenario-format.md is generated from
// them (`bordersim schema`; a test checks the checked-in file is current).
#pragma once

#include <string>
#include <vector>

namespace models {

struct Field {
  const char* key;
  const char* type;           // duration, rate, mass, money, time, date, zone, real, integer,
                              // probability, bool, string, id, ids, distribution, section, list
  const char* default_value;  // nullptr: required; "" : optional, no default
  const char* range;          // "", "> 0", ">= 0", ">= 1", "[0, 1]"
  const char* doc;
  const char* example;
};

struct SectionSchema {
  const char* path;  // e.g. "gate_sides.<id>.stages[]"
  const char* doc;
  std::vector<Field> fields;
  const Field* find(const std::string& key) const;
  std::vector<std::string> keys() const;
};

// Sections by name: "scenario", "cargo", "gate_side", "hours", "date_range", "extended_hours",
// "closure", "stage", "lane", "channel", "hold", "crossing", "transshipment", "leg", "flow",
// "arrivals", "season", "route_step", "empty_return", "rail", "terminal", "distribution".
const SectionSchema& schema(const std::string& name);
const std::vector<const SectionSchema*>& all_schemas();
std::string schema_markdown();

}  // namespace models
