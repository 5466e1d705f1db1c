// The pieces every part of the scenario loader uses: located errors, a mapping read through its
// schema (Section), distributions, references by id, shares and date ranges. Internal to
// loader*.cpp; the public entry points are in loader.hpp.
#pragma once

#include <limits>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

#include "models/params.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"
#include "models/units.hpp"
#include "models/yaml_tree.hpp"
#include "models/zone.hpp"

namespace models::detail {

[[noreturn]] void fail(const YamlNode& n, const std::string& path, const std::string& msg);
std::string join(const std::string& path, const std::string& key);
std::string item(const std::string& path, std::size_t i);  // "path[i]"
std::string quoted_list(const std::vector<std::string>& xs);
// Reading a node's text. Every scalar the loader reads goes through a Section getter or one of
// these, never through a bare text parser: a parser throws std::invalid_argument saying what it
// expected, and these turn it into a SourceError at the node's file, line, column and key path.
// (The text parsers themselves live in loader_section.cpp and units.hpp; a loader file calling
// one directly is refused by scripts/check_located.sh.)
template <class Parse>
auto parsed_at(const YamlNode& n, const std::string& path, const char* expected, Parse parse)
    -> decltype(parse(n.scalar)) {
  if (!n.is_scalar()) fail(n, path, std::string("expected ") + expected + ", got " + n.kind_name());
  try {
    return parse(n.scalar);
  } catch (const std::invalid_argument& e) {
    fail(n, path, e.what());
  }
}
// A number (finite).
double real_at(const YamlNode& n, const std::string& path);
// A whole number from `lo` to `hi`, parsed at full width before the range check.
long long integer_at(const YamlNode& n, const std::string& path, long long lo, long long hi);
// A mapping entry's key that must be an id (letters, digits, '_'): located at the key.
void check_key_id(const YamlNode::Entry& e, const std::string& path);

// A Field's declared range, read from its text: "> a", ">= a", "[a, b]" or "(a, b]", bounds
// written as plain numbers or as values of the field's type ("36500d"). "" is no range.
// std::logic_error when the schema declares one it cannot read.
struct Bounds {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  std::string lo_text, hi_text;
  bool contains(double v) const;
  std::string words() const;  // "between 1 and 10000", "greater than zero", ...
};
Bounds parse_range(const std::string& range, const char* type);

// A mapping read through its schema: unknown keys are rejected on construction; each getter
// checks the key is declared, parses the value, checks its range and allowed values, and returns
// the declared default when the key is absent. No default is written anywhere else.
class Section {
 public:
  Section(const YamlNode& node, std::string path, const SectionSchema& schema);
  // The section under `key`, or an empty one (every key at its default) when `key` is absent.
  Section section_or_defaults(const char* key, const SectionSchema& schema) const;

  const std::string& path() const { return path_; }
  const YamlNode& node() const { return node_; }
  const SectionSchema& schema() const { return schema_; }
  std::string at(const std::string& key) const { return join(path_, key); }
  bool has(const char* key) const { return raw(key) != nullptr; }
  const YamlNode* raw(const char* key) const;
  const YamlNode& required(const char* key) const;

  double duration(const char* key) const;
  double rate(const char* key) const;
  double mass(const char* key) const;
  double distance(const char* key) const;  // kilometres
  double real(const char* key) const;
  double probability(const char* key) const;
  long long integer(const char* key) const;
  // A count (servers, yard places, phases): an integer whose declared range ends at or below
  // INT_MAX, checked at full width before it is narrowed to int.
  int count(const char* key) const;
  bool boolean(const char* key) const;
  double time(const char* key) const;
  long date(const char* key) const;
  Zone zone(const char* key) const;
  std::string string(const char* key) const;
  std::string id(const char* key) const;
  units::Money money(const char* key) const;
  sim::Distribution distribution(const char* key) const;
  // The declared Choice the value names (checked against the schema's allowed values).
  const Choice& choice(const char* key) const;
  template <class E>
  E choice_as(const char* key) const {
    return static_cast<E>(choice(key).code);
  }
  // A list whose items each name one of the key's allowed values; their codes.
  std::vector<int> choice_list(const char* key) const;
  // An id naming one of `names`: its index ("unknown <what> 'x'; did you mean ...").
  std::size_t reference(const char* key, const std::vector<std::string>& names,
                        const char* what) const;

  const YamlNode& list(const char* key) const;
  const YamlNode& mapping(const char* key) const;
  std::vector<std::pair<std::string, const YamlNode*>> ids(const char* key) const;

 private:
  const Field& declared(const char* key) const;
  template <class T, class Parse>
  T scalar(const char* key, Parse parse) const;

  const YamlNode& node_;
  std::string path_;
  const SectionSchema& schema_;
};

sim::Distribution read_distribution(const YamlNode& n, const std::string& path);

// An empty mapping: a section with every key absent.
const YamlNode& empty_mapping();

// The generic reader: reads every key of `s` whose declaration fills a member of T (schema.hpp,
// params.hpp), in declaration order. An absent key takes its declared default; a required one is
// an error; one declared with no default ("") leaves the member as it is.
template <class T>
void read_params(const Section& s, T& obj) {
  for (const Field& f : s.schema().fields) {
    if (!f.fill.read) continue;
    if (*f.fill.target != typeid(T))
      throw std::logic_error(std::string("schema for ") + s.schema().path + ": " + f.key +
                             " fills another struct than the one read");
    if (f.default_value && *f.default_value == '\0' && !s.has(f.key)) continue;
    f.fill.read(s, f, &obj);
  }
}

// A T whose member-filled keys of `section` hold their declared defaults (keys that are
// required or have no default keep T{}'s value): what a Scenario gets when those keys are absent.
template <class T>
T declared_defaults(const SectionSchema& section) {
  T obj{};
  const Section s(empty_mapping(), section.path, section);
  for (const Field& f : section.fields)
    if (f.fill.read && f.default_value && *f.default_value && *f.fill.target == typeid(T))
      f.fill.read(s, f, &obj);
  return obj;
}

// The index of `name` in `names`, or a located error with a suggestion.
std::size_t resolve(const std::vector<std::string>& names, const std::string& name,
                    const YamlNode& at, const std::string& path, const char* what);
// A mapping id -> share over `names`, summing to 1.
std::vector<double> shares(const YamlNode& n, const std::string& path,
                           const std::vector<std::string>& names, const char* what);
// `count` non-negative weights, scaled to mean 1.
std::vector<double> weights(const YamlNode& n, const std::string& path, std::size_t count,
                            const char* what);

// `from` and `to` of a section whose schema leaves them to loader code (intake schedules).
DateRange read_range(const Section& s);
// The range's end is not before its start (an error at `to`).
void check_range(const Section& s, const DateRange& r);
// Opening hours: a section of schema("hours") through the generic reader, or a lane's own.
Hours read_hours(const Section& s);
// Opens before it closes, on the same day (an error at `close`).
void check_hours(const Section& s, const Hours& h);
void check_no_overlap(const std::vector<DateRange>& ranges,
                      const std::vector<const YamlNode*>& nodes, const std::string& path);

// Calls `read(entry, section)` for each item of a mapping of items by id (`gate_sides`, `rail`,
// ...), each read through the schema `section`. `what` names the items in the error.
template <class Read>
void read_by_id(const YamlNode& n, const std::string& key, const char* section, const char* what,
                bool at_least_one, Read read) {
  if (!n.is_mapping() || (at_least_one && n.entries.empty()))
    fail(n, key,
         std::string("expected a mapping of ") + what + " by id" +
             (at_least_one ? " (at least one)" : ""));
  for (const YamlNode::Entry& e : n.entries)
    read(e, Section(e.value, join(key, e.key), schema(section)));
}

// Reads a list of sections that each cover a date range (closures, extended hours, seasons);
// `make` builds an item from its section. The ranges must not overlap.
template <class T, class Make>
std::vector<T> read_dated_list(const Section& s, const char* key, const char* section, Make make) {
  std::vector<T> out;
  if (!s.has(key)) return out;
  const YamlNode& l = s.list(key);
  if (l.items.size() > kMaxDatedRanges)
    fail(l, s.at(key),
         "at most " + std::to_string(kMaxDatedRanges) + " date ranges, got " +
             std::to_string(l.items.size()));
  std::vector<const YamlNode*> nodes;
  std::vector<DateRange> ranges;
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    Section x(l.items[i], item(s.at(key), i), schema(section));
    out.push_back(make(x));
    ranges.push_back(out.back().dates);
    nodes.push_back(&l.items[i]);
  }
  check_no_overlap(ranges, nodes, s.at(key));
  return out;
}

}  // namespace models::detail
