// The charts of an explore report: which inputs drive each headline figure (Sobol' indices,
// Morris effects or regression coefficients, by design), and each variant's effect at every
// design point against the input that moves it most, better and worse in their own colours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report/report_explore.hpp"

namespace outputs::report::explore {

namespace {

using svg::escape;

const char* kBetter = "#0b5394";
const char* kWorse = "#b34700";
const char* kNeutral = "#555555";

// "fresh_fruit exports: 95th-percentile border-crossing time", short enough for a chart's title.
std::string chart_title(const Figure& f) {
  std::string g = group_words(f.group);
  g[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(g[0])));
  return g + ": " + metric_phrase(f.metric);
}

// Strips a trailing space and "a day" words to make an axis unit: " h" -> "h".
std::string axis_unit(const Shown& u) {
  return u.suffix.empty() ? "" : u.suffix.substr(1);
}

// One index chart: the inputs of one figure, ranked by the design's measure.
std::string index_chart(const Data& d, const std::vector<Index>& all, const Figure& f,
                        const std::string& id, const std::string& title) {
  std::vector<svg::Bar> bars;
  std::string unit, note;
  auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
  auto find_measure = [&](const std::string& input, const std::string& m) -> const Index* {
    for (const Index& i : all)
      if (i.input == input && i.measure == m) return &i;
    return nullptr;
  };
  const std::vector<const Index*> order = ranked(all, ranking_measure(d.design));
  if (order.empty()) return "";
  if (d.design == "sobol") {
    // Indices are shares: estimates outside [0, 1] (few base rows) are drawn at the bound, the
    // estimate written beside.
    auto bar = [&](const Index& i, const std::string& label, const char* colour) {
      svg::Bar b;
      b.label = label;
      const double v = finite(i.value);
      b.value = 100 * std::clamp(v, 0.0, 1.0);
      b.lo = std::isfinite(i.lo) ? 100 * std::clamp(i.lo, 0.0, 1.0) : b.value;
      b.hi = std::isfinite(i.hi) ? 100 * std::clamp(i.hi, 0.0, 1.0) : b.value;
      b.colour = colour;
      if (v < -0.005 || v > 1.005) b.note = fmt::format("estimate {:.0f} %", 100 * v);
      bars.push_back(b);
    };
    for (const Index* t : order) {
      bar(*t, t->input + ": with interactions (total)", "#0b3c5d");
      if (const Index* first = find_measure(t->input, "first"))
        bar(*first, "alone (first-order)", "#8fa9bf");
    }
    unit = "% of the spread over the design (Sobol' index, 95 % CI)";
    note = "Total: the share the input takes part in, alone or with others; first-order: alone.";
  } else if (d.design == "morris") {
    double largest = 0;
    for (const Index* t : order) largest = std::max(largest, std::abs(finite(t->value)));
    const Shown u = shown_unit(largest, f.unit, true);
    for (const Index* t : order) {
      svg::Bar b;
      b.label = t->input;
      b.value = u.scale * finite(t->value);
      b.lo = std::isfinite(t->lo) ? u.scale * t->lo : b.value;
      b.hi = std::isfinite(t->hi) ? u.scale * t->hi : b.value;
      b.colour = "#0b3c5d";
      if (const Index* sd = find_measure(t->input, "sigma"); sd && std::isfinite(sd->value))
        b.note = "σ " + number(u.scale * sd->value) + u.suffix;
      bars.push_back(b);
    }
    unit = "μ*: mean change per swing over the input's range (" + axis_unit(u) + "), 95 % CI";
    note =
        "σ (right): how much that change varies with the other inputs (interactions, curvature).";
  } else {
    for (const Index* t : order) {
      svg::Bar b;
      b.label = t->input;
      b.value = finite(t->value);
      b.lo = std::isfinite(t->lo) ? t->lo : b.value;
      b.hi = std::isfinite(t->hi) ? t->hi : b.value;
      b.colour = b.value >= 0 ? "#0b3c5d" : "#8fa9bf";
      bars.push_back(b);
    }
    const double r2 = r_squared(all);
    unit = "standardised regression coefficient, 95 % CI";
    note = "+ rises with the input, − falls; squared, about its share of the spread" +
           (std::isfinite(r2) ? fmt::format(". The line explains {:.0f} % of it (R²).",
                                            100 * std::clamp(r2, 0.0, 1.0))
                              : std::string("."));
  }
  return svg::Chart::bars(id, title, unit, bars, note);
}

}  // namespace

std::string drivers(const Context&, const Data& d) {
  std::string s =
      "<section id=\"drivers\"><h2>What drives each figure</h2><p>For each headline figure, "
      "how much of its spread over the design each input explains. ";
  s += d.design == "sobol"
           ? "Sobol' indices: the share of the figure's variance over the design that an input "
             "takes part in (total) or causes alone (first-order); a total well above the "
             "first-order means it acts together with other inputs."
       : d.design == "morris"
           ? "Morris screening: μ* is the mean size of the change an input's steps make, scaled "
             "to its whole range, and σ how much that change depends on the other inputs. It "
             "ranks inputs; it does not split the variance."
           : "Standardised regression coefficients: how many standard deviations the figure "
             "moves per standard deviation of the input, from a straight-line fit over the "
             "design points; R² says how much of the spread that line explains.";
  s += " Whiskers are 95 % confidence intervals.</p>";
  int k = 0;
  auto add = [&](const std::string& scenario, const Figure& f, const std::string& title) {
    auto sc = d.indices.find(scenario);
    if (sc == d.indices.end()) return;
    auto it = sc->second.find(f);
    if (it == sc->second.end()) return;
    s += index_chart(d, it->second, f, "index-" + std::to_string(k++), title);
  };
  for (const std::string& v : d.variants) {
    const std::vector<Figure> figs = headline(d, v, 4);
    if (figs.empty()) continue;
    s += "<h3>What moves the effect of " + escape(v) + " (" + escape(v) + " − " + escape(d.base) +
         ")</h3>";
    for (const Figure& f : figs) add("effect:" + v, f, chart_title(f));
  }
  const std::vector<Figure> base = headline(d, "", d.variants.empty() ? 6 : 3);
  if (!base.empty()) {
    s += "<h3>What moves the figures of " + escape(d.base) +
         (d.variants.empty() ? "" : " (the base)") + "</h3>";
    for (const Figure& f : base) add(d.base, f, chart_title(f));
  }
  if (k == 0) return "";
  return s + "</section>";
}

namespace {

// The x of each point for one input: its value, or an alternative's index spread a little so
// the points of one alternative do not sit on one another.
std::vector<double> x_of(const Data& d, std::size_t input, const std::vector<Estimate>& es) {
  std::vector<double> x;
  const bool values = d.inputs[input].values();
  std::map<long, std::size_t> count, seen;
  for (const Estimate& e : es)
    if (e.point < d.value.size()) ++count[std::lround(d.value[e.point][input])];
  // A range at a few levels (Morris, a grid, whole numbers): its points spread a little too.
  std::map<double, std::size_t> at_value, seen_value;
  for (const Estimate& e : es)
    if (e.point < d.value.size()) ++at_value[d.value[e.point][input]];
  const bool levels = !values && at_value.size() * 2 <= es.size();
  const double width = 0.025 * (d.inputs[input].high - d.inputs[input].low);
  for (const Estimate& e : es) {
    const double v = e.point < d.value.size() ? d.value[e.point][input] : 0;
    if (!values) {
      const double n = static_cast<double>(at_value[v]), i = static_cast<double>(seen_value[v]++);
      x.push_back(levels && n > 1 ? v - width + 2 * width * i / (n - 1) : v);
      continue;
    }
    const long a = std::lround(v);
    const double n = static_cast<double>(count[a]), i = static_cast<double>(seen[a]++);
    x.push_back(static_cast<double>(a) + (n > 1 ? -0.35 + 0.7 * i / (n - 1) : 0));
  }
  return x;
}

// The estimates of one figure at every point against an input: better and worse coloured
// (`direction` nonzero: an effect), filled where the point's own CI excludes zero.
std::string scatter(const Data& d, const std::vector<Estimate>& es, const Figure& f,
                    std::size_t input, int direction, bool effect, const std::string& id,
                    const std::string& title) {
  if (es.empty() || input >= d.inputs.size()) return "";
  const Input& in = d.inputs[input];
  double lo = effect ? 0 : INFINITY, hi = effect ? 0 : -INFINITY, largest = 0;
  for (const Estimate& e : es) {
    const double a = std::isfinite(e.lo) ? e.lo : e.mean, b = std::isfinite(e.hi) ? e.hi : e.mean;
    lo = std::min({lo, a, e.mean});
    hi = std::max({hi, b, e.mean});
    largest = std::max(largest, std::abs(e.mean));
  }
  if (!effect && f.unit == "share") lo = std::max(0.0, lo);
  const Shown u = shown_unit(std::max({largest, std::abs(lo), std::abs(hi)}), f.unit, effect);
  const double pad = (hi - lo) * 0.05 + 1e-12;
  svg::Chart ch(id, title, 760, 320);
  const std::vector<double> x = x_of(d, input, es);
  const std::string in_unit = in.unit == ":time" || in.unit.empty() ? "" : " (" + in.unit + ")";
  if (in.values()) {
    ch.x_categories(in.name + ": " + in.key, in.alternatives);
    // Room for the spread of each alternative's points.
    ch.x_axis(in.name + ": " + in.key, -0.5, static_cast<double>(in.alternatives.size()) - 0.5);
  } else {
    const double x0 = std::min(in.low, *std::min_element(x.begin(), x.end()));
    const double x1 = std::max(in.high, *std::max_element(x.begin(), x.end()));
    const double xp = (x1 - x0) * 0.04;
    ch.x_axis(in.name + in_unit + ": " + in.key, x0 - xp, x1 + xp);
  }
  const std::string y_unit = axis_unit(u);
  ch.y_axis(
      (effect ? "change" : metric_phrase(f.metric)) + (y_unit.empty() ? "" : " (" + y_unit + ")"),
      (lo - pad) * u.scale, (hi + pad) * u.scale);
  if (effect) ch.hline(0, "no change");
  bool any[2][2] = {{false, false}, {false, false}};  // [worse][filled]
  for (std::size_t i = 0; i < es.size(); ++i) {
    const Estimate& e = es[i];
    const bool worse = direction != 0 && e.mean * direction < 0;
    const bool filled = effect ? e.significant : true;
    const std::string colour = !effect || direction == 0 ? kNeutral : worse ? kWorse : kBetter;
    any[worse][filled] = true;
    const std::string where = e.point < d.value_text.size() && input < d.value_text[e.point].size()
                                  ? in.name + " = " + d.value_text[e.point][input]
                                  : "";
    ch.dot(x[i], e.mean * u.scale, (std::isfinite(e.lo) ? e.lo : e.mean) * u.scale,
           (std::isfinite(e.hi) ? e.hi : e.mean) * u.scale, colour, filled,
           fmt::format("point {}: {}{} ({})", e.point, effect && e.mean > 0 ? "+" : "",
                       number(e.mean * u.scale) + u.suffix, where),
           svg::Tag{"point", std::to_string(e.point)});
  }
  if (effect && direction != 0) {
    if (any[0][1]) ch.dot_key("better, beyond noise", kBetter, true);
    if (any[0][0]) ch.dot_key("better, within noise", kBetter, false);
    if (any[1][1]) ch.dot_key("worse, beyond noise", kWorse, true);
    if (any[1][0]) ch.dot_key("worse, within noise", kWorse, false);
  }
  return ch.svg();
}

// The input that explains most of a figure's spread (the first input without indices).
std::size_t top_input(const Data& d, const std::string& scenario, const Figure& f) {
  auto sc = d.indices.find(scenario);
  if (sc != d.indices.end())
    if (auto it = sc->second.find(f); it != sc->second.end()) {
      const auto order = ranked(it->second, ranking_measure(d.design));
      if (!order.empty()) return input_index(d, order.front()->input);
    }
  return 0;
}

}  // namespace

std::string effects(const Context&, const Data& d) {
  std::string s;
  int k = 0;
  for (const std::string& v : d.variants) {
    auto ev = d.effects.find(v);
    if (ev == d.effects.end()) continue;
    const std::vector<Figure> figs = headline(d, v, 4);
    if (!figs.empty())
      s += "<h3>" + escape(v) + " − " + escape(d.base) + " at each design point</h3>";
    for (const Figure& f : figs) {
      auto it = ev->second.find(f);
      if (it == ev->second.end()) continue;
      int direction = 0;
      for (const Robust& r : d.robust)
        if (r.variant == v && r.fig == f) direction = r.direction;
      const std::size_t in = top_input(d, "effect:" + v, f);
      s += scatter(d, it->second, f, in, direction, true, "effect-" + std::to_string(k++),
                   chart_title(f));
    }
  }
  if (!s.empty())
    return "<section id=\"effects\"><h2>The effect across the design</h2><p>Each dot is one "
           "design point: the variant's change from the base there (paired over the point's "
           "replications, which share their random numbers), with its 95 % CI, against the "
           "input that explains most of the effect's spread. Blue is better, orange worse; a "
           "hollow dot's CI includes zero (within simulation noise).</p>" +
           s + "</section>";
  // No variants: each headline figure against the input that moves it most.
  auto base = d.means.find(d.base);
  if (base == d.means.end()) return "";
  for (const Figure& f : headline(d, "", 4)) {
    auto it = base->second.find(f);
    if (it == base->second.end()) continue;
    s += scatter(d, it->second, f, top_input(d, d.base, f), 0, false,
                 "spread-" + std::to_string(k++), chart_title(f));
  }
  if (s.empty()) return "";
  return "<section id=\"effects\"><h2>The figures across the design</h2><p>Each dot is one "
         "design point with its 95 % CI (simulation noise only), against the input that "
         "explains most of the figure's spread.</p>" +
         s + "</section>";
}

}  // namespace outputs::report::explore
