// `uncertain:` — the inputs no source gives (Scenario::UncertainInput), each a range or
// alternatives, and the check that every end of a range and every alternative reads: each is
// set at its key in a copy of the merged tree and the copy is loaded, so an unknown key, a value
// of the wrong type or a value the loader refuses is an error located at the entry.
#include <cmath>
#include <cstdlib>

#include "models/loader.hpp"
#include "models/loader_parts.hpp"
#include "models/overrides.hpp"
#include "models/uncertain.hpp"

namespace models::detail {

namespace {

// A range's end: the number and the unit written after it (`1d` -> 1, "d"; `9/h` -> 9, "/h";
// `22:00` -> 22, ":time" as hours of the day).
std::pair<double, std::string> number_and_unit(const YamlNode& n, const std::string& path) {
  if (!n.is_scalar() || n.scalar.empty())
    fail(n, path, "expected a number with the key's unit, such as 1d, 9/h or 0.4");
  const std::string& t = n.scalar;
  if (t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
      std::isdigit(static_cast<unsigned char>(t[1])) &&
      std::isdigit(static_cast<unsigned char>(t[3])) &&
      std::isdigit(static_cast<unsigned char>(t[4]))) {
    const int minutes = std::stoi(t.substr(3));
    const double h = std::stoi(t.substr(0, 2)) + minutes / 60.0;
    if (h > 24 || minutes > 59)
      fail(n, path, "expected a time of day from 00:00 to 24:00, got " + echo(t));
    return {h, kTimeOfDayUnit};
  }
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || !std::isfinite(v))
    fail(n, path, "expected a number with the key's unit, such as 1d, 9/h or 0.4, got " + echo(t));
  std::string unit(end);
  while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
  return {v, unit};
}

bool whole(double v) {
  return std::floor(v) == v && std::fabs(v) < 1e15;
}

}  // namespace

void Loader::uncertain(const YamlNode& n, const YamlNode& root) {
  if (!n.is_mapping()) fail(n, "uncertain", "expected a mapping of inputs by name");
  for (const YamlNode::Entry& e : n.entries) {
    if (e.value.is_null()) continue;  // `name: ~` in a variant drops an inherited input
    const Section s(e.value, join("uncertain", e.key), schema("uncertain"));
    check_key_id(e, s.path());
    if (e.key.size() > kMaxUncertainName)
      throw SourceError(e.value.file, e.key_mark, s.path(),
                        "an input's name is at most " + std::to_string(kMaxUncertainName) +
                            " characters (it names a column and a chart bar)");
    UncertainInput in;
    in.name = e.key;
    in.file = e.value.file;
    in.mark = e.value.mark;
    const YamlNode& keys = s.required("key");
    in.key_at = keys.mark;
    if (keys.is_sequence()) {
      if (keys.items.empty() || keys.items.size() > 100)
        fail(keys, s.at("key"), "expected from 1 to 100 key paths");
      for (std::size_t i = 0; i < keys.items.size(); ++i) {
        const YamlNode& k = keys.items[i];
        if (!k.is_scalar()) fail(k, item(s.at("key"), i), "expected a key path");
        in.keys.push_back(k.scalar);
      }
    } else {
      in.keys.push_back(s.string("key"));
    }
    for (const std::string& k : in.keys) {
      if (k.empty()) fail(keys, s.at("key"), "expected a key path");
      for (const char* setting : {"seed", "replications", "horizon", "warmup", "start"})
        if (k == setting)
          fail(keys, s.at("key"),
               "'" + k +
                   "' is a run setting, not an input: explore runs every point with the "
                   "base's (set it with --" +
                   (k == "start" ? std::string("horizon") : k) + " or in the file)");
      if (k == "uncertain" || k.rfind("uncertain.", 0) == 0 || k.rfind("uncertain[", 0) == 0)
        fail(keys, s.at("key"), "an uncertain input cannot set the `uncertain` section");
      in.key += (in.key.empty() ? "" : ", ") + k;
    }
    if (s.has("source")) in.source = s.string("source");
    if (s.has("why")) in.why = s.string("why");
    if (in.source.empty() && in.why.empty())
      fail(e.value, s.path(),
           "say where the range comes from (`source`: an id of docs/sources.md) or why it is "
           "assumed (`why`)");
    const bool range = s.has("low") || s.has("high"), values = s.has("values");
    if (range == values)
      fail(range ? *s.raw("values") : e.value, range ? s.at("values") : s.path(),
           range ? "give a range (`low`, `high`) or `values`, not both"
                 : "expected a range (`low` and `high`) or alternatives (`values`)");
    if (values) {
      in.kind = UncertainInput::Kind::Values;
      for (const char* k : {"distribution", "mode", "integer"})
        if (s.has(k)) fail(*s.raw(k), s.at(k), std::string("`") + k + "` applies to a range only");
      const YamlNode& v = *s.raw("values");
      if (v.is_mapping()) {
        for (const YamlNode::Entry& a : v.entries) {
          if (a.key.size() > kMaxUncertainName)
            throw SourceError(
                a.value.file, a.key_mark, join(s.at("values"), a.key),
                "a label is at most " + std::to_string(kMaxUncertainName) + " characters");
          in.labels.push_back(a.key);
          in.values.push_back(a.value);
        }
      } else if (v.is_sequence()) {
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          in.labels.push_back(std::to_string(i + 1));
          in.values.push_back(v.items[i]);
        }
      } else {
        fail(v, s.at("values"),
             "expected alternatives: a mapping of YAML fragments by label, or a list of them");
      }
      if (in.values.size() < 2) fail(v, s.at("values"), "expected at least two alternatives");
      if (in.values.size() > kMaxUncertainValues)
        fail(v, s.at("values"), "at most " + std::to_string(kMaxUncertainValues) + " alternatives");
      sc.uncertain.push_back(std::move(in));
      continue;
    }
    if (!s.has("low") || !s.has("high"))
      fail(e.value, s.at(s.has("low") ? "high" : "low"), "a range needs both `low` and `high`");
    auto [lo, lo_unit] = number_and_unit(*s.raw("low"), s.at("low"));
    auto [hi, hi_unit] = number_and_unit(*s.raw("high"), s.at("high"));
    if (lo_unit != hi_unit)
      fail(*s.raw("high"), s.at("high"),
           "expected the unit of `low` (" + echo(lo_unit.empty() ? "none" : lo_unit) + "), got " +
               echo(hi_unit.empty() ? "none" : hi_unit));
    if (!(lo <= hi)) fail(*s.raw("low"), s.at("low"), "the low end is above the high end");
    in.low_at = s.raw("low")->mark;
    in.high_at = s.raw("high")->mark;
    in.low = lo;
    in.high = hi;
    in.unit = lo_unit;
    in.dist = static_cast<UncertainInput::Dist>(s.choice("distribution").code);
    if (in.dist == UncertainInput::Dist::LogUniform && !(lo > 0))
      fail(*s.raw("low"), s.at("low"), "a log-uniform range needs a low end above zero");
    if (in.dist == UncertainInput::Dist::Triangular) {
      if (!s.has("mode"))
        fail(e.value, s.at("mode"), "a triangular range needs its most likely value, `mode`");
      auto [m, m_unit] = number_and_unit(*s.raw("mode"), s.at("mode"));
      if (m_unit != lo_unit) fail(*s.raw("mode"), s.at("mode"), "expected the unit of `low`");
      if (!(m >= lo && m <= hi))
        fail(*s.raw("mode"), s.at("mode"), "expected a value in the range");
      in.mode = m;
    } else if (s.has("mode")) {
      fail(*s.raw("mode"), s.at("mode"), "`mode` applies to a triangular range only");
    }
    // Whole ends without a unit are a count when the scenario's own value is one (servers: 3),
    // or, with no value written, when they span more than 0 to 1 (a share from 0 to 1 is not).
    const YamlNode* own = find_in_tree(root, in.keys.front());
    const bool count = own && own->is_scalar() && !own->scalar.empty() &&
                       own->scalar.find_first_not_of("0123456789") == std::string::npos;
    in.integer = s.has("integer")
                     ? s.boolean("integer")
                     : whole(lo) && whole(hi) && lo_unit.empty() && (own ? count : hi - lo >= 2);
    if (in.integer && (!whole(lo) || !whole(hi)))
      fail(*s.raw("low"), s.at("low"), "an integer range needs whole ends");
    if (in.integer && in.unit == kTimeOfDayUnit)
      fail(*s.raw("integer"), s.at("integer"), "a time of day is not a whole number");
    sc.uncertain.push_back(std::move(in));
  }
}

}  // namespace models::detail

namespace models {

void check_uncertain(const YamlNode& merged, const Scenario& sc, const std::string& only_file) {
  YamlNode base = merged;
  for (auto it = base.entries.begin(); it != base.entries.end(); ++it)
    if (it->key == "uncertain") {
      base.entries.erase(it);
      break;
    }
  for (const UncertainInput& in : sc.uncertain) {
    if (!only_file.empty() && in.file != only_file) continue;
    const std::string at = "uncertain." + in.name;
    auto attempt = [&](YamlNode value, const std::string& which) {
      YamlNode t = base;
      try {
        set_uncertain(t, in, std::move(value));
        (void)load_scenario_tree(t, sc.file, std::string());
      } catch (const SourceError& e) {
        throw SourceError(e.file(), e.mark(), e.key_path(),
                          e.message() + " (with " + at + " at " + which + ")");
      }
    };
    if (in.kind == UncertainInput::Kind::Values) {
      for (std::size_t i = 0; i < in.values.size(); ++i)
        attempt(in.values[i], "'" + in.labels[i] + "'");
    } else {
      YamlNode low = range_node(in, in.low), high = range_node(in, in.high);
      low.mark = in.low_at;
      high.mark = in.high_at;
      attempt(low, "its low end");
      if (in.high != in.low) attempt(high, "its high end");
    }
  }
}

std::vector<std::string> uncertain_problems(const Scenario& sc) {
  std::vector<std::string> out;
  if (!sc.resolved) return out;
  for (const UncertainInput& in : sc.uncertain) {
    Scenario one = sc;
    one.uncertain = {in};
    try {
      check_uncertain(*sc.resolved, one);
    } catch (const SourceError& e) {
      out.push_back(e.what());
    }
  }
  return out;
}

}  // namespace models
