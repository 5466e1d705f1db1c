#include "measures/calibration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace outputs {

namespace {

[[noreturn]] void fail(const models::Target& t, const std::string& key, const std::string& msg) {
  throw models::SourceError(t.file, t.mark, t.path + (key.empty() ? "" : "." + key), msg);
}

// A figure printed as written in a table: thousands apart, at most three significant decimals.
std::string number(double x) {
  if (std::isnan(x)) return "—";
  const double a = std::abs(x);
  if (a >= 1000) {
    std::string digits = fmt::format("{:.0f}", a), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (x < 0 ? "-" : "") + out;
  }
  if (a >= 100) return fmt::format("{:.0f}", x);
  if (a >= 10) return fmt::format("{:.1f}", x);
  return fmt::format("{:.2f}", x);
}

// The simulated mean, and its CI when there is one ("2,873 [2,818, 2,927]").
std::string simulated_text(const TargetResult& r) {
  if (std::isnan(r.sim.lo)) return number(r.sim.mean);
  return number(r.sim.mean) + " [" + number(r.sim.lo) + ", " + number(r.sim.hi) + "]";
}

std::string figure_text(const models::Target& t) {
  if (!t.no_target.empty()) return "no target";
  return t.lo == t.hi ? number(t.lo) : number(t.lo) + "–" + number(t.hi);
}

}  // namespace

const std::string& verdict_name(Verdict v) {
  static const std::string names[] = {"pass", "MISS", "no target"};
  return names[static_cast<int>(v)];
}

void check_targets(const models::Scenario& sc) {
  for (const models::Target& t : sc.targets) {
    const auto m = metric_by_name(t.metric);
    if (!m || metric_spec(*m).curve) {
      std::vector<std::string> names;
      for (const MetricSpec& s : metric_catalogue())
        if (!s.curve) names.push_back(s.name);
      fail(t, "metric",
           fmt::format("unknown metric {} (a summary metric: {})", models::echo(t.metric),
                       fmt::join(names, ", ")));
    }
    if (t.no_target.empty() && t.source.empty()) fail(t, "source", "a target needs its source");
  }
}

std::vector<TargetResult> evaluate_targets(const models::Scenario& sc,
                                           const std::vector<ReplicationMetrics>& reps) {
  check_targets(sc);
  std::vector<TargetResult> out;
  for (const models::Target& t : sc.targets) {
    const Metric m = *metric_by_name(t.metric);
    TargetResult r;
    r.target = t;
    r.unit = metric_spec(m).unit;
    // Per replication, the sum over the groups; a replication missing one of them is left out
    // (no vehicle of that group finished there), a group no replication has is an error.
    std::vector<double> sums;
    std::set<std::string> seen, available;
    for (const ReplicationMetrics& rep : reps) {
      double sum = 0;
      std::size_t found = 0;
      for (const auto& [k, v] : rep) {
        if (k.metric != m) continue;
        available.insert(k.label);
        if (std::find(t.groups.begin(), t.groups.end(), k.label) == t.groups.end()) continue;
        seen.insert(k.label);
        sum += v;
        ++found;
        r.unit = k.unit;
      }
      if (found == t.groups.size()) sums.push_back(sum);
    }
    for (const std::string& g : t.groups)
      if (!seen.count(g) && t.no_target.empty()) {
        const std::string list = fmt::format("{}", fmt::join(available, ", "));
        fail(t, "groups",
             "metric " + t.metric + " has no group " + models::echo(g) +
                 (list.empty() ? " (it has none in this scenario)" : " (it has: " + list + ")"));
      }
    r.sim = sim::mean_ci(sums);
    const double mid = 0.5 * (t.lo + t.hi);
    r.ratio = t.no_target.empty() && mid != 0 ? r.sim.mean / mid
                                              : std::numeric_limits<double>::quiet_NaN();
    r.band_lo = t.lo - t.tolerance * std::abs(t.lo);
    r.band_hi = t.hi + t.tolerance * std::abs(t.hi);
    if (t.no_target.empty()) {
      // One replication has no CI: its value itself is compared.
      const double lo = std::isnan(r.sim.lo) ? r.sim.mean : r.sim.lo;
      const double hi = std::isnan(r.sim.hi) ? r.sim.mean : r.sim.hi;
      r.verdict = hi >= r.band_lo && lo <= r.band_hi ? Verdict::Pass : Verdict::Miss;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string format_calibration(const models::Scenario& sc, const std::vector<TargetResult>& rs) {
  std::string s = fmt::format("calibration of {} ({} replications)\n", sc.name,
                              rs.empty() ? sc.replications : static_cast<int>(rs[0].sim.n));
  if (rs.empty()) return s + "  the scenario declares no targets\n";
  std::size_t pass = 0, miss = 0;
  for (const TargetResult& r : rs) {
    const models::Target& t = r.target;
    s += fmt::format("\n  {:<28} {}\n", t.id, verdict_name(r.verdict));
    if (t.no_target.empty())
      s += fmt::format("    published  {} {}  ({}; {}{})\n", figure_text(t), r.unit, t.figure,
                       t.source, t.date.empty() ? "" : ", " + t.date);
    else
      s += fmt::format("    no target  {}\n", t.no_target);
    s += fmt::format("    simulated  {} {}", simulated_text(r), r.unit);
    if (r.verdict != Verdict::None)
      s += fmt::format("  ratio {:.2f}, tolerance {:.0f} % (band {} to {})", r.ratio,
                       100 * t.tolerance, number(r.band_lo), number(r.band_hi));
    s += fmt::format("\n    measures   {} = {}", t.metric, t.measures);
    if (t.groups.size() != 1 || t.groups[0] != "all")
      s += fmt::format(" ({})", fmt::join(t.groups, " + "));
    s += "\n";
    pass += r.verdict == Verdict::Pass;
    miss += r.verdict == Verdict::Miss;
  }
  s += fmt::format("\n{} of {} targets pass, {} missed, {} without a published figure\n", pass,
                   pass + miss, miss, rs.size() - pass - miss);
  for (const TargetResult& r : rs)
    if (r.verdict == Verdict::Miss)
      s += fmt::format("missed: target {} ({}): simulated {} {} against {} {} ± {:.0f} % from {}\n",
                       r.target.id, r.target.metric, number(r.sim.mean), r.unit,
                       figure_text(r.target), r.unit, 100 * r.target.tolerance, r.target.source);
  return s;
}

std::string calibration_markdown(const models::Scenario& sc, const std::vector<TargetResult>& rs) {
  std::string s;
  for (const TargetResult& r : rs) {
    const models::Target& t = r.target;
    const std::string published = t.no_target.empty()
                                      ? figure_text(t) + " " + r.unit + " (" + t.figure + ")"
                                      : "no target: " + t.no_target;
    s += fmt::format("| `{}` | `{}` | {} | {} | {} | {} | {} |\n", sc.name, t.id, published,
                     t.source.empty() ? "—" : "`" + t.source + "`", simulated_text(r),
                     t.no_target.empty() ? fmt::format("±{:.0f} %", 100 * t.tolerance) : "—",
                     verdict_name(r.verdict));
  }
  return s;
}

}  // namespace outputs
