// Rail: loaded wagons arrive at the station, clear the station side's outbound stages, wait on
// the platform for a timetabled train (a wagon that misses one waits for the next; a train takes
// at most wagons_per_train), run to the terminal and are transshipped across the break of gauge
// by cranes working shifts.
#include <algorithm>
#include <cmath>

#include "models/calendar.hpp"
#include "models/model.hpp"
#include "sim/philox.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

constexpr std::uint32_t kArrivalStream = sim::stream_id("arrivals");
constexpr std::uint32_t kCargoStream = sim::stream_id("cargo");
constexpr std::uint32_t kRunStream = sim::stream_id("rail.run");
constexpr std::uint32_t kCraneStream = sim::stream_id("rail.crane");

}  // namespace

sim::Process BorderModel::wagon_source(std::size_t r) {
  sim::Simulation& s = *sim_;
  const Rail& rail = sc_.rail[r];
  const std::uint32_t salt = rail_salt_[r];
  sim::Stream arrivals(s.random(), kArrivalStream ^ salt, 0);
  sim::DiscreteChoice mix(rail.cargo_mix);
  const double mean_gap = sim::kDay / rail.wagons_per_day;
  for (std::uint32_t serial = 0;; ++serial) {
    const double gap = -mean_gap * std::log(arrivals.uniform());
    co_await s.timeout(gap);
    if (s.now() >= sc_.horizon_s) co_return;
    Vehicle v;
    v.flow = r;
    v.key.salt = salt;
    v.key.serial = serial;
    sim::Uniforms cu = s.random().at(kCargoStream ^ salt, serial, 0);
    v.key.cargo = static_cast<int>(mix.sample(cu));
    v.record = records_.open(Source::rail(r), v.key.cargo, Mode::Wagon, s.now());
    records_[v.record].loaded_s = s.now();
    s.start(wagon_clearance(r, v), "wagon", records_[v.record].id);
  }
}

sim::Process BorderModel::wagon_clearance(std::size_t r, Vehicle v) {
  sim::Simulation& s = *sim_;
  const Rail& rail = sc_.rail[r];
  records_[v.record].border_in_s = s.now();
  const GateSide& g = sc_.sides[rail.station];
  for (std::size_t i = 0; i < g.stages.size(); ++i) {
    if (!g.stages[i].outbound) continue;
    const bool passed = (co_await visit(plan_.stage_stop(rail.station, i), v)).passed;
    if (!passed) {
      records_.close(v.record, Outcome::Rejected, s.now());
      co_return;
    }
  }
  Wagon w{v.record, v.key.serial};
  records_.begin_wait(v.record, s.now());  // for a train
  co_await platforms_[r]->put(w);
}

sim::Process BorderModel::train_timetable(std::size_t r) {
  sim::Simulation& s = *sim_;
  const Rail& rail = sc_.rail[r];
  long day = sc_.local_day(0, rail.utc_offset_s);
  const long last = sc_.local_day(sc_.horizon_s, rail.utc_offset_s);
  for (; day <= last; ++day) {
    if (!rail.days[static_cast<std::size_t>(weekday(day))]) continue;
    for (double tod : rail.departures_s) {
      const double t = sc_.sim_time(day, tod, rail.utc_offset_s);
      if (t < s.now() || t >= sc_.horizon_s) continue;
      co_await s.until(t);
      sim::Store<Wagon>& platform = *platforms_[r];
      const std::size_t n =
          std::min<std::size_t>(platform.size(), static_cast<std::size_t>(rail.wagons_per_train));
      for (std::size_t i = 0; i < n; ++i) {
        Wagon w = co_await platform.get();
        records_.end_wait(w.record, s.now());  // waited for this train
        records_[w.record].departure_s = t;
        s.start(wagon_transfer(r, w), "wagon", records_[w.record].id);
      }
      sink_->train(TrainRecord{static_cast<std::uint16_t>(r), t, static_cast<int>(n),
                               rail.wagons_per_train});
    }
  }
}

sim::Process BorderModel::wagon_transfer(std::size_t r, Wagon w) {
  sim::Simulation& s = *sim_;
  const Rail& rail = sc_.rail[r];
  const std::uint32_t salt = rail_salt_[r];
  sim::Uniforms ru = s.random().at(kRunStream ^ salt, w.serial, 0);
  const double run = rail.run_time.sample(ru);
  co_await s.timeout(run);
  StopVisit rec;
  rec.vehicle = records_[w.record].id;
  rec.source = records_[w.record].source;
  rec.stop = static_cast<std::uint16_t>(crane_stop(r));
  rec.enter_s = s.now();
  records_.begin_wait(w.record, rec.enter_s);
  {
    sim::Guard crane = co_await cranes_[r]->request();
    rec.start_s = s.now();
    records_.end_wait(w.record, rec.start_s);
    sim::Uniforms cu = s.random().at(kCraneStream ^ salt, w.serial, 0);
    const double move = rail.move_time.sample(cu);
    co_await s.timeout(move);
    rec.end_s = s.now();
  }
  sink_->visit(rec);
  records_[w.record].border_out_s = s.now();
  records_.close(w.record, Outcome::Released, s.now());
}

}  // namespace models
