// Entry points: a file (or text, or an edited tree) to a Scenario. Resolves `extends` (variants
// merged onto their bases), then reads the top level, cargo, legs and outputs here; gate sides
// and crossings in loader_sides.cpp, flows and rail in loader_flows.cpp, the typed reader they
// share in loader_section.cpp.
#include "models/loader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "models/loader_parts.hpp"
#include "models/overrides.hpp"
#include "models/uncertain.hpp"
#include "sim/time.hpp"

namespace models {

namespace detail {

void Loader::cargo(const YamlNode& n) {
  if (!n.is_mapping() || n.entries.empty())
    fail(n, "cargo", "expected a mapping of cargo classes by id (at least one)");
  for (const YamlNode::Entry& e : n.entries) {
    std::string path = "cargo." + e.key;
    check_key_id(e, path);
    Section s(e.value, path, schema("cargo"));
    Cargo c;
    c.id = e.key;
    read_params(s, c);
    if (c.perishable && !s.has("shelf_life"))
      fail(e.value, s.at("shelf_life"), "missing required key 'shelf_life' for perishable cargo");
    if (s.has("shelf_life")) c.shelf_life_s = s.duration("shelf_life");
    units::Money m = s.money("value");
    c.value = m.amount;
    c.currency = m.currency;
    c.value_reporting = to_reporting(s, "value", m);
    c.priority_level =
        s.has("priority_level") ? s.count("priority_level") : (c.priority_eligible ? 0 : 1);
    sc.cargo.push_back(c);
    cargo_names.push_back(e.key);
  }
}

std::vector<bool> Loader::cargo_set(const Section& s, const char* key) {
  std::vector<bool> set(sc.cargo.size(), !s.has(key));
  if (!s.has(key)) return set;
  for (auto& [name, node] : s.ids(key))
    set[resolve(cargo_names, name, *node, s.at(key), "cargo class")] = true;
  return set;
}

void Loader::legs(const YamlNode& n) {
  read_by_id(n, "legs", "leg", "legs", false, [&](const YamlNode::Entry& e, const Section& s) {
    Leg leg;
    leg.id = e.key;
    read_params(s, leg);
    leg_network(s, leg);
    sc.legs.push_back(std::move(leg));
    leg_names.push_back(e.key);
  });
}

void Loader::check_flow_count(std::size_t count, const YamlNode& at) const {
  if (count > kMaxFlows)
    fail(at, "flows", "at most " + std::to_string(kMaxFlows) + " flows and rail services together");
}

void Loader::top(const YamlNode& root, const std::string& base_dir) {
  Section s(root, "", schema("scenario"));
  read_params(s, sc);
  const Zone z = s.zone("time_zone");
  std::string start = s.string("start");
  if (start.size() != 16 || start[10] != ' ')
    fail(*s.raw("start"), "start", "expected 'YYYY-MM-DD HH:MM', got " + echo(start));
  parsed_at(*s.raw("start"), "start", "'YYYY-MM-DD HH:MM'", [&](const std::string& text) {
    sc.start_day = units::date(text.substr(0, 10));         // located by parsed_at
    sc.start_time_s = units::time_of_day(text.substr(11));  // located by parsed_at
    sc.utc_offset_s = zone_offset_local(z, sc.start_day * sim::kDay + sc.start_time_s);
    return 0;
  });
  sc.zone = z.text;
  const YamlNode& zone_at = s.raw("time_zone") ? *s.raw("time_zone") : root;
  sc.zones.push_back(ZoneUse{z, zone_at.file, zone_at.mark, s.at("time_zone")});
  if (sc.warmup_s >= sc.horizon_s)
    fail(s.raw("warmup") ? *s.raw("warmup") : root, "warmup",
         "the warm-up must end before the horizon");
  money(s);
  cargo(s.required("cargo"));
  gate_sides(s.required("gate_sides"));
  if (s.has("places")) places(*s.raw("places"));
  if (s.has("crossings")) crossings(*s.raw("crossings"));
  if (s.has("legs")) legs(*s.raw("legs"));
  if (s.has("flows")) flows(*s.raw("flows"), base_dir);
  if (s.has("rail")) rail(*s.raw("rail"));
  if (s.has("notices")) notices(*s.raw("notices"));
  // Counted once both are read (rail comes after flows); flows() also checks its own count
  // before reading any, so thousands of flows are refused before they cost work.
  check_flow_count(sc.flows.size() + sc.rail.size(), s.has("flows") ? *s.raw("flows") : root);
  const Section o = s.section_or_defaults("outputs", schema("outputs"));
  read_params(o, sc.outputs);
  if (const double step = sc.outputs.timeseries_step_s; step > 0) {
    const YamlNode& at = o.raw("timeseries_step") ? *o.raw("timeseries_step") : root;
    if (step < kMinTimeseriesStep_s)
      fail(at, o.at("timeseries_step"), "must be 0s (none) or at least 1s");
    if (sc.horizon_s / step > kMaxTimeseriesRows)
      fail(at, o.at("timeseries_step"),
           "gives " + std::to_string(static_cast<long long>(sc.horizon_s / step)) +
               " rows per replication over the horizon, more than " +
               std::to_string(static_cast<long long>(kMaxTimeseriesRows)) + "; use a longer step");
  }
  if (s.has("targets")) targets(*s.raw("targets"));
  if (s.has("initial_state")) initial_state(*s.raw("initial_state"), base_dir);
  // `uncertain: ~` in a file that extends another drops every inherited input.
  if (s.has("uncertain") && !s.raw("uncertain")->is_null()) uncertain(*s.raw("uncertain"), root);
  if (s.has("optimise") && !s.raw("optimise")->is_null()) optimise(*s.raw("optimise"));
  if (sc.flows.empty() && sc.rail.empty())
    fail(root, "flows", "the scenario has no flows and no rail services: nothing arrives");
  check_zone_offsets(sc);
}

namespace {
bool currency_code(const std::string& c) {
  if (c.size() != 3) return false;
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') return false;
  return true;
}
}  // namespace

void Loader::money(const Section& top) {
  if (!currency_code(sc.currency))
    fail(*top.raw("currency"), top.at("currency"),
         "expected a currency code of three capital letters such as USD, got " + echo(sc.currency));
  if (!top.has("exchange_rates")) return;
  const YamlNode& m = top.mapping("exchange_rates");
  for (const YamlNode::Entry& e : m.entries) {
    const std::string at = join(top.at("exchange_rates"), e.key);
    if (!currency_code(e.key))
      fail(e.value, at, "expected a currency code of three capital letters, got " + echo(e.key));
    if (e.key == sc.currency) fail(e.value, at, "the reporting currency needs no rate (it is 1)");
    if (!e.value.is_scalar()) fail(e.value, at, "expected a number: units per 1 " + sc.currency);
    const double v = real_at(e.value, at);
    if (!(v > 0) || !std::isfinite(v))
      fail(e.value, at, "a rate must be a positive number, got " + echo(e.value.scalar));
    sc.exchange_rates.emplace_back(e.key, v);
  }
}

double Loader::to_reporting(const Section& s, const char* key, const units::Money& m) const {
  if (m.currency == sc.currency) return m.amount;
  for (const auto& [code, rate] : sc.exchange_rates)
    if (code == m.currency) return m.amount / rate;
  fail(s.raw(key) ? *s.raw(key) : s.node(), s.at(key),
       "no exchange rate for " + m.currency + ": the results are in " + sc.currency +
           "; state the rate the scenario assumes, e.g. exchange_rates: {" + m.currency +
           ": <units per 1 " + sc.currency + ">}");
}

int Loader::zone(const Section& s, const char* key, std::string* text) {
  const Zone z = s.zone(key);
  const YamlNode& at = s.raw(key) ? *s.raw(key) : s.node();
  sc.zones.push_back(ZoneUse{z, at.file, at.mark, s.at(key)});
  if (text) *text = z.text;
  return zone_offset_at(z, sc.epoch_s());
}

}  // namespace detail

namespace {

namespace fs = std::filesystem;
using detail::fail;

bool list_of_ids(const YamlNode& n) {
  if (!n.is_sequence() || n.items.empty()) return false;
  for (const YamlNode& it : n.items) {
    const YamlNode* id = it.is_mapping() ? it.find("id") : nullptr;
    if (!id || !id->is_scalar()) return false;
  }
  return true;
}

// Overlays `over` onto `base`: mappings merge key by key (recursively); lists whose items all
// carry an `id` (stages) merge item by item on that id, new ids appended; anything else replaces.
void merge(YamlNode& base, const YamlNode& over) {
  if (list_of_ids(base) && list_of_ids(over)) {
    for (const YamlNode& item : over.items) {
      bool found = false;
      for (YamlNode& b : base.items)
        if (b.find("id")->scalar == item.find("id")->scalar) {
          merge(b, item);
          found = true;
          break;
        }
      if (!found) base.items.push_back(item);
    }
    return;
  }
  if (!base.is_mapping() || !over.is_mapping()) {
    base = over;
    return;
  }
  for (const YamlNode::Entry& e : over.entries) {
    if (e.key == "extends") continue;
    bool found = false;
    for (YamlNode::Entry& b : base.entries)
      if (b.key == e.key) {
        merge(b.value, e.value);
        found = true;
        break;
      }
    if (!found) base.entries.push_back(e);
  }
}

// The key `extends` resolution remembers a file by: its canonical path, or the path as written
// when it cannot be made canonical (the error then comes from reading it).
std::string file_key(const std::string& file) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::path(file), ec);
  return ec ? file : p.string();
}

YamlNode resolve_extends(YamlNode tree, const std::string& file, std::set<std::string>& seen) {
  if (!tree.is_mapping())
    fail(tree, "",
         std::string("expected a mapping of scenario keys at the top, got ") + tree.kind_name());
  const YamlNode* ext = tree.find("extends");
  if (!ext) return tree;
  if (!ext->is_scalar()) fail(*ext, "extends", "expected a file name");
  fs::path base = fs::path(file).parent_path() / ext->scalar;
  const std::string key = file_key(base.string());
  if (seen.count(key)) fail(*ext, "extends", "circular 'extends' through " + echo(ext->scalar));
  seen.insert(key);
  std::string text;
  try {
    text = read_text_file(base.string(), kMaxYamlBytes);
  } catch (const FileError& e) {  // located at the `extends` that names the file
    fail(*ext, "extends", "cannot open base scenario " + echo(ext->scalar) + ": " + e.reason());
  }
  YamlNode merged = resolve_extends(parse_yaml(text, base.string()), base.string(), seen);
  merged.sources.insert(merged.sources.begin(), {base.string(), text});
  merge(merged, tree);
  for (auto it = merged.entries.begin(); it != merged.entries.end(); ++it)
    if (it->key == "extends") {
      merged.entries.erase(it);
      break;
    }
  return merged;
}

Scenario build(const YamlNode& tree, const std::string& file, std::string text) {
  detail::Loader l;
  l.sc.file = file;
  l.sc.yaml = std::move(text);
  std::set<std::string> seen{file_key(file)};
  YamlNode merged = resolve_extends(tree, file, seen);
  l.top(merged, fs::path(file).parent_path().string());
  // The inputs this file declares are checked as it is read; those it inherits were checked with
  // their own file, and may not apply to this one (validate says so; explore refuses it).
  if (!l.sc.uncertain.empty()) check_uncertain(merged, l.sc, file);
  l.sc.chain = std::move(merged.sources);
  l.sc.resolved = std::make_shared<const YamlNode>(std::move(merged));
  return std::move(l.sc);
}

}  // namespace

long Scenario::local_day(double t, int offset_s) const {
  return static_cast<long>(std::floor((epoch_s() + t + offset_s) / sim::kDay));
}

std::string resolved_as_run(const Scenario& sc) {
  YamlNode t = sc.resolved ? *sc.resolved : YamlNode{};
  t.kind = YamlNode::Kind::Mapping;  // (a scenario not read from YAML has no tree)
  const auto seconds = [](double s) { return fmt::format("{:.17g}s", s); };
  set_in_tree(t, "seed", std::to_string(sc.seed), "run");
  set_in_tree(t, "replications", std::to_string(sc.replications), "run");
  set_in_tree(t, "horizon", seconds(sc.horizon_s), "run");
  set_in_tree(t, "warmup", seconds(sc.warmup_s), "run");
  return emit_yaml(t);
}

YamlNode load_merged_tree(const std::string& path) {
  std::set<std::string> seen{file_key(path)};
  return resolve_extends(load_yaml_file(path), path, seen);
}

void check_zone_offsets(const Scenario& sc) {
  const double from = sc.epoch_s(), to = from + sc.horizon_s;
  for (const ZoneUse& u : sc.zones)
    if (const auto c = zone_change(u.zone, from, to)) {
      const double local = c->utc_s + c->before_s;
      throw SourceError(
          u.file, u.mark, u.key,
          u.zone.text + " changes from " + offset_text(c->before_s) + " to " +
              offset_text(c->after_s) + " on " +
              units::format_date(static_cast<long>(std::floor(local / sim::kDay))) +
              " (local time), within the horizon: the model keeps one UTC offset per place, so "
              "end the horizon before the change or write the offset (" +
              offset_text(c->before_s) + ")");
    }
}

YamlNode load_merged_tree_text(const std::string& text, const std::string& file) {
  std::set<std::string> seen{file_key(file)};
  return resolve_extends(parse_yaml(text, file), file, seen);
}

Scenario load_scenario_tree(const YamlNode& merged, const std::string& file, std::string text) {
  return build(merged, file, std::move(text));
}

Scenario load_scenario(const std::string& path) {
  return load_scenario_text(read_text_file(path, kMaxYamlBytes), path);
}

Scenario load_scenario_text(const std::string& text, const std::string& file) {
  return build(parse_yaml(text, file), file, text);
}

}  // namespace models
