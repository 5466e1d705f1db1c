// The explore tables as the report reads them, and the words its sections share
// (report_explore.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/yaml_tree.hpp"
#include "outputs/hdf5.hpp"
#include "report/report_explore.hpp"

namespace outputs::report::explore {

namespace {

using svg::escape;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    const std::size_t end = std::min(s.find(sep, at), s.size());
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// The scenario's cargo classes, from the resolved scenario the file stores (an explore file has
// no lookup tables: its scenarios differ point by point).
std::vector<std::string> cargo_classes(hid_t f) {
  std::vector<std::string> out;
  try {
    const models::YamlNode root =
        models::parse_yaml(attr_or(f, "scenario_resolved_yaml"), "scenario");
    if (const models::YamlNode* cargo = root.find("cargo"); cargo && cargo->is_mapping())
      for (const auto& e : cargo->entries) out.push_back(e.key);
  } catch (const std::exception&) {
  }
  return out;
}

// Order of importance for the headline figures: a metric's rank, then the group's.
int metric_rank(const std::string& m) {
  static const char* order[] = {"backlog_growth_per_day", "border_time_p95", "border_time_mean",
                                "spoiled_share"};
  for (int i = 0; i < 4; ++i)
    if (m == order[i]) return i;
  return -1;
}

}  // namespace

Data read(hid_t f) {
  Data d;
  d.design = attr_or(f, "design", "lhs");
  d.base = attr_or(f, "scenario_name");
  d.variants = split(attr_or(f, "variants"), ',');
  d.points = static_cast<std::size_t>(attr_number(f, "points"));
  d.requested = static_cast<std::size_t>(attr_number(f, "design_points"));
  d.reps_least =
      static_cast<int>(attr_number(f, "replications_least", attr_number(f, "replications")));
  d.reps_most = static_cast<int>(attr_number(f, "replications_most", d.reps_least));
  d.warnings = split(attr_or(f, "warnings"), '\n');
  d.cargo = cargo_classes(f);
  if (h5::exists(f, "explore_inputs"))
    for (const row::ExploreInput& r :
         read_rows<row::ExploreInput>(f, "explore_inputs", table_spec(Table::ExploreInputs))) {
      Input in;
      in.name = text(r.name);
      in.key = text(r.key);
      in.kind = text(r.kind);
      in.unit = text(r.unit);
      in.distribution = text(r.distribution);
      in.own = text(r.own);
      in.source = text(r.source);
      in.why = text(r.why);
      in.low = r.low;
      in.high = r.high;
      in.mode = r.mode;
      in.alternatives = split(text(r.alternatives), '|');
      d.inputs.push_back(std::move(in));
    }
  if (h5::exists(f, "explore_design"))
    for (const row::ExploreDesign& r :
         read_rows<row::ExploreDesign>(f, "explore_design", table_spec(Table::ExploreDesign))) {
      if (r.input >= d.inputs.size()) continue;
      if (d.value.size() <= r.point) {
        d.value.resize(r.point + 1u, std::vector<double>(d.inputs.size(), kNan));
        d.value_text.resize(r.point + 1u, std::vector<std::string>(d.inputs.size()));
      }
      d.value[r.point][r.input] = r.value;
      d.value_text[r.point][r.input] = text(r.text);
    }
  if (h5::exists(f, "explore_points"))
    for (const row::ExplorePoint& r :
         read_rows<row::ExplorePoint>(f, "explore_points", table_spec(Table::ExplorePoints)))
      d.means[text(r.scenario)][Figure{text(r.key.metric), text(r.key.group), text(r.key.unit)}]
          .push_back(Estimate{r.point, r.ci.mean, r.ci.ci95_lo, r.ci.ci95_hi, r.ci.n, false});
  if (h5::exists(f, "explore_differences"))
    for (const row::ExploreDifference& r : read_rows<row::ExploreDifference>(
             f, "explore_differences", table_spec(Table::ExploreDifferences)))
      d.effects[text(r.variant)][Figure{text(r.key.metric), text(r.key.group), text(r.key.unit)}]
          .push_back(Estimate{r.point, r.diff_mean, r.diff_lo, r.diff_hi, r.n, r.significant != 0});
  if (h5::exists(f, "sensitivity"))
    for (const row::Sensitivity& r :
         read_rows<row::Sensitivity>(f, "sensitivity", table_spec(Table::Sensitivity)))
      d.indices[text(r.scenario)][Figure{text(r.key.metric), text(r.key.group), text(r.key.unit)}]
          .push_back(Index{text(r.input), text(r.measure), r.value, r.lo, r.hi});
  if (h5::exists(f, "robustness"))
    for (const row::Robustness& r :
         read_rows<row::Robustness>(f, "robustness", table_spec(Table::Robustness))) {
      Robust x;
      x.variant = text(r.variant);
      x.fig = Figure{text(r.key.metric), text(r.key.group), text(r.key.unit)};
      x.min = r.effect_min;
      x.max = r.effect_max;
      x.mean = r.effect_mean;
      x.points = r.points;
      x.better = r.better_points;
      x.worse = r.worse_points;
      x.better_sig = r.better_significant;
      x.worse_sig = r.worse_significant;
      const std::string b = text(r.better);
      x.direction = b == "lower" ? -1 : b == "higher" ? 1 : 0;
      x.flips = r.flips != 0;
      x.rule_worse = r.rule_describes_worse != 0;
      x.rule = text(r.rule);
      x.accuracy = r.rule_accuracy;
      d.robust.push_back(std::move(x));
    }
  return d;
}

std::string group_cargo(const std::string& label) {
  if (label.rfind("cargo:", 0) != 0) return "";
  const std::string rest = label.substr(6);
  return rest.substr(0, rest.find('/'));
}

std::string group_words(const std::string& label) {
  if (label == "all") return "all vehicles";
  if (label.rfind("cargo:", 0) != 0) return label;
  const std::string cargo = group_cargo(label);
  const std::size_t slash = label.find('/');
  const std::string dir = slash == std::string::npos ? "" : label.substr(slash + 1);
  const std::string dirs = dir == "export" ? "exports" : dir == "import" ? "imports" : dir;
  if (cargo == "empty") return "empty trucks" + (dirs.empty() ? "" : " (" + dirs + ")");
  return cargo + (dirs.empty() ? "" : " " + dirs);
}

std::string figure_words(const Figure& f) {
  return metric_phrase(f.metric) + " of " + group_words(f.group);
}

Shown shown_unit(double largest, const std::string& unit, bool change) {
  if (in_hours(unit)) {
    if (largest < 1) return {60, " min"};
    if (largest < 72) return {1, " h"};
    return {1.0 / 24, " days"};
  }
  if (unit == "share") return {100, change ? " percentage points" : " %"};
  if (unit == "1/day") return {1, " vehicles a day"};
  const auto per_day = unit.find("/day");
  if (per_day != std::string::npos && per_day + 4 == unit.size())
    return {1, " " + unit.substr(0, per_day) + " a day"};
  return {1, unit.empty() ? "" : " " + unit};
}

std::string value_words(double v, const std::string& unit) {
  const Shown u = shown_unit(std::abs(v), unit, false);
  return number(v * u.scale) + u.suffix;
}

std::string span_words(double a, double b, const std::string& unit, bool change, bool signed_) {
  const Shown u = shown_unit(std::max(std::abs(a), std::abs(b)), unit, change);
  auto show = [&](double v) {
    const std::string s = number(v * u.scale);
    return signed_ && v * u.scale >= 5e-4 ? "+" + s : s;
  };
  if (number(a * u.scale) == number(b * u.scale)) return show(a) + u.suffix;
  return show(a) + " to " + show(b) + u.suffix;
}

std::string range_cell(const Input& in) {
  if (in.values()) {
    std::string s;
    for (std::size_t i = 0; i < in.alternatives.size(); ++i)
      s += (i ? " | " : "") + in.alternatives[i];
    return s;
  }
  const std::string u = in.unit == ":time" ? "" : in.unit;
  std::string s = number(in.low) + u + " to " + number(in.high) + u;
  if (in.distribution == "triangular" && !std::isnan(in.mode))
    s += ", most likely " + number(in.mode) + u;
  else if (in.distribution == "log_uniform")
    s += ", log-uniform";
  return s;
}

std::string input_words(const Input& in) {
  if (in.values()) {
    std::string s;
    for (std::size_t i = 0; i < in.alternatives.size(); ++i)
      s += (i == 0 ? "" : i + 1 == in.alternatives.size() ? " or " : ", ") + in.alternatives[i];
    return in.name + " (" + s + ")";
  }
  const std::string u = in.unit == ":time" ? "" : in.unit;
  return in.name + " (" + number(in.low) + u + " to " + number(in.high) + u + ")";
}

std::string ranking_measure(const std::string& design) {
  return design == "sobol" ? "total" : design == "morris" ? "mu_star" : "src";
}

std::vector<const Index*> ranked(const std::vector<Index>& all, const std::string& measure) {
  std::vector<const Index*> out;
  for (const Index& i : all)
    if (i.measure == measure && !i.input.empty()) out.push_back(&i);
  auto size = [](const Index* i) { return std::isfinite(i->value) ? std::abs(i->value) : -1.0; };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Index* a, const Index* b) { return size(a) > size(b); });
  return out;
}

double r_squared(const std::vector<Index>& all) {
  for (const Index& i : all)
    if (i.measure == "r2") return i.value;
  return kNan;
}

const Input* input_named(const Data& d, const std::string& name) {
  for (const Input& in : d.inputs)
    if (in.name == name) return &in;
  return nullptr;
}

std::size_t input_index(const Data& d, const std::string& name) {
  for (std::size_t i = 0; i < d.inputs.size(); ++i)
    if (d.inputs[i].name == name) return i;
  return d.inputs.size();
}

namespace {

// The typical level of a figure over the design (the base's mean of the point means).
double level(const Data& d, const Figure& f) {
  auto s = d.means.find(d.base);
  if (s == d.means.end()) return kNan;
  auto it = s->second.find(f);
  if (it == s->second.end() || it->second.empty()) return kNan;
  double sum = 0;
  for (const Estimate& e : it->second) sum += e.mean;
  return sum / static_cast<double>(it->second.size());
}

// A change worth a sentence: beyond 1 % of the figure's level (half a percentage point of a
// share), and beyond simulation noise at some points.
bool material(const Data& d, const Robust& r) {
  if (r.direction == 0 || r.points == 0 || r.better_sig + r.worse_sig == 0) return false;
  const double size = std::max(std::abs(r.min), std::abs(r.max));
  if (r.fig.unit == "share") return size >= 0.005;
  const double l = level(d, r.fig);
  return std::isnan(l) || size >= 0.01 * std::abs(l);
}

// A base figure worth a sentence: its point means spread by 5 % of its level or more (a
// percentage point of a share).
bool spreads(const std::vector<Estimate>& es, const std::string& unit) {
  if (es.size() < 2) return false;
  double lo = es.front().mean, hi = lo, sum = 0;
  for (const Estimate& e : es) {
    lo = std::min(lo, e.mean);
    hi = std::max(hi, e.mean);
    sum += e.mean;
  }
  if (unit == "share") return hi - lo >= 0.01;
  return hi - lo > 0 && hi - lo >= 0.05 * std::abs(sum / static_cast<double>(es.size()));
}

// Headline groups: each cargo class (in the scenario's order, empty trucks last) by direction;
// all vehicles only for backlog growth, where no cargo class splits it.
int group_rank(const Data& d, const std::string& metric, const std::string& label) {
  if (label == "all") return metric == "backlog_growth_per_day" ? 0 : -1;
  const std::string cargo = group_cargo(label);
  if (cargo.empty()) return metric == "backlog_growth_per_day" ? 1 : -1;
  const auto it = std::find(d.cargo.begin(), d.cargo.end(), cargo);
  const int k = it == d.cargo.end() ? 90 : static_cast<int>(it - d.cargo.begin());
  return 2 + 2 * k + (label.find("/import") != std::string::npos ? 1 : 0);
}

}  // namespace

std::vector<Figure> headline(const Data& d, const std::string& variant, std::size_t most) {
  struct Ranked {
    int group, metric;
    Figure fig;
  };
  std::vector<Ranked> all;
  auto consider = [&](const Figure& f) {
    const int m = metric_rank(f.metric), g = group_rank(d, f.metric, f.group);
    if (m >= 0 && g >= 0) all.push_back(Ranked{g, m, f});
  };
  if (variant.empty()) {
    if (auto s = d.means.find(d.base); s != d.means.end())
      for (const auto& [f, es] : s->second)
        if (spreads(es, f.unit)) consider(f);
  } else {
    for (const Robust& r : d.robust)
      if (r.variant == variant && material(d, r)) consider(r.fig);
  }
  // Backlog first, then each cargo class's figures together, the class's most telling first.
  std::stable_sort(all.begin(), all.end(), [](const Ranked& a, const Ranked& b) {
    const bool ab = a.metric == 0, bb = b.metric == 0;
    if (ab != bb) return ab;
    return a.group != b.group ? a.group < b.group : a.metric < b.metric;
  });
  std::vector<Figure> out;
  for (const Ranked& r : all)
    if (out.size() < most) out.push_back(r.fig);
  return out;
}

std::string explained_by(const Data& d, const std::string& scenario, const Figure& f) {
  auto s = d.indices.find(scenario);
  if (s == d.indices.end()) return "";
  auto it = s->second.find(f);
  if (it == s->second.end()) return "";
  const std::vector<const Index*> top = ranked(it->second, ranking_measure(d.design));
  if (top.empty() || !std::isfinite(top.front()->value)) return "";
  const Input* in = input_named(d, top.front()->input);
  const std::string who = "<b>" + escape(in ? input_words(*in) : top.front()->input) + "</b>";
  const Index& t = *top.front();
  auto pct = [](double share) {
    return fmt::format("{:.0f} %", 100 * std::clamp(share, 0.0, 1.0));
  };
  auto small = [](const std::string& s) { return " <span class=\"ci\">(" + s + ")</span>"; };
  if (d.design == "sobol") {
    if (t.value < 0.3)
      return "No single input explains most of that spread" +
             small("the largest Sobol' total index, " + escape(t.input) + "'s, is " +
                   pct(t.value)) +
             ".";
    std::string ci = "Sobol' total index";
    if (std::isfinite(t.lo) && t.hi > t.lo) ci += ", 95 % CI " + pct(t.lo) + " to " + pct(t.hi);
    return "About " + pct(t.value) + " of that spread involves " + who + small(ci) + ".";
  }
  if (d.design == "morris") {
    // Both numbers in the unit of the larger, so they compare at a glance.
    const bool second = top.size() > 1 && std::isfinite(top[1]->value);
    const Shown u = shown_unit(std::abs(t.value), f.unit, true);
    std::string s2 = who + " moves it most" +
                     small("Morris μ* " + number(t.value * u.scale) + u.suffix +
                           (second ? ", against " + number(top[1]->value * u.scale) + u.suffix +
                                         " for " + escape(top[1]->input)
                                   : std::string()));
    return s2 + ".";
  }
  const double r2 = r_squared(it->second);
  if (std::isfinite(r2) && r2 < 0.5)
    return "No single input explains it well: a straight line in the inputs explains only " +
           pct(r2) + " of that spread" +
           small("R²; the largest standardised coefficient is " + escape(t.input) + "'s, " +
                 number(t.value)) +
           ": the rest is inputs acting together, curvature or simulation noise.";
  return "About " + pct(t.value * t.value) + " of that spread is " + who +
         small("standardised regression coefficient " + number(t.value) +
               (std::isfinite(r2) ? ", R² " + pct(r2) : std::string())) +
         ".";
}

}  // namespace outputs::report::explore
