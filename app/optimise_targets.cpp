// The targets of `bordersim optimise`: `metric{key=value, ...} <= value` parsed against the metric
// catalogue and the scenario's names, and a target's value in one replication's metrics.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "app/optimise_parts.hpp"
#include "models/suggest.hpp"
#include "models/units.hpp"

namespace app {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

[[noreturn]] void bad(const std::string& what) {
  throw std::invalid_argument(what);
}

// `name` among `names`, or an error naming what exists (with a "did you mean").
void known(const std::vector<std::string>& names, const std::string& name, const char* what) {
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 12; ++i)
    list += (list.empty() ? "" : ", ") + names[i];
  if (names.size() > 12) list += ", ...";
  const std::string near = models::closest(name, names);
  bad(fmt::format("no {} '{}'{} ({})", what, name,
                  near.empty() ? "" : fmt::format("; did you mean '{}'?", near),
                  list.empty() ? "none" : list));
}

// The threshold in the metric's unit: a number as it is, a duration in the unit of an h or min
// metric, a percentage of a share.
double threshold_in(const std::string& text, const std::string& unit) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    bad("expected a number after the comparison, got '" + text + "'");
  }
  const std::string suffix = trim(text.substr(used));
  if (suffix.empty()) return v;
  if (suffix == "%") {
    if (unit != "share") bad("a percentage is for a share; this metric is in " + unit);
    return v / 100;
  }
  if (unit != "h" && unit != "min")
    bad("'" + text + "': this metric is in " + unit + ", give a plain number");
  double s = 0;
  try {
    s = models::units::duration(text);
  } catch (const std::invalid_argument& e) {
    bad(e.what());
  }
  return unit == "h" ? s / 3600 : s / 60;
}

}  // namespace

OptimiseTarget parse_target(const std::string& text, const models::Scenario& sc,
                            const std::vector<std::string>& stops) {
  OptimiseTarget t;
  t.text = text;
  // The comparison.
  std::size_t op = std::string::npos;
  std::size_t op_len = 2;
  for (const char* o : {"<=", ">=", "≤", "≥"}) {
    const std::size_t at = text.find(o);
    if (at != std::string::npos) {
      op = at;
      op_len = std::string(o).size();
      t.sense = (std::string(o) == "<=" || std::string(o) == "≤") ? studies::Sense::AtMost
                                                                  : studies::Sense::AtLeast;
      break;
    }
  }
  if (op == std::string::npos)
    bad("expected 'metric{group} <= value' or '>= value', e.g. 'border_time_p95{cargo=durian} "
        "<= 2h'");
  const std::string lhs = trim(text.substr(0, op)), rhs = trim(text.substr(op + op_len));
  // The metric and its selectors.
  std::string name = lhs;
  std::map<std::string, std::string> keys;
  if (const std::size_t brace = lhs.find('{'); brace != std::string::npos) {
    if (lhs.back() != '}') bad("expected '}' at the end of the group, in '" + lhs + "'");
    name = trim(lhs.substr(0, brace));
    std::string inner = lhs.substr(brace + 1, lhs.size() - brace - 2);
    std::size_t from = 0;
    while (from <= inner.size()) {
      const std::size_t comma = inner.find(',', from);
      const std::string part =
          trim(inner.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      from = comma == std::string::npos ? inner.size() + 1 : comma + 1;
      if (part.empty()) continue;
      const std::size_t eq = part.find('=');
      if (eq == std::string::npos) bad("expected key=value in the group, got '" + part + "'");
      const std::string k = trim(part.substr(0, eq)), v = trim(part.substr(eq + 1));
      static const std::vector<std::string> allowed = {
          "cargo", "direction", "flow", "stop", "side", "agency", "crossing", "h", "hours"};
      known(allowed, k, "group key");
      if (keys.count(k)) bad("the group names '" + k + "' twice");
      keys[k] = v;
    }
  }
  // Names a user would write for the metrics a staffing target is about.
  if (name == "share_within") name = "border_within_share";
  if (name == "wait_share" || name == "wait_probability") name = "waited_share";
  const auto metric = outputs::metric_by_name(name);
  if (!metric) {
    std::vector<std::string> names;
    for (const outputs::MetricSpec& m : outputs::metric_catalogue()) names.push_back(m.name);
    known(names, name, "summary metric");
  }
  t.metric = *metric;
  if (outputs::by_hour(t.metric))
    bad("'" + name + "' is a curve by hour; write waited_share or stage_wait_mean with hours=");
  // The group, from the keys given.
  auto has = [&](const char* k) { return keys.count(k) > 0; };
  auto check_cargo = [&]() {
    std::vector<std::string> ids;
    for (const auto& c : sc.cargo) ids.push_back(c.id);
    known(ids, keys["cargo"], "cargo class");
  };
  std::vector<std::string> flows, sides, agencies;
  for (const auto& f : sc.flows) flows.push_back(f.id);
  for (const auto& r : sc.rail) flows.push_back(r.id);
  for (const auto& g : sc.sides) {
    sides.push_back(g.id);
    for (const auto& a : g.agencies) agencies.push_back(g.id + "." + a.id);
  }
  outputs::GroupKind kind = outputs::GroupKind::All;
  if (has("crossing")) {
    std::vector<std::string> crossings;
    for (const auto& c : sc.crossings) crossings.push_back(c.id);
    known(crossings, keys["crossing"], "crossing");
    if (!has("direction")) bad("crossing= goes with direction=export or direction=import");
    known({"export", "import"}, keys["direction"], "direction");
    kind = outputs::GroupKind::CrossingDirection;
    t.label = keys["crossing"] + "." + keys["direction"];
  } else if (has("stop") && has("flow")) {
    known(flows, keys["flow"], "flow");
    known(stops, keys["stop"], "stop");
    kind = outputs::GroupKind::FlowStop;
    t.label = keys["flow"] + "@" + keys["stop"];
  } else if (has("stop")) {
    known(stops, keys["stop"], "stop");
    kind = outputs::GroupKind::Stop;
    t.label = keys["stop"];
  } else if (has("agency")) {
    known(agencies, keys["agency"], "agency (<side>.<agency>)");
    kind = outputs::GroupKind::Agency;
    t.label = "agency:" + keys["agency"];
  } else if (has("side")) {
    known(sides, keys["side"], "gate side");
    kind = outputs::GroupKind::Side;
    t.label = keys["side"];
  } else if (has("flow") && has("cargo")) {
    known(flows, keys["flow"], "flow");
    check_cargo();
    kind = outputs::GroupKind::FlowCargo;
    t.label = keys["flow"] + "/" + keys["cargo"];
  } else if (has("flow")) {
    known(flows, keys["flow"], "flow");
    kind = outputs::GroupKind::Rail;
    t.label = keys["flow"];
  } else if (has("cargo")) {
    check_cargo();
    kind = has("direction") ? outputs::GroupKind::CargoDirection : outputs::GroupKind::Cargo;
    t.label = "cargo:" + keys["cargo"];
    if (has("direction")) {
      known({"export", "import"}, keys["direction"], "direction");
      t.label += "/" + keys["direction"];
    }
  } else {
    t.label = "all";
  }
  if (has("direction") && kind != outputs::GroupKind::CargoDirection &&
      kind != outputs::GroupKind::CrossingDirection)
    bad("direction= goes with cargo= (a cargo class in one direction) or crossing=");
  // Stop metrics over some hours of arrival: waited_share and stage_wait_mean from the curves.
  if (has("hours")) {
    if (kind != outputs::GroupKind::Stop ||
        (t.metric != outputs::Metric::WaitedShare && t.metric != outputs::Metric::StageWaitMean))
      bad("hours= goes with waited_share or stage_wait_mean of a stop (stop=...)");
    const std::string& h = keys["hours"];
    const std::size_t dash = h.find('-');
    try {
      if (dash == std::string::npos) throw std::invalid_argument(h);
      std::size_t a = 0, b = 0;
      t.from_h = std::stoi(h.substr(0, dash), &a);
      t.to_h = std::stoi(h.substr(dash + 1), &b);
      if (a != dash || b != h.size() - dash - 1) throw std::invalid_argument(h);
    } catch (const std::exception&) {
      bad("hours=: expected whole local hours 'HH-HH' such as 07-11, got '" + h + "'");
    }
    if (t.from_h < 0 || t.to_h > 24 || t.from_h >= t.to_h)
      bad("hours=" + h + ": a block lies within the day (00-24) and ends after it starts");
    t.by_hours = true;
  } else if (kind == outputs::GroupKind::Stop && t.metric == outputs::Metric::StageWaitMean) {
    bad("stage_wait_mean is by flow at a stop (flow=..., stop=...), or over hours= at a stop");
  }
  if (!t.by_hours && !outputs::has_group(t.metric, kind)) {
    std::string kinds;
    for (outputs::GroupKind k : outputs::metric_spec(t.metric).groups)
      kinds +=
          (kinds.empty() ? "" : ", ") + outputs::group_kinds()[static_cast<std::size_t>(k)].label;
    bad(fmt::format("{} has no '{}' group; its groups: {}", name, t.label, kinds));
  }
  if (has("h")) {
    if (t.metric != outputs::Metric::BorderWithinShare)
      bad("h= goes with border_within_share (the share through within h hours)");
    try {
      t.at = std::stod(keys["h"]);
    } catch (const std::exception&) {
      bad("h=: expected hours, got '" + keys["h"] + "'");
    }
    const auto& grid = outputs::reliability_hours();
    if (std::find(grid.begin(), grid.end(), t.at) == grid.end())
      bad("h=" + keys["h"] +
          ": the curve is kept at every quarter hour to 24, every hour to 72 "
          "and every 6 hours to 336");
  } else if (t.metric == outputs::Metric::BorderWithinShare) {
    bad("border_within_share needs h= (hours), e.g. {cargo=durian, h=4}");
  }
  t.unit = outputs::in_currency(t.metric) ? outputs::money_unit(t.metric, sc.currency)
                                          : outputs::metric_spec(t.metric).unit;
  t.threshold = threshold_in(rhs, t.unit);
  return t;
}

double target_value(const OptimiseTarget& t, const outputs::ReplicationMetrics& m) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!t.by_hours) {
    for (const auto& [k, v] : m)
      if (k.metric == t.metric && k.label == t.label && k.at == t.at) return v;
    return nan;
  }
  // Over the hours: visits, those that waited, and their waits, summed from the curves.
  double visits = 0, waited = 0, wait = 0;
  std::map<double, double> by_visits;
  for (const auto& [k, v] : m) {
    if (k.label != t.label || k.at < t.from_h || k.at >= t.to_h) continue;
    if (k.metric == outputs::Metric::VisitsByHour) {
      visits += v;
      by_visits[k.at] = v;
    } else if (k.metric == outputs::Metric::WaitedByHour) {
      waited += v;
    }
  }
  if (!(visits > 0)) return nan;
  if (t.metric == outputs::Metric::WaitedShare) return waited / visits;
  for (const auto& [k, v] : m)
    if (k.metric == outputs::Metric::StageWaitByHour && k.label == t.label && by_visits.count(k.at))
      wait += v * by_visits[k.at];
  return wait / visits;
}

}  // namespace app
