// The levers of `bordersim optimise`: the decisions they make (one per hour block of a stage or
// agency), what a unit of each costs a day, a plan applied to the scenario, the Erlang C seed,
// and the plan as a scenario fragment.
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "app/optimise_parts.hpp"
#include "models/calendar.hpp"
#include "models/capacity.hpp"
#include "models/plan.hpp"

namespace app {

namespace {

using Kind = models::LeverSpec::Kind;

const models::Agency* agency_of(const models::GateSide& g, const models::Stage& st) {
  return st.agency >= 0 ? &g.agencies[static_cast<std::size_t>(st.agency)] : nullptr;
}

// Hours a day, on average over the window after the warm-up, that a block of the day finds its
// side open (its hours, extended hours and closures, as the calendar has them).
double open_hours(const models::Scenario& sc, std::size_t side, const models::HourBlock& b) {
  const int offset = sc.sides[side].utc_offset_s;
  const double from = sc.warmup_s, to = sc.horizon_s;
  double open = 0;
  for (const auto& [o, c] : models::open_windows(sc, side)) {
    const double lo = std::max(o, from), hi = std::min(c, to);
    if (hi <= lo) continue;
    for (long day = sc.local_day(lo, offset) - 1; day <= sc.local_day(hi, offset); ++day) {
      const double a = std::max(lo, sc.sim_time(day, b.from_s, offset));
      const double z = std::min(hi, sc.sim_time(day, b.to_s, offset));
      if (z > a) open += z - a;
    }
  }
  return to > from ? open / 3600 / ((to - from) / 86400) : 0;
}

// An officer-hour (and the booth it works at, for a stage's own servers) at this stage.
double stage_rate(const models::GateSide& g, const models::Stage& st, bool cost) {
  if (!cost) return 1;
  const models::Agency* a = agency_of(g, st);
  return a ? a->cost.officer_hour + a->cost.booth_hour : 0;
}

std::string hhmm(double s) {
  const long m = std::lround(s / 60);
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

// The every-day entries a lever's blocks leave in place, and the blocks' own.
std::vector<models::StaffingEntry> with_blocks(const std::vector<models::StaffingEntry>& base,
                                               const std::vector<models::HourBlock>& blocks,
                                               const std::vector<int>& values) {
  // The scenario's entries keep the hours no block covers: each is cut around the blocks.
  std::vector<models::StaffingEntry> out;
  for (const models::StaffingEntry& e : base) {
    std::vector<std::pair<double, double>> left = {{e.hours.open_s, e.hours.close_s}};
    for (const models::HourBlock& b : blocks) {
      std::vector<std::pair<double, double>> next;
      for (const auto& [a, z] : left) {
        if (b.from_s > a) next.emplace_back(a, std::min(z, b.from_s));
        if (b.to_s < z) next.emplace_back(std::max(a, b.to_s), z);
      }
      left = std::move(next);
    }
    for (const auto& [a, z] : left)
      if (z > a) {
        models::StaffingEntry piece = e;
        piece.hours = models::Hours{a, z};
        out.push_back(std::move(piece));
      }
  }
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    models::StaffingEntry e;
    e.hours = models::Hours{blocks[k].from_s, blocks[k].to_s};
    e.servers = values[k];
    e.days.assign(7, true);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

bool levers_priced(const models::Scenario& sc, const std::vector<models::LeverSpec>& levers) {
  for (const models::LeverSpec& l : levers) {
    const models::GateSide& g = sc.sides[l.side];
    switch (l.kind) {
      case Kind::Stage:
      case Kind::Lane: {
        const models::Agency* a = agency_of(g, g.stages[l.index]);
        if (!a || !a->cost.given) return false;
        break;
      }
      case Kind::Agency:
        if (!g.agencies[l.index].cost.given) return false;
        break;
      case Kind::Close:
        for (const models::Stage& st : g.stages)
          if (const models::Agency* a = agency_of(g, st); !a || !a->cost.given) return false;
        break;
    }
  }
  return true;
}

std::vector<OptimiseDecision> decisions(const models::Scenario& sc,
                                        const std::vector<models::LeverSpec>& levers,
                                        const std::string& objective) {
  const bool cost = objective == "cost";
  std::vector<OptimiseDecision> out;
  for (std::size_t i = 0; i < levers.size(); ++i) {
    const models::LeverSpec& l = levers[i];
    const models::GateSide& g = sc.sides[l.side];
    OptimiseDecision d;
    d.lever = i;
    d.low = l.low;
    d.high = l.high;
    switch (l.kind) {
      case Kind::Stage:
      case Kind::Agency:
        for (std::size_t b = 0; b < l.blocks.size(); ++b) {
          d.block = b;
          d.name = l.ref + " " + l.blocks[b].text;
          const double hours = open_hours(sc, l.side, l.blocks[b]);
          if (!(hours > 0)) {
            const std::string msg = "the block '" + l.blocks[b].text + "' finds " + g.id +
                                    " closed over the whole run: an officer there serves no one";
            if (l.file.empty()) throw UsageError("--lever " + l.ref + ": " + msg);
            throw models::SourceError(l.file, l.mark, l.path, msg);
          }
          if (l.kind == Kind::Stage) {
            const models::Stage& st = g.stages[l.index];
            d.unit_cost = hours * stage_rate(g, st, cost);
            d.baseline =
                models::staffed(st.staffing, st.servers, sc.start_day, l.blocks[b].from_s).first;
          } else {
            const models::Agency& a = g.agencies[l.index];
            d.unit_cost = hours * (cost ? a.cost.officer_hour : 1);
            d.baseline =
                models::staffed(a.staffing, a.officers, sc.start_day, l.blocks[b].from_s).first;
          }
          out.push_back(d);
        }
        break;
      case Kind::Lane: {
        const models::Stage& st = g.stages[l.index];
        // Its hours a day over the run: its own or its side's, within its dates.
        double hours = 0;
        if (st.lane.hours) {
          const auto windows = models::lane_windows(sc, l.side, *st.lane.hours, st.lane.dates);
          for (const auto& [o, c] : windows)
            hours += std::max(0.0, std::min(c, sc.horizon_s) - std::max(o, sc.warmup_s));
          hours /= 3600 * std::max(1e-9, (sc.horizon_s - sc.warmup_s) / 86400);
        } else {
          hours = open_hours(sc, l.side, models::HourBlock{0, 86400, ""});
        }
        // A pooled agency's lane servers are booths: their cost, no officer-hours.
        const models::Agency* a = agency_of(g, st);
        const double rate =
            a && a->pooled ? (cost ? a->cost.booth_hour : 0) : stage_rate(g, st, cost);
        d.name = l.ref + " lane";
        d.unit_cost = hours * rate;
        d.baseline = st.lane.servers;
        out.push_back(d);
        break;
      }
      case Kind::Close: {
        // An hour more: every stage's servers (and lane), a pooled agency's officers.
        d.name = l.ref + " closes";
        for (const models::Stage& st : g.stages) {
          const models::Agency* a = agency_of(g, st);
          const int servers = st.servers + st.lane.servers;
          if (a && a->pooled)
            d.unit_cost += servers * (cost ? a->cost.booth_hour : 0);
          else
            d.unit_cost += servers * stage_rate(g, st, cost);
        }
        for (const models::Agency& a : g.agencies)
          if (a.pooled) d.unit_cost += a.officers * (cost ? a.cost.officer_hour : 1);
        d.baseline = static_cast<int>(std::lround(g.hours.close_s / 3600));
        out.push_back(d);
        break;
      }
    }
  }
  return out;
}

models::Scenario apply_plan(const models::Scenario& sc,
                            const std::vector<models::LeverSpec>& levers,
                            const std::vector<OptimiseDecision>& ds, const std::vector<int>& plan) {
  models::Scenario x = sc;
  std::map<std::size_t, std::vector<int>> by_lever;  // block values, in block order
  for (std::size_t k = 0; k < ds.size(); ++k) by_lever[ds[k].lever].push_back(plan[k]);
  for (const auto& [i, values] : by_lever) {
    const models::LeverSpec& l = levers[i];
    models::GateSide& g = x.sides[l.side];
    switch (l.kind) {
      case Kind::Stage:
        g.stages[l.index].staffing = with_blocks(g.stages[l.index].staffing, l.blocks, values);
        break;
      case Kind::Agency:
        g.agencies[l.index].staffing = with_blocks(g.agencies[l.index].staffing, l.blocks, values);
        break;
      case Kind::Lane:
        g.stages[l.index].lane.servers = values.front();
        break;
      case Kind::Close:
        g.hours.close_s = std::max(g.hours.open_s + 3600, values.front() * 3600.0);
        break;
    }
  }
  return x;
}

std::vector<int> erlang_seed(const models::Scenario& sc,
                             const std::vector<models::LeverSpec>& levers,
                             const std::vector<OptimiseDecision>& ds,
                             const std::vector<OptimiseTarget>& targets) {
  const models::Analysis a = models::analyse(sc);
  const models::Plan plan = models::build_plan(sc);
  std::vector<int> seed;
  for (const OptimiseDecision& d : ds) {
    const models::LeverSpec& l = levers[d.lever];
    int c = std::clamp(d.baseline, d.low, d.high);
    std::size_t at = a.stops.size();
    if (l.kind == Kind::Stage) {
      at = plan.stage_stop(l.side, l.index);
    } else if (l.kind == Kind::Agency) {
      for (std::size_t k = 0; k < plan.pools().size(); ++k)
        if (plan.pools()[k].side == l.side && plan.pools()[k].agency == static_cast<int>(l.index))
          at = plan.stops().size() + sc.rail.size() + k;
    }
    if (at < a.stops.size() && a.stops[at].arrivals_by_hour.size() == 24) {
      const models::StopLoad& s = a.stops[at];
      const models::HourBlock& b = l.blocks[d.block];
      // The block's arrivals (those of its closed hours wait for it to open) over the hours it
      // is open, times the mean service.
      double arrivals = 0;
      for (int h = 0; h < 24; ++h)
        if (h * 3600.0 < b.to_s && (h + 1) * 3600.0 > b.from_s)
          arrivals += s.arrivals_by_hour[static_cast<std::size_t>(h)] *
                      (std::min(b.to_s, (h + 1) * 3600.0) - std::max(b.from_s, h * 3600.0)) / 3600;
      const double hours = open_hours(sc, l.side, b);
      const double load = hours > 0 ? arrivals / hours * s.mean_service_s / 3600 : 0;
      // The targets on this stop over hours covering the block (or over the whole day).
      double p = 0.5, wait_s = -1;
      for (const OptimiseTarget& t : targets) {
        // On the stop, or on a stage an agency's pool serves.
        const bool here = t.label == s.name ||
                          std::find(s.stages.begin(), s.stages.end(), t.label) != s.stages.end();
        if (!here || t.sense != studies::Sense::AtMost) continue;
        if (t.by_hours && (t.from_h * 3600.0 >= b.to_s || t.to_h * 3600.0 <= b.from_s)) continue;
        if (t.metric == outputs::Metric::WaitedShare) p = std::min(p, t.threshold);
        if (t.metric == outputs::Metric::StageWaitMean)
          wait_s = wait_s < 0 ? t.threshold * 60 : std::min(wait_s, t.threshold * 60);
      }
      c = studies::servers_for_wait_probability(load, p, d.high);
      if (wait_s >= 0)
        c = std::max(c, studies::servers_for_mean_wait(load, s.mean_service_s, wait_s, d.high));
      c = std::clamp(c, d.low, d.high);
    }
    seed.push_back(c);
  }
  return seed;
}

std::string plan_yaml(const OptimiseOutcome& r, const std::vector<int>& plan,
                      const std::string& at) {
  const models::Scenario& sc = r.scenario;
  const models::OptimiseSpec& spec = *sc.optimise;
  const models::Scenario x = apply_plan(sc, spec.levers, r.decisions, plan);
  std::string base = sc.file;
  if (!at.empty()) {
    const auto dir = std::filesystem::absolute(at).parent_path();
    base = std::filesystem::relative(std::filesystem::absolute(sc.file), dir).generic_string();
  }
  double cost = 0;
  for (std::size_t k = 0; k < plan.size(); ++k) cost += plan[k] * r.decisions[k].unit_cost;
  std::string s = fmt::format(
      "# bordersim optimise: the plan chosen for {} ({} {:.1f} {}){}.\n"
      "# Run it with `bordersim run` on this file; it states only what the plan changes.\n"
      "extends: {}\ngate_sides:\n",
      sc.name, r.objective == "cost" ? "staffing cost" : "officer-hours", cost, r.unit,
      r.result.feasible ? ", declared feasible" : ", NOT feasible: the best plan found", base);
  auto entries = [&](const std::vector<models::StaffingEntry>& es, const char* indent) {
    std::string out;
    for (const models::StaffingEntry& e : es)
      out += fmt::format("{}- {{from: \"{}\", to: \"{}\", servers: {}}}\n", indent,
                         hhmm(e.hours.open_s), hhmm(e.hours.close_s), e.servers);
    return out;
  };
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    std::map<std::size_t, std::string> by_stage;  // a stage's keys, one list item per stage
    std::string stages, agencies, hours;
    for (const models::LeverSpec& l : spec.levers) {
      if (l.side != side) continue;
      const models::GateSide& g = x.sides[side];
      if (l.kind == Kind::Stage)
        by_stage[l.index] +=
            "        staffing:\n" + entries(g.stages[l.index].staffing, "          ");
      if (l.kind == Kind::Lane)
        by_stage[l.index] +=
            fmt::format("        lane: {{servers: {}}}\n", g.stages[l.index].lane.servers);
      if (l.kind == Kind::Agency)
        agencies += fmt::format("      {}:\n        staffing:\n{}", g.agencies[l.index].id,
                                entries(g.agencies[l.index].staffing, "          "));
      if (l.kind == Kind::Close)
        hours = fmt::format("    hours: {{close: \"{}\"}}\n", hhmm(g.hours.close_s));
    }
    for (const auto& [i, keys] : by_stage)
      stages += fmt::format("      - id: {}\n{}", x.sides[side].stages[i].id, keys);
    if (stages.empty() && agencies.empty() && hours.empty()) continue;
    s += fmt::format("  {}:\n{}{}{}", sc.sides[side].id, hours,
                     stages.empty() ? "" : "    stages:\n" + stages,
                     agencies.empty() ? "" : "    agencies:\n" + agencies);
  }
  return s;
}

}  // namespace app
