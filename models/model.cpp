#include "models/model.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "models/calendar.hpp"
#include "models/staff.hpp"
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
  const Sites& places = plan_.sites();
  for (const GateSide& g : sc_.sides)
    gates_.push_back(std::make_unique<sim::Resource>(s, 0, g.id + ".gate"));
  // Every resource closed until its capacity schedule opens it (start()).
  for (std::size_t i = 0; i < plan_.stops().size(); ++i) {
    const PlannedStop& p = plan_.stop(i);
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
  }
  intake_.resize(2 * sc_.crossings.size());
  for (std::size_t k = 0; k < places.count(SiteKind::Intake); ++k) {
    const std::size_t at = places.of(SiteKind::Intake, k);
    const Site& pl = places[at];
    if (pl.of >= intake_.size()) intake_.resize(pl.of + 1);  // an allowance's
    auto in = std::make_unique<Intake>();
    in->spec = &sc_.crossings[static_cast<std::size_t>(pl.crossing)]
                    .intake[pl.direction == SiteDirection::Export ? 0 : 1];
    in->place = at;
    in->gate = std::make_unique<sim::Resource>(s, 0, pl.name);
    intake_[pl.of] = std::move(in);
  }
  for (const Crossing& cr : sc_.crossings)
    bays_.push_back(cr.transship_bays > 0
                        ? std::make_unique<sim::Resource>(s, cr.transship_bays, cr.id + ".bays")
                        : nullptr);
  for (const Rail& r : sc_.rail) {
    platforms_.push_back(std::make_unique<sim::Store<Wagon>>(
        s, std::numeric_limits<std::size_t>::max(), r.id + ".platform"));
    cranes_.push_back(std::make_unique<sim::Resource>(s, 0, r.terminal + ".cranes"));
  }
  for (const OfficerPool& p : plan_.pools())
    pools_.push_back(std::make_unique<sim::Resource>(s, 0, p.name));
  stop_names_ = places.visited_names();
  backlog_columns_.resize(2 * sc_.crossings.size());
  for (std::size_t c = 0; c < sc_.crossings.size(); ++c)
    for (const bool export_dir : {true, false})
      backlog_columns_[backlog_column(c, export_dir)] =
          sc_.crossings[c].id + (export_dir ? ".export" : ".import");
  prepare_route_choice();
  prepare_response();
  backlog_.assign(backlog_columns_.size(), 0.0);
  // The time series samples every site (sites.hpp) in code order: t_s, then its queue and busy.
  if (sc_.outputs.timeseries_step_s > 0)
    for (const Site& site : plan_.sites().all()) sampled_sites_.push_back(site.name);
}

// ---- capacity ---------------------------------------------------------------------------

sim::Resource& BorderModel::resource(const Clock::Member& m) {
  using What = Clock::Member::What;
  if (m.what == What::Gate) return *gates_[m.index];
  const Site& pl = plan_.sites()[m.index];
  switch (pl.kind) {
    case SiteKind::Stop:
      return m.what == What::Lane ? *stops_[pl.of].lane : *stops_[pl.of].shared;
    case SiteKind::Terminal:
      return *cranes_[pl.of];
    case SiteKind::Pool:
      return *pools_[pl.of];
    case SiteKind::Intake:
      return *intake_[pl.of]->gate;
    case SiteKind::Yard:
      break;
  }
  throw std::logic_error("no resource follows a schedule at " + pl.name);
}

void BorderModel::follow(const Clock& clock) {
  using What = Clock::Member::What;
  const CapacityPlan& cp = plan_.capacity();
  std::vector<sim::Following> members;
  for (const Clock::Member& m : clock.members) {
    const sim::CapacitySchedule& schedule = m.what == What::Gate   ? cp.gates[m.index]
                                            : m.what == What::Lane ? cp.lane[m.index]
                                                                   : cp.servers[m.index];
    members.push_back({&resource(m), &schedule});
  }
  sim_->start(sim::follow(*sim_, std::move(members)), clock.name.c_str(), clock.index);
}

double BorderModel::intake_interval(const Intake& in) const {
  const CapacityPlan& cp = plan_.capacity();
  const std::ptrdiff_t k = cp.servers[in.place].step_at(sim_->now());
  return k < 0 ? 0 : cp.interval_s[in.place][static_cast<std::size_t>(k)];
}

// ---- time series ----------------------------------------------------------------------------

// A site's vehicles waiting and in service (a yard: on the road outside it and parked in it).
std::pair<double, double> BorderModel::occupancy(const Site& site) const {
  auto of = [](const sim::Resource& r) {
    return std::pair{static_cast<double>(r.queue_length()), static_cast<double>(r.busy())};
  };
  switch (site.kind) {
    case SiteKind::Stop: {
      const Stop& st = stops_[site.of];
      auto [queue, busy] = of(*st.shared);
      if (st.lane) {
        queue += static_cast<double>(st.lane->queue_length());
        busy += static_cast<double>(st.lane->busy());
      }
      return {queue, busy};
    }
    case SiteKind::Terminal:
      return of(*cranes_[site.of]);
    case SiteKind::Pool:
      return of(*pools_[site.of]);
    case SiteKind::Intake:
      return of(*intake_[site.of]->gate);
    case SiteKind::Yard:
      if (const sim::Resource* y = yards_[site.of]) return of(*y);
      break;
  }
  return {0.0, 0.0};
}

sim::Process BorderModel::sampler() {
  sim::Simulation& s = *sim_;
  const double step = sc_.outputs.timeseries_step_s;
  const Sites& sites = plan_.sites();
  for (double t = 0; t <= sc_.horizon_s; t += step) {
    co_await s.until(t, sim::Tier::Calendar);
    std::vector<double>& row = row_scratch_;
    row.clear();
    row.push_back(t);
    for (const Site& site : sites.all()) {
      const auto [queue, busy] = occupancy(site);
      row.push_back(queue);
      row.push_back(busy);
    }
    sink_->sample(row.data(), row.size());
  }
}

sim::Process BorderModel::backlog_sampler() {
  sim::Simulation& s = *sim_;
  std::vector<double> row(1 + backlog_.size());
  for (double t = 0; t <= sc_.horizon_s; t += sc_.backlog_step_s) {
    co_await s.until(t, sim::Tier::Calendar);
    row[0] = t;
    std::copy(backlog_.begin(), backlog_.end(), row.begin() + 1);
    sink_->backlog(row.data(), row.size());
  }
}

void BorderModel::start() {
  sim::Simulation& s = *sim_;
  sink_->begin(stop_names_, sampled_sites_);
  if (sc_.outputs.timeseries_step_s > 0) s.start(sampler(), "sampler");
  if (!sc_.crossings.empty()) s.start(backlog_sampler(), "backlog");
  if (choosing_) s.start(route_counter(), "routes");
  // Sides, lanes and facilities, officers: one process per clock (capacity.hpp); a terminal's
  // cranes start with its rail service.
  const CapacityPlan& cp = plan_.capacity();
  for (std::size_t k = 0; k < cp.clocks.size(); ++k)
    if (std::find(cp.terminal_clock.begin(), cp.terminal_clock.end(), k) == cp.terminal_clock.end())
      follow(cp.clocks[k]);
  for (std::size_t r = 0; r < sc_.rail.size(); ++r) {
    follow(cp.clocks[cp.terminal_clock[r]]);
    s.start(train_timetable(r), "timetable", r);
    s.start(wagon_source(r), "wagons", r);
  }
  start_initial();  // ahead of every arrival
  for (std::size_t k = 0; k < sc_.tagged.size(); ++k) s.start(tagged_truck(k), "tagged", k);
  for (std::size_t f = 0; f < sc_.flows.size(); ++f)
    if (sc_.flows[f].response && sc_.flows[f].response->on == Response::On::Backlog)
      s.start(publisher(f), "publisher", f);
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
  st.server_hours = res.capacity_stats().area(now) / sim::kHour;
  return st;
}

}  // namespace

RunResult BorderModel::finish() {
  const double now = sim_->now();
  RunResult out;
  out.in_system = records_.flush_in_system(now);
  out.stop_names = stop_names_;
  out.staff = staff_roles(sc_, plan_);
  out.sampled_sites = sampled_sites_;
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
      a.server_hours += b.server_hours;
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
