// `bordersim forecast` and `bordersim eta`: a scenario from today's queue, and one truck's
// journey through it (studies/forecast.hpp does the counting).
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/watch.hpp"
#include "models/loader.hpp"
#include "models/units.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace app {

namespace {

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM": the local day and time of day.
std::pair<long, double> date_time(const std::string& flag, const std::string& text) {
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T'))
    throw UsageError(flag + ": expected 'YYYY-MM-DDTHH:MM' (the scenario's zone), got '" + text +
                     "'");
  try {
    return {models::units::date(text.substr(0, 10)), models::units::time_of_day(text.substr(11))};
  } catch (const std::invalid_argument& e) {
    throw UsageError(flag + ": " + e.what());
  }
}

}  // namespace

ForecastOutcome forecast(const ScenarioSource& src, const ForecastOptions& f,
                         const RunOptions& options) {
  RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("nothing forecast", [&] {
    if (!f.from.empty()) {
      date_time("--from", f.from);
      std::string start = f.from;
      start[10] = ' ';
      o.overrides.push_back({"start", "\"" + start + "\"", "--from"});
    }
    if (!(f.level >= 0)) throw UsageError("--level: must be 0 or more");
    o.horizon = f.days;
    o.warmup = "0s";
    ForecastOutcome r;
    r.scenario = load(src, o.overrides);
    apply_options(r.scenario, o);
    try {
      r.scenario.backlog_step_s = models::units::duration(f.every);
    } catch (const std::invalid_argument& x) {
      throw UsageError(std::string("--every: ") + x.what());
    }
    if (r.scenario.backlog_step_s < 60 || r.scenario.horizon_s / r.scenario.backlog_step_s > 10000)
      throw UsageError("--every: at least 1min and at most 10000 samples over --days");
    if (r.scenario.initial.empty())
      throw UsageError("'" + src.path +
                       "' has no initial_state: a forecast starts from the trucks waiting at the "
                       "start (initial_state.queues or initial_state.file)");
    r.forecast = studies::forecast(r.scenario, f.level, o.threads, o.cancel);
    return r;
  });
}

EtaOutcome eta(const ScenarioSource& src, const EtaOptions& e, const RunOptions& options) {
  RunOptions o = watching(options);
  if (o.replications <= 0) o.replications = 100;
  sim::StopScope scope(o.cancel);
  return stoppable("nothing estimated", [&] {
    EtaOutcome r;
    r.scenario = load(src, o.overrides);
    apply_options(r.scenario, o);
    models::Scenario& sc = r.scenario;
    const auto flow = std::find_if(sc.flows.begin(), sc.flows.end(),
                                   [&](const models::Flow& x) { return x.id == e.flow; });
    if (flow == sc.flows.end()) {
      std::string names;
      for (const models::Flow& x : sc.flows) names += (names.empty() ? "" : ", ") + x.id;
      throw UsageError("--flow: no flow '" + e.flow + "' (flows: " + names + ")");
    }
    int route = -1;
    if (!e.route.empty()) {
      for (std::size_t k = 0; k < flow->routes.size(); ++k)
        if (flow->routes[k].id == e.route) route = static_cast<int>(k);
      if (route < 0)
        throw UsageError("--route: flow '" + e.flow + "' has no route '" + e.route + "'");
    }
    if (e.trucks < 1 || e.trucks > 1000) throw UsageError("--trucks: from 1 to 1000");
    const auto [day, time] = date_time("--depart", e.depart);
    const double depart = sc.sim_time(day, time, sc.utc_offset_s);
    if (depart < 0 || depart >= sc.horizon_s)
      throw UsageError("--depart: " + e.depart + " is outside the scenario's run (" +
                       studies::local_time(sc, 0) + " to " + studies::local_time(sc, sc.horizon_s) +
                       "); set the scenario's start or --horizon");
    double within = 0;
    try {
      within = models::units::duration(e.within);
    } catch (const std::invalid_argument& x) {
      throw UsageError(std::string("--within: ") + x.what());
    }
    if (sc.horizon_s < depart + within) {
      sc.horizon_s = depart + within;
      models::check_zone_offsets(sc);
    }
    r.eta = studies::eta(sc, static_cast<std::size_t>(flow - sc.flows.begin()), depart, route,
                         e.trucks, o.threads, o.cancel);
    return r;
  });
}

std::string render_forecast(const ForecastOutcome& r) {
  const studies::Forecast& f = r.forecast;
  std::string out = fmt::format(
      "{} — forecast from {} ({}), {} replications (mean [95 % CI], 10th–90th percentile)\n",
      r.scenario.name, studies::local_time(r.scenario, 0), r.scenario.zone, f.replications);
  for (const studies::ForecastColumn& c : f.columns) {
    out += fmt::format(
        "\n  {}: vehicles at the crossing (on the road, in the yard, at the "
        "stops, waiting for the intake)\n",
        c.name);
    out += fmt::format("    {:<18} {:>22} {:>14}\n", "at", "mean [95 % CI]", "p10–p90");
    for (std::size_t d = 0; d < c.by_day.size(); ++d) {
      const studies::Spread& s = c.by_day[d];
      const std::string ci = std::isnan(s.half)
                                 ? fmt::format("{:.0f}", s.mean)
                                 : fmt::format("{:.0f} [{:.0f}, {:.0f}]", s.mean,
                                               std::max(0.0, s.mean - s.half), s.mean + s.half);
      out += fmt::format("    {:<18} {:>22} {:>14}\n", f.dates[d], ci,
                         fmt::format("{:.0f}–{:.0f}", s.p10, s.p90));
    }
    const double days = f.day_t.empty() ? 0 : f.day_t.back() / sim::kDay;
    if (c.under_day.n > 0 && c.under_day.p90 == 0)
      out += fmt::format("    at or below {:.0f} vehicles at the start\n", f.level);
    else if (c.reached_level.n > 0 && c.under_day.n > 0)
      out += fmt::format(
          "    at or below {:.0f} vehicles: in {:.0f} of {} replications within {:.1f} days; "
          "first seen after {:.1f} days (median; 10th–90th percentile {:.1f}–{:.1f})\n",
          f.level, c.reached_level.value * static_cast<double>(c.reached_level.n),
          c.reached_level.n, days, c.under_day.p50, c.under_day.p10, c.under_day.p90);
    else
      out +=
          fmt::format("    never at or below {:.0f} vehicles within {:.0f} days\n", f.level, days);
    const double horizon_h = r.scenario.horizon_s / sim::kHour;
    if (c.initial_cleared_h.n > 0 && c.initial_cleared_h.p10 >= horizon_h)
      out += fmt::format(
          "    some of the trucks waiting at the start still wait at the end ({:.0f} h)\n",
          horizon_h);
    else if (c.initial_cleared_h.n == 1)
      out += fmt::format(
          "    the trucks waiting at the start are through after {:.1f} h (one "
          "replication)\n",
          c.initial_cleared_h.mean);
    else if (c.initial_cleared_h.n > 1)
      out += fmt::format(
          "    the trucks waiting at the start are through after {:.1f} h [{:.1f}, {:.1f}] "
          "(10th–90th percentile {:.1f}–{:.1f} h)\n",
          c.initial_cleared_h.mean, c.initial_cleared_h.mean - c.initial_cleared_h.half,
          c.initial_cleared_h.mean + c.initial_cleared_h.half, c.initial_cleared_h.p10,
          c.initial_cleared_h.p90);
  }
  return out;
}

std::string render_eta(const EtaOutcome& r) {
  const studies::Eta& e = r.eta;
  const std::size_t reps = static_cast<std::size_t>(r.scenario.replications);
  std::string out = fmt::format(
      "{} — a truck of flow {} leaving {} ({}; every time below in that zone): {} watched in "
      "{} replications\n",
      r.scenario.name, e.flow, studies::local_time(r.scenario, e.depart_s), r.scenario.zone,
      e.trucks, reps);
  for (const studies::EtaRoute& x : e.routes) {
    if (e.routes.size() == 1 && x.chosen.value == 1)
      out += fmt::format("\n  route {}\n", x.route);
    else
      out += fmt::format("\n  route {} (taken by {:.0f} % [{:.0f}, {:.0f}] of them)\n", x.route,
                         100 * x.chosen.value, 100 * x.chosen.lo, 100 * x.chosen.hi);
    if (x.arrival_h.n > 0) {
      out += fmt::format("    arrives        {} / {} / {}  (10th / 50th / 90th percentile)\n",
                         studies::local_time(r.scenario, x.arrival_s[0]),
                         studies::local_time(r.scenario, x.arrival_s[1]),
                         studies::local_time(r.scenario, x.arrival_s[2]));
      out += fmt::format("    door to door   {:.1f} / {:.1f} / {:.1f} h (mean {:.1f} h)\n",
                         x.arrival_h.p10, x.arrival_h.p50, x.arrival_h.p90, x.arrival_h.mean);
      out += fmt::format("    at the border  {:.1f} / {:.1f} / {:.1f} h (mean {:.1f} h)\n",
                         x.border_h.p10, x.border_h.p50, x.border_h.p90, x.border_h.mean);
    }
    if (x.spoiled.n > 0)
      out += fmt::format(
          "    spoiled load   {:.1f} % [{:.1f}, {:.1f}] ({} loads; Wilson 95 % counting "
          "replications, whose watched trucks meet the same queues)\n",
          100 * x.spoiled.value, 100 * x.spoiled.lo, 100 * x.spoiled.hi, x.spoiled.n);
    if (x.not_arrived > 0)
      out += fmt::format("    {} still on the way at the horizon (--within)\n", x.not_arrived);
  }
  return out;
}

}  // namespace app
