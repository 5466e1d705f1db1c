#include "outputs/summary.hpp"

#include <cmath>
#include <fmt/format.h>

namespace outputs {

namespace {

constexpr double kDay = 86400.0;

std::string lane_name(std::uint8_t lane) { return lane ? "priority" : "regular"; }

std::string flow_name(const models::Scenario& sc, std::size_t flow) {
  return flow < sc.flows.size() ? sc.flows[flow].id : sc.rail[flow - sc.flows.size()].id;
}

std::string cargo_name(const models::Scenario& sc, std::uint16_t cargo) {
  return cargo == 0xFFFF ? std::string("empty") : sc.cargo[cargo].id;
}

}  // namespace

MetricsSink::MetricsSink(const models::Scenario& sc) : sc_(sc), train_load_(sc.rail.size()) {}

void MetricsSink::begin(const std::vector<std::string>& stop_names, const std::vector<std::string>&) {
  stop_names_ = stop_names;
}

void MetricsSink::vehicle(const models::VehicleRecord& v) {
  if (v.arrival_s < sc_.warmup_s) return;
  // Per flow, cargo class and lane; per flow and cargo over lanes (what a lane policy changes);
  // per cargo class over flows; and everything.
  const std::string fc = flow_name(sc_, v.flow) + "/" + cargo_name(sc_, v.cargo);
  for (const std::string& key : {fc + "/" + lane_name(static_cast<std::uint8_t>(v.treatment)), fc, "cargo:" + cargo_name(sc_, v.cargo), std::string("all")}) {
    GroupAcc& a = groups_[key];
    if (v.outcome == models::Outcome::Released) {
      a.completed += 1;
      a.transit += v.transit_s;
      a.wait += v.wait_s;
      a.q.add(v.transit_s);
    }
    if (v.outcome != models::Outcome::Rejected && v.cargo != 0xFFFF) {
      a.judged += 1;
      a.spoiled += v.spoiled;
      a.value_lost += v.value_lost;
    }
  }
}

void MetricsSink::visit(const models::StopVisit& v) {
  if (v.start_s < sc_.warmup_s) return;  // waiting by stage: visits that started after the warm-up
  auto& [sum, n] = stage_wait_[{v.flow, v.stop}];
  sum += v.start_s - v.enter_s;
  n += 1;
}

void MetricsSink::train(const models::TrainRecord& t) {
  if (t.departure_s < sc_.warmup_s) return;
  train_load_[t.rail].first += static_cast<double>(t.wagons) / t.capacity;
  train_load_[t.rail].second += 1;
}

ReplicationMetrics MetricsSink::finish(const models::RunResult& r) {
  ReplicationMetrics m;
  const double days = (r.horizon_s - r.warmup_s) / kDay;
  for (const auto& [g, a] : groups_) {
    m[{"completed_per_day", g, "1/day"}] = a.completed / days;
    if (a.completed > 0) {
      m[{"transit_mean", g, "h"}] = a.transit / a.completed / 3600;
      m[{"transit_p50", g, "h"}] = a.q.quantile(0.5) / 3600;
      m[{"transit_p95", g, "h"}] = a.q.quantile(0.95) / 3600;
      m[{"wait_mean", g, "h"}] = a.wait / a.completed / 3600;
    }
    if (a.judged > 0) {
      m[{"spoiled_share", g, "share"}] = a.spoiled / a.judged;
      m[{"value_lost_per_day", g, "USD/day"}] = a.value_lost / days;
    }
  }
  for (const auto& [k, v] : stage_wait_)
    m[{"stage_wait_mean", flow_name(sc_, k.first) + "@" + r.stop_names[k.second], "min"}] = v.first / v.second / 60;
  for (std::size_t i = 0; i < r.stops.size(); ++i) {
    m[{"utilisation", r.stop_names[i], "share"}] = r.stops[i].utilisation;
    m[{"queue_mean", r.stop_names[i], "vehicles"}] = r.stops[i].queue_mean;
  }
  for (std::size_t s = 0; s < r.yards.size(); ++s) {
    if (sc_.sides[s].yard_capacity == 0) continue;
    m[{"yard_occupancy_mean", sc_.sides[s].id, "vehicles"}] = r.yards[s].occupancy_mean;
    m[{"yard_occupancy_max", sc_.sides[s].id, "vehicles"}] = r.yards[s].occupancy_max;
    m[{"road_queue_mean", sc_.sides[s].id, "vehicles"}] = r.yards[s].road_mean;
    m[{"road_queue_max", sc_.sides[s].id, "vehicles"}] = r.yards[s].road_max;
  }
  for (std::size_t k = 0; k < sc_.rail.size(); ++k)
    if (train_load_[k].second > 0)
      m[{"train_load_factor", sc_.rail[k].id, "share"}] = train_load_[k].first / train_load_[k].second;
  m[{"in_system_at_end", "all", "vehicles"}] = static_cast<double>(r.in_system);
  return m;
}

ReplicationMetrics compute_metrics(const models::Scenario& sc, const models::RunResult& r) {
  MetricsSink sink(sc);
  sink.begin(r.stop_names, r.timeseries_columns);
  for (const auto& v : r.vehicles) sink.vehicle(v);
  for (const auto& v : r.visits) sink.visit(v);
  for (const auto& t : r.trains) sink.train(t);
  return sink.finish(r);
}

std::vector<SummaryRow> summarize(const std::vector<ReplicationMetrics>& reps) {
  std::map<MetricKey, std::vector<double>> values;
  for (const auto& rep : reps)
    for (const auto& [k, v] : rep) values[k].push_back(v);
  std::vector<SummaryRow> rows;
  for (auto& [k, v] : values) rows.push_back(SummaryRow{k, sim::mean_ci(v), std::move(v)});
  return rows;
}

std::vector<DiffRow> compare(const std::vector<ReplicationMetrics>& base, const std::vector<ReplicationMetrics>& variant) {
  std::map<MetricKey, std::pair<std::vector<double>, std::vector<double>>> pairs;
  const std::size_t n = std::min(base.size(), variant.size());
  for (std::size_t r = 0; r < n; ++r)
    for (const auto& [k, v] : base[r]) {
      auto it = variant[r].find(k);
      if (it == variant[r].end()) continue;
      pairs[k].first.push_back(v);
      pairs[k].second.push_back(it->second);
    }
  std::vector<DiffRow> rows;
  for (const auto& [k, p] : pairs) {
    DiffRow d{k, sim::mean_ci(p.first), sim::mean_ci(p.second), sim::paired_difference_ci(p.first, p.second), false};
    d.significant = p.first.size() >= 2 && d.diff.excludes_zero();
    rows.push_back(d);
  }
  return rows;
}

std::string format_summary(const models::Scenario& sc, const std::vector<SummaryRow>& rows) {
  std::string out = fmt::format("{} — {} replications, {:.1f} days after a {:.1f}-day warm-up\n", sc.name,
                                rows.empty() ? 0 : rows.front().ci.n, (sc.horizon_s - sc.warmup_s) / kDay,
                                sc.warmup_s / kDay);
  auto ci = [](const sim::Interval& i) {
    if (std::isnan(i.lo)) return fmt::format("{:9.2f}", i.mean);
    return fmt::format("{:9.2f} ±{:7.2f}", i.mean, i.half_width());
  };
  const char* sections[][2] = {{"completed_per_day", "vehicles completed per day"},
                               {"transit_mean", "transit time, mean (h)"},
                               {"transit_p50", "transit time, median (h)"},
                               {"transit_p95", "transit time, 95th percentile (h)"},
                               {"wait_mean", "waiting, mean (h)"},
                               {"spoiled_share", "share spoiled"},
                               {"value_lost_per_day", "value lost (USD/day)"},
                               {"stage_wait_mean", "waiting by stage, mean (min)"},
                               {"utilisation", "utilisation by stage"},
                               {"yard_occupancy_mean", "yard occupancy, mean"},
                               {"yard_occupancy_max", "yard occupancy, max"},
                               {"road_queue_mean", "road queue, mean"},
                               {"road_queue_max", "road queue, max"},
                               {"train_load_factor", "train load factor"}};
  for (const auto& [metric, title] : sections) {
    bool header = false;
    for (const SummaryRow& r : rows) {
      if (r.key.metric != metric) continue;
      if (!header) {
        out += fmt::format("\n{} (mean ± 95% CI half-width)\n", title);
        header = true;
      }
      out += fmt::format("  {:<58} {}\n", r.key.group, ci(r.ci));
    }
  }
  return out;
}

std::string format_comparison(const std::string& base, const std::string& variant, const std::vector<DiffRow>& rows) {
  std::string out = fmt::format("\n{} minus {} (paired over replications; * = significant at 95 %)\n", variant, base);
  for (const DiffRow& d : rows) {
    if (d.key.metric == "utilisation" || d.key.metric == "queue_mean" || d.key.metric == "stage_wait_mean") continue;
    out += fmt::format("  {:<20} {:<52} {:10.3f} [{:10.3f}, {:10.3f}] {}\n", d.key.metric, d.key.group, d.diff.mean,
                       d.diff.lo, d.diff.hi, d.significant ? "*" : "");
  }
  return out;
}

}  // namespace outputs
