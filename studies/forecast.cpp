#include "studies/forecast.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/units.hpp"
#include "sim/runner.hpp"
#include "sim/stats.hpp"
#include "sim/time.hpp"

namespace studies {

Spread spread_of(std::vector<double> xs) {
  xs.erase(std::remove_if(xs.begin(), xs.end(), [](double x) { return std::isnan(x); }), xs.end());
  Spread s;
  s.n = xs.size();
  if (xs.empty()) {
    s.mean = s.half = s.p10 = s.p50 = s.p90 = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  const sim::Interval ci = sim::mean_ci(xs);
  s.mean = ci.mean;
  s.half = xs.size() > 1 ? ci.half_width() : std::numeric_limits<double>::quiet_NaN();
  std::sort(xs.begin(), xs.end());
  s.p10 = sim::quantile_of_sorted(xs, 0.1);
  s.p50 = sim::quantile_of_sorted(xs, 0.5);
  s.p90 = sim::quantile_of_sorted(xs, 0.9);
  return s;
}

Share share_of(std::size_t hits, std::size_t n) {
  return share_of(hits, n, n);
}

Share share_of(std::size_t hits, std::size_t n, std::size_t independent) {
  Share s;
  s.n = n;
  if (n == 0 || independent == 0) {
    s.value = s.lo = s.hi = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  const double z = 1.959963984540054, nn = static_cast<double>(independent);
  const double p = static_cast<double>(hits) / static_cast<double>(n);
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z / (1 + z * z / nn) * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
  s.value = p;
  s.lo = std::max(0.0, centre - half);
  s.hi = std::min(1.0, centre + half);
  return s;
}

namespace {

// One replication's daily backlog rows and its initial_cleared_h per crossing direction.
struct ForecastRun {
  std::vector<double> backlog;  // row-major, 1 + columns a row
  std::vector<double> cleared_h;
};

}  // namespace

std::string local_time(const models::Scenario& sc, double t) {
  const long minutes = std::lround((sc.epoch_s() + t + sc.utc_offset_s) / 60);
  const long day = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
  const long in_day = minutes - day * 1440;
  return fmt::format("{} {:02d}:{:02d}", models::units::format_date(day), in_day / 60, in_day % 60);
}

Forecast forecast(const models::Scenario& sc, double level, unsigned threads,
                  const std::atomic<bool>* cancel) {
  const std::size_t cols = 2 * sc.crossings.size();
  sim::RunnerOptions ro;
  ro.threads = threads;
  ro.cancel = cancel;
  const std::vector<ForecastRun> runs = sim::run_replications<ForecastRun>(
      static_cast<std::size_t>(sc.replications),
      [&](std::uint32_t r, std::atomic<std::uint64_t>&) {
        models::ReplicationHooks hooks;
        hooks.cancel = cancel;
        models::RunResult res = models::run_replication(sc, r, hooks);
        ForecastRun out;
        out.cleared_h.assign(cols, std::numeric_limits<double>::quiet_NaN());
        for (const auto& [key, value] : outputs::compute_metrics(sc, res))
          if (key.metric == outputs::Metric::InitialClearedH)
            out.cleared_h[static_cast<std::size_t>(2 * key.group.crossing + key.group.direction)] =
                value;
        out.backlog = std::move(res.backlog);
        return out;
      },
      ro);
  Forecast f;
  f.level = level;
  f.replications = runs.size();
  if (runs.empty()) return f;
  const std::size_t width = 1 + cols, rows = runs[0].backlog.size() / width;
  for (std::size_t row = 0; row < rows; ++row) {
    const double t = runs[0].backlog[row * width];
    f.day_t.push_back(t);
    f.dates.push_back(local_time(sc, t));
  }
  // The initial state's trucks per crossing direction (the backlog at t = 0 is sampled before
  // they take their places).
  std::vector<double> initial(cols, 0);
  for (const models::InitialQueue& q : sc.initial)
    initial[models::backlog_column(q.crossing, sc.flows[q.flow].export_direction)] += q.count;
  for (std::size_t c = 0; c < cols; ++c) {
    bool any = initial[c] > 0;
    for (const ForecastRun& run : runs)
      for (std::size_t row = 0; row < rows && !any; ++row)
        any = run.backlog[row * width + 1 + c] > 0;
    if (!any) continue;
    ForecastColumn col;
    col.name = sc.crossings[c / 2].id + (c % 2 == 0 ? ".export" : ".import");
    std::vector<double> under, cleared;
    std::size_t reached = 0;
    for (std::size_t row = 0; row < rows; ++row) {
      std::vector<double> xs;
      for (const ForecastRun& run : runs)
        xs.push_back(row == 0 ? std::max(initial[c], run.backlog[1 + c])
                              : run.backlog[row * width + 1 + c]);
      col.by_day.push_back(spread_of(std::move(xs)));
    }
    for (const ForecastRun& run : runs) {
      for (std::size_t row = 0; row < rows; ++row) {
        const double n =
            row == 0 ? std::max(initial[c], run.backlog[1 + c]) : run.backlog[row * width + 1 + c];
        if (n <= level) {
          under.push_back(f.day_t[row] / sim::kDay);
          ++reached;
          break;
        }
      }
      cleared.push_back(run.cleared_h[c]);
    }
    col.under_day = spread_of(std::move(under));
    col.reached_level = share_of(reached, runs.size());
    col.initial_cleared_h = spread_of(std::move(cleared));
    f.columns.push_back(std::move(col));
  }
  return f;
}

Eta eta(models::Scenario sc, std::size_t flow, double depart_s, int route, int per_replication,
        unsigned threads, const std::atomic<bool>* cancel) {
  for (int k = 0; k < per_replication; ++k) sc.tagged.push_back({flow, depart_s, route});
  sc.outputs.timeseries_step_s = 0;  // only the watched trucks' records matter here
  sim::RunnerOptions ro;
  ro.threads = threads;
  ro.cancel = cancel;
  const std::vector<std::vector<models::VehicleRecord>> runs =
      sim::run_replications<std::vector<models::VehicleRecord>>(
          static_cast<std::size_t>(sc.replications),
          [&](std::uint32_t r, std::atomic<std::uint64_t>&) {
            models::ReplicationHooks hooks;
            hooks.cancel = cancel;
            std::vector<models::VehicleRecord> watched;
            for (const models::VehicleRecord& v : models::run_replication(sc, r, hooks).vehicles)
              if (v.cohort == models::kTagged) watched.push_back(v);
            return watched;
          },
          ro);
  Eta e;
  e.flow = sc.flows[flow].id;
  e.depart_s = depart_s;
  struct Acc {
    std::vector<double> arrival_h, arrival_s, border_h;
    std::size_t n = 0, perishable = 0, spoiled = 0, not_arrived = 0;
    std::size_t last_run = static_cast<std::size_t>(-1), runs_with_perishable = 0;
  };
  std::map<std::uint16_t, Acc> by_route;
  for (std::size_t k = 0; k < runs.size(); ++k)
    for (const models::VehicleRecord& v : runs[k]) {
      Acc& a = by_route[v.route];
      ++a.n;
      ++e.trucks;
      const bool perishable = v.cargo != models::kEmptyCargo && sc.cargo[v.cargo].perishable;
      if (v.outcome == models::Outcome::InSystem) {
        ++a.not_arrived;
      } else if (v.outcome == models::Outcome::Released) {
        a.arrival_h.push_back((v.done_s - depart_s) / sim::kHour);
        a.arrival_s.push_back(v.done_s);
        a.border_h.push_back((v.transit_s - models::segment_s(v, models::Segment::Travel)) /
                             sim::kHour);
      }
      if (perishable && v.outcome != models::Outcome::Rejected) {
        ++a.perishable;
        a.spoiled += v.spoiled;
        if (a.last_run != k) ++a.runs_with_perishable;
        a.last_run = k;
      }
    }
  for (auto& [r, a] : by_route) {
    EtaRoute out;
    out.route = sc.flows[flow].routes[r].id;
    out.chosen = share_of(a.n, e.trucks);
    out.arrival_h = spread_of(a.arrival_h);
    const Spread at = spread_of(a.arrival_s);
    out.arrival_s = {at.p10, at.p50, at.p90};
    out.border_h = spread_of(a.border_h);
    // The watched trucks of one replication meet the same queues: its interval counts
    // replications, not trucks.
    out.spoiled = share_of(a.spoiled, a.perishable, a.runs_with_perishable);
    out.not_arrived = a.not_arrived;
    e.routes.push_back(std::move(out));
  }
  return e;
}

}  // namespace studies
