#include "models/model.hpp"

#include <algorithm>
#include <limits>

#include "models/calendar.hpp"
#include "sim/runner.hpp"
#include "sim/time.hpp"

namespace models {

BorderModel::BorderModel(sim::Simulation& s, const Scenario& sc, RecordSink& sink)
    : sim_(&s), sc_(sc), plan_(build_plan(sc)), records_(sc, sink), sink_(&sink) {
  for (const Flow& f : sc_.flows) flow_salt_.push_back(sim::stream_id("flow:" + f.id));
  for (const Cargo& c : sc_.cargo) lowest_priority_ = std::max(lowest_priority_, c.priority_level);
  for (const GateSide& g : sc_.sides)
    restricted_sides_ = restricted_sides_ || !g.restrictions.empty();
  for (const Rail& r : sc_.rail) rail_salt_.push_back(sim::stream_id("rail:" + r.id));
  for (const GateSide& g : sc_.sides) {
    for (const bool outbound : {true, false}) {
      const Yard& y = g.yard(outbound);
      if (y.capacity == 0) {
        yards_.push_back(nullptr);
      } else if (g.shared_yard && !outbound) {
        yards_.push_back(yards_.back());  // the same area
      } else {
        const std::string name = g.id +
                                 (g.shared_yard ? ""
                                  : outbound    ? ".outbound"
                                                : ".inbound") +
                                 ".yard";
        yard_areas_.push_back(std::make_unique<sim::Resource>(s, y.capacity, name));
        yards_.push_back(yard_areas_.back().get());
      }
    }
  }
  for (const GateSide& g : sc_.sides)
    gates_.push_back(std::make_unique<sim::Resource>(s, 0, g.id + ".gate"));
  // Every stop closed until its side's calendar opens it.
  for (const PlannedStop& p : plan_.stops()) {
    Stop st;
    st.plan = &p;
    st.shared = std::make_unique<sim::Resource>(s, 0, p.name);
    if (p.lane_servers > 0) {
      st.lane = std::make_unique<sim::Resource>(s, 0, p.name + " (lane)");
      st.queue = std::make_unique<sim::QueueTotal>(s);
      st.shared->count_queue_in(st.queue.get());
      st.lane->count_queue_in(st.queue.get());
    }
    stops_.push_back(std::move(st));
    stop_names_.push_back(p.name);
  }
  for (std::size_t c = 0; c < sc_.crossings.size(); ++c) {
    const Crossing& cr = sc_.crossings[c];
    for (const bool export_dir : {true, false}) {
      const models::Intake& spec = cr.intake[export_dir ? 0 : 1];
      std::unique_ptr<Intake> in;
      if (spec.limited) {
        in = std::make_unique<Intake>();
        in->spec = &spec;
        in->entry_side = plan_.route(c, export_dir).entry_side;
        // Closed until the entry side's calendar opens it.
        in->gate = std::make_unique<sim::Resource>(
            s, 0, cr.id + (export_dir ? ".export" : ".import") + ".intake");
      }
      intake_.push_back(std::move(in));
    }
    bays_.push_back(cr.transship_bays > 0
                        ? std::make_unique<sim::Resource>(s, cr.transship_bays, cr.id + ".bays")
                        : nullptr);
  }
  for (const Rail& r : sc_.rail) {
    platforms_.push_back(std::make_unique<sim::Store<Wagon>>(
        s, std::numeric_limits<std::size_t>::max(), r.id + ".platform"));
    cranes_.push_back(std::make_unique<sim::Resource>(s, 0, r.terminal + ".cranes"));
    stop_names_.push_back(r.terminal + ".cranes");
  }
  // Officers off duty until their calendar opens them.
  for (const OfficerPool& p : plan_.pools()) {
    pools_.push_back(std::make_unique<sim::Resource>(s, 0, p.name));
    stop_names_.push_back(p.name);
  }
  for (const Crossing& c : sc_.crossings)
    for (const char* dir : {".export", ".import"}) backlog_columns_.push_back(c.id + dir);
  prepare_route_choice();
  backlog_.assign(backlog_columns_.size(), 0.0);
  if (sc_.outputs.timeseries_step_s > 0) {
    timeseries_columns_.push_back("t_s");
    for (const std::string& name : stop_names_) {
      timeseries_columns_.push_back(name + ".queue");
      timeseries_columns_.push_back(name + ".busy");
    }
    for (const GateSide& g : sc_.sides)
      for (const char* dir : {".outbound", ".inbound"}) {
        timeseries_columns_.push_back(g.id + dir + ".yard");
        timeseries_columns_.push_back(g.id + dir + ".road");
      }
  }
}

// ---- opening hours --------------------------------------------------------------------------

// The intake's pace over one open window of its entry side: a per-hour rate as it is, a daily
// quota spread evenly over the window; none on a day without intake.
void BorderModel::open_intake(Intake& in, double open, double close, long local_day) {
  const IntakeRate& r = in.spec->on(local_day);
  in.interval = r.per_hour > 0  ? sim::kHour / r.per_hour
                : r.per_day > 0 ? (close - open) / r.per_day
                                : 0;
  in.gate->set_capacity(in.interval > 0 ? 1 : 0);
}

sim::Process BorderModel::lane_calendar(std::size_t stop) {
  sim::Simulation& s = *sim_;
  Stop& st = stops_[stop];
  for (const auto& [open, close] :
       lane_windows(sc_, st.plan->side, *st.plan->lane_hours, st.plan->lane_dates)) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    st.lane->set_capacity(st.plan->lane_servers);
    co_await s.until(close, sim::Tier::Calendar);
    st.lane->set_capacity(0);
  }
}

// A joint facility with its own hours: its booths (and lane, unless it has its own hours) open
// over them, on the days its side is not closed.
sim::Process BorderModel::facility_calendar(std::size_t stop) {
  sim::Simulation& s = *sim_;
  Stop& st = stops_[stop];
  for (const auto& [open, close] :
       lane_windows(sc_, st.plan->side, *st.plan->own_hours, std::nullopt)) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    const long day = sc_.local_day(std::max(open, 0.0), sc_.sides[st.plan->side].utc_offset_s);
    const auto [shared, lane] = st.plan->capacity(true, day);
    st.shared->set_capacity(shared);
    if (st.lane && !st.plan->lane_hours) st.lane->set_capacity(lane);
    co_await s.until(close, sim::Tier::Calendar);
    st.shared->set_capacity(0);
    if (st.lane && !st.plan->lane_hours) st.lane->set_capacity(0);
  }
}

// An agency's officers at joint stops: on duty over the facility's hours if it has its own, else
// over their own side's (its hours, extended hours and closures).
sim::Process BorderModel::pool_calendar(std::size_t pool) {
  sim::Simulation& s = *sim_;
  const OfficerPool& p = plan_.pools()[pool];
  const auto windows =
      p.hours ? lane_windows(sc_, p.hours_side, *p.hours, std::nullopt) : open_windows(sc_, p.side);
  for (const auto& [open, close] : windows) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    pools_[pool]->set_capacity(p.officers);
    co_await s.until(close, sim::Tier::Calendar);
    pools_[pool]->set_capacity(0);
  }
}

sim::Process BorderModel::side_calendar(std::size_t side) {
  sim::Simulation& s = *sim_;
  std::vector<Stop*> mine;  // a joint facility with its own hours keeps its own calendar
  for (Stop& st : stops_)
    if (st.plan->side == side && !st.plan->own_hours) mine.push_back(&st);
  std::vector<Intake*> intakes;  // of the crossings this side is the entry side of
  for (auto& in : intake_)
    if (in && in->entry_side == side) intakes.push_back(in.get());
  const auto windows = open_windows(sc_, side);
  for (const auto& [open, close] : windows) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    const long day = sc_.local_day(std::max(open, 0.0), sc_.sides[side].utc_offset_s);
    for (Stop* st : mine) {
      const auto [shared, lane] = st->plan->capacity(true, day);
      st->shared->set_capacity(shared);
      if (st->lane && !st->plan->lane_hours) st->lane->set_capacity(lane);
    }
    for (Intake* in : intakes) open_intake(*in, open, close, day);
    gates_[side]->set_capacity(kGateRoom);
    co_await s.until(close, sim::Tier::Calendar);
    gates_[side]->set_capacity(0);
    for (Stop* st : mine) {
      st->shared->set_capacity(0);
      if (st->lane && !st->plan->lane_hours) st->lane->set_capacity(0);
    }
    for (Intake* in : intakes) in->gate->set_capacity(0);
  }
}

// ---- time series ----------------------------------------------------------------------------

sim::Process BorderModel::sampler() {
  sim::Simulation& s = *sim_;
  const double step = sc_.outputs.timeseries_step_s;
  for (double t = 0; t <= sc_.horizon_s; t += step) {
    co_await s.until(t, sim::Tier::Calendar);
    std::vector<double>& row = row_scratch_;
    row.clear();
    row.push_back(t);
    for (const Stop& st : stops_) {
      row.push_back(
          static_cast<double>(st.shared->queue_length() + (st.lane ? st.lane->queue_length() : 0)));
      row.push_back(static_cast<double>(st.shared->busy() + (st.lane ? st.lane->busy() : 0)));
    }
    for (const auto* list : {&cranes_, &pools_})
      for (const auto& c : *list) {
        row.push_back(static_cast<double>(c->queue_length()));
        row.push_back(static_cast<double>(c->busy()));
      }
    for (const sim::Resource* y : yards_) {
      row.push_back(y ? static_cast<double>(y->busy()) : 0.0);
      row.push_back(y ? static_cast<double>(y->queue_length()) : 0.0);
    }
    sink_->sample(row.data(), row.size());
  }
}

sim::Process BorderModel::backlog_sampler() {
  sim::Simulation& s = *sim_;
  std::vector<double> row(1 + backlog_.size());
  for (double t = 0; t <= sc_.horizon_s; t += sim::kDay) {
    co_await s.until(t, sim::Tier::Calendar);
    row[0] = t;
    std::copy(backlog_.begin(), backlog_.end(), row.begin() + 1);
    sink_->backlog(row.data(), row.size());
  }
}

void BorderModel::start() {
  sim::Simulation& s = *sim_;
  sink_->begin(stop_names_, timeseries_columns_);
  if (sc_.outputs.timeseries_step_s > 0) s.start(sampler(), "sampler");
  if (!sc_.crossings.empty()) s.start(backlog_sampler(), "backlog");
  if (choosing_) s.start(route_counter(), "routes");
  for (std::size_t side = 0; side < sc_.sides.size(); ++side)
    s.start(side_calendar(side), "calendar", side);
  for (std::size_t i = 0; i < stops_.size(); ++i) {
    if (stops_[i].lane && stops_[i].plan->lane_hours) s.start(lane_calendar(i), "lane", i);
    if (stops_[i].plan->own_hours) s.start(facility_calendar(i), "facility", i);
  }
  for (std::size_t p = 0; p < pools_.size(); ++p) s.start(pool_calendar(p), "officers", p);
  for (std::size_t r = 0; r < sc_.rail.size(); ++r) {
    s.start(crane_calendar(r), "cranes", r);
    s.start(train_timetable(r), "timetable", r);
    s.start(wagon_source(r), "wagons", r);
  }
  for (std::size_t f = 0; f < sc_.flows.size(); ++f) s.start(flow_source(f), "flow", f);
  s.set_warmup(sc_.warmup_s);
}

// ---- at the horizon -------------------------------------------------------------------------

namespace {

StopStats stop_stats(const sim::Resource& res, double now) {
  StopStats st;
  st.wait = res.wait_stats();
  st.utilisation = res.utilisation();
  st.queue_mean = res.queue_stats().mean(now);
  st.queue_max = res.queue_stats().max();
  st.busy_mean = res.busy_stats().mean(now);
  st.served = res.wait_stats().count();
  return st;
}

}  // namespace

RunResult BorderModel::finish() {
  const double now = sim_->now();
  RunResult out;
  out.in_system = records_.flush_in_system(now);
  out.stop_names = stop_names_;
  out.timeseries_columns = timeseries_columns_;
  out.backlog_columns = backlog_columns_;
  for (const Flow& f : sc_.flows)
    if (f.choice)
      for (const Route& r : f.routes) out.route_columns.push_back(f.id + "/" + r.id);
  for (const Stop& st : stops_) {
    StopStats a = stop_stats(*st.shared, now);
    if (st.lane) {
      // One stop, two queues: utilisation is busy server-time over available server-time of
      // both, and the queue's maximum is the maximum of their sum.
      const StopStats b = stop_stats(*st.lane, now);
      const double busy = st.shared->busy_stats().area(now) + st.lane->busy_stats().area(now);
      const double available =
          st.shared->capacity_stats().area(now) + st.lane->capacity_stats().area(now);
      a.utilisation = available > 0 ? busy / available : 0;
      a.wait.merge(b.wait);
      a.queue_mean += b.queue_mean;
      a.queue_max = st.queue->stats().max();
      a.busy_mean += b.busy_mean;
      a.served += b.served;
    }
    out.stops.push_back(a);
  }
  for (const auto& c : cranes_) out.stops.push_back(stop_stats(*c, now));
  for (const auto& p : pools_) out.stops.push_back(stop_stats(*p, now));
  for (const sim::Resource* y : yards_) {
    YardStats ys;
    if (y) {
      ys.occupancy_mean = y->busy_stats().mean(now);
      ys.occupancy_max = y->busy_stats().max();
      ys.road_mean = y->queue_stats().mean(now);
      ys.road_max = y->queue_stats().max();
    }
    out.yards.push_back(ys);
  }
  out.arrived = records_.arrived();
  out.released = records_.released();
  out.rejected = records_.rejected();
  out.turned_away = records_.turned_away();
  out.events = sim_->events_processed();
  out.horizon_s = sc_.horizon_s;
  out.warmup_s = sc_.warmup_s;
  return out;
}

RunResult run_replication(const Scenario& sc, std::uint32_t replication,
                          const ReplicationHooks& hooks, RecordSink* sink) {
  sim::Simulation s(sc.seed, replication);
  RunResult collected;
  CollectingSink collector(collected);
  BorderModel m(s, sc, sink ? *sink : collector);
  // Frames hold references into the model (its records, resources, backlog counts), so they are
  // destroyed before it, also when the run ends by an exception (Ctrl-C, a limit, a failure):
  // declared after the model, this is destroyed first.
  struct Teardown {
    sim::Simulation& s;
    ~Teardown() { s.shutdown(); }
  } teardown{s};
  s.watch(hooks.cancel);  // Ctrl-C stops a replication within kGuardInterval events
  m.start();
  if (hooks.cancel || hooks.hours) {
    for (double t = 0; t < sc.horizon_s;) {
      t = std::min(sc.horizon_s, t + sim::kHour);
      s.run_until(t);
      if (hooks.hours) hooks.hours->fetch_add(1, std::memory_order_relaxed);
      if (hooks.cancel && hooks.cancel->load(std::memory_order_relaxed)) throw sim::Cancelled();
    }
  } else {
    s.run_until(sc.horizon_s);
  }
  RunResult r = m.finish();
  s.shutdown();
  if (!sink) {
    r.vehicles = std::move(collected.vehicles);
    std::sort(r.vehicles.begin(), r.vehicles.end(),
              [](const VehicleRecord& a, const VehicleRecord& b) { return a.id < b.id; });
    r.visits = std::move(collected.visits);
    r.trains = std::move(collected.trains);
    r.timeseries = std::move(collected.timeseries);
    r.backlog = std::move(collected.backlog);
    r.routes = std::move(collected.routes);
  }
  return r;
}

}  // namespace models
