// The road journey: a flow's trucks arrive, travel the legs of their route and, at each crossing,
// take a yard place on the exit side (or wait on the road), go through the exit side's stops,
// wait for the entry side's daily intake, are transshipped if their goods change trucks, cross
// the bridge, take a yard place on the entry side and go through its stops. A truck rejected at a
// stop turns back; a released truck may return empty on another flow.
#include <cmath>
#include <optional>
#include <stdexcept>

#include "models/calendar.hpp"
#include "models/model.hpp"
#include "sim/philox.hpp"

namespace models {

namespace {

// Draw purposes; mixed with a flow's salt so that each flow has its own streams.
constexpr std::uint32_t kArrivalStream = sim::stream_id("arrivals");
constexpr std::uint32_t kCargoStream = sim::stream_id("cargo");
constexpr std::uint32_t kAgeStream = sim::stream_id("age");
constexpr std::uint32_t kLegStream = sim::stream_id("leg");
constexpr std::uint32_t kBridgeStream = sim::stream_id("bridge");
constexpr std::uint32_t kTransshipStream = sim::stream_id("transship");
constexpr std::uint32_t kReturnStream = sim::stream_id("return");
constexpr std::uint32_t kPatienceStream = sim::stream_id("patience");
constexpr std::uint32_t kPreArrivalStream = sim::stream_id("pre_arrival");
constexpr std::uint32_t kInitialReturnStream = sim::stream_id("initial_return");

// A returning empty truck's draw address: its origin flow and serial, so it draws the same times
// in every variant. 24 bits of serial: a flow may have at most 16,777,215 arrivals a replication.
// The serial keeps the origin flow's low 7 bits (as it always has, so no existing draw moves);
// the higher bits of flows past 127 (up to kMaxFlows) go into the salt, 0 below 128.
constexpr std::uint32_t kMaxSerial = 0xFFFFFFu;
std::uint32_t return_serial(std::size_t origin_flow, std::uint32_t serial) {
  return 0x80000000u | (static_cast<std::uint32_t>(origin_flow & 0x7F) << 24) |
         (serial & kMaxSerial);
}
std::uint32_t return_salt(std::uint32_t to_flow_salt, std::size_t origin_flow) {
  return to_flow_salt ^ (static_cast<std::uint32_t>(origin_flow >> 7) * 0x9E3779B1u);
}

}  // namespace

sim::Process BorderModel::flow_source(std::size_t fi) {
  sim::Simulation& s = *sim_;
  const Flow& f = sc_.flows[fi];
  if (f.arrivals.table_s.empty() && !(f.arrivals.rate_per_s > 0))
    co_return;  // only returning empties
  const std::uint32_t salt = flow_salt_[fi];
  sim::Stream arrivals(s.random(), kArrivalStream ^ salt, 0);
  sim::DiscreteChoice mix(f.cargo_mix);
  std::optional<sim::PiecewiseRate> rate;
  if (f.arrivals.table_s.empty()) rate.emplace(flow_rate(sc_, f.arrivals));
  for (std::uint32_t serial = 0;; ++serial) {
    if (serial > kMaxSerial)
      throw std::runtime_error("flow '" + f.id +
                               "' exceeds 16,777,215 arrivals in one replication");
    double t;
    if (rate) {
      t = rate->next(s.now(), -std::log(arrivals.uniform()));
    } else {
      if (serial >= f.arrivals.table_s.size()) co_return;
      t = f.arrivals.table_s[serial];
      if (t < 0) continue;
    }
    if (!(t < sc_.horizon_s)) co_return;
    co_await s.until(t);
    Vehicle v;
    v.flow = fi;
    v.key.salt = salt;
    v.key.serial = serial;
    sim::Uniforms cu = s.random().at(kCargoStream ^ salt, serial, 0);
    v.key.cargo = f.empty ? -1 : static_cast<int>(mix.sample(cu));
    v.record = records_.open(Source::flow(fi), v.key.cargo, Mode::Truck, s.now());
    sim::Uniforms au = s.random().at(kAgeStream ^ salt, serial, 0);
    records_[v.record].loaded_s = s.now() - f.age_at_arrival.sample(au);
    if (responding_[fi])
      dispatch(v);  // its shipper may hold, cancel or divert it (response.cpp)
    else
      s.start(truck(v), "truck", records_[v.record].id);
  }
}

sim::Process BorderModel::truck(Vehicle v) {
  sim::Simulation& s = *sim_;
  const Flow& f = sc_.flows[v.flow];
  if (f.choice) {  // it picks its route as it sets out (unless it is on a stated one)
    if (!v.fixed_route) v.route = choose_route(v, 0);
    records_[v.record].route = v.route;
    if (records_[v.record].cohort == kArrived) route_counts_[route_base_[v.flow] + v.route] += 1;
  }
  for (std::size_t i = v.first_step; i < f.routes[v.route].steps.size(); ++i) {
    const RouteStep& step = f.routes[v.route].steps[i];
    if (step.kind == RouteStep::Kind::Leg) {
      const Leg& leg = sc_.legs[step.index];
      sim::Uniforms u =
          s.random().at(kLegStream ^ v.key.salt, v.key.serial, static_cast<std::uint32_t>(i));
      const double t = leg.truck.sample(u);
      records_[v.record].trip_cost += leg.cost;
      records_[v.record].travel_s += t;
      co_await s.timeout(t);
      if (f.choice && !v.fixed_route && step.end == f.choice->decide_again_at &&
          step.end != kNoPlace) {
        // At the decision point: another route through here, if it saves enough.
        const auto [route, next] = reconsider(v, i);
        if (route != v.route) {
          v.route = route;
          records_[v.record].route = route;
          records_[v.record].diverted = true;
          i = next - 1;  // the loop's ++i
        }
      }
      continue;
    }
    const Outcome at_crossing = co_await cross(step.index, v);
    if (at_crossing != Outcome::Released) {
      records_.close(v.record, at_crossing, s.now());
      co_return;
    }
    v.place = 0;  // an initial truck meets its later crossings as any truck does
    v.waited_s = 0;
  }
  records_.close(v.record, Outcome::Released, s.now());
  // A watched truck's journey ends here: its return would be counted as an arrival.
  if (f.empty_return && v.lineage != kTagged &&
      s.random().uniform(kReturnStream ^ v.key.salt, v.key.serial, 0) <
          f.empty_return->probability) {
    sim::Uniforms u = s.random().at(kReturnStream ^ v.key.salt, v.key.serial, 1);
    const double after = f.empty_return->after.sample(u);
    co_await s.timeout(after);
    start_empty_return(v, f.empty_return->flow);
  }
}

void BorderModel::start_empty_return(const Vehicle& loaded, std::size_t to_flow) {
  Vehicle back;
  back.flow = to_flow;
  back.key = VehicleKey{-1, return_salt(flow_salt_[to_flow], loaded.flow),
                        return_serial(loaded.flow, loaded.key.serial)};
  // The initial state's trucks count their serials apart: their returns draw elsewhere.
  back.lineage = loaded.lineage;
  if (back.lineage == kInitial) back.key.salt ^= kInitialReturnStream;
  back.record = records_.open(Source::flow(to_flow), -1, Mode::Truck, sim_->now());
  records_[back.record].loaded_s = sim_->now();
  sim_->start(truck(back), "truck", records_[back.record].id);
}

BorderModel::GiveUp BorderModel::give_up(std::size_t c, const Vehicle& v) const {
  GiveUp g;
  const Behaviour& b = sc_.flows[v.flow].behaviour;
  if (b.patience) {
    sim::Uniforms u = sim_->random().at(kPatienceStream ^ v.key.salt, v.key.serial,
                                        static_cast<std::uint32_t>(c));
    g.patience_s = b.patience->sample(u);
  }
  if (b.spoiled != Behaviour::Spoiled::Continue && v.key.cargo >= 0) {
    const Cargo& cargo = sc_.cargo[static_cast<std::size_t>(v.key.cargo)];
    if (cargo.perishable) {
      g.spoils_at = records_.loaded_s(v.record) + cargo.shelf_life_s;
      g.spoiled_as = b.spoiled == Behaviour::Spoiled::Dump ? Outcome::Dumped : Outcome::TurnedBack;
    }
  }
  return g;
}

sim::Task<Outcome> BorderModel::cross(std::size_t c, const Vehicle& arriving) {
  sim::Simulation& s = *sim_;
  const Crossing& cr = sc_.crossings[c];
  // Advance information: a share of trucks have their document work done before they arrive
  // (drawn per truck and crossing, so share 0 draws nothing that matters).
  Vehicle v = arriving;
  if (cr.pre_arrival.share > 0 &&
      s.random().uniform(kPreArrivalStream ^ v.key.salt, v.key.serial,
                         static_cast<std::uint32_t>(c)) < cr.pre_arrival.share)
    v.key.skip_kinds = cr.pre_arrival.kinds;
  const bool export_dir = sc_.flows[v.flow].export_direction;
  const CrossingRoute& route = plan_.route(c, export_dir);
  const double reached = s.now();
  const double joint_before = records_[v.record].seg_joint_s;
  // A truck of the initial state is already there: past any restriction and the checks on
  // arrival, its wait so far counted in its border time and taken from its patience.
  const auto place = static_cast<InitialQueue::Place>(v.place);
  const bool initial = v.place != 0;
  // (An initial truck's border_in_s is negative, its first crossing's: kept at later ones.)
  if (initial || (records_[v.record].border_in_s < 0 && records_[v.record].cohort != kInitial))
    records_[v.record].border_in_s = reached - v.waited_s;
  // In this crossing's backlog from now until it leaves the crossing, whichever way.
  struct Present {
    double& n;
    explicit Present(double& count) : n(count) { n += 1; }
    ~Present() { n -= 1; }
  };
  const Present here(backlog_[2 * c + (export_dir ? 0 : 1)]);
  if (restricted_sides_ && !initial) {  // skipped, frame and all, where nothing is restricted
    const bool allowed = co_await pass_restrictions(route, v);
    if (!allowed) co_return Outcome::Refused;
  }
  // Trucks of a staged allowance wait for their turn before the yard, and are then called on
  // (an initial truck of such a class too, whatever its stated place: it has not been admitted).
  // The staging area has no limit: they neither balk at the road queue nor find it full.
  const bool staged = cr.intake[export_dir ? 0 : 1].staged(v.key.cargo);
  const int balk = sc_.flows[v.flow].behaviour.balk_road_queue;
  sim::Resource* exit_yard_area = yard(route.exit_side, true);
  if (balk > 0 && exit_yard_area && !initial && !staged &&
      exit_yard_area->queue_length() >= static_cast<std::size_t>(balk))
    co_return Outcome::Balked;
  // A full yard and a full road turn an arrival away.
  const int road = sc_.sides[route.exit_side].yard(true).road;
  if (exit_yard_area && road >= 0 && !initial && !staged &&
      exit_yard_area->busy() >= exit_yard_area->capacity() &&
      exit_yard_area->queue_length() >= static_cast<std::size_t>(road))
    co_return Outcome::Lost;
  GiveUp give = give_up(c, v);
  give.patience_s -= v.waited_s;
  double staged_s = 0;  // time waiting in the staging area
  if (staged) {
    const double from = s.now();
    const GiveUp::Deadline staging = give.from(from);
    const bool admitted = co_await await_intake(c, export_dir, v, staging.at);
    staged_s = s.now() - from;
    records_[v.record].seg_intake_s += staged_s;
    if (!admitted) co_return staging.as;
    give.patience_s -= staged_s;
  }
  const GiveUp::Deadline on_road = give.from(s.now());
  const double road_from = s.now();
  std::optional<sim::Guard> exit_yard = co_await take_yard(exit_yard_area, v, on_road.at);
  if (!exit_yard) co_return on_road.as;
  give.patience_s -= s.now() - road_from;  // what the road wait left of it
  // Through the exit side's stops already: an initial truck waiting for the intake.
  const bool cleared = initial && !staged && place == InitialQueue::Place::Intake;
  bool checked = cleared;
  static const std::vector<std::size_t> kNoStops;
  for (std::size_t stop : cleared ? kNoStops : route.exit_stops) {
    const VisitResult r = co_await visit(stop, v);
    if (!r.passed) co_return Outcome::Rejected;
    checked = checked || r.served;
  }
  if (!checked && gates_[route.exit_side]->capacity() == 0) {
    // No exit-side stop served it, and the side is closed: it waits for the gate to open.
    records_.begin_wait(v.record, s.now());
    sim::Guard gate = co_await gates_[route.exit_side]->request();
    records_.end_wait(v.record, s.now());
  }
  {
    VehicleRecord& r = records_[v.record];
    r.exit_cleared_s = s.now();
    r.seg_exit_s += (r.exit_cleared_s - reached) - staged_s - (r.seg_joint_s - joint_before);
    // An initial truck's wait before the start: at the intake, or before the exit side's end.
    (place == InitialQueue::Place::Intake ? r.seg_intake_s : r.seg_exit_s) += v.waited_s;
  }
  if (!staged) {
    const GiveUp::Deadline at_intake = give.from(s.now());
    const bool admitted = co_await await_intake(c, export_dir, v, at_intake.at);
    if (!admitted) co_return at_intake.as;  // leaving frees the exit-yard place
  } else if (gates_[route.entry_side]->capacity() == 0) {
    // Called while the entry side was open, it is through the exit side after it closed: no
    // truck crosses into a closed side, so it waits (in the exit yard) until it opens.
    records_.begin_wait(v.record, s.now());
    sim::Guard gate = co_await gates_[route.entry_side]->request();
    records_.end_wait(v.record, s.now());  // counted in the intake segment, below
  }
  exit_yard->release();
  records_[v.record].crossed_s = s.now();
  if (initial) records_[v.record].start_left_s = s.now();
  records_[v.record].seg_intake_s += s.now() - records_[v.record].exit_cleared_s;
  co_await transship(c, v);
  sim::Uniforms bu =
      s.random().at(kBridgeStream ^ v.key.salt, v.key.serial, static_cast<std::uint32_t>(c));
  const double bridge = cr.bridge.sample(bu);
  co_await s.timeout(bridge);
  const double entered = s.now();
  const double joint_entering = records_[v.record].seg_joint_s;
  records_[v.record].entry_in_s = entered;
  records_[v.record].seg_bridge_s += entered - records_[v.record].crossed_s;
  // Across the bridge the truck is committed: it waits for the entry yard however long it takes.
  std::optional<sim::Guard> entry_yard =
      co_await take_yard(yard(route.entry_side, false), v, std::numeric_limits<double>::infinity());
  for (std::size_t stop : route.entry_stops) {
    const bool passed = (co_await visit(stop, v)).passed;
    if (!passed) co_return Outcome::Rejected;
  }
  {
    VehicleRecord& r = records_[v.record];
    r.border_out_s = s.now();
    r.seg_entry_s += (r.border_out_s - entered) - (r.seg_joint_s - joint_entering);
    r.trip_cost += cr.parking_per_day * (r.border_out_s - reached) / sim::kDay;
  }
  // The announced figure is the wait and the procedures: the transshipment's handling is known
  // in advance (route_cost_h adds its expectation), and counting it would make the last trucks
  // out of a gate the flow has left, the transshipped ones, announce their day of handling as a
  // queue for as long as nobody else crosses there.
  if (announcing_)
    announcers_[2 * c + (export_dir ? 0 : 1)].completed(
        s.now(), s.now() - (reached - v.waited_s) - transship_handling_s(c, v));
  co_return Outcome::Released;
}

const Restriction* BorderModel::stopping(std::size_t side, bool outbound, int cargo) const {
  const GateSide& g = sc_.sides[side];
  const long day = sc_.local_day(sim_->now(), g.utc_offset_s);
  for (const Restriction& r : g.restrictions)
    if (r.dates.contains(day) && r.stops(outbound, cargo)) return &r;
  return nullptr;
}

sim::Task<bool> BorderModel::pass_restrictions(const CrossingRoute& route, const Vehicle& v) {
  sim::Simulation& s = *sim_;
  for (;;) {
    std::size_t side = route.exit_side;
    const Restriction* r = stopping(side, true, v.key.cargo);
    if (!r) {
      side = route.entry_side;
      r = stopping(side, false, v.key.cargo);
    }
    if (!r) co_return true;
    if (r->turn_back) co_return false;
    // Held until the restriction's last local day is over, then checked again.
    records_.begin_wait(v.record, s.now());
    co_await s.until(sc_.sim_time(r->dates.to + 1, 0, sc_.sides[side].utc_offset_s));
    records_.end_wait(v.record, s.now());
  }
}

// Takes a yard place before a side, waiting on the road while the yard is full, until
// `give_up_at` at the latest (nothing then). A side without a yard limit has no road queue.
sim::Task<std::optional<sim::Guard>> BorderModel::take_yard(sim::Resource* yard, const Vehicle& v,
                                                            double give_up_at) {
  sim::Simulation& s = *sim_;
  if (!yard) co_return sim::Guard();
  const double from = s.now();
  records_.begin_wait(v.record, from);
  std::optional<sim::Guard> place = co_await yard->request_until(give_up_at);
  records_.end_wait(v.record, s.now());
  records_[v.record].road_wait_s += s.now() - from;
  co_return std::move(place);
}

// The entry side's intake: the truck waits (keeping its exit-yard place) until the gate admits
// it. The gate admits one vehicle per interval while the entry side is open, fresh goods first
// where the scenario orders cargo; the admitted truck drives on at once while the gate stays
// taken for the rest of its interval.
sim::Task<bool> BorderModel::await_intake(std::size_t c, bool export_dir, const Vehicle& v,
                                          double give_up_at) {
  sim::Simulation& s = *sim_;
  const int queue = plan_.intake_queue(sc_, c, export_dir, v.key.cargo);
  if (queue < 0) co_return true;
  Intake* in = intake_[static_cast<std::size_t>(queue)].get();
  const models::Intake& spec = *in->spec;
  const int priority = v.key.cargo < 0 ? spec.empty_priority
                       : spec.cargo_priority.empty()
                           ? 0
                           : spec.cargo_priority[static_cast<std::size_t>(v.key.cargo)];
  records_.begin_wait(v.record, s.now());
  std::optional<sim::Guard> turn = co_await in->gate->request_until(give_up_at, priority);
  records_.end_wait(v.record, s.now());
  if (!turn) co_return false;
  s.start(admitting(std::move(*turn), intake_interval(*in)), "intake", records_[v.record].id);
  co_return true;
}

sim::Process BorderModel::admitting(sim::Guard gate, double interval) {
  co_await sim_->timeout(interval);
  gate.release();  // the next vehicle's turn
}

// Goods move to a truck of the other country once the entry side has accepted them; empty trucks
// have nothing to move. The bays are their own area: the yard place is already free.
double BorderModel::transship_handling_s(std::size_t c, const Vehicle& v) const {
  const Crossing& cr = sc_.crossings[c];
  if (v.key.cargo < 0 || !(cr.transship_share > 0) ||
      !(sim_->random().uniform(kTransshipStream ^ v.key.salt, v.key.serial, 0) <
        cr.transship_share))
    return 0;
  sim::Uniforms u = sim_->random().at(kTransshipStream ^ v.key.salt, v.key.serial, 1);
  return cr.transship_time.sample(u);
}

sim::Process BorderModel::transship(std::size_t c, const Vehicle& v) {
  sim::Simulation& s = *sim_;
  const Crossing& cr = sc_.crossings[c];
  const double t = transship_handling_s(c, v);
  if (!(t > 0)) co_return;
  std::optional<sim::Guard> bay;
  if (bays_[c]) {
    records_.begin_wait(v.record, s.now());
    sim::Guard g = co_await bays_[c]->request();
    bay.emplace(std::move(g));
    records_.end_wait(v.record, s.now());
  }
  co_await s.timeout(t);
  records_[v.record].transship_cost += cr.transship_cost_reporting;
  records_[v.record].trip_cost += cr.transship_cost_reporting;
}

// One stop: draws what the vehicle meets there (service.hpp), queues, is served, and may be held
// for a lab result (the server is free meanwhile) or rejected. Returns false when rejected.
sim::Task<BorderModel::VisitResult> BorderModel::visit(std::size_t stop, const Vehicle& v) {
  sim::Simulation& s = *sim_;
  Stop& st = stops_[stop];
  const MemberDraws draws = draw_members(*st.plan, v.key, s.random());
  const StopDraw d = combine(*st.plan, draws);
  if (!d.visits) co_return VisitResult{true, false};
  const bool eligible = priority_eligible(v.key.cargo);
  const long today = sc_.local_day(s.now(), sc_.sides[st.plan->side].utc_offset_s);
  // Eligible cargo takes the dedicated lane when it is open and no more loaded (per server) than
  // the shared queue; otherwise the shared queue, where `priority` puts it first.
  bool use_lane = eligible && st.lane &&
                  (!st.plan->lane_dates || st.plan->lane_dates->contains(today)) &&
                  st.lane->capacity() > 0;
  if (use_lane && st.shared->capacity() > 0) {
    const double lane_load =
        static_cast<double>(st.lane->queue_length() + static_cast<std::size_t>(st.lane->busy())) /
        st.lane->capacity();
    const double shared_load = static_cast<double>(st.shared->queue_length() +
                                                   static_cast<std::size_t>(st.shared->busy())) /
                               st.shared->capacity();
    use_lane = lane_load <= shared_load;
  }
  // A lane with its own hours opens before the side (fruit from 06:00): eligible trucks that find
  // both closed wait for the lane.
  if (!use_lane && eligible && st.lane && st.plan->lane_hours && st.shared->capacity() == 0 &&
      (!st.plan->lane_dates || st.plan->lane_dates->contains(today)))
    use_lane = true;
  sim::Resource& res = use_lane ? *st.lane : *st.shared;
  // By priority level at a priority stop (everyone at 1 elsewhere); served ahead of others when
  // its level is below the lowest one present.
  const int priority = st.plan->priority ? priority_level(v.key.cargo) : 1;
  const bool ahead = st.plan->priority && priority < lowest_priority_;
  if (use_lane || ahead) records_[v.record].treatment = Treatment::Priority;
  StopVisit rec;
  rec.vehicle = records_[v.record].id;
  rec.source = records_[v.record].source;
  rec.cohort = records_[v.record].cohort;
  rec.stop = static_cast<std::uint16_t>(stop);
  rec.queue = use_lane ? QueueKind::Lane : (ahead ? QueueKind::SharedPriority : QueueKind::Shared);
  rec.enter_s = s.now();
  records_.begin_wait(v.record, rec.enter_s);
  {
    sim::Guard server = co_await res.request(priority);
    if (st.plan->pooled) {
      // A booth of a pooled agency's stage: the check starts when one of its officers is free,
      // and the wait for one is the truck's wait too.
      sim::Guard officer = co_await pools_[st.plan->members[0].pool]->request(priority);
      rec.start_s = s.now();
      records_.end_wait(v.record, rec.start_s);
      co_await s.timeout(d.service_s);
    } else if (st.plan->agencies()) {
      rec.start_s = s.now();
      records_.end_wait(v.record, rec.start_s);
      // In the booth until every agency is done: the time beyond the checks themselves is
      // waiting for officers.
      co_await agency_checks(stop, draws, priority);
      const double in_booth = s.now() - rec.start_s;
      if (in_booth > d.service_s) records_.add_wait(v.record, in_booth - d.service_s);
    } else {
      rec.start_s = s.now();
      records_.end_wait(v.record, rec.start_s);
      co_await s.timeout(d.service_s);
    }
    rec.end_s = s.now();
  }
  sink_->visit(rec);
  if (d.rejected) {
    if (st.plan->joint) records_[v.record].seg_joint_s += s.now() - rec.enter_s;
    co_return VisitResult{false, true};
  }
  if (d.hold_s > 0) co_await s.timeout(d.hold_s);
  if (st.plan->joint) records_[v.record].seg_joint_s += s.now() - rec.enter_s;
  co_return VisitResult{true, true};
}

sim::Task<bool> BorderModel::agency_checks(std::size_t stop, const MemberDraws& draws,
                                           int priority) {
  sim::Simulation& s = *sim_;
  const PlannedStop& p = *stops_[stop].plan;
  if (p.rule == JointRule::Max) {
    // At the same time: each agency's officer joins as soon as one is free and leaves when its
    // own check is done; the truck leaves the booth after the last.
    sim::Event<bool> done(s);
    JointWork work{0, &done};
    for (std::size_t i = 0; i < p.members.size(); ++i) work.pending += draws[i].serves ? 1 : 0;
    for (std::size_t i = 0; i < p.members.size(); ++i)
      if (draws[i].serves)
        s.start(agency_part(p.members[i].pool, priority, draws[i].service_s, work), "agency", i);
    const bool all_done = co_await done.wait();
    co_return all_done;
  }
  // One after another, each agency's officer for its own check (scaled by the factor).
  const double scale = p.rule == JointRule::Factor && p.members.size() > 1 ? p.factor : 1.0;
  for (std::size_t i = 0; i < p.members.size(); ++i) {
    if (!draws[i].serves) continue;
    sim::Guard officer = co_await pools_[p.members[i].pool]->request(priority);
    co_await s.timeout(scale * draws[i].service_s);
  }
  co_return true;
}

sim::Process BorderModel::agency_part(std::size_t pool, int priority, double service,
                                      JointWork& work) {
  sim::Simulation& s = *sim_;
  {
    sim::Guard officer = co_await pools_[pool]->request(priority);
    co_await s.timeout(service);
  }
  if (--work.pending == 0) work.done->trigger(true);
}

}  // namespace models
