// The terminal text of `bordersim explore`: the design, what explains each headline metric, and
// for each variant how its effect moves over the design and where it flips.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "app/commands.hpp"
#include "measures/summary.hpp"
#include "models/uncertain.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"

namespace app {

namespace {

// The measure that ranks inputs for a design, and how it is named.
const char* ranking_measure(studies::DesignKind k) {
  switch (k) {
    case studies::DesignKind::Sobol:
      return "total";
    case studies::DesignKind::Morris:
      return "mu_star";
    default:
      return "src";
  }
}

std::string ranking_words(studies::DesignKind k) {
  switch (k) {
    case studies::DesignKind::Sobol:
      return "Sobol' total indices (share of the variance over the design each input takes part "
             "in)";
    case studies::DesignKind::Morris:
      return "Morris mu* (mean absolute change per full swing of the input)";
    default:
      return "standardised regression coefficients (R² says how much a straight line explains)";
  }
}

// "transshipped 0.93, shelf 0.12, close 0.02" for one scenario's metric.
std::string ranked(const ExploreOutcome& r, const std::string& scenario,
                   const outputs::MetricKey& key) {
  const std::string measure = ranking_measure(r.design.kind);
  std::vector<const studies::SensitivityRow*> rows;
  double r2 = std::nan("");
  for (const studies::SensitivityRow& s : r.analysis.sensitivity) {
    if (s.scenario != scenario || s.key.metric != key.metric || s.key.label != key.label) continue;
    if (s.measure == measure) rows.push_back(&s);
    if (s.measure == "r2") r2 = s.estimate.value;
  }
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
    const double x = std::isfinite(a->estimate.value) ? std::fabs(a->estimate.value) : -1;
    const double y = std::isfinite(b->estimate.value) ? std::fabs(b->estimate.value) : -1;
    return x > y;
  });
  std::string s;
  for (std::size_t i = 0; i < rows.size() && i < 3; ++i)
    s += (i ? ", " : "") + rows[i]->input + " " + outputs::show_number(rows[i]->estimate.value);
  if (std::isfinite(r2)) s += fmt::format(" (R² {:.2f})", r2);
  return s;
}

// The range of the base's mean over the design.
std::pair<double, double> spread(const ExploreOutcome& r, const outputs::MetricKey& key) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& point : r.summaries)
    for (const outputs::SummaryRow& row : point.front())
      if (row.key.metric == key.metric && row.key.label == key.label) {
        lo = std::min(lo, row.ci.mean);
        hi = std::max(hi, row.ci.mean);
      }
  return {lo, hi};
}

bool shown(const outputs::MetricKey& k) {
  using M = outputs::Metric;
  return k.metric == M::BorderTimeMean || k.metric == M::BorderTimeP95 ||
         k.metric == M::SpoiledShare || k.metric == M::BacklogGrowthPerDay ||
         k.metric == M::BacklogAtEnd;
}

std::string cell(double v) {
  return std::isfinite(v) ? outputs::show_number(v) : std::string("–");
}

}  // namespace

// `bordersim summary` of an explore file: the design, the inputs, every sensitivity index and
// every effect's robustness, as the file holds them.
std::string explore_file_summary(hid_t f, const std::string& h5) {
  namespace h = outputs::h5;
  using outputs::text;
  std::string s = fmt::format(
      "{} — explore, {} design of {} points (--points {}, seed {}), from {}\n\ninputs\n",
      h::read_attr_string(f, "scenario_name"), h::read_attr_string(f, "design"),
      static_cast<long long>(h::read_attr_double(f, "points")),
      static_cast<long long>(h::read_attr_double(f, "design_points")),
      static_cast<long long>(h::read_attr_double(f, "design_seed")), h5);
  for (const auto& r : outputs::read_rows<outputs::row::ExploreInput>(
           f, "explore_inputs", outputs::table_spec(outputs::Table::ExploreInputs)))
    s += fmt::format("  {:<20} {} ({}; run at {})\n", text(r.name), text(r.key),
                     text(r.kind) == std::string("range")
                         ? fmt::format("{:g}{} to {:g}{}, {}", r.low, text(r.unit), r.high,
                                       text(r.unit), text(r.distribution))
                         : text(r.alternatives),
                     text(r.own));
  s += "\nsensitivity (scenario, metric [group]: input measure value [95 % CI])\n";
  std::string last;
  for (const auto& r : outputs::read_rows<outputs::row::Sensitivity>(
           f, "sensitivity", outputs::table_spec(outputs::Table::Sensitivity))) {
    const std::string head = fmt::format("  {}, {} [{}] ({})", text(r.scenario), text(r.key.metric),
                                         text(r.key.group), text(r.key.unit));
    if (head != last) s += head + "\n";
    last = head;
    s += fmt::format("      {:<20} {:<8} {} [{}, {}]\n", text(r.input), text(r.measure),
                     cell(r.value), cell(r.lo), cell(r.hi));
  }
  if (!h::exists(f, "robustness")) return s;
  s += "\nrobustness (variant minus base over the design)\n";
  for (const auto& r : outputs::read_rows<outputs::row::Robustness>(
           f, "robustness", outputs::table_spec(outputs::Table::Robustness))) {
    s += fmt::format(
        "  {}, {} [{}] ({}): {} to {}, mean {}; better at {} of {} points, worse at {}{}\n",
        text(r.variant), text(r.key.metric), text(r.key.group), text(r.key.unit),
        cell(r.effect_min), cell(r.effect_max), cell(r.effect_mean), r.better_points, r.points,
        r.worse_points, r.flips ? "; " + text(r.rule) : "");
  }
  return s;
}

std::string render_explore(const ExploreOutcome& r) {
  std::string s;
  for (const std::string& w : r.warnings) s += w + "\n";
  const models::Scenario& base = r.scenarios.front();
  const std::size_t runs = r.design.points() * r.scenarios.size();
  s += fmt::format(
      "explore {}: {} design, {} points over {} uncertain input{}, {} on common random numbers "
      "({} scenario{} x {} points)\n\n",
      r.names.front(), studies::design_name(r.design.kind), r.design.points(),
      r.design.inputs.size(), r.design.inputs.size() == 1 ? "" : "s",
      r.replications_least == r.replications_most
          ? fmt::format("{} replications each", r.replications_least)
          : fmt::format("{} to {} replications each (--precision)", r.replications_least,
                        r.replications_most),
      r.scenarios.size(), r.scenarios.size() == 1 ? "" : "s", r.design.points());
  (void)runs;
  s += "inputs (the scenario's own value in brackets):\n";
  for (const models::UncertainInput& in : r.design.inputs)
    s += fmt::format("  {:<20} {} over {} [{}]\n", in.name, in.key, models::range_words(in),
                     models::own_value(base, in));
  s += "\nwhat explains each headline metric of " + r.names.front() + ": " +
       ranking_words(r.design.kind) + "\n";
  std::map<std::string, bool> seen;
  for (const studies::SensitivityRow& x : r.analysis.sensitivity) {
    if (x.scenario != r.names.front() || !shown(x.key)) continue;
    const std::string id = outputs::metric_name(x.key.metric) + " [" + x.key.label + "]";
    if (!seen.emplace(id, true).second) continue;
    const auto [lo, hi] = spread(r, x.key);
    s +=
        fmt::format("  {:<48} {} to {}{}: {}\n", id, outputs::show_value(x.key, lo),
                    outputs::show_value(x.key, hi),
                    outputs::is_share(x.key) ? "" : " " + x.key.unit, ranked(r, x.scenario, x.key));
  }
  for (const studies::RobustnessRow& x : r.analysis.robustness) {
    if (!shown(x.key) || x.direction == 0) continue;
    if (x.key.group.kind != outputs::GroupKind::All &&
        x.key.group.kind != outputs::GroupKind::CargoDirection &&
        x.key.group.kind != outputs::GroupKind::CrossingDirection)
      continue;
    if (x.min == 0 && x.max == 0) continue;
    s += fmt::format(
        "\n{} minus {}, {} [{}]: {} to {}{} over the design (mean {}); better at {} of {} points "
        "({} by their own CI), worse at {} ({})\n",
        x.variant, r.names.front(), outputs::metric_name(x.key.metric), x.key.label,
        outputs::show_value(x.key, x.min), outputs::show_value(x.key, x.max),
        outputs::is_share(x.key) ? "" : " " + x.key.unit, outputs::show_value(x.key, x.mean),
        x.better, x.points, x.better_significant, x.worse, x.worse_significant);
    if (x.rule.flips) {
      // A minority no point of which is beyond its own CI is as likely noise as a region.
      const std::size_t sure = x.rule.describes_worse ? x.worse_significant : x.better_significant;
      s += "  " + x.rule.text +
           (sure == 0 ? " (but at no such point beyond its own CI: likely noise)" : "") + "\n";
    }
    const std::string why = ranked(r, "effect:" + x.variant, x.key);
    if (!why.empty()) s += "  its spread comes from: " + why + "\n";
  }
  s += "\nresults: " + r.out + "\n";
  return s;
}

}  // namespace app
