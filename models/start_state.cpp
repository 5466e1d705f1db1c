// The trucks already at the border when a run starts (`initial_state`, a forecast from today's
// queue) and the trucks `bordersim eta` adds to watch. Each has a draw address of its own (its
// flow's salt mixed with a stream of its cohort), so neither moves a draw of any other truck.
#include <algorithm>
#include <cmath>

#include "models/model.hpp"
#include "sim/philox.hpp"

namespace models {

namespace {

constexpr std::uint32_t kInitialStream = sim::stream_id("initial");
constexpr std::uint32_t kTaggedStream = sim::stream_id("tagged");
constexpr std::uint32_t kStartCargoStream = sim::stream_id("start_cargo");
constexpr std::uint32_t kStartAgeStream = sim::stream_id("start_age");

}  // namespace

void BorderModel::start_initial() {
  if (sc_.initial.empty()) return;
  sim::Simulation& s = *sim_;
  struct Start {
    std::size_t queue;
    std::uint32_t serial;
    double waited_s;
  };
  std::vector<Start> all;
  std::uint32_t serial = 0;
  for (std::size_t q = 0; q < sc_.initial.size(); ++q)
    for (int k = 0; k < sc_.initial[q].count; ++k, ++serial) {
      sim::Uniforms u = s.random().at(kInitialStream, serial, 0);
      all.push_back({q, serial, std::max(0.0, sc_.initial[q].waited.sample(u))});
    }
  // Nearest the bridge first (intake, yard, road), then the longest waiting, then as stated: the
  // order their requests reach the yard, the stops and the intake.
  std::stable_sort(all.begin(), all.end(), [&](const Start& a, const Start& b) {
    const auto pa = sc_.initial[a.queue].place, pb = sc_.initial[b.queue].place;
    if (pa != pb) return pa > pb;
    return a.waited_s > b.waited_s;
  });
  for (const Start& t : all) {
    const InitialQueue& q = sc_.initial[t.queue];
    const Flow& f = sc_.flows[q.flow];
    Vehicle v;
    v.flow = q.flow;
    v.key.salt = flow_salt_[q.flow] ^ kInitialStream;
    v.key.serial = t.serial;
    if (q.cargo == InitialQueue::kMixCargo) {
      sim::DiscreteChoice mix(f.cargo_mix);
      sim::Uniforms cu = s.random().at(kStartCargoStream, t.serial, 0);
      v.key.cargo = static_cast<int>(mix.sample(cu));
    } else {
      v.key.cargo = q.cargo;
    }
    v.route = q.route;
    v.first_step = q.step;
    v.place = static_cast<std::uint8_t>(q.place);
    v.fixed_route = true;
    v.lineage = kInitial;
    v.waited_s = t.waited_s;
    v.record = records_.open(Source::flow(q.flow), v.key.cargo, Mode::Truck, s.now());
    VehicleRecord& r = records_[v.record];
    r.cohort = kInitial;
    r.start_crossing = static_cast<std::int16_t>(q.crossing);
    r.route = q.route;
    r.arrival_s = s.now() - t.waited_s;
    sim::Uniforms au = s.random().at(kStartAgeStream, t.serial, 0);
    const double age = q.age ? q.age->sample(au) : t.waited_s + f.age_at_arrival.sample(au);
    r.loaded_s = s.now() - age;
    s.start(truck(v), "initial", r.id);
  }
}

sim::Process BorderModel::tagged_truck(std::size_t k) {
  sim::Simulation& s = *sim_;
  const TaggedTruck& t = sc_.tagged[k];
  const Flow& f = sc_.flows[t.flow];
  co_await s.until(t.depart_s);
  Vehicle v;
  v.flow = t.flow;
  v.key.salt = flow_salt_[t.flow] ^ kTaggedStream;
  v.key.serial = static_cast<std::uint32_t>(k);
  if (f.empty) {
    v.key.cargo = -1;
  } else {
    sim::DiscreteChoice mix(f.cargo_mix);
    sim::Uniforms cu =
        s.random().at(kStartCargoStream ^ kTaggedStream, static_cast<std::uint32_t>(k), 0);
    v.key.cargo = static_cast<int>(mix.sample(cu));
  }
  v.lineage = kTagged;
  if (t.route >= 0) {
    v.route = static_cast<std::uint16_t>(t.route);
    v.fixed_route = true;
  }
  v.record = records_.open(Source::flow(t.flow), v.key.cargo, Mode::Truck, s.now());
  records_[v.record].cohort = kTagged;
  records_[v.record].route = v.route;
  sim::Uniforms au =
      s.random().at(kStartAgeStream ^ kTaggedStream, static_cast<std::uint32_t>(k), 0);
  records_[v.record].loaded_s = s.now() - f.age_at_arrival.sample(au);
  s.start(truck(v), "tagged", records_[v.record].id);
}

}  // namespace models
