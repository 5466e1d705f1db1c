// The terminal text of run, compare and `bordersim summary`: the headline table a decision needs
// by default, the whole summary on request, and a comparison that reads as an answer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "measures/summary.hpp"
#include "sim/time.hpp"

namespace outputs {

namespace {

// Columns of text, each right-aligned to its widest cell but the first (left-aligned).
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string str(const std::string& indent = "  ") const {
    std::vector<std::size_t> w;
    for (const auto& r : rows_)
      for (std::size_t c = 0; c < r.size(); ++c) {
        if (w.size() <= c) w.push_back(0);
        w[c] = std::max(w[c], width(r[c]));
      }
    std::string out;
    for (const auto& r : rows_) {
      std::string line = indent;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string pad(w[c] - width(r[c]), ' ');
        line += c == 0 ? r[c] + pad : "  " + pad + r[c];
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

 private:
  // Display width: UTF-8 continuation bytes take no column (the ± sign).
  static std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
  }
  std::vector<std::vector<std::string>> rows_;
};

// The decimals that show `v` to 3 significant figures (at least 0, at most 6).
int decimals(double v) {
  const double a = std::abs(v);
  if (!(a > 0) || !std::isfinite(a)) return 2;
  const int d = 2 - static_cast<int>(std::floor(std::log10(a)));
  return std::clamp(d, 0, 6);
}

std::string fixed(double v, int d) {
  if (std::isnan(v)) return "–";
  std::string s = fmt::format("{:.{}f}", v, d);
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no -0
  return s;
}

// A mean ± its CI half-width, both with the mean's decimals (shares in percent); an interval
// not centred on the mean (a share's, cut at 0 or 100 %) as its ends: "40.0 [0.0, 100.0] %".
std::string with_ci(const MetricKey& k, const sim::Interval& i) {
  const double scale = is_share(k) ? 100 : 1;
  const double m = i.mean * scale;
  if (m == 0 && (std::isnan(i.lo) || i.half_width() == 0)) return is_share(k) ? "0 %" : "0";
  const int d = decimals(std::max(std::abs(m), std::isnan(i.lo) ? 0.0 : i.half_width() * scale));
  std::string s = fixed(m, d);
  const double below = i.mean - i.lo, above = i.hi - i.mean;
  if (!std::isnan(i.lo) && std::abs(above - below) > 1e-9 * std::max(1.0, std::abs(i.mean)))
    s += " [" + fixed(i.lo * scale, d) + ", " + fixed(i.hi * scale, d) + "]";
  else if (!std::isnan(i.lo))
    s += " ±" + fixed(i.half_width() * scale, d);
  return s + (is_share(k) ? " %" : "");
}

const SummaryRow* find(const std::vector<SummaryRow>& rows, Metric m, const Group& g) {
  for (const SummaryRow& r : rows)
    if (r.key.metric == m && r.key.group == g) return &r;
  return nullptr;
}

// The groups a reader asks about: all vehicles, then each cargo class by direction.
std::vector<std::pair<Group, std::string>> headline_groups(const std::vector<SummaryRow>& rows) {
  std::vector<std::pair<Group, std::string>> out;
  std::set<std::string> seen;
  for (const GroupKind kind : {GroupKind::All, GroupKind::CargoDirection})
    for (const SummaryRow& r : rows)
      if (r.key.group.kind == kind && r.key.metric == Metric::ThroughputPerDay &&
          seen.insert(r.key.label).second)
        out.emplace_back(r.key.group, r.key.label);
  return out;
}

}  // namespace

std::string show_number(double v) {
  return fixed(v, decimals(v));
}

std::string show_value(const MetricKey& k, double v) {
  if (is_share(k)) return fixed(100 * v, decimals(100 * v)) + " %";
  return fixed(v, decimals(v));
}

std::string format_headline(const models::Scenario& sc, const std::vector<SummaryRow>& rows) {
  const std::size_t reps = rows.empty() ? 0 : rows.front().ci.n;
  std::string out = fmt::format(
      "{} — {} replication{}, {:.1f} days after a {:.1f}-day warm-up (mean ± 95 % CI "
      "half-width)\n\n",
      sc.name, reps, reps == 1 ? "" : "s", (sc.horizon_s - sc.warmup_s) / sim::kDay,
      sc.warmup_s / sim::kDay);
  using M = Metric;
  const std::vector<std::pair<M, std::string>> cols = {
      {M::ThroughputPerDay, "through/day"},  {M::BorderTimeMean, "border h mean"},
      {M::BorderTimeP50, "border h p50"},    {M::BorderTimeP95, "border h p95"},
      {M::TransitMean, "transit h mean"},    {M::SpoiledShare, "spoiled"},
      {M::ValueLostPerDay, "value lost/day"}};
  std::vector<std::string> header = {"group"};
  std::vector<M> shown;
  for (const auto& [m, name] : cols) {
    bool any = false;
    for (const SummaryRow& r : rows) any = any || r.key.metric == m;
    if (!any) continue;
    shown.push_back(m);
    header.push_back(m == M::ValueLostPerDay ? name + " (" + sc.currency + ")" : name);
  }
  TextTable t(header);
  for (const auto& [g, label] : headline_groups(rows)) {
    std::vector<std::string> line = {label};
    for (M m : shown) {
      const SummaryRow* r = find(rows, m, g);
      line.push_back(r ? with_ci(r->key, r->ci) : "–");
    }
    t.add(line);
  }
  out += t.str();
  // Flows that choose their route: the share each route took and what it took door to door.
  TextTable routes(
      {"route", "share", "door-to-door h mean", "p95", "trip cost (" + sc.currency + ")"});
  bool any_route = false;
  std::size_t rare = 0;
  for (const SummaryRow& r : rows) {
    if (r.key.metric != M::RouteShare) continue;
    if (!(r.ci.mean >= 0.005)) {
      ++rare;
      continue;
    }
    any_route = true;
    auto cell = [&](M m) {
      const SummaryRow* x = find(rows, m, r.key.group);
      return x ? with_ci(x->key, x->ci) : std::string("–");
    };
    routes.add({r.key.label, with_ci(r.key, r.ci), cell(M::DoorToDoorMean), cell(M::DoorToDoorP95),
                cell(M::TripCostMean)});
  }
  if (any_route) out += "\n" + routes.str();
  if (rare > 0)
    out += fmt::format(
        "  ({} route(s) that fewer than 0.5 % of their flow's trucks took: --verbose)\n", rare);
  // The stops that bind: the busiest three by utilisation.
  std::vector<const SummaryRow*> util;
  for (const SummaryRow& r : rows)
    if (r.key.metric == M::Utilisation && r.ci.mean > 0) util.push_back(&r);
  std::sort(util.begin(), util.end(),
            [](const SummaryRow* a, const SummaryRow* b) { return a->ci.mean > b->ci.mean; });
  if (!util.empty()) {
    out += "\n  busiest stops (utilisation):";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, util.size()); ++i)
      out += fmt::format("{} {} {}", i ? "," : "", util[i]->key.label,
                         with_ci(util[i]->key, util[i]->ci));
    out += "\n";
  }
  // What shippers did (a scenario with a response or notices), and the initial state's queues.
  std::string also;
  if (const SummaryRow* d = find(rows, M::DeferredPerDay, all_group())) {
    const SummaryRow* k = find(rows, M::CancelledPerDay, all_group());
    const SummaryRow* v = find(rows, M::DivertedPerDay, all_group());
    also += fmt::format(
        "  shippers: {} loads/day held at the origin, {} cancelled, {} sent another "
        "way\n",
        with_ci(d->key, d->ci), k ? with_ci(k->key, k->ci) : "–", v ? with_ci(v->key, v->ci) : "–");
  }
  for (const SummaryRow& r : rows) {
    if (r.key.metric != M::InitialClearedH) continue;
    if (r.ci.lo >= sc.horizon_s / sim::kHour - 1e-9)
      also += fmt::format("  the trucks waiting at the start at {}: some still wait at the end\n",
                          r.key.label);
    else
      also += fmt::format("  the trucks waiting at the start at {} are through after {} h\n",
                          r.key.label, with_ci(r.key, r.ci));
  }
  if (!also.empty()) out += "\n" + also;
  out +=
      "\n  border h: hours from reaching the exit side to through the entry side (trucks); "
      "through/day: released per day\n  after the warm-up; all metrics: `bordersim summary "
      "FILE` or --verbose (docs/output-format.md)\n";
  return out;
}

std::string format_summary(const std::string& title, const std::string& what,
                           const std::vector<SummaryRow>& rows) {
  std::string out = title + " — " + what + "\n";
  for (const MetricSpec& spec : metric_catalogue()) {
    if (spec.title.empty() || spec.curve) continue;
    std::vector<const SummaryRow*> mine;
    for (const SummaryRow& r : rows)
      if (r.key.metric == spec.metric) mine.push_back(&r);
    if (mine.empty()) continue;
    const std::string unit = in_currency(spec.metric) ? mine.front()->key.unit : spec.unit;
    const bool titled = spec.title.find('(') != std::string::npos;  // "transit time, mean (h)"
    out += fmt::format("\n{}{} (mean ± 95 % CI half-width)\n", spec.title,
                       titled ? "" : " [" + (unit == "share" ? std::string("%") : unit) + "]");
    // Coarse groups first; a finer group with the very same figures (the same vehicles: fruit
    // in one flow, one lane) is named beside the first instead of printed again.
    auto rank = [](GroupKind k) {
      switch (k) {
        case GroupKind::All:
          return 0;
        case GroupKind::Cargo:
          return 1;
        case GroupKind::CargoDirection:
          return 2;
        case GroupKind::FlowCargo:
          return 3;
        case GroupKind::FlowCargoTreatment:
          return 4;
        default:
          return 5;
      }
    };
    std::stable_sort(mine.begin(), mine.end(), [&](const SummaryRow* a, const SummaryRow* b) {
      return rank(a->key.group.kind) < rank(b->key.group.kind);
    });
    std::vector<std::pair<const SummaryRow*, std::string>> lines;
    for (const SummaryRow* r : mine) {
      bool same = false;
      for (auto& [first, also] : lines)
        if (first->ci.mean == r->ci.mean && first->ci.sd == r->ci.sd && first->ci.n == r->ci.n &&
            first->key.unit == r->key.unit && rank(first->key.group.kind) < 5 &&
            rank(r->key.group.kind) < 5) {
          also += (also.empty() ? " (= " : ", ") + r->key.label;
          same = true;
          break;
        }
      if (!same) lines.emplace_back(r, "");
    }
    TextTable t({"group", "value"});
    for (const auto& [r, also] : lines)
      t.add({r->key.label + (also.empty() ? "" : also + ")"), with_ci(r->key, r->ci)});
    out += t.str();
  }
  return out;
}

std::string format_summary(const models::Scenario& sc, const std::vector<SummaryRow>& rows) {
  return format_summary(
      sc.name,
      fmt::format("{} replications, {:.1f} days after a {:.1f}-day warm-up",
                  rows.empty() ? 0 : rows.front().ci.n, (sc.horizon_s - sc.warmup_s) / sim::kDay,
                  sc.warmup_s / sim::kDay),
      rows);
}

std::string format_comparison(const std::string& base, const std::string& variant,
                              const std::vector<DiffRow>& rows, bool all) {
  using M = Metric;
  static const std::vector<M> headline = {
      M::ThroughputPerDay,    M::BorderTimeMean, M::BorderTimeP50,   M::BorderTimeP95,
      M::TransitMean,         M::SpoiledShare,   M::ValueLostPerDay, M::GaveUpPerDay,
      M::BacklogGrowthPerDay, M::RouteShare,     M::DoorToDoorMean,  M::DoorToDoorP95,
      M::TripCostMean};
  const std::size_t n = rows.empty() ? 0 : rows.front().diff.n;
  std::string out = fmt::format(
      "\n{} compared with {}: variant minus base, paired over {} replications on common random "
      "numbers\n"
      "  * significant at 5 % after Holm's adjustment over all {} comparisons of this variant; "
      "[CI] the row's own 95 % interval\n",
      variant, base, n, rows.size());
  TextTable t(
      {"metric", "group", "unit", "base", "variant", "difference [95 % CI]", "change", "better"});
  std::size_t shown = 0;
  auto ordered = [&](M m) {
    const auto it = std::find(headline.begin(), headline.end(), m);
    return it == headline.end() ? headline.size() : static_cast<std::size_t>(it - headline.begin());
  };
  std::vector<const DiffRow*> order;
  for (const DiffRow& d : rows) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [&](const DiffRow* a, const DiffRow* b) {
    return ordered(a->key.metric) < ordered(b->key.metric);
  });
  std::set<std::string> zero;  // metrics left out because they are 0 in both, in every group
  std::map<std::string, bool> nonzero;
  for (const DiffRow* d : order) {
    const GroupKind k = d->key.group.kind;
    const bool head = ordered(d->key.metric) < headline.size() &&
                      (k == GroupKind::All || k == GroupKind::CargoDirection ||
                       k == GroupKind::CrossingDirection || k == GroupKind::FlowRoute);
    if (!all && !head) continue;
    if (!all && !metric_spec(d->key.metric).in_comparison_text) continue;
    const std::string& name = metric_name(d->key.metric);
    if (d->base.mean == 0 && d->variant.mean == 0) {
      if (!nonzero[name]) zero.insert(name);
      continue;
    }
    nonzero[name] = true;
    zero.erase(name);
    const bool share = is_share(d->key);
    const double s = share ? 100 : 1;
    // Values to 3 significant figures; the difference to those of itself or its CI.
    const int dec = decimals(std::max(std::abs(d->base.mean * s), std::abs(d->variant.mean * s)));
    const int ddec =
        std::max(dec, decimals(std::max(std::abs(d->diff.mean * s),
                                        std::isnan(d->diff.lo) ? 0.0 : d->diff.half_width() * s)) -
                          1);
    std::string diff = fixed(d->diff.mean * s, ddec);
    if (!std::isnan(d->diff.lo))
      diff += " [" + fixed(d->diff.lo * s, ddec) + ", " + fixed(d->diff.hi * s, ddec) + "]";
    diff += d->significant_holm ? " *" : "  ";
    const int v = d->verdict();
    const std::string better = better_name(metric_spec(d->key.metric).better);
    t.add({name, d->key.label, share ? "%" : d->key.unit, fixed(d->base.mean * s, dec),
           fixed(d->variant.mean * s, dec), diff,
           std::isnan(d->pct_change)
               ? "–"
               : fixed(d->pct_change, std::min(2, decimals(d->pct_change))) + " %",
           better.empty() ? ""
                          : better + (v > 0   ? ": better"
                                      : v < 0 ? ": WORSE"
                                              : "")});
    ++shown;
  }
  out += t.str();
  if (!zero.empty()) {
    std::string names;
    for (const std::string& z : zero) names += (names.empty() ? "" : ", ") + z;
    out += "  0 in both scenarios, every group: " + names + "\n";
  }
  if (!all)
    out += fmt::format(
        "  ({} of {} rows: the headline metrics for all vehicles, each cargo class by direction "
        "and the backlog; lanes, flows and stops with --verbose, all rows in /comparison)\n",
        shown, rows.size());
  return out;
}

}  // namespace outputs
