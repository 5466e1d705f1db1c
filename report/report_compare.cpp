// A comparison in the report: findings (the largest significant changes with their CIs and
// % change, and each cargo class's border-crossing time in both scenarios), charts of % change
// with the base values shown and which way is better, and why the transit time differs.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/records.hpp"
#include "outputs/hdf5.hpp"
#include "report/report_parts.hpp"

namespace outputs::report {

namespace {

using svg::escape;

// One row of /comparison as the report reads it.
struct Diff {
  std::string variant, metric, label, unit;
  Group group;
  double base = 0, var = 0, diff = 0, lo = 0, hi = 0;  // lo, hi NaN without a CI
  std::int64_t n = 0;
  bool significant = false;
  double pct = std::nan("");  // 100 * diff / base; NaN when the base is 0
  int better = 0;             // -1 lower, +1 higher, 0 neither (better_direction)
  // +1 the change is for the better, -1 for the worse, 0 not significant or no direction.
  int verdict() const {
    if (!significant || better == 0 || diff == 0) return 0;
    return (diff > 0) == (better > 0) ? 1 : -1;
  }
};

struct Comparison {
  std::string base;
  std::vector<std::string> variants;
  std::vector<Diff> rows;
};

Comparison read_comparison(hid_t f) {
  Comparison out;
  if (!h5::exists(f, "comparison")) return out;
  {
    h5::Handle ds(H5Dopen2(f, "comparison", H5P_DEFAULT), H5Dclose, "comparison");
    out.base = attr_or(ds, "base");
  }
  for (const row::Comparison& c :
       read_rows<row::Comparison>(f, "comparison", table_spec(Table::Comparison))) {
    Diff d;
    d.variant = text(c.variant);
    d.metric = text(c.key.metric);
    d.label = text(c.key.group);
    d.unit = text(c.key.unit);
    d.group = group_of(c.codes);
    d.base = c.base_mean;
    d.var = c.variant_mean;
    d.diff = c.diff_mean;
    d.lo = c.diff_lo;
    d.hi = c.diff_hi;
    d.n = c.n;
    // Significance after Holm's adjustment over the variant's rows, as the terminal's *.
    d.significant = c.significant_holm != 0;
    d.pct = c.pct_change;
    const std::string better = text(c.better);
    d.better = better == "lower" ? -1 : better == "higher" ? 1 : 0;
    if (std::find(out.variants.begin(), out.variants.end(), d.variant) == out.variants.end())
      out.variants.push_back(d.variant);
    out.rows.push_back(std::move(d));
  }
  return out;
}

// Groups a comparison reads as an answer: all vehicles, each cargo class, and each cargo class
// in each direction; never the lane split (whose vehicles differ between the scenarios).
bool answer_group(const Group& g) {
  return g.kind == GroupKind::All || g.kind == GroupKind::Cargo ||
         g.kind == GroupKind::CargoDirection;
}

// The figure with its unit: hours as minutes, hours or days; shares as %; "a day" for 1/day.
std::string value_text(double v, const std::string& unit) {
  if (in_hours(unit)) return hours(v);
  if (unit == "share") return percent(v);
  if (unit == "1/day") return number(v) + " a day";
  const auto per_day = unit.find("/day");
  if (per_day != std::string::npos && per_day + 4 == unit.size())
    return number(v) + " " + unit.substr(0, per_day) + " a day";
  return number(v) + (unit.empty() ? "" : " " + unit);
}

// Base and variant with the same precision, so a small change does not read as "1.31 → 1.3".
std::string pair_text(double base, double var, const std::string& unit) {
  double scale = 1;
  std::string suffix = value_text(base, unit);
  if (in_hours(unit)) {
    const double m = std::max(std::abs(base), std::abs(var));
    scale = m < 1 ? 60 : m < 72 ? 1 : 1.0 / 24;
    suffix = m < 1 ? " min" : m < 72 ? " h" : " days";
  } else if (unit == "share") {
    scale = 100;
    suffix = " %";
  } else {
    return value_text(base, unit) + " → " + value_text(var, unit);
  }
  const double m = std::max(std::abs(base), std::abs(var)) * scale;
  const int decimals = m >= 100 ? 0 : m >= 10 ? 1 : m >= 1 ? 2 : 3;
  return fmt::format("{:.{}f} → {:.{}f}{}", base * scale, decimals, var * scale, decimals, suffix);
}

std::string diff_text(const Diff& d) {
  std::string s = fmt::format("{}{}", d.diff > 0 ? "+" : "", value_text(d.diff, d.unit));
  if (!std::isnan(d.lo))
    s += " <span class=\"ci\">[" + value_text(d.lo, d.unit) + ", " + value_text(d.hi, d.unit) +
         "]</span>";
  return s;
}

std::string verdict_text(int v) {
  return v > 0   ? " <span class=\"better\">better</span>"
         : v < 0 ? " <span class=\"worse\">worse</span>"
                 : "";
}

const std::vector<std::string_view> kAnswerMetrics = {
    "border_time_p50", "border_time_p95",    "border_time_mean",   "transit_mean",
    "transit_p50",     "transit_p95",        "wait_mean",          "road_wait_mean",
    "spoiled_share",   "value_lost_per_day", "throughput_per_day", "completed_per_day",
    "gave_up_per_day", "lost_per_day",       "backlog_at_end"};

const Diff* find_diff(const Comparison& cmp, const std::string& variant, std::string_view metric,
                      const Group& g) {
  for (const Diff& d : cmp.rows)
    if (d.variant == variant && d.metric == metric && d.group == g) return &d;
  return nullptr;
}

}  // namespace

std::string findings_compare(const Context& c) {
  const Comparison cmp = read_comparison(c.file);
  std::string s = "<section id=\"findings\"><h2>Findings</h2>";
  if (cmp.rows.empty()) return s + "<p>The file holds no comparison.</p></section>";
  const std::int64_t n = cmp.rows.front().n;
  s += fmt::format(
      "<p class=\"note\">Each variant against {} on common random numbers, paired over {} "
      "replications. A change is significant at 5 % after Holm's adjustment for the number of "
      "rows compared (so that among many rows none reads as significant by chance); its CI is "
      "the row's own 95 % interval; % change is against the base's mean.</p>",
      escape(cmp.base), n);
  const bool border = std::any_of(cmp.rows.begin(), cmp.rows.end(),
                                  [](const Diff& d) { return d.metric == "border_time_p50"; });
  for (const std::string& v : cmp.variants) {
    std::vector<const Diff*> changes;
    for (const Diff& d : cmp.rows)
      if (d.variant == v && d.significant && answer_group(d.group) &&
          std::find(kAnswerMetrics.begin(), kAnswerMetrics.end(), d.metric) !=
              kAnswerMetrics.end() &&
          d.diff != 0)
        changes.push_back(&d);
    std::stable_sort(changes.begin(), changes.end(), [](const Diff* a, const Diff* b) {
      const double x = std::isnan(a->pct) ? 1e300 : std::abs(a->pct);
      const double y = std::isnan(b->pct) ? 1e300 : std::abs(b->pct);
      return x > y;
    });
    s += "<h3>" + escape(v) + " compared with " + escape(cmp.base) + "</h3><ul>";
    if (changes.empty()) {
      s += "<li>No figure of the vehicles changed significantly.</li>";
    } else {
      s += "<li>The largest significant changes:<ul>";
      for (std::size_t i = 0; i < changes.size() && i < 5; ++i) {
        const Diff& d = *changes[i];
        const std::string who = group_phrase(c.names, d.group, d.label);
        s += "<li>" + (d.group.cargo >= 0 ? cargo_swatch(c, d.group.cargo) : "") + "the " +
             escape(metric_phrase(d.metric)) + " of " + escape(who) + ": " +
             pair_text(d.base, d.var, d.unit) + ", " + diff_text(d) + " (" + signed_percent(d.pct) +
             ")" + verdict_text(d.verdict()) + ".</li>";
      }
      s += "</ul></li>";
    }
    // Every cargo class: its median and 95th-percentile time in both scenarios.
    const char* p50 = border ? "border_time_p50" : "transit_p50";
    const char* p95 = border ? "border_time_p95" : "transit_p95";
    std::set<std::int32_t> cargo;
    for (const Diff& d : cmp.rows)
      if (d.variant == v && d.group.kind == GroupKind::Cargo) cargo.insert(d.group.cargo);
    if (!cargo.empty()) {
      s += std::string("<li>") + (border ? "Border-crossing" : "Transit") +
           " time by cargo class, base → variant:<ul>";
      for (std::int32_t k : cargo) {
        const Group g = cargo_group(static_cast<std::uint16_t>(k));
        const Diff* a = find_diff(cmp, v, p50, g);
        const Diff* b = find_diff(cmp, v, p95, g);
        s += "<li>" + cargo_swatch(c, k) + "<b>" + escape(cargo_title(c.names, k)) + "</b>: ";
        if (!a || !b) {
          s += "no released vehicle to compare.</li>";
          continue;
        }
        auto part = [&](const char* what, const Diff& d) {
          return std::string(what) + " " + pair_text(d.base, d.var, d.unit) + " (" +
                 signed_percent(d.pct) + (d.significant ? "" : ", not significant") + ")" +
                 verdict_text(d.verdict());
        };
        s += part("median", *a) + "; 95th percentile " + part("", *b).substr(1) + ".</li>";
      }
      s += "</ul></li>";
    }
    const Diff* sp = find_diff(cmp, v, "spoiled_share", all_group());
    if (sp && sp->base == 0 && sp->var == 0) s += "<li>Nothing spoiled in either scenario.</li>";
    s += "</ul>";
  }
  return s + "</section>";
}

std::string comparison(const Context& c) {
  const Comparison cmp = read_comparison(c.file);
  if (cmp.rows.empty()) return "";
  std::string s =
      "<section id=\"comparison\"><h2>What changes, in %</h2><p>The variant against the base: "
      "% change of the mean with the 95 % confidence interval of the paired difference "
      "(over the base's mean); the base and variant values at the right. <span "
      "class=\"better\">Blue</span>: significantly better, <span "
      "class=\"worse\">orange</span>: significantly worse, grey: not significant (or a metric "
      "with no better direction). Rows by cargo class (and direction), whatever the lanes.</p>";
  const bool border = std::any_of(cmp.rows.begin(), cmp.rows.end(),
                                  [](const Diff& d) { return d.metric == "border_time_p50"; });
  std::vector<std::string_view> charted =
      border ? std::vector<std::string_view>{"border_time_p50", "border_time_p95",
                                             "border_time_mean", "wait_mean"}
             : std::vector<std::string_view>{"transit_p50", "transit_p95", "transit_mean",
                                             "wait_mean"};
  for (std::string_view m : {"road_wait_mean", "spoiled_share", "value_lost_per_day"})
    charted.push_back(m);
  charted.push_back(std::any_of(cmp.rows.begin(), cmp.rows.end(),
                                [](const Diff& d) { return d.metric == "throughput_per_day"; })
                        ? "throughput_per_day"
                        : "completed_per_day");
  const bool by_direction = std::any_of(cmp.rows.begin(), cmp.rows.end(), [](const Diff& d) {
    return d.group.kind == GroupKind::CargoDirection;
  });
  int k = 0;
  std::vector<std::string> unchanged;
  for (const std::string& v : cmp.variants) {
    for (std::string_view m : charted) {
      std::vector<svg::Bar> bars;
      bool any = false;
      for (const Diff& d : cmp.rows) {
        if (d.variant != v || d.metric != m) continue;
        if (!(d.group.kind == GroupKind::All ||
              (by_direction ? d.group.kind == GroupKind::CargoDirection
                            : d.group.kind == GroupKind::Cargo)))
          continue;
        any = any || std::abs(d.diff) > 1e-9 * std::max(1.0, std::abs(d.base));
        svg::Bar b;
        b.label = group_phrase(c.names, d.group, d.label);
        const double scale = d.base != 0 ? 100 / std::abs(d.base) : 0;
        b.value = std::isnan(d.pct) ? 0 : d.pct;
        b.lo = std::isnan(d.lo) ? b.value : d.lo * scale;
        b.hi = std::isnan(d.hi) ? b.value : d.hi * scale;
        b.marked = d.significant;
        const int verdict = d.verdict();
        b.colour = verdict > 0 ? "#0b5394" : verdict < 0 ? "#d55e00" : "#b8b8b8";
        if (d.group.cargo >= 0) {
          b.swatch = cargo_style(c, d.group.cargo).colour;
          b.swatch_tag = cargo_tag(c, d.group.cargo);
        }
        b.note = pair_text(d.base, d.var, d.unit) +
                 (d.base == 0 && d.var != 0 ? " (no base: no %)" : "") +
                 (verdict > 0   ? ", better"
                  : verdict < 0 ? ", worse"
                                : "");
        bars.push_back(std::move(b));
      }
      if (bars.empty()) continue;
      if (!any) {
        unchanged.push_back(v + ": " + metric_phrase(m));
        continue;
      }
      const int better = better_direction(m);
      s += svg::Chart::bars("diff-" + std::to_string(k++),
                            v + ": " + metric_phrase(m) +
                                (better < 0   ? " (lower is better)"
                                 : better > 0 ? " (higher is better)"
                                              : ""),
                            "% change from the base", bars,
                            "* significant at 5 % after Holm's adjustment");
    }
  }
  if (!unchanged.empty()) {
    std::string list;
    for (std::size_t i = 0; i < unchanged.size(); ++i) list += (i ? ", " : "") + unchanged[i];
    s += "<p class=\"nothing\">The same in both scenarios for every group (no chart): " +
         escape(list) + ".</p>";
  }
  s += "<details><summary>Every row of the comparison</summary><table class=\"summary\"><tr>"
       "<th>variant</th><th>metric</th><th>group</th><th>base</th><th>variant</th><th>difference "
       "[95 % CI]</th><th>% change</th><th>better</th></tr>";
  for (const Diff& d : cmp.rows)
    s += "<tr><td>" + escape(d.variant) + "</td><td>" + escape(d.metric) + "</td><td>" +
         escape(d.label) + "</td><td>" + number(d.base) + "</td><td>" + number(d.var) +
         "</td><td>" + number(d.diff) +
         (std::isnan(d.lo)
              ? ""
              : " <span class=\"ci\">[" + number(d.lo) + ", " + number(d.hi) + "]</span>") +
         (d.significant ? " *" : "") + " " + escape(d.unit) + "</td><td>" + signed_percent(d.pct) +
         "</td><td>" +
         (d.better < 0   ? "lower"
          : d.better > 0 ? "higher"
                         : "") +
         "</td></tr>";
  return s + "</table></details></section>";
}

// Why one mode wins: per variant, the difference in mean transit time by segment for all vehicles
// and each cargo class (segments zero in both scenarios are left out).
std::string decomposition(const Context& c) {
  if (!h5::exists(c.file, "decomposition")) return "";
  const auto rows =
      read_rows<row::Decomposition>(c.file, "decomposition", table_spec(Table::Decomposition));
  std::map<std::string, bool> used;  // segment -> nonzero somewhere
  for (const row::Decomposition& r : rows)
    used[text(r.segment)] = used[text(r.segment)] || r.base_mean != 0 || r.variant_mean != 0;
  std::map<std::string, std::vector<svg::Bar>> charts;  // variant -> bars
  for (const row::Decomposition& r : rows) {
    const Group g = group_of(r.codes);
    const std::string segment = text(r.segment);
    // By cargo class and direction: one class over both directions averages unlike changes.
    if (g.kind != GroupKind::CargoDirection || !used[segment]) continue;
    std::string label = segment == "total" ? "total (transit time)" : segment;
    for (std::size_t i = 0; i < models::kSegments; ++i)
      if (segment == segment_name(static_cast<models::Segment>(i)))
        label = segment_title(static_cast<models::Segment>(i));
    const bool ci = !std::isnan(r.diff_lo);
    svg::Bar b{group_phrase(c.names, g, text(r.key.group)) + ": " + label, r.diff_mean,
               ci ? r.diff_lo : r.diff_mean, ci ? r.diff_hi : r.diff_mean,
               ci && (r.diff_lo > 0 || r.diff_hi < 0)};
    if (g.cargo >= 0) {
      b.swatch = cargo_style(c, g.cargo).colour;
      b.swatch_tag = cargo_tag(c, g.cargo);
    }
    b.note = pair_text(r.base_mean, r.variant_mean, "h");
    charts[text(r.variant)].push_back(std::move(b));
  }
  std::string s =
      "<section id=\"decomposition\"><h2>Why the transit time differs</h2><p>The difference in "
      "mean transit time (variant minus base, hours) split by where the time is spent: travel on "
      "legs, the exit side (road queue, yard, exit stops), waiting for the far side's intake, the "
      "bridge and transshipment, joint stops, and the entry side, for each cargo class and "
      "direction. For each group the segments add up to the total; whiskers are paired 95 % "
      "confidence intervals, dark bars significant; "
      "base → variant at the right.</p>";
  int k = 0;
  for (const auto& [variant, bars] : charts)
    s += svg::Chart::bars("decomposition-" + std::to_string(k++),
                          variant + ": where the transit-time difference comes from", "hours", bars,
                          "* CI excludes zero");
  return s + "</section>";
}

}  // namespace outputs::report
