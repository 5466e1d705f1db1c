#include "measures/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace outputs {

namespace {

// Whether any stage can reject a vehicle: only then is rejected_per_day a figure (elsewhere a
// column of zeros would suggest a check the scenario does not make).
// Whether a yard's road is limited (arrivals may be lost) or a restriction turns vehicles away:
// only then are lost_per_day and refused_per_day figures.
bool has_road_limit(const models::Scenario& sc) {
  for (const models::GateSide& g : sc.sides)
    for (const bool outbound : {true, false})
      if (g.yard(outbound).capacity > 0 && g.yard(outbound).road >= 0) return true;
  return false;
}
bool has_turn_back_restriction(const models::Scenario& sc) {
  for (const models::GateSide& g : sc.sides)
    for (const models::Restriction& r : g.restrictions)
      if (r.turn_back) return true;
  return false;
}

bool can_reject(const models::Scenario& sc) {
  for (const auto& side : sc.sides)
    for (const auto& stage : side.stages)
      if (stage.reject_probability > 0) return true;
  return false;
}

// A metric's interval across replications: a share's stays within [0, 1] (a difference of
// shares within [-1, 1]); sim::mean_ci_within says why that keeps its coverage.
sim::Interval across(const MetricKey& k, const std::vector<double>& v) {
  return is_share(k) ? sim::mean_ci_within(v, 0, 1) : sim::mean_ci(v);
}
sim::Interval difference(const MetricKey& k, const std::vector<double>& base,
                         const std::vector<double>& variant) {
  sim::Interval d = sim::paired_difference_ci(base, variant);
  if (is_share(k) && !std::isnan(d.lo)) {
    d.lo = std::clamp(d.lo, -1.0, 1.0);
    d.hi = std::clamp(d.hi, -1.0, 1.0);
  }
  return d;
}

}  // namespace

double backlog_growth(const std::vector<std::pair<double, double>>& days) {
  const std::size_t n = days.size();
  // MSER: suffix sums give each truncation's mean and squared deviations in one pass.
  std::size_t best_d = 0;
  double best = std::numeric_limits<double>::infinity(), s = 0, ss = 0;  // s, ss: suffix sums
  std::vector<double> score(n, std::numeric_limits<double>::infinity());
  for (std::size_t i = n; i-- > 0;) {
    const double y = days[i].second;
    s += y;
    ss += y * y;
    const double m = static_cast<double>(n - i);
    score[i] = std::max(0.0, ss - s * s / m) / (m * m);
  }
  for (std::size_t d = 0; d <= n / 2 && d < n; ++d)
    if (score[d] < best) {  // the first of equal scores: the least truncation
      best = score[d];
      best_d = d;
    }
  LinearFit fit;
  for (std::size_t i = best_d; i < n; ++i) fit.add(days[i].first, days[i].second);
  return fit.slope();
}

void LinearFit::add(double x, double y) {
  n_ += 1;
  sx_ += x;
  sy_ += y;
  sxx_ += x * x;
  sxy_ += x * y;
}

double LinearFit::slope() const {
  const double n = static_cast<double>(n_);
  const double den = n * sxx_ - sx_ * sx_;
  if (n_ < 2 || !(den > 0)) return std::numeric_limits<double>::quiet_NaN();
  return (n * sxy_ - sx_ * sy_) / den;
}

MetricsSink::MetricsSink(const models::Scenario& sc)
    : sc_(sc),
      train_load_(sc.rail.size()),
      train_wagons_(sc.rail.size()),
      train_tonnes_(sc.rail.size()),
      rail_tonnes_(sc.rail.size()),
      rail_loaded_(sc.rail.size()) {}

void MetricsSink::backlog(const double* row, std::size_t n) {
  if (n < 1) return;
  backlog_days_.resize(n - 1);
  backlog_last_.resize(n - 1);
  for (std::size_t c = 0; c + 1 < n; ++c) {
    // Days after the warm-up only: the fill-up from an empty border is not growth.
    if (row[0] >= sc_.warmup_s) backlog_days_[c].emplace_back(row[0] / sim::kDay, row[c + 1]);
    backlog_last_[c] = row[c + 1];
  }
}

void MetricsSink::begin(const std::vector<std::string>&, const std::vector<std::string>&) {}

std::array<Group, 5> MetricsSink::groups_of(const models::VehicleRecord& v) const {
  // Per flow, cargo class and treatment; per flow and cargo over treatments (what a lane policy
  // changes); per cargo class and direction over flows and treatments (what a policy reader asks
  // about); per cargo class over flows; and everything. Wagons go their service's direction.
  const bool exporting = v.source.is_rail() ? sc_.rail[v.source.index].export_direction
                                            : sc_.flows[v.source.index].export_direction;
  const std::uint16_t flow = flow_code(sc_, v.source);
  return {flow_cargo_treatment_group(flow, v.cargo, v.treatment), flow_cargo_group(flow, v.cargo),
          cargo_direction_group(v.cargo, exporting ? Direction::Export : Direction::Import),
          cargo_group(v.cargo), all_group()};
}

// The first truck of each local day through each side of its (first) crossing: its first
// service start there and the minutes to through the side.
void MetricsSink::first_of_day(const models::VehicleRecord& v) {
  const auto it = starts_.find(v.id);
  if (it == starts_.end()) return;
  const std::vector<double> starts = std::move(it->second);
  starts_.erase(it);
  if (v.mode != models::Mode::Truck || v.outcome != models::Outcome::Released ||
      !v.source.is_road())
    return;
  const models::Flow& f = sc_.flows[v.source.index];
  if (v.route >= f.routes.size()) return;
  const models::RouteStep* cross = nullptr;
  for (const models::RouteStep& st : f.routes[v.route].steps)
    if (st.kind == models::RouteStep::Kind::Crossing) {
      cross = &st;
      break;
    }
  if (!cross) return;
  const models::Crossing& c = sc_.crossings[cross->index];
  const std::size_t exit_side = f.export_direction ? c.side_a : c.side_b;
  const std::size_t entry_side = f.export_direction ? c.side_b : c.side_a;
  auto note = [&](std::uint8_t side, double from, double to, int offset) {
    if (from < sc_.warmup_s || !(to >= from)) return;
    const auto key = std::make_tuple(static_cast<std::uint16_t>(cross->index),
                                     static_cast<std::uint8_t>(f.export_direction ? 0 : 1), side,
                                     sc_.local_day(from, offset));
    const auto [slot, fresh] = first_.try_emplace(key, from, (to - from) / sim::kMinute);
    if (!fresh && from < slot->second.first) slot->second = {from, (to - from) / sim::kMinute};
  };
  double exit_start = std::numeric_limits<double>::infinity(), entry_start = exit_start;
  for (double t : starts) {
    if (v.exit_cleared_s >= 0 && t < v.exit_cleared_s) exit_start = std::min(exit_start, t);
    if (v.entry_in_s >= 0 && t >= v.entry_in_s) entry_start = std::min(entry_start, t);
  }
  if (std::isfinite(exit_start)) {
    note(0, exit_start, v.exit_cleared_s, sc_.sides[exit_side].utc_offset_s);
    if (v.border_in_s >= 0)
      exits_[{static_cast<std::uint16_t>(cross->index),
              static_cast<std::uint8_t>(f.export_direction ? 0 : 1)}]
          .push_back({v.border_in_s, exit_start, v.exit_cleared_s});
  }
  // Through both sides: from its first service at the crossing (an exit or a joint stop).
  if (!starts.empty() && v.border_out_s >= 0)
    note(2, *std::min_element(starts.begin(), starts.end()), v.border_out_s,
         sc_.sides[exit_side].utc_offset_s);
  if (std::isfinite(entry_start) && v.border_out_s >= 0)
    note(1, entry_start, v.border_out_s, sc_.sides[entry_side].utc_offset_s);
}

void MetricsSink::vehicle(const models::VehicleRecord& v) {
  if (v.cohort != models::kArrived) [[unlikely]] {
    if (v.cohort == models::kTagged) return;  // watched (bordersim eta), never counted
    initial(v);
  } else {
    first_of_day(v);  // the first arrival of each day through (initial trucks are no arrival)
  }
  const std::array<Group, 5> groups = groups_of(v);
  // Throughput: every vehicle released in the window, whenever it arrived; and its cargo.
  if (v.outcome == models::Outcome::Released && v.done_s >= sc_.warmup_s) {
    const bool loaded = v.cargo != models::kEmptyCargo && v.cargo < sc_.cargo.size();
    const double t = loaded ? sc_.cargo[v.cargo].payload_kg / 1000 : 0;
    for (const Group& g : groups) {
      GroupAcc& a = groups_[g];
      a.throughput += 1;
      a.tonnes += t;
      a.loaded += loaded;
    }
    if (v.source.is_rail() && loaded) {
      rail_tonnes_[v.source.index] += t;
      rail_loaded_[v.source.index] += 1;
    }
  }
  if (v.source.is_rail() && v.departure_s >= sc_.warmup_s && v.cargo < sc_.cargo.size())
    train_tonnes_[v.source.index] += sc_.cargo[v.cargo].payload_kg / 1000;
  // The cohort: arrived after the warm-up (the initial state's trucks apart).
  if (v.arrival_s < sc_.warmup_s || v.cohort == models::kInitial) return;
  const bool crossed = v.mode == models::Mode::Truck && v.border_in_s >= 0;
  if (v.source.is_road() && sc_.flows[v.source.index].choice) {
    const std::uint16_t flow = v.source.index;  // a road flow's code is its index
    RouteAcc& a = routes_[flow_route_group(flow, route_code(sc_, flow, v.route))];
    flow_trucks_[flow] += 1;
    a.chosen += 1;
    if (v.outcome == models::Outcome::Released) {
      a.door_s.push_back(v.transit_s);
      a.cost += v.trip_cost;
      if (crossed)
        a.border_s.push_back(v.transit_s - models::segment_s(v, models::Segment::Travel));
    }
    if (v.outcome != models::Outcome::Rejected && v.cargo != models::kEmptyCargo) {
      a.judged += 1;
      a.spoiled += v.spoiled;
    }
  }
  for (const Group& g : groups) {
    GroupAcc& a = groups_[g];
    if (v.outcome == models::Outcome::Released) {
      a.completed += 1;
      a.transit += v.transit_s;
      a.wait += v.wait_s;
      a.road_wait += v.road_wait_s;
      a.transit_s.push_back(v.transit_s);
      for (std::size_t k = 0; k < models::kSegments; ++k)
        a.segments[k] += models::segment_s(v, static_cast<models::Segment>(k));
      if (crossed)
        a.border_s.push_back(v.transit_s - models::segment_s(v, models::Segment::Travel));
    }
    a.outcomes[static_cast<std::size_t>(v.outcome)] += 1;
    if (v.held_s > 0) {
      a.deferred += 1;
      a.held_s += v.held_s;
    }
    a.diverted += v.response == models::Responded::Diverted;
    if (v.outcome != models::Outcome::Rejected && v.cargo != models::kEmptyCargo) {
      a.judged += 1;
      a.spoiled += v.spoiled;
      a.value_lost += v.value_lost;
    }
  }
}

// A truck of the initial state: when it left its crossing's queues, and its border time.
void MetricsSink::initial(const models::VehicleRecord& v) {
  if (v.start_crossing < 0 || !v.source.is_road()) return;
  const bool export_dir = sc_.flows[v.source.index].export_direction;
  InitialAcc& a = initial_[{static_cast<std::uint16_t>(v.start_crossing),
                            static_cast<std::uint8_t>(export_dir ? 0 : 1)}];
  const double left = v.start_left_s >= 0 ? v.start_left_s
                      : v.done_s >= 0     ? v.done_s
                                          : sc_.horizon_s;
  a.cleared_s = std::max(a.cleared_s, left);
  if (v.outcome == models::Outcome::Released) {
    a.border_s += v.transit_s - models::segment_s(v, models::Segment::Travel);
    a.released += 1;
  }
}

void MetricsSink::visit(const models::StopVisit& v) {
  // The initial state's and watched trucks are no arrival's waits.
  if (v.cohort != models::kArrived) return;
  if (v.source.is_road()) starts_[v.vehicle].push_back(v.start_s);
  if (v.start_s < sc_.warmup_s) return;  // waiting by stop: visits that started after the warm-up
  auto& [sum, n] = stop_wait_[{flow_code(sc_, v.source), v.stop}];
  sum += v.start_s - v.enter_s;
  n += 1;
  visit_hour(v);
}

void MetricsSink::train(const models::TrainRecord& t) {
  if (t.departure_s < sc_.warmup_s) return;
  train_load_[t.rail].first += static_cast<double>(t.wagons) / t.capacity;
  train_load_[t.rail].second += 1;
  train_wagons_[t.rail] += t.wagons;
}

ReplicationMetrics MetricsSink::finish(const models::RunResult& r) {
  ReplicationMetrics m;
  const GroupNames names = group_names(sc_, r.stop_names);
  auto set = [&](Metric metric, const Group& g, double value, const std::string& unit = "") {
    m[MetricKey{metric, g, group_label(g, names), unit.empty() ? metric_spec(metric).unit : unit}] =
        value;
  };
  using M = Metric;
  const double days = (r.horizon_s - r.warmup_s) / sim::kDay;
  for (const auto& [g, a] : groups_) {
    using O = models::Outcome;
    auto per_day = [&](O o) { return a.outcomes[static_cast<std::size_t>(o)] / days; };
    set(M::CompletedPerDay, g, a.completed / days);
    if (can_reject(sc_)) set(M::RejectedPerDay, g, per_day(O::Rejected));
    if (sc_.has_behaviour()) {  // the outcomes only driver behaviour produces
      const double spoiled_away = per_day(O::TurnedBack) + per_day(O::Dumped);
      set(M::GaveUpPerDay, g, per_day(O::Balked) + per_day(O::Reneged) + spoiled_away);
      set(M::BalkedPerDay, g, per_day(O::Balked));
      set(M::RenegedPerDay, g, per_day(O::Reneged));
      set(M::TurnedBackPerDay, g, spoiled_away);
    }
    if (has_road_limit(sc_)) set(M::LostPerDay, g, per_day(O::Lost));
    if (sc_.has_response()) {
      set(M::DeferredPerDay, g, a.deferred / days);
      set(M::CancelledPerDay, g, per_day(O::Cancelled));
      set(M::DivertedPerDay, g, a.diverted / days);
      if (a.deferred > 0) set(M::HoldMean, g, a.held_s / a.deferred / sim::kHour);
    }
    if (has_turn_back_restriction(sc_)) set(M::RefusedPerDay, g, per_day(O::Refused));
    if (a.completed > 0) {
      std::vector<double> transit = a.transit_s;  // exact percentiles: sorted once
      std::sort(transit.begin(), transit.end());
      set(M::TransitMean, g, a.transit / a.completed / sim::kHour);
      set(M::TransitP50, g, sim::quantile_of_sorted(transit, 0.5) / sim::kHour);
      set(M::TransitP95, g, sim::quantile_of_sorted(transit, 0.95) / sim::kHour);
      set(M::WaitMean, g, a.wait / a.completed / sim::kHour);
      set(M::RoadWaitMean, g, a.road_wait / a.completed / sim::kHour);
      // Means over the same vehicles as transit_mean: they add up to it.
      for (std::size_t k = 0; k < models::kSegments; ++k)
        set(segment_metric(static_cast<models::Segment>(k)), g,
            a.segments[k] / a.completed / sim::kHour);
    }
    if (!a.border_s.empty()) {
      std::vector<double> border = a.border_s;
      std::sort(border.begin(), border.end());
      double sum = 0;
      for (double b : border) sum += b;
      const double n = static_cast<double>(border.size());
      set(M::BorderTimeMean, g, sum / n / sim::kHour);
      set(M::BorderTimeP50, g, sim::quantile_of_sorted(border, 0.5) / sim::kHour);
      set(M::BorderTimeP95, g, sim::quantile_of_sorted(border, 0.95) / sim::kHour);
      // The reliability curve: share through within x hours.
      for (double x : reliability_hours()) {
        const auto through = std::upper_bound(border.begin(), border.end(), x * sim::kHour);
        MetricKey key{M::BorderWithinShare, g, group_label(g, names),
                      metric_spec(M::BorderWithinShare).unit, x};
        m[key] = static_cast<double>(through - border.begin()) / n;
      }
    }
    set(M::ThroughputPerDay, g, a.throughput / days);
    set(M::TonnesPerDay, g, a.tonnes / days);
    set(M::TonnesPerYear, g, a.tonnes / days * 365);
    if (a.loaded > 0) set(M::LoadMean, g, a.tonnes / a.loaded);
    if (a.judged > 0) {
      set(M::SpoiledShare, g, a.spoiled / a.judged);
      set(M::ValueLostPerDay, g, a.value_lost / days, money_unit(M::ValueLostPerDay, sc_.currency));
    }
  }
  // Every route of a choosing flow has a share, 0 where no truck took it.
  for (const auto& [flow, trucks] : flow_trucks_)
    for (std::size_t r = 0; r < sc_.flows[flow].routes.size(); ++r)
      routes_[flow_route_group(flow, route_code(sc_, flow, r))];
  for (auto& [g, a] : routes_) {
    set(M::RouteShare, g, a.chosen / flow_trucks_[static_cast<std::uint16_t>(g.flow)]);
    if (!a.door_s.empty()) {
      std::sort(a.door_s.begin(), a.door_s.end());
      double sum = 0;
      for (double d : a.door_s) sum += d;
      const double n = static_cast<double>(a.door_s.size());
      set(M::DoorToDoorMean, g, sum / n / sim::kHour);
      set(M::DoorToDoorP50, g, sim::quantile_of_sorted(a.door_s, 0.5) / sim::kHour);
      set(M::DoorToDoorP95, g, sim::quantile_of_sorted(a.door_s, 0.95) / sim::kHour);
      set(M::TripCostMean, g, a.cost / n, money_unit(M::TripCostMean, sc_.currency));
    }
    if (!a.border_s.empty()) {
      double sum = 0;
      for (double b : a.border_s) sum += b;
      set(M::BorderTimeMean, g, sum / static_cast<double>(a.border_s.size()) / sim::kHour);
    }
    if (a.judged > 0) set(M::SpoiledShare, g, a.spoiled / a.judged);
  }
  staffing(r, days, m, names);
  for (const auto& [k, v] : stop_wait_)
    set(M::StageWaitMean, flow_stop_group(k.first, k.second), v.first / v.second / sim::kMinute);
  for (std::size_t i = 0; i < r.stops.size(); ++i) {
    set(M::Utilisation, stop_group(i), r.stops[i].utilisation);
    set(M::ServerHoursPerDay, stop_group(i), r.stops[i].server_hours / days);
    set(M::QueueMean, stop_group(i), r.stops[i].queue_mean);
  }
  for (std::size_t s = 0; s < r.yards.size(); ++s) {
    // r.yards is per side and direction; a shared area is reported once.
    const models::GateSide& side = sc_.sides[s / 2];
    const bool outbound = s % 2 == 0;
    if (side.yard(outbound).capacity == 0 || (side.shared_yard && !outbound)) continue;
    const Group g = yard_group(s / 2, side.shared_yard ? -1 : outbound ? 0 : 1);
    set(M::YardOccupancyMean, g, r.yards[s].occupancy_mean);
    set(M::YardOccupancyMax, g, r.yards[s].occupancy_max);
    set(M::RoadQueueMean, g, r.yards[s].road_mean);
    set(M::RoadQueueMax, g, r.yards[s].road_max);
  }
  for (std::size_t k = 0; k < sc_.rail.size(); ++k) {
    const Group g = rail_group(flow_code(sc_, models::Source::rail(k)));
    const double trains = train_load_[k].second;
    set(M::TrainsPerDay, g, trains / days);
    set(M::TonnesPerDay, g, rail_tonnes_[k] / days);
    set(M::TonnesPerYear, g, rail_tonnes_[k] / days * 365);
    if (rail_loaded_[k] > 0) set(M::LoadMean, g, rail_tonnes_[k] / rail_loaded_[k]);
    if (trains > 0) {
      set(M::TrainLoadFactor, g, train_load_[k].first / trains);
      set(M::WagonsPerTrain, g, train_wagons_[k] / trains);
      set(M::TonnesPerTrain, g, train_tonnes_[k] / trains);
    }
  }
  // Medians over the days: a day whose first truck waits a day for transshipment or a lab
  // result is one day of many, not a shift of the typical morning.
  std::map<std::pair<Group, Metric>, std::vector<double>> daily;
  // The day's start of exit procedures per (crossing, direction) and local day.
  std::map<std::pair<std::uint16_t, std::uint8_t>, std::map<long, double>> t0;
  for (const auto& [key, first] : first_) {
    const auto [crossing, dir, part, day] = key;
    daily[{crossing_direction_group(crossing, static_cast<Direction>(dir)),
           part == 0   ? M::FirstExitClearMin
           : part == 1 ? M::FirstEntryClearMin
                       : M::FirstBorderClearMin}]
        .push_back(first.second);
    if (part == 0) t0[{crossing, dir}][day] = first.first;
  }
  // The queue found when the exit procedures start each day: the trucks that had reached the
  // crossing by then and not yet begun them; the day's value is when the last of them is
  // through the exit side. A truck that waits past several mornings is in each one's queue.
  for (const auto& [cd, trucks] : exits_) {
    std::vector<double> starts;  // by day, and so in time order
    for (const auto& [day, start] : t0[cd]) starts.push_back(start);
    std::vector<double> clear(starts.size(), -1);
    for (const ExitTimes& e : trucks)
      for (auto it = std::lower_bound(starts.begin(), starts.end(), e.in);
           it != starts.end() && *it <= e.start; ++it) {
        double& c = clear[static_cast<std::size_t>(it - starts.begin())];
        c = std::max(c, (e.cleared - *it) / sim::kHour);
      }
    auto& v = daily[{crossing_direction_group(cd.first, static_cast<Direction>(cd.second)),
                     M::MorningQueueClearH}];
    for (double h : clear)
      if (h >= 0) v.push_back(h);
  }
  for (auto& [key, v] : daily) {
    std::sort(v.begin(), v.end());
    set(key.second, key.first, sim::quantile_of_sorted(v, 0.5));
  }
  set(M::InSystemAtEnd, all_group(), static_cast<double>(r.in_system));
  for (const auto& [cd, a] : initial_) {
    const Group g = crossing_direction_group(cd.first, static_cast<Direction>(cd.second));
    set(M::InitialClearedH, g, a.cleared_s / sim::kHour);
    if (a.released > 0) set(M::InitialBorderMean, g, a.border_s / a.released / sim::kHour);
  }
  // The backlog rows are laid out by models::backlog_column; a result that is not is a bug.
  if (!backlog_days_.empty() && backlog_days_.size() != 2 * sc_.crossings.size())
    throw std::logic_error("backlog rows with " + std::to_string(backlog_days_.size()) +
                           " columns for " + std::to_string(sc_.crossings.size()) + " crossings");
  for (std::size_t c = 0; c < sc_.crossings.size() && !backlog_days_.empty(); ++c)
    for (const bool export_dir : {true, false}) {
      const Group g =
          crossing_direction_group(c, export_dir ? Direction::Export : Direction::Import);
      const std::size_t col = models::backlog_column(c, export_dir);
      const double slope = backlog_growth(backlog_days_[col]);
      if (!std::isnan(slope)) set(M::BacklogGrowthPerDay, g, slope);
      set(M::BacklogAtEnd, g, backlog_last_[col]);
    }
  return m;
}

ReplicationMetrics compute_metrics(const models::Scenario& sc, const models::RunResult& r) {
  MetricsSink sink(sc);
  sink.begin(r.stop_names, r.sampled_sites);
  for (const auto& v : r.vehicles) sink.vehicle(v);
  for (const auto& v : r.visits) sink.visit(v);
  for (const auto& t : r.trains) sink.train(t);
  const std::size_t width = 1 + r.backlog_columns.size();
  for (std::size_t i = 0; i + width <= r.backlog.size(); i += width)
    sink.backlog(r.backlog.data() + i, width);
  return sink.finish(r);
}

std::vector<SummaryRow> summarize(const std::vector<ReplicationMetrics>& reps) {
  std::map<MetricKey, std::vector<double>> values;
  for (const auto& rep : reps) {
    sim::poll_stop();  // per replication merged, per metric summarised
    for (const auto& [k, v] : rep) values[k].push_back(v);
  }
  std::vector<SummaryRow> rows;
  for (auto& [k, v] : values) {
    sim::poll_stop();
    rows.push_back(SummaryRow{k, across(k, v), std::move(v)});
  }
  return rows;
}

std::vector<DiffRow> compare(const std::vector<ReplicationMetrics>& base,
                             const std::vector<ReplicationMetrics>& variant) {
  std::map<MetricKey, std::pair<std::vector<double>, std::vector<double>>> pairs;
  const std::size_t n = std::min(base.size(), variant.size());
  for (std::size_t r = 0; r < n; ++r)
    for (const auto& [k, v] : base[r]) {
      sim::poll_stop();
      auto it = variant[r].find(k);
      if (it == variant[r].end()) continue;
      pairs[k].first.push_back(v);
      pairs[k].second.push_back(it->second);
    }
  std::vector<DiffRow> rows;
  std::vector<double> p_values;
  for (const auto& [k, p] : pairs) {
    if (metric_spec(k.metric).curve) continue;
    // Only a group both scenarios have in every replication: one the policy itself makes or
    // empties (fruit's regular treatment when the variant moves fruit to a lane) would pair the
    // few replications where it happens to exist, not the scenarios.
    if (p.first.size() != n) continue;
    DiffRow d{k, across(k, p.first), across(k, p.second), difference(k, p.first, p.second), false};
    d.significant = p.first.size() >= 2 && d.diff.excludes_zero();
    d.pct_change = d.base.mean != 0 ? 100 * d.diff.mean / std::abs(d.base.mean)
                                    : std::numeric_limits<double>::quiet_NaN();
    d.p_value = sim::paired_t_p_value(p.first, p.second);
    p_values.push_back(d.p_value);
    rows.push_back(d);
  }
  const std::vector<bool> holm = sim::holm_significant(p_values);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].significant_holm = holm[i];
  return rows;
}

int DiffRow::verdict() const {
  if (!significant_holm) return 0;
  switch (metric_spec(key.metric).better) {
    case Better::Lower:
      return diff.mean < 0 ? 1 : -1;
    case Better::Higher:
      return diff.mean > 0 ? 1 : -1;
    case Better::None:
      return 0;
  }
  return 0;
}

std::string BacklogWarning::text() const {
  const std::string ci = std::isnan(growth.lo)
                             ? std::string(" (one replication, no CI)")
                             : fmt::format(" [{:.1f}, {:.1f}]", growth.lo, growth.hi);
  return fmt::format(
      "warning: the backlog at {} grows by {:.1f}{} vehicles/day over the run: results depend on "
      "the horizon (waits of the {:.0f} vehicles still queued there at the end are counted up to "
      "the horizon)",
      where, growth.mean, ci, at_end);
}

std::vector<BacklogWarning> backlog_warnings(const std::vector<SummaryRow>& rows) {
  std::vector<BacklogWarning> out;
  for (const SummaryRow& r : rows) {
    if (r.key.metric != Metric::BacklogGrowthPerDay) continue;
    const bool above_zero = std::isnan(r.ci.lo) ? r.ci.mean > 0 : r.ci.lo > 0;
    if (!above_zero || !(r.ci.mean >= kBacklogGrowthWarning)) continue;
    BacklogWarning w{r.key.label, r.ci, 0};
    for (const SummaryRow& e : rows)
      if (e.key.metric == Metric::BacklogAtEnd && e.key.group == r.key.group) w.at_end = e.ci.mean;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace outputs
