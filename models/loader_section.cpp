#include "models/loader_section.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "models/suggest.hpp"
#include "sim/stop.hpp"

namespace models::detail {

void fail(const YamlNode& n, const std::string& path, const std::string& msg) {
  throw SourceError(n.file, n.mark, path, msg);
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string item(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string quoted_list(const std::vector<std::string>& xs) {
  std::string s;
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + xs[i];
  return s;
}

namespace {

double parse_real(const std::string& s);

std::string article(const std::string& word) {
  return (std::string("aeiou").find(word.empty() ? 'x' : word[0]) != std::string::npos ? "an "
                                                                                       : "a ") +
         word;
}

bool parse_bool(const std::string& s) {
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  throw std::invalid_argument("expected true or false, got " + echo(s));
}

// A bound as written in a range: a plain number, or a value of the field's type ("36500d").
double parse_bound(const std::string& text, const char* type) {
  const std::string t(type);
  if (t == "duration" && text.find_first_not_of("0123456789.") != std::string::npos)
    return units::duration(text);
  if (t == "rate" && text.find('/') != std::string::npos) return units::rate(text);
  if (t == "distance" && text.find_first_not_of("0123456789.") != std::string::npos)
    return units::distance(text);
  return parse_real(text);
}

std::string trimmed(const std::string& s) {
  const std::size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::string missing(const char* key) {
  return "missing required key '" + std::string(key) + "'";
}

// The text parsers: std::invalid_argument saying what was expected. Only the located readers
// below and the Section getters call them.
double parse_real(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    throw std::invalid_argument("expected a number, got " + echo(s));
  return v;
}

// At full width: a number past long long is refused here, never wrapped; the range check then
// compares the full value, and only count() narrows.
long long parse_integer(const std::string& s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range)
    throw std::invalid_argument("the number " + echo(s) + " is too large");
  if (ec != std::errc() || end != s.data() + s.size())
    throw std::invalid_argument("expected a whole number, got " + echo(s));
  return v;
}

void check_id(const std::string& s) {
  bool ok = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok)
    throw std::invalid_argument(
        "expected an id (letters, digits and '_', not starting with a digit), got " + echo(s));
}

}  // namespace

// Stands in for an absent optional section, so its keys take their declared defaults.
const YamlNode& empty_mapping() {
  static const YamlNode n = [] {
    YamlNode m;
    m.kind = YamlNode::Kind::Mapping;
    return m;
  }();
  return n;
}

double real_at(const YamlNode& n, const std::string& path) {
  return parsed_at(n, path, "a number", parse_real);
}

long long integer_at(const YamlNode& n, const std::string& path, long long lo, long long hi) {
  const long long v = parsed_at(n, path, "a whole number", parse_integer);
  if (v < lo || v > hi)
    fail(n, path,
         "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
             ", got " + echo(n.scalar));
  return v;
}

void check_key_id(const YamlNode::Entry& e, const std::string& path) {
  try {
    check_id(e.key);
  } catch (const std::invalid_argument& ex) {
    throw SourceError(e.value.file, e.key_mark, path, ex.what());
  }
}

Bounds parse_range(const std::string& range, const char* type) {
  Bounds b;
  if (range.empty()) return b;
  const auto bad = [&] {
    return std::logic_error("schema declares a range it cannot read: " + range);
  };
  try {
    if (range.rfind(">=", 0) == 0) {
      b.lo_text = trimmed(range.substr(2));
      b.lo = parse_bound(b.lo_text, type);
    } else if (range.rfind(">", 0) == 0) {
      b.lo_text = trimmed(range.substr(1));
      b.lo = parse_bound(b.lo_text, type);
      b.lo_open = true;
    } else if ((range.front() == '[' || range.front() == '(') && range.back() == ']') {
      const std::size_t comma = range.find(',');
      if (comma == std::string::npos) throw bad();
      b.lo_text = trimmed(range.substr(1, comma - 1));
      b.hi_text = trimmed(range.substr(comma + 1, range.size() - comma - 2));
      b.lo = parse_bound(b.lo_text, type);
      b.hi = parse_bound(b.hi_text, type);
      b.lo_open = range.front() == '(';
    } else {
      throw bad();
    }
  } catch (const std::invalid_argument&) {
    throw bad();
  }
  return b;
}

bool Bounds::contains(double v) const {
  // Only finite values: a mass or rate can overflow to infinity in its unit conversion.
  return std::isfinite(v) && (lo_open ? v > lo : v >= lo) && v <= hi;
}

std::string Bounds::words() const {
  const bool zero = lo_text == "0";
  if (hi_text.empty())
    return lo_open ? (zero ? "greater than zero" : "greater than " + lo_text)
                   : (zero ? "zero or more" : "at least " + lo_text);
  return lo_open ? "greater than " + lo_text + " and at most " + hi_text
                 : "between " + lo_text + " and " + hi_text;
}

// ---- Section --------------------------------------------------------------------------------

Section::Section(const YamlNode& node, std::string path, const SectionSchema& schema)
    : node_(node), path_(std::move(path)), schema_(schema) {
  sim::poll_stop();  // every section read (a flow, a side, a stage): the loader stops at once
  if (!node.is_mapping())
    fail(node, path_,
         std::string("expected a mapping (") + schema.doc + "), got " + node.kind_name());
  const auto keys = schema.keys();
  for (const YamlNode::Entry& e : node.entries) {
    if (schema.find(e.key)) continue;
    const std::string hint = suggestion(e.key, keys);
    throw SourceError(
        e.value.file, e.key_mark, join(path_, e.key),
        "unknown key" + (hint.empty() ? " (expected one of: " + quoted_list(keys) + ")" : hint));
  }
}

Section Section::section_or_defaults(const char* key, const SectionSchema& schema) const {
  const YamlNode* n = raw(key);
  return Section(n ? *n : empty_mapping(), at(key), schema);
}

const Field& Section::declared(const char* key) const {
  const Field* f = schema_.find(key);
  if (!f) throw std::logic_error(std::string("schema for ") + schema_.path + " lacks " + key);
  return *f;
}

const YamlNode* Section::raw(const char* key) const {
  declared(key);
  const YamlNode* n = node_.find(key);
  return n && !n->is_null() ? n : nullptr;
}

const YamlNode& Section::required(const char* key) const {
  const YamlNode* n = raw(key);
  if (!n) fail(node_, at(key), missing(key));
  return *n;
}

// Reads a scalar through `parse`, checking the declared allowed values and range; an absent key
// takes the declared default (a key with an empty default is required when it is read, except
// as a string, where the empty default is the value).
template <class T, class Parse>
T Section::scalar(const char* key, Parse parse) const {
  const Field& f = declared(key);
  const YamlNode* n = raw(key);
  if (!n) {
    if (f.default_value == nullptr || (*f.default_value == '\0' && !std::is_same_v<T, std::string>))
      fail(node_, at(key), missing(key));
    return parse(std::string(f.default_value));
  }
  if (!n->is_scalar())
    fail(*n, at(key), std::string("expected ") + f.type + ", got " + n->kind_name());
  if (!f.choices.empty() && !f.find_choice(n->scalar))
    fail(*n, at(key), f.unknown_choice(n->scalar));
  T v;
  try {
    v = parse(n->scalar);
  } catch (const std::invalid_argument& e) {
    fail(*n, at(key), e.what());
  }
  if constexpr (std::is_arithmetic_v<T>) {
    // A unit conversion (1e308t in kg) can overflow a finite number.
    if (!std::isfinite(static_cast<double>(v)))
      fail(*n, at(key), "too large, got " + echo(n->scalar));
    const Bounds b = parse_range(f.range, f.type);
    if (!b.contains(static_cast<double>(v)))
      fail(*n, at(key), "must be " + b.words() + ", got " + echo(n->scalar));
  }
  return v;
}

double Section::duration(const char* key) const {
  return scalar<double>(key, units::duration);
}
double Section::rate(const char* key) const {
  return scalar<double>(key, units::rate);
}
double Section::mass(const char* key) const {
  return scalar<double>(key, units::mass);
}
double Section::distance(const char* key) const {
  return scalar<double>(key, units::distance);
}
double Section::real(const char* key) const {
  return scalar<double>(key, parse_real);
}
double Section::probability(const char* key) const {
  return scalar<double>(key, parse_real);
}
long long Section::integer(const char* key) const {
  return scalar<long long>(key, parse_integer);
}
int Section::count(const char* key) const {
  const Field& f = declared(key);
  if (!(parse_range(f.range, f.type).hi <= std::numeric_limits<int>::max()))
    throw std::logic_error(std::string("schema for ") + schema_.path + ": " + key +
                           " needs an upper bound that fits an int");
  return static_cast<int>(integer(key));  // range-checked above the narrowing
}
bool Section::boolean(const char* key) const {
  return scalar<bool>(key, parse_bool);
}
double Section::time(const char* key) const {
  return scalar<double>(key, units::time_of_day);
}
long Section::date(const char* key) const {
  return scalar<long>(key, units::date);
}
Zone Section::zone(const char* key) const {
  return scalar<Zone>(key, [](const std::string& s) { return parse_zone(s); });
}
std::string Section::string(const char* key) const {
  return scalar<std::string>(key, [](const std::string& s) { return s; });
}
std::string Section::id(const char* key) const {
  return scalar<std::string>(key, [](const std::string& s) {
    check_id(s);
    return s;
  });
}

units::Money Section::money(const char* key) const {
  const Field& f = declared(key);
  units::Money m = scalar<units::Money>(key, units::money);
  const Bounds b = parse_range(f.range, "real");
  if (!b.contains(m.amount))
    fail(raw(key) ? *raw(key) : node_, at(key),
         "must be " + b.words() + ", got " + echo(raw(key) ? raw(key)->scalar : std::string()));
  return m;
}

sim::Distribution Section::distribution(const char* key) const {
  const Field& f = declared(key);
  if (const YamlNode* n = raw(key)) return read_distribution(*n, at(key));
  if (f.default_value == nullptr || *f.default_value == '\0') fail(node_, at(key), missing(key));
  return sim::Distribution::deterministic(units::duration(f.default_value));
}

const Choice& Section::choice(const char* key) const {
  const Field& f = declared(key);
  const Choice* c = f.find_choice(string(key));  // string() has checked the value
  if (!c)
    throw std::logic_error(std::string("schema for ") + schema_.path + ": default of " + key +
                           " is not allowed");
  return *c;
}

std::vector<int> Section::choice_list(const char* key) const {
  const Field& f = declared(key);
  const YamlNode& l = list(key);
  std::vector<int> codes;
  for (std::size_t i = 0; i < l.items.size(); ++i) {
    const YamlNode& it = l.items[i];
    if (!it.is_scalar())
      fail(it, item(at(key), i), std::string("expected a value, got ") + it.kind_name());
    const Choice* c = f.find_choice(it.scalar);
    if (!c) fail(it, item(at(key), i), f.unknown_choice(it.scalar));
    codes.push_back(c->code);
  }
  return codes;
}

std::size_t Section::reference(const char* key, const std::vector<std::string>& names,
                               const char* what) const {
  const YamlNode& n = required(key);
  return resolve(names, id(key), n, at(key), what);
}

const YamlNode& Section::list(const char* key) const {
  const YamlNode& n = required(key);
  if (!n.is_sequence()) fail(n, at(key), std::string("expected a list, got ") + n.kind_name());
  return n;
}

const YamlNode& Section::mapping(const char* key) const {
  const YamlNode& n = required(key);
  if (!n.is_mapping()) fail(n, at(key), std::string("expected a mapping, got ") + n.kind_name());
  return n;
}

std::vector<std::pair<std::string, const YamlNode*>> Section::ids(const char* key) const {
  const YamlNode& n = list(key);
  std::vector<std::pair<std::string, const YamlNode*>> out;
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const YamlNode& it = n.items[i];
    std::string p = item(at(key), i);
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

// ---- distributions --------------------------------------------------------------------------

namespace {

sim::Distribution read_empirical(const Section& s) {
  const YamlNode& pts = s.list("points");
  std::vector<double> xs, fs;
  for (std::size_t i = 0; i < pts.items.size(); ++i) {
    const YamlNode& p = pts.items[i];
    std::string pp = item(s.at("points"), i);
    if (!p.is_sequence() || p.items.size() != 2 || !p.items[0].is_scalar() ||
        !p.items[1].is_scalar())
      fail(p, pp, "expected a pair [duration, cumulative probability]");
    try {
      xs.push_back(units::duration(p.items[0].scalar));
      fs.push_back(parse_real(p.items[1].scalar));
    } catch (const std::invalid_argument& e) {
      fail(p, pp, e.what());
    }
  }
  return sim::Distribution::empirical(xs, fs);
}

// The kind's parameters are its Choice's `takes` in the schema; this only builds.
sim::Distribution build_distribution(sim::Distribution::Kind kind, const Section& s) {
  using D = sim::Distribution;
  switch (kind) {
    case D::Kind::Deterministic:
      return D::deterministic(s.duration("value"));
    case D::Kind::Exponential:
      return D::exponential(s.duration("mean"));
    case D::Kind::Uniform:
      return D::uniform(s.duration("min"), s.duration("max"));
    case D::Kind::Triangular:
      return D::triangular(s.duration("min"), s.duration("mode"), s.duration("max"));
    case D::Kind::Lognormal:
      return D::lognormal(s.duration("mean"), s.real("cv"));
    case D::Kind::Gamma:
      return D::gamma(s.duration("mean"), s.real("cv"));
    case D::Kind::Erlang:
      return D::erlang(s.duration("mean"), s.count("k"));
    case D::Kind::Weibull:
      return D::weibull(s.real("shape"), s.duration("scale"));
    case D::Kind::Empirical:
      return read_empirical(s);
  }
  throw std::logic_error("unhandled distribution kind");
}

}  // namespace

sim::Distribution read_distribution(const YamlNode& n, const std::string& path) {
  if (n.is_scalar()) {
    try {
      double v = units::duration(n.scalar);
      if (v < 0) fail(n, path, "a duration must not be negative");
      return sim::Distribution::deterministic(v);
    } catch (const units::OutOfRange& e) {
      fail(n, path, e.what());
    } catch (const std::invalid_argument&) {
      fail(n, path,
           "expected a duration such as '12min' or a mapping with 'dist', got " + echo(n.scalar));
    }
  }
  Section s(n, path, schema("distribution"));
  const Choice& kind = s.choice("dist");
  for (const YamlNode::Entry& e : n.entries) {
    if (e.key == "dist") continue;
    if (std::find(kind.takes.begin(), kind.takes.end(), e.key) == kind.takes.end())
      throw SourceError(e.value.file, e.key_mark, s.at(e.key),
                        "does not apply to " + article(kind.value) +
                            " distribution (it takes: " + quoted_list(kind.takes) + ")");
  }
  for (const std::string& p : kind.takes)
    if (!s.has(p.c_str()))
      fail(n, s.at(p), "missing key '" + p + "' for " + article(kind.value) + " distribution");
  try {
    return build_distribution(static_cast<sim::Distribution::Kind>(kind.code), s);
  } catch (const std::invalid_argument& e) {
    fail(n, path, std::string("invalid ") + kind.value + " distribution: " + e.what());
  }
}

// ---- references, shares, dates ----------------------------------------------------------------

std::size_t resolve(const std::vector<std::string>& names, const std::string& name,
                    const YamlNode& at, const std::string& path, const char* what) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  const std::string hint = suggestion(name, names);
  fail(at, path,
       std::string("unknown ") + what + " " + echo(name) +
           (hint.empty() ? (names.empty() ? std::string(" (none is defined)")
                                          : " (defined: " + quoted_list(names) + ")")
                         : hint));
}

std::vector<double> shares(const YamlNode& n, const std::string& path,
                           const std::vector<std::string>& names, const char* what) {
  if (!n.is_mapping()) fail(n, path, std::string("expected a mapping of ") + what + " to shares");
  std::vector<double> out(names.size(), 0.0);
  double sum = 0;
  for (const YamlNode::Entry& e : n.entries) {
    std::size_t i = resolve(names, e.key, e.value, join(path, e.key), what);
    if (!e.value.is_scalar()) fail(e.value, join(path, e.key), "expected a share between 0 and 1");
    const double v = real_at(e.value, join(path, e.key));
    if (v < 0 || v > 1)
      fail(e.value, join(path, e.key),
           "a share must be between 0 and 1, got " + echo(e.value.scalar));
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

std::vector<double> weights(const YamlNode& n, const std::string& path, std::size_t count,
                            const char* what) {
  if (!n.is_sequence() || n.items.size() != count)
    fail(n, path, "expected a list of " + std::to_string(count) + " " + what);
  std::vector<double> w;
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const YamlNode& it = n.items[i];
    std::string p = item(path, i);
    if (!it.is_scalar()) fail(it, p, "expected a number");
    const double v = real_at(it, p);
    if (v < 0) fail(it, p, "a weight must be zero or more");
    w.push_back(v);
    sum += v;
  }
  if (sum <= 0) fail(n, path, "weights must not all be zero");
  if (!std::isfinite(sum)) fail(n, path, "weights too large: their sum is not a finite number");
  for (double& v : w) v *= static_cast<double>(count) / sum;  // mean 1
  return w;
}

void check_no_overlap(const std::vector<DateRange>& ranges,
                      const std::vector<const YamlNode*>& nodes, const std::string& path) {
  for (std::size_t i = 0; i < ranges.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const DateRange a = ranges[i], b = ranges[j];
      if (a.from <= b.to && b.from <= a.to)
        fail(*nodes[i], item(path, i),
             "date range " + units::format_date(a.from) + " to " + units::format_date(a.to) +
                 " overlaps entry " + std::to_string(j) + " (" + units::format_date(b.from) +
                 " to " + units::format_date(b.to) + ")");
    }
}

DateRange read_range(const Section& s) {
  DateRange r{s.date("from"), s.date("to")};
  check_range(s, r);
  return r;
}

void check_range(const Section& s, const DateRange& r) {
  if (r.to < r.from) fail(*s.raw("to"), s.at("to"), "the range ends before it starts");
}

Hours read_hours(const Section& s) {
  Hours h;
  if (&s.schema() == &schema("hours"))
    read_params(s, h);
  else
    h = Hours{s.time("open"), s.time("close")};  // a lane's own hours (both given)
  check_hours(s, h);
  return h;
}

void check_hours(const Section& s, const Hours& h) {
  if (h.close_s == h.open_s)
    fail(*s.raw("close"), s.at("close"), "opening hours that never open: close equals open");
  if (h.close_s < h.open_s)
    fail(*s.raw("close"), s.at("close"),
         "closing time must be after the opening time (hours past midnight are not supported)");
}

}  // namespace models::detail
