#include "models/loader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "models/schema.hpp"
#include "models/suggest.hpp"
#include "models/units.hpp"

namespace models {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const YamlNode& n, const std::string& path, const std::string& msg) {
  throw SourceError(n.file, n.mark, path, msg);
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string article(const std::string& word) {
  return (std::string("aeiou").find(word.empty() ? 'x' : word[0]) != std::string::npos ? "an " : "a ") + word;
}

std::string quoted_list(const std::vector<std::string>& xs) {
  std::string s;
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + xs[i];
  return s;
}

// ---- scalar parsers: text -> value, std::invalid_argument with "expected ..." otherwise -------

double parse_real(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    throw std::invalid_argument("expected a number, got '" + s + "'");
  return v;
}

long long parse_integer(const std::string& s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    throw std::invalid_argument("expected a whole number, got '" + s + "'");
  return v;
}

bool parse_bool(const std::string& s) {
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  throw std::invalid_argument("expected true or false, got '" + s + "'");
}

void check_id(const std::string& s) {
  bool ok = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok)
    throw std::invalid_argument("expected an id (letters, digits and '_', not starting with a digit), got '" +
                                s + "'");
}

bool in_range(double v, const std::string& range) {
  if (range.empty()) return true;
  if (range == "> 0") return v > 0;
  if (range == ">= 0") return v >= 0;
  if (range == ">= 1") return v >= 1;
  if (range == "[0, 1]") return v >= 0 && v <= 1;
  return true;
}

std::string range_words(const std::string& range) {
  if (range == "> 0") return "greater than zero";
  if (range == ">= 0") return "zero or more";
  if (range == ">= 1") return "at least 1";
  if (range == "[0, 1]") return "between 0 and 1";
  return range;
}

// ---- a mapping read through its schema ------------------------------------------------------

class Section {
 public:
  Section(const YamlNode& node, std::string path, const SectionSchema& schema)
      : node_(node), path_(std::move(path)), schema_(schema) {
    if (!node.is_mapping())
      fail(node, path_, std::string("expected a mapping (") + schema.doc + "), got " + node.kind_name());
    const auto keys = schema.keys();
    for (const YamlNode::Entry& e : node.entries) {
      if (schema.find(e.key)) continue;
      std::string hint = closest(e.key, keys);
      throw SourceError(e.value.file, e.key_mark, join(path_, e.key),
                        "unknown key" + (hint.empty() ? std::string(" (expected one of: ") +
                                                             quoted_list(keys) + ")"
                                                       : "; did you mean '" + hint + "'?"));
    }
  }

  const std::string& path() const { return path_; }
  const YamlNode& node() const { return node_; }
  std::string at(const std::string& key) const { return join(path_, key); }
  bool has(const char* key) const {
    declared(key);
    const YamlNode* n = node_.find(key);
    return n && !n->is_null();
  }
  const YamlNode* raw(const char* key) const {
    declared(key);
    const YamlNode* n = node_.find(key);
    return n && !n->is_null() ? n : nullptr;
  }
  const YamlNode& required(const char* key) const {
    const YamlNode* n = raw(key);
    if (!n) fail(node_, at(key), "missing required key '" + std::string(key) + "'");
    return *n;
  }

  // Reads a scalar through `parse`, applying the declared default and range.
  template <class T, class Parse>
  T scalar(const char* key, Parse parse) const {
    const Field& f = declared(key);
    const YamlNode* n = raw(key);
    if (!n) {
      if (f.default_value == nullptr) fail(node_, at(key), "missing required key '" + std::string(key) + "'");
      return parse(std::string(f.default_value));
    }
    if (!n->is_scalar()) fail(*n, at(key), std::string("expected ") + f.type + ", got " + n->kind_name());
    T v;
    try {
      v = parse(n->scalar);
    } catch (const std::invalid_argument& e) {
      fail(*n, at(key), e.what());
    }
    if constexpr (std::is_arithmetic_v<T>) {
      if (!in_range(static_cast<double>(v), f.range))
        fail(*n, at(key), "must be " + range_words(f.range) + ", got '" + n->scalar + "'");
    }
    return v;
  }

  double duration(const char* key) const { return scalar<double>(key, [](const std::string& s) { return units::duration(s); }); }
  double rate(const char* key) const { return scalar<double>(key, [](const std::string& s) { return units::rate(s); }); }
  double mass(const char* key) const { return scalar<double>(key, [](const std::string& s) { return units::mass(s); }); }
  double real(const char* key) const { return scalar<double>(key, parse_real); }
  double probability(const char* key) const { return scalar<double>(key, parse_real); }
  long long integer(const char* key) const { return scalar<long long>(key, parse_integer); }
  bool boolean(const char* key) const { return scalar<bool>(key, parse_bool); }
  double time(const char* key) const { return scalar<double>(key, [](const std::string& s) { return units::time_of_day(s); }); }
  long date(const char* key) const { return scalar<long>(key, [](const std::string& s) { return units::date(s); }); }
  int zone(const char* key) const { return scalar<int>(key, [](const std::string& s) { return units::utc_offset(s); }); }
  std::string string(const char* key) const { return scalar<std::string>(key, [](const std::string& s) { return s; }); }
  std::string id(const char* key) const {
    return scalar<std::string>(key, [](const std::string& s) { check_id(s); return s; });
  }
  units::Money money(const char* key) const {
    const Field& f = declared(key);
    units::Money m = scalar<units::Money>(key, [](const std::string& s) { return units::money(s); });
    if (!in_range(m.amount, f.range))
      fail(raw(key) ? *raw(key) : node_, at(key),
           "must be " + range_words(f.range) + ", got '" + (raw(key) ? raw(key)->scalar : std::string()) + "'");
    return m;
  }
  const YamlNode& list(const char* key) const {
    const YamlNode& n = required(key);
    if (!n.is_sequence()) fail(n, at(key), std::string("expected a list, got ") + n.kind_name());
    return n;
  }
  const YamlNode& mapping(const char* key) const {
    const YamlNode& n = required(key);
    if (!n.is_mapping()) fail(n, at(key), std::string("expected a mapping, got ") + n.kind_name());
    return n;
  }
  std::vector<std::pair<std::string, const YamlNode*>> ids(const char* key) const {
    const YamlNode& n = list(key);
    std::vector<std::pair<std::string, const YamlNode*>> out;
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const YamlNode& it = n.items[i];
      std::string p = at(key) + "[" + std::to_string(i) + "]";
      if (!it.is_scalar()) fail(it, p, std::string("expected an id, got ") + it.kind_name());
      try {
        check_id(it.scalar);
      } catch (const std::invalid_argument& e) {
        fail(it, p, e.what());
      }
      out.emplace_back(it.scalar, &it);
    }
    return out;
  }

 private:
  const Field& declared(const char* key) const {
    const Field* f = schema_.find(key);
    if (!f) throw std::logic_error(std::string("schema for ") + schema_.path + " lacks " + key);
    return *f;
  }
  const YamlNode& node_;
  std::string path_;
  const SectionSchema& schema_;
};

// ---- distributions --------------------------------------------------------------------------

sim::Distribution read_distribution(const YamlNode& n, const std::string& path) {
  if (n.is_scalar()) {
    try {
      double v = units::duration(n.scalar);
      if (v < 0) fail(n, path, "a duration must not be negative");
      return sim::Distribution::deterministic(v);
    } catch (const std::invalid_argument&) {
      fail(n, path, "expected a duration such as '12min' or a mapping with 'dist', got '" + n.scalar + "'");
    }
  }
  Section s(n, path, schema("distribution"));
  const std::string kind = s.string("dist");
  static const std::map<std::string, std::vector<std::string>> params = {
      {"deterministic", {"value"}},      {"exponential", {"mean"}},
      {"uniform", {"min", "max"}},       {"triangular", {"min", "mode", "max"}},
      {"lognormal", {"mean", "cv"}},     {"gamma", {"mean", "cv"}},
      {"erlang", {"mean", "k"}},         {"weibull", {"shape", "scale"}},
      {"empirical", {"points"}}};
  auto it = params.find(kind);
  if (it == params.end()) {
    std::vector<std::string> names;
    for (const auto& [k, v] : params) names.push_back(k);
    std::string hint = closest(kind, names);
    fail(*s.raw("dist"), s.at("dist"),
         "unknown distribution '" + kind + "'" +
             (hint.empty() ? " (expected one of: " + quoted_list(names) + ")" : "; did you mean '" + hint + "'?"));
  }
  for (const YamlNode::Entry& e : n.entries) {
    if (e.key == "dist") continue;
    if (std::find(it->second.begin(), it->second.end(), e.key) == it->second.end())
      throw SourceError(e.value.file, e.key_mark, s.at(e.key),
                        "does not apply to " + article(kind) + " distribution (it takes: " + quoted_list(it->second) + ")");
  }
  for (const std::string& p : it->second)
    if (!s.has(p.c_str())) fail(n, s.at(p), "missing key '" + p + "' for " + article(kind) + " distribution");
  try {
    if (kind == "deterministic") return sim::Distribution::deterministic(s.duration("value"));
    if (kind == "exponential") return sim::Distribution::exponential(s.duration("mean"));
    if (kind == "uniform") return sim::Distribution::uniform(s.duration("min"), s.duration("max"));
    if (kind == "triangular")
      return sim::Distribution::triangular(s.duration("min"), s.duration("mode"), s.duration("max"));
    if (kind == "lognormal") return sim::Distribution::lognormal(s.duration("mean"), s.real("cv"));
    if (kind == "gamma") return sim::Distribution::gamma(s.duration("mean"), s.real("cv"));
    if (kind == "erlang")
      return sim::Distribution::erlang(s.duration("mean"), static_cast<int>(s.integer("k")));
    if (kind == "weibull") return sim::Distribution::weibull(s.real("shape"), s.duration("scale"));
    // empirical
    const YamlNode& pts = s.list("points");
    std::vector<double> xs, fs;
    for (std::size_t i = 0; i < pts.items.size(); ++i) {
      const YamlNode& p = pts.items[i];
      std::string pp = s.at("points") + "[" + std::to_string(i) + "]";
      if (!p.is_sequence() || p.items.size() != 2 || !p.items[0].is_scalar() || !p.items[1].is_scalar())
        fail(p, pp, "expected a pair [duration, cumulative probability]");
      try {
        xs.push_back(units::duration(p.items[0].scalar));
        fs.push_back(parse_real(p.items[1].scalar));
      } catch (const std::invalid_argument& e) {
        fail(p, pp, e.what());
      }
    }
    return sim::Distribution::empirical(xs, fs);
  } catch (const std::invalid_argument& e) {
    fail(n, path, std::string("invalid ") + kind + " distribution: " + e.what());
  }
}

sim::Distribution distribution_or(const Section& s, const char* key, const char* default_duration) {
  const YamlNode* n = s.raw(key);
  if (n) return read_distribution(*n, s.at(key));
  return sim::Distribution::deterministic(units::duration(default_duration));
}

// ---- references and shares --------------------------------------------------------------

std::size_t resolve(const std::vector<std::string>& names, const std::string& name, const YamlNode& at,
                    const std::string& path, const char* what) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string hint = closest(name, names);
  fail(at, path, std::string("unknown ") + what + " '" + name + "'" +
                     (hint.empty() ? (names.empty() ? std::string(" (none is defined)")
                                                    : " (defined: " + quoted_list(names) + ")")
                                   : "; did you mean '" + hint + "'?"));
}

// A mapping id -> share over `names`, summing to 1.
std::vector<double> shares(const YamlNode& n, const std::string& path,
                           const std::vector<std::string>& names, const char* what) {
  if (!n.is_mapping()) fail(n, path, std::string("expected a mapping of ") + what + " to shares");
  std::vector<double> out(names.size(), 0.0);
  double sum = 0;
  for (const YamlNode::Entry& e : n.entries) {
    std::size_t i = resolve(names, e.key, e.value, join(path, e.key), what);
    if (!e.value.is_scalar()) fail(e.value, join(path, e.key), "expected a share between 0 and 1");
    double v;
    try {
      v = parse_real(e.value.scalar);
    } catch (const std::invalid_argument& ex) {
      fail(e.value, join(path, e.key), ex.what());
    }
    if (v < 0 || v > 1) fail(e.value, join(path, e.key), "a share must be between 0 and 1, got '" + e.value.scalar + "'");
    out[i] = v;
    sum += v;
  }
  if (std::abs(sum - 1.0) > 1e-9) {
    std::ostringstream os;
    os << "shares must sum to 1, they sum to " << sum;
    fail(n, path, os.str());
  }
  return out;
}

std::vector<double> weights(const YamlNode& n, const std::string& path, std::size_t count, const char* what) {
  if (!n.is_sequence() || n.items.size() != count)
    fail(n, path, "expected a list of " + std::to_string(count) + " " + what);
  std::vector<double> w;
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const YamlNode& it = n.items[i];
    std::string p = path + "[" + std::to_string(i) + "]";
    if (!it.is_scalar()) fail(it, p, "expected a number");
    double v;
    try {
      v = parse_real(it.scalar);
    } catch (const std::invalid_argument& e) {
      fail(it, p, e.what());
    }
    if (v < 0) fail(it, p, "a weight must be zero or more");
    w.push_back(v);
    sum += v;
  }
  if (sum <= 0) fail(n, path, "weights must not all be zero");
  for (double& v : w) v *= static_cast<double>(count) / sum;  // mean 1
  return w;
}

template <class T, class GetRange>
void check_no_overlap(const std::vector<T>& xs, GetRange range, const std::vector<const YamlNode*>& nodes,
                      const std::string& path) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const DateRange a = range(xs[i]), b = range(xs[j]);
      if (a.from <= b.to && b.from <= a.to)
        fail(*nodes[i], path + "[" + std::to_string(i) + "]",
             "date range " + units::format_date(a.from) + " to " + units::format_date(a.to) +
                 " overlaps entry " + std::to_string(j) + " (" + units::format_date(b.from) + " to " +
                 units::format_date(b.to) + ")");
    }
}

DateRange read_range(const Section& s) {
  DateRange r{s.date("from"), s.date("to")};
  if (r.to < r.from) fail(*s.raw("to"), s.at("to"), "the range ends before it starts");
  return r;
}

Hours read_hours(const Section& s) {
  Hours h{s.time("open"), s.time("close")};
  if (h.close_s == h.open_s) fail(*s.raw("close"), s.at("close"), "opening hours that never open: close equals open");
  if (h.close_s < h.open_s)
    fail(*s.raw("close"), s.at("close"), "closing time must be after the opening time (hours past midnight are not supported)");
  return h;
}

// Reads a list of sections that each cover a date range (closures, extended hours, seasons);
// `make` builds an item from its section. The ranges must not overlap.
template <class T, class Make>
std::vector<T> read_dated_list(const Section& s, const char* key, const char* section, Make make) {
  std::vector<T> out;
  if (!s.has(key)) return out;
  const YamlNode& l = s.list(key);
  std::vector<const YamlNode*> nodes;
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    Section x(l.items[i], s.at(key) + "[" + std::to_string(i) + "]", schema(section));
    out.push_back(make(x));
    nodes.push_back(&l.items[i]);
  }
  check_no_overlap(out, [](const T& x) { return x.dates; }, nodes, s.at(key));
  return out;
}

// ---- sections -------------------------------------------------------------------------------

struct Loader {
  Scenario sc;
  std::vector<std::string> cargo_names, side_names, crossing_names, leg_names, flow_names;

  void cargo(const YamlNode& n) {
    if (!n.is_mapping() || n.entries.empty()) fail(n, "cargo", "expected a mapping of cargo classes by id (at least one)");
    for (const YamlNode::Entry& e : n.entries) {
      std::string path = "cargo." + e.key;
      try {
        check_id(e.key);
      } catch (const std::invalid_argument& ex) {
        throw SourceError(e.value.file, e.key_mark, path, ex.what());
      }
      Section s(e.value, path, schema("cargo"));
      Cargo c;
      c.id = e.key;
      c.perishable = s.boolean("perishable");
      if (c.perishable && !s.has("shelf_life")) fail(e.value, s.at("shelf_life"), "missing required key 'shelf_life' for perishable cargo");
      if (s.has("shelf_life")) c.shelf_life_s = s.duration("shelf_life");
      units::Money m = s.money("value");
      c.value = m.amount;
      c.currency = m.currency;
      c.payload_kg = s.mass("payload");
      c.priority_eligible = s.boolean("priority_eligible");
      sc.cargo.push_back(c);
      cargo_names.push_back(e.key);
    }
  }

  std::vector<bool> cargo_set(const Section& s, const char* key) {
    std::vector<bool> set(sc.cargo.size(), !s.has(key));
    if (!s.has(key)) return set;
    for (auto& [name, node] : s.ids(key)) set[resolve(cargo_names, name, *node, s.at(key), "cargo class")] = true;
    return set;
  }

  Stage stage(const YamlNode& n, const std::string& path) {
    Section s(n, path, schema("stage"));
    Stage st;
    st.id = s.id("id");
    st.kind = s.string("kind");
    static const std::vector<std::string> kinds = {"documents", "customs", "inspection", "quarantine",
                                                   "scanner", "weighbridge", "payment", "transshipment"};
    if (std::find(kinds.begin(), kinds.end(), st.kind) == kinds.end()) {
      std::string hint = closest(st.kind, kinds);
      fail(*s.raw("kind"), s.at("kind"), "unknown stage kind '" + st.kind + "'" +
                                             (hint.empty() ? " (expected one of: " + quoted_list(kinds) + ")"
                                                           : "; did you mean '" + hint + "'?"));
    }
    std::string dir = s.string("direction");
    if (dir != "outbound" && dir != "inbound" && dir != "both")
      fail(*s.raw("direction"), s.at("direction"), "expected outbound, inbound or both, got '" + dir + "'");
    st.outbound = dir != "inbound";
    st.inbound = dir != "outbound";
    st.servers = static_cast<int>(s.integer("servers"));
    st.probability = s.probability("probability");
    st.applies_to = cargo_set(s, "applies_to");
    st.all_cargo = !s.has("applies_to");
    st.reject_probability = s.probability("reject_probability");
    st.joinable = s.boolean("joinable");
    st.priority = s.boolean("priority");
    if (s.has("channels")) {
      const YamlNode& ch = s.mapping("channels");
      double sum = 0;
      std::vector<std::string> names;
      for (const YamlNode::Entry& e : ch.entries) {
        Section c(e.value, s.at("channels") + "." + e.key, schema("channel"));
        Channel channel{e.key, c.probability("share"), read_distribution(c.required("service"), c.at("service"))};
        sum += channel.share;
        names.push_back(e.key);
        st.channels.push_back(channel);
      }
      if (st.channels.empty()) fail(ch, s.at("channels"), "expected at least one channel");
      if (std::abs(sum - 1.0) > 1e-9) {
        std::ostringstream os;
        os << "channel shares must sum to 1, they sum to " << sum;
        fail(ch, s.at("channels"), os.str());
      }
      if (s.has("channel_shares_by_cargo")) {
        const YamlNode& by = s.mapping("channel_shares_by_cargo");
        st.channel_shares_by_cargo.assign(sc.cargo.size(), {});
        for (const YamlNode::Entry& e : by.entries) {
          std::size_t c = resolve(cargo_names, e.key, e.value, s.at("channel_shares_by_cargo") + "." + e.key, "cargo class");
          st.channel_shares_by_cargo[c] = shares(e.value, s.at("channel_shares_by_cargo") + "." + e.key, names, "channel");
        }
      }
      if (s.has("service")) fail(*s.raw("service"), s.at("service"), "give the service time per channel, not both");
    } else {
      if (s.has("channel_shares_by_cargo"))
        fail(*s.raw("channel_shares_by_cargo"), s.at("channel_shares_by_cargo"), "needs 'channels'");
      st.service = read_distribution(s.required("service"), s.at("service"));
    }
    st.service_by_cargo.assign(sc.cargo.size(), std::nullopt);
    if (s.has("service_by_cargo")) {
      const YamlNode& by = s.mapping("service_by_cargo");
      for (const YamlNode::Entry& e : by.entries) {
        std::string p = s.at("service_by_cargo") + "." + e.key;
        std::size_t c = resolve(cargo_names, e.key, e.value, p, "cargo class");
        st.service_by_cargo[c] = read_distribution(e.value, p);
      }
    }
    if (s.has("hold")) {
      Section h(*s.raw("hold"), s.at("hold"), schema("hold"));
      st.hold_probability = h.probability("probability");
      st.hold_delay = read_distribution(h.required("delay"), h.at("delay"));
    }
    if (st.hold_probability + st.reject_probability > 1)
      fail(n, path, "hold and reject probabilities together exceed 1");
    if (s.has("lane")) {
      Section l(*s.raw("lane"), s.at("lane"), schema("lane"));
      st.lane.servers = static_cast<int>(l.integer("servers"));
      if (l.has("from") || l.has("to")) {
        DateRange r{l.has("from") ? l.date("from") : -1000000, l.has("to") ? l.date("to") : 1000000};
        if (r.to < r.from) fail(*l.raw("to"), l.at("to"), "the range ends before it starts");
        st.lane.dates = r;
      }
    }
    return st;
  }

  void gate_sides(const YamlNode& n) {
    if (!n.is_mapping() || n.entries.empty()) fail(n, "gate_sides", "expected a mapping of gate sides by id (at least one)");
    for (const YamlNode::Entry& e : n.entries) {
      std::string path = "gate_sides." + e.key;
      Section s(e.value, path, schema("gate_side"));
      GateSide g;
      g.id = e.key;
      g.country = s.string("country");
      g.utc_offset_s = s.zone("time_zone");
      if (s.has("hours")) g.hours = read_hours(Section(*s.raw("hours"), s.at("hours"), schema("hours")));
      g.extended = read_dated_list<ExtendedHours>(s, "extended_hours", "extended_hours", [](const Section& x) {
        return ExtendedHours{read_range(x), read_hours(x)};
      });
      g.closures = read_dated_list<Closure>(s, "closures", "closure", [](const Section& x) {
        return Closure{read_range(x), x.string("reason")};
      });
      g.yard_capacity = static_cast<int>(s.integer("yard"));
      const YamlNode& stages = s.list("stages");
      if (stages.items.empty()) fail(stages, s.at("stages"), "expected at least one stage");
      for (std::size_t i = 0; i < stages.items.size(); ++i) {
        std::string p = s.at("stages") + "[" + std::to_string(i) + "]";
        Stage st = stage(stages.items[i], p);
        for (const Stage& other : g.stages)
          if (other.id == st.id) fail(*stages.items[i].find("id"), p + ".id", "duplicate stage id '" + st.id + "'");
        g.stages.push_back(std::move(st));
      }
      sc.sides.push_back(std::move(g));
      side_names.push_back(e.key);
    }
  }

  void crossings(const YamlNode& n) {
    if (!n.is_mapping()) fail(n, "crossings", "expected a mapping of crossings by id");
    for (const YamlNode::Entry& e : n.entries) {
      Section s(e.value, "crossings." + e.key, schema("crossing"));
      Crossing c;
      c.id = e.key;
      auto sides = s.ids("sides");
      if (sides.size() != 2) fail(*s.raw("sides"), s.at("sides"), "expected two gate sides [export side, import side]");
      c.side_a = resolve(side_names, sides[0].first, *sides[0].second, s.at("sides") + "[0]", "gate side");
      c.side_b = resolve(side_names, sides[1].first, *sides[1].second, s.at("sides") + "[1]", "gate side");
      if (c.side_a == c.side_b) fail(*s.raw("sides"), s.at("sides"), "the two sides must differ");
      std::string mode = s.string("mode");
      if (mode == "sequential") c.mode = CbtaMode::Sequential;
      else if (mode == "single_window") c.mode = CbtaMode::SingleWindow;
      else if (mode == "single_stop") c.mode = CbtaMode::SingleStop;
      else {
        std::string hint = closest(mode, {"sequential", "single_window", "single_stop"});
        fail(*s.raw("mode"), s.at("mode"), "unknown CBTA mode '" + mode + "'" +
                                               (hint.empty() ? " (expected sequential, single_window or single_stop)"
                                                             : "; did you mean '" + hint + "'?"));
      }
      std::string rule = s.string("joint_service");
      if (rule == "max") c.joint_rule = JointRule::Max;
      else if (rule == "sum") c.joint_rule = JointRule::Sum;
      else if (rule == "factor") c.joint_rule = JointRule::Factor;
      else fail(*s.raw("joint_service"), s.at("joint_service"), "expected max, sum or factor, got '" + rule + "'");
      c.joint_factor = s.real("joint_factor");
      c.bridge = distribution_or(s, "bridge", "5min");
      c.accept_per_day = static_cast<double>(s.integer("accept_per_day"));
      if (s.has("transshipment")) {
        Section t(*s.raw("transshipment"), s.at("transshipment"), schema("transshipment"));
        c.transship_share = t.probability("share");
        c.transship_time = read_distribution(t.required("time"), t.at("time"));
        units::Money m = t.money("cost");
        c.transship_cost = m.amount;
        c.transship_currency = m.currency;
        c.transship_bays = static_cast<int>(t.integer("bays"));
      }
      sc.crossings.push_back(c);
      crossing_names.push_back(e.key);
    }
  }

  void legs(const YamlNode& n) {
    if (!n.is_mapping()) fail(n, "legs", "expected a mapping of legs by id");
    for (const YamlNode::Entry& e : n.entries) {
      Section s(e.value, "legs." + e.key, schema("leg"));
      sc.legs.push_back(Leg{e.key, distribution_or(s, "truck", "0s"), distribution_or(s, "train", "0s")});
      leg_names.push_back(e.key);
    }
  }

  ArrivalProcess arrivals(const Section& s, const std::string& base_dir) {
    ArrivalProcess a;
    if (s.has("table")) {
      if (s.has("rate")) fail(*s.raw("rate"), s.at("rate"), "give either 'rate' or 'table', not both");
      std::string file = s.string("table");
      fs::path p = fs::path(file).is_absolute() ? fs::path(file) : fs::path(base_dir) / file;
      std::ifstream in(p);
      if (!in) fail(*s.raw("table"), s.at("table"), "cannot open arrival table '" + p.string() + "'");
      std::string line;
      int lineno = 0;
      while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#' || line == "time") continue;
        if (line.size() != 16 || line[10] != ' ')
          throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"), "expected 'YYYY-MM-DD HH:MM', got '" + line + "'");
        try {
          a.table_s.push_back(sc.sim_time(units::date(line.substr(0, 10)), units::time_of_day(line.substr(11)), sc.utc_offset_s));
        } catch (const std::invalid_argument& ex) {
          throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"), ex.what());
        }
        if (a.table_s.size() > 1 && a.table_s.back() < a.table_s[a.table_s.size() - 2])
          throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"), "arrival times must not go back");
      }
      if (a.table_s.empty()) fail(*s.raw("table"), s.at("table"), "the arrival table has no rows");
      return a;
    }
    a.rate_per_s = s.rate("rate");
    a.hourly = s.has("hourly") ? weights(*s.raw("hourly"), s.at("hourly"), 24, "hourly weights") : std::vector<double>(24, 1.0);
    a.weekly = s.has("weekly") ? weights(*s.raw("weekly"), s.at("weekly"), 7, "weekday weights (Mon..Sun)") : std::vector<double>(7, 1.0);
    a.seasons = read_dated_list<SeasonFactor>(s, "seasons", "season", [](const Section& x) {
      return SeasonFactor{read_range(x), x.real("factor")};
    });
    return a;
  }

  void flows(const YamlNode& n, const std::string& base_dir) {
    if (!n.is_mapping()) fail(n, "flows", "expected a mapping of flows by id");
    if (n.entries.size() + (sc.rail.size()) > 127)
      fail(n, "flows", "at most 127 flows and rail services (vehicle keys reserve 7 bits for the flow)");
    for (const YamlNode::Entry& e : n.entries) flow_names.push_back(e.key);
    std::vector<std::pair<const YamlNode*, std::string>> returns;
    for (const YamlNode::Entry& e : n.entries) {
      Section s(e.value, "flows." + e.key, schema("flow"));
      Flow f;
      f.id = e.key;
      std::string dir = s.string("direction");
      if (dir != "export" && dir != "import") fail(*s.raw("direction"), s.at("direction"), "expected export or import, got '" + dir + "'");
      f.export_direction = dir == "export";
      if (s.has("cargo_mix")) {
        f.cargo_mix = shares(*s.raw("cargo_mix"), s.at("cargo_mix"), cargo_names, "cargo class");
      } else {
        f.empty = true;
        f.cargo_mix.assign(sc.cargo.size(), 0.0);
        f.cargo_mix[0] = 1.0;  // ignored for empties; keeps the mix well formed
      }
      const YamlNode& route = s.list("route");
      bool has_crossing = false;
      for (std::size_t i = 0; i < route.items.size(); ++i) {
        std::string p = s.at("route") + "[" + std::to_string(i) + "]";
        Section r(route.items[i], p, schema("route_step"));
        if (r.has("leg") == r.has("crossing")) fail(route.items[i], p, "expected exactly one of 'leg' or 'crossing'");
        if (r.has("leg")) {
          f.route.push_back({RouteStep::Kind::Leg, resolve(leg_names, r.id("leg"), *r.raw("leg"), r.at("leg"), "leg")});
        } else {
          f.route.push_back({RouteStep::Kind::Crossing,
                             resolve(crossing_names, r.id("crossing"), *r.raw("crossing"), r.at("crossing"), "crossing")});
          has_crossing = true;
        }
      }
      if (!has_crossing) fail(route, s.at("route"), "a route must pass at least one crossing");
      if (s.has("arrivals")) f.arrivals = arrivals(Section(*s.raw("arrivals"), s.at("arrivals"), schema("arrivals")), base_dir);
      f.age_at_arrival = distribution_or(s, "age_at_arrival", "0s");
      if (s.has("empty_return")) {
        Section r(*s.raw("empty_return"), s.at("empty_return"), schema("empty_return"));
        EmptyReturn er;
        er.probability = r.probability("probability");
        er.after = read_distribution(r.required("after"), r.at("after"));
        er.flow = resolve(flow_names, r.id("flow"), *r.raw("flow"), r.at("flow"), "flow");
        f.empty_return = er;
      }
      sc.flows.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < sc.flows.size(); ++i)
      if (sc.flows[i].empty_return) {
        const Flow& back = sc.flows[sc.flows[i].empty_return->flow];
        const YamlNode& at = *n.entries[i].value.find("empty_return");
        if (back.export_direction == sc.flows[i].export_direction)
          fail(at, "flows." + sc.flows[i].id + ".empty_return.flow", "the return flow must run in the opposite direction");
      }
  }

  void rail(const YamlNode& n) {
    if (!n.is_mapping()) fail(n, "rail", "expected a mapping of rail services by id");
    for (const YamlNode::Entry& e : n.entries) {
      Section s(e.value, "rail." + e.key, schema("rail"));
      Rail r;
      r.id = e.key;
      r.station = resolve(side_names, s.id("station"), *s.raw("station"), s.at("station"), "gate side");
      const YamlNode& dep = s.list("departures");
      if (dep.items.empty()) fail(dep, s.at("departures"), "expected at least one departure time");
      for (std::size_t i = 0; i < dep.items.size(); ++i) {
        const YamlNode& d = dep.items[i];
        std::string p = s.at("departures") + "[" + std::to_string(i) + "]";
        if (!d.is_scalar()) fail(d, p, "expected a time 'HH:MM'");
        try {
          r.departures_s.push_back(units::time_of_day(d.scalar));
        } catch (const std::invalid_argument& ex) {
          fail(d, p, ex.what());
        }
      }
      std::sort(r.departures_s.begin(), r.departures_s.end());
      r.days.assign(7, !s.has("days"));
      if (s.has("days")) {
        static const std::vector<std::string> names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        for (auto& [name, node] : s.ids("days")) r.days[resolve(names, name, *node, s.at("days"), "day")] = true;
      }
      r.utc_offset_s = s.zone("time_zone");
      r.wagons_per_train = static_cast<int>(s.integer("wagons_per_train"));
      r.wagons_per_day = s.real("wagons_per_day");
      r.cargo_mix = shares(s.mapping("cargo_mix"), s.at("cargo_mix"), cargo_names, "cargo class");
      r.run_time = distribution_or(s, "run_time", "30min");
      Section t(s.mapping("terminal"), s.at("terminal"), schema("terminal"));
      r.terminal = t.id("id");
      r.cranes = static_cast<int>(t.integer("cranes"));
      r.move_time = read_distribution(t.required("move_time"), t.at("move_time"));
      r.terminal_utc_offset_s = t.zone("time_zone");
      if (t.has("shifts")) {
        const YamlNode& l = t.list("shifts");
        for (std::size_t i = 0; i < l.items.size(); ++i)
          r.shifts.push_back(read_hours(Section(l.items[i], t.at("shifts") + "[" + std::to_string(i) + "]", schema("hours"))));
      }
      sc.rail.push_back(std::move(r));
    }
  }

  void top(const YamlNode& root, const std::string& base_dir) {
    Section s(root, "", schema("scenario"));
    sc.name = s.id("name");
    sc.description = s.string("description");
    sc.utc_offset_s = s.zone("time_zone");
    std::string start = s.string("start");
    if (start.size() != 16 || start[10] != ' ')
      fail(*s.raw("start"), "start", "expected 'YYYY-MM-DD HH:MM', got '" + start + "'");
    try {
      sc.start_day = units::date(start.substr(0, 10));
      sc.start_time_s = units::time_of_day(start.substr(11));
    } catch (const std::invalid_argument& e) {
      fail(*s.raw("start"), "start", e.what());
    }
    sc.horizon_s = s.duration("horizon");
    sc.warmup_s = s.duration("warmup");
    if (sc.warmup_s >= sc.horizon_s) fail(s.raw("warmup") ? *s.raw("warmup") : root, "warmup", "the warm-up must end before the horizon");
    sc.seed = static_cast<std::uint64_t>(s.integer("seed"));
    long long reps = s.integer("replications");
    if (reps >= 65536) fail(*s.raw("replications"), "replications", "must be below 65536");
    sc.replications = static_cast<int>(reps);
    cargo(s.required("cargo"));
    gate_sides(s.required("gate_sides"));
    if (s.has("crossings")) crossings(*s.raw("crossings"));
    if (s.has("legs")) legs(*s.raw("legs"));
    if (s.has("flows")) flows(*s.raw("flows"), base_dir);
    if (s.has("rail")) rail(*s.raw("rail"));
    if (s.has("outputs")) {
      Section o(*s.raw("outputs"), "outputs", schema("outputs"));
      auto scope = [&](const char* key) {
        std::string v = o.string(key);
        if (v == "all") return TableScope::All;
        if (v == "first") return TableScope::First;
        if (v == "none") return TableScope::None;
        fail(*o.raw(key), o.at(key), "expected all, first or none, got '" + v + "'");
      };
      sc.outputs.vehicles = scope("vehicles");
      sc.outputs.visits = scope("visits");
      sc.outputs.timeseries_step_s = o.duration("timeseries_step");
    }
    if (sc.flows.empty() && sc.rail.empty()) fail(root, "flows", "the scenario has no flows and no rail services: nothing arrives");
  }
};

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

YamlNode resolve_extends(YamlNode tree, const std::string& file, std::set<std::string>& seen) {
  if (!tree.is_mapping())
    fail(tree, "", std::string("expected a mapping of scenario keys at the top, got ") + tree.kind_name());
  const YamlNode* ext = tree.find("extends");
  if (!ext) return tree;
  if (!ext->is_scalar()) fail(*ext, "extends", "expected a file name");
  fs::path base = fs::path(file).parent_path() / ext->scalar;
  std::string key = fs::weakly_canonical(base).string();
  if (seen.count(key)) fail(*ext, "extends", "circular 'extends' through '" + ext->scalar + "'");
  seen.insert(key);
  if (!fs::exists(base)) fail(*ext, "extends", "cannot open base scenario '" + base.string() + "'");
  YamlNode merged = resolve_extends(load_yaml_file(base.string()), base.string(), seen);
  merge(merged, tree);
  for (auto it = merged.entries.begin(); it != merged.entries.end(); ++it)
    if (it->key == "extends") {
      merged.entries.erase(it);
      break;
    }
  return merged;
}

Scenario build(const YamlNode& tree, const std::string& file, std::string text) {
  Loader l;
  l.sc.file = file;
  l.sc.yaml = std::move(text);
  std::set<std::string> seen{fs::weakly_canonical(fs::path(file)).string()};
  YamlNode merged = resolve_extends(tree, file, seen);
  l.top(merged, fs::path(file).parent_path().string());
  return std::move(l.sc);
}

}  // namespace

long Scenario::local_day(double t, int offset_s) const {
  return static_cast<long>(std::floor((epoch_s() + t + offset_s) / 86400.0));
}

YamlNode load_merged_tree(const std::string& path) {
  std::set<std::string> seen{fs::weakly_canonical(fs::path(path)).string()};
  return resolve_extends(load_yaml_file(path), path, seen);
}

Scenario load_scenario_tree(const YamlNode& merged, const std::string& file, std::string text) {
  return build(merged, file, std::move(text));
}

void set_in_tree(YamlNode& root, const std::string& path, const std::string& value, const std::string& origin) {
  YamlNode* node = &root;
  std::string done;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const bool last = dot == std::string::npos;
    YamlNode* child = nullptr;
    if (node->is_mapping()) {
      for (YamlNode::Entry& e : node->entries)
        if (e.key == key) child = &e.value;
      if (!child && last) {
        node->entries.push_back(YamlNode::Entry{key, Mark{1, 1}, YamlNode{}});
        child = &node->entries.back().value;
      }
    } else if (node->is_sequence()) {
      for (YamlNode& item : node->items) {
        const YamlNode* id = item.is_mapping() ? item.find("id") : nullptr;
        if (id && id->scalar == key) child = &item;
      }
    }
    const std::string here = done.empty() ? key : done + "." + key;
    if (!child) throw SourceError(origin, Mark{1, 1}, here, "no such key or id in the scenario");
    if (last) {
      Mark m = child->mark.line ? child->mark : Mark{1, 1};
      *child = YamlNode{};
      child->kind = YamlNode::Kind::Scalar;
      child->scalar = value;
      child->mark = m;
      child->file = origin;
      return;
    }
    node = child;
    done = here;
    start = dot + 1;
  }
}

Scenario load_scenario(const std::string& path) { return load_scenario_text(read_text_file(path), path); }

Scenario load_scenario_text(const std::string& text, const std::string& file) {
  return build(parse_yaml(text, file), file, text);
}

}  // namespace models
