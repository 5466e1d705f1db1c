// The single declaration of every scenario parameter: key, type (with its unit), default, range,
// allowed values and meaning. The loader reads through these declarations (a key not declared
// here cannot be read, an undeclared key in a file is an error, a value outside a declared set is
// an error, an absent key takes the default declared here), and docs/scenario-format.md is
// generated from them (`bordersim schema`; a test checks the checked-in file is current).
//
// A plain key's Field also names the member it fills (`member<&Stage::servers>()`, or a
// `setter<f>()` where one key fills two members; models/params.hpp), and the generic reader
// (detail::read_params) reads every such key of a section: a declared plain key cannot go unread
// and its default is the one written here. Keys whose reading needs other keys (references by
// id, money in the reporting currency, zones, "give a or b") say so with `by_hand(...)` and are
// read by loader*.cpp; a test fails for a key that has neither.
#pragma once

#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace models {

namespace detail {
class Section;
}
struct Field;

// How a declared key reaches the Scenario. Made by member<>(), setter<>() or by_hand()
// (models/params.hpp); an empty Fill is a key nobody reads (test_schema.cpp refuses it).
struct Fill {
  const std::type_info* target = nullptr;  // the struct the generic reader fills
  void (*read)(const detail::Section&, const Field&, void* target) = nullptr;
  // Whether two targets' members are equal (member<> fills only): the defaults test.
  bool (*same)(const void* a, const void* b) = nullptr;
  const char* by_hand = nullptr;  // read by loader code instead, and why
};

// One allowed value of a closed set. `code` is what the loader stores: the value of the C++ enum
// it maps to (cast to int), so the text and the enum meet only in this declaration.
struct Choice {
  const char* value;
  const char* meaning;  // "" when the value says it all
  int code = 0;
  // Keys of the same section that apply under this value (a distribution's parameters); the
  // loader rejects the others and requires these.
  std::vector<std::string> takes = {};
};

// A stage's `direction` code: which vehicles it serves, as bits.
inline constexpr int kServesOutbound = 1;
inline constexpr int kServesInbound = 2;

struct Field {
  const char* key;
  const char* type;           // duration, rate, mass, money, time, date, zone, real, integer,
                              // probability, bool, string, choice, id, ids, distribution, section,
                              // list
  const char* default_value;  // nullptr: required; "" : optional, no default
  const char* range;          // "", "> 0", ">= 0", ">= 1", "[0, 1]"
  const char* doc;
  const char* example;
  // Non-empty: the value (or, for a list, each item) must be one of these.
  std::vector<Choice> choices = {};
  Fill fill = {};

  const Choice* find_choice(std::string_view value) const;
  std::vector<std::string> choice_values() const;
  // "unknown value 'x'; did you mean 'y'? (allowed: a, b, c)"
  std::string unknown_choice(const std::string& value) const;
};

struct SectionSchema {
  const char* path;  // e.g. "gate_sides.<id>.stages[]"
  const char* doc;
  std::vector<Field> fields;
  // Non-null: the whole section is read by loader code (and why); its keys need no Fill.
  const char* by_hand = nullptr;
  const Field* find(const std::string& key) const;
  std::vector<std::string> keys() const;
};

// Sections by name: "scenario", "cargo", "gate_side", "hours", "extended_hours",
// "closure", "stage", "lane", "channel", "hold", "crossing", "transshipment", "leg", "flow",
// "arrivals", "season", "route_step", "empty_return", "rail", "terminal", "distribution".
const SectionSchema& schema(const std::string& name);
// `uncertain.<id>` and `targets.<id>` (schema_uncertain.cpp); `staffing[]`, `agencies.<id>`, `cost`
// and `optimise` (schema_staffing.cpp).
const SectionSchema& uncertain_schema();
const SectionSchema& target_schema();
const SectionSchema& staffing_schema();
const SectionSchema& agency_schema();
const SectionSchema& staff_cost_schema();
const SectionSchema& optimise_schema();
const SectionSchema& lever_schema();
// Every name schema() knows (a test checks each section it names is documented).
std::vector<std::string> schema_names();
// The sections in the order docs/scenario-format.md documents them.
const std::vector<const SectionSchema*>& all_schemas();
std::string schema_markdown();

}  // namespace models
