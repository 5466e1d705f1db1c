#include "models/border.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <memory>

#include "sim/arrivals.hpp"
#include "sim/resource.hpp"
#include "sim/runner.hpp"
#include "sim/simulation.hpp"
#include "sim/store.hpp"

namespace models {

namespace {

constexpr double kDay = 86400.0;

// Draw purposes; mixed with a flow's salt so that each flow has its own streams.
constexpr std::uint32_t kArrivalStream = sim::stream_id("arrivals");
constexpr std::uint32_t kCargoStream = sim::stream_id("cargo");
constexpr std::uint32_t kAgeStream = sim::stream_id("age");
constexpr std::uint32_t kLegStream = sim::stream_id("leg");
constexpr std::uint32_t kBridgeStream = sim::stream_id("bridge");
constexpr std::uint32_t kApplyStream = sim::stream_id("applies");
constexpr std::uint32_t kChannelStream = sim::stream_id("channel");
constexpr std::uint32_t kServiceStream = sim::stream_id("service");
constexpr std::uint32_t kOutcomeStream = sim::stream_id("outcome");
constexpr std::uint32_t kHoldStream = sim::stream_id("hold");
constexpr std::uint32_t kTransshipStream = sim::stream_id("transship");
constexpr std::uint32_t kReturnStream = sim::stream_id("return");
constexpr std::uint32_t kRunStream = sim::stream_id("rail.run");
constexpr std::uint32_t kCraneStream = sim::stream_id("rail.crane");

// The servers of one stop: a single stage, or a joint stop of several.
struct Station {
  std::string name;
  std::size_t side = 0;  // whose opening hours govern it
  int servers = 1;
  int lane_servers = 0;
  std::optional<DateRange> lane_dates;
  bool priority = false;
  JointRule rule = JointRule::Max;
  double factor = 1;
  std::vector<const Stage*> members;
  std::vector<std::uint32_t> member_keys;  // stream salt per member stage (its global name)
  std::unique_ptr<sim::Resource> shared;
  std::unique_ptr<sim::Resource> lane;
};

struct Plan {
  std::size_t exit_side = 0, entry_side = 0;
  std::vector<std::size_t> exit_stops, entry_stops;
};

// Daily acceptance of the entry side: a FIFO gate and a count per local day.
struct Acceptance {
  std::unique_ptr<sim::Resource> gate;
  std::map<long, int> used;
};

struct Vehicle {
  std::size_t record = 0;     // index into result.vehicles
  std::size_t flow = 0;
  std::uint32_t serial = 0;   // entity for random draws, unique within the flow
  std::uint32_t salt = 0;     // the flow's stream salt
  int cargo = -1;             // -1: empty
};

struct Wagon {
  std::size_t record = 0;
  std::uint32_t serial = 0;
  double cleared_s = 0;  // joined the platform
};

class Model {
 public:
  Model(sim::Simulation& s, const Scenario& sc) : sim_(&s), sc_(sc) {}
  sim::Simulation& sim() { return *sim_; }

  void build();
  void start();
  RunResult finish();

  sim::Simulation* sim_;
  const Scenario& sc_;
  RunResult out;
  RecordSink* sink = nullptr;
  // Records of vehicles in the system, in reusable slots: memory follows the vehicles present.
  std::vector<VehicleRecord> live;
  std::vector<bool> live_used;
  std::vector<std::size_t> free_slots;
  std::vector<double> row_scratch;
  std::vector<Station> stations;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> stage_station;  // (side, stage) -> station
  std::vector<std::unique_ptr<sim::Resource>> yards;                          // per side, may be null
  std::map<std::pair<std::size_t, bool>, Plan> plans;                         // (crossing, export)
  std::map<std::pair<std::size_t, bool>, Acceptance> acceptance;
  std::vector<std::unique_ptr<sim::Resource>> bays;                           // per crossing, may be null
  std::vector<std::uint32_t> flow_salt;
  std::vector<std::unique_ptr<sim::Store<Wagon>>> platforms;                  // per rail service
  std::vector<std::unique_ptr<sim::Resource>> cranes;                         // per rail service
  std::vector<std::uint32_t> rail_salt;
  std::uint32_t next_record_id = 0;

  // ---- helpers ------------------------------------------------------------------------------
  std::size_t new_record(std::size_t flow, int cargo, Mode mode) {
    VehicleRecord r;
    r.id = next_record_id++;
    r.flow = static_cast<std::uint16_t>(flow);
    r.cargo = cargo < 0 ? kEmptyCargo : static_cast<std::uint16_t>(cargo);
    r.mode = mode;
    r.arrival_s = sim_->now();
    ++out.arrived;
    if (!free_slots.empty()) {
      std::size_t slot = free_slots.back();
      free_slots.pop_back();
      live[slot] = r;
      live_used[slot] = true;
      return slot;
    }
    live.push_back(r);
    live_used.push_back(true);
    return live.size() - 1;
  }
  VehicleRecord& rec(std::size_t slot) { return live[slot]; }
  void close_record(std::size_t slot, Outcome o) {
    VehicleRecord& r = live[slot];
    r.outcome = o;
    r.done_s = sim_->now();
    r.transit_s = r.done_s - r.arrival_s;
    judge_spoilage(r, r.done_s);
    if (o == Outcome::Released) ++out.released;
    else ++out.rejected;
    sink->vehicle(r);
    live_used[slot] = false;
    free_slots.push_back(slot);
  }
  void judge_spoilage(VehicleRecord& r, double at) {
    if (r.cargo == kEmptyCargo) return;
    const Cargo& c = sc_.cargo[r.cargo];
    if (c.perishable && at - r.loaded_s > c.shelf_life_s) {
      r.spoiled = true;
      r.value_lost = c.value;
    }
  }
  bool eligible(int cargo) const { return cargo >= 0 && sc_.cargo[static_cast<std::size_t>(cargo)].priority_eligible; }

  std::size_t add_station(std::string name, std::size_t side, std::vector<const Stage*> members,
                          const std::vector<std::uint32_t>& keys, const Crossing* joint) {
    Station st;
    st.name = std::move(name);
    st.side = side;
    st.members = std::move(members);
    st.member_keys = keys;
    st.servers = st.members.front()->servers;
    st.lane_servers = 0;
    for (const Stage* m : st.members) {
      st.servers = std::min(st.servers, m->servers);  // a joint team needs every agency present
      st.priority = st.priority || m->priority;
      if (m->lane.servers > 0) {
        st.lane_servers = st.lane_servers == 0 ? m->lane.servers : std::min(st.lane_servers, m->lane.servers);
        if (!st.lane_dates) st.lane_dates = m->lane.dates;
      }
    }
    if (joint) {
      st.rule = joint->joint_rule;
      st.factor = joint->joint_factor;
    }
    st.shared = std::make_unique<sim::Resource>(*sim_, 0, st.name);
    if (st.lane_servers > 0) st.lane = std::make_unique<sim::Resource>(*sim_, 0, st.name + " (lane)");
    stations.push_back(std::move(st));
    out.stop_names.push_back(stations.back().name);
    return stations.size() - 1;
  }

  std::uint32_t stage_key(std::size_t side, std::size_t stage) const {
    return sim::stream_id(sc_.sides[side].id + "." + sc_.sides[side].stages[stage].id);
  }

  std::size_t stage_station_of(std::size_t side, std::size_t i) {
    auto key = std::make_pair(side, i);
    auto it = stage_station.find(key);
    if (it != stage_station.end()) return it->second;
    const GateSide& g = sc_.sides[side];
    std::size_t idx = add_station(g.id + "." + g.stages[i].id, side, {&g.stages[i]}, {stage_key(side, i)}, nullptr);
    stage_station[key] = idx;
    return idx;
  }

  // The stops a vehicle meets on `side` when leaving (outbound) or entering (inbound).
  void side_stops(std::size_t side, bool outbound, bool merge, std::vector<std::size_t>& stops,
                  std::vector<const Stage*>* joint_members, std::vector<std::uint32_t>* joint_keys) {
    const GateSide& g = sc_.sides[side];
    for (std::size_t i = 0; i < g.stages.size(); ++i) {
      const Stage& st = g.stages[i];
      if (outbound ? !st.outbound : !st.inbound) continue;
      if (merge && st.joinable) {
        joint_members->push_back(&st);
        joint_keys->push_back(stage_key(side, i));
        continue;
      }
      stops.push_back(stage_station_of(side, i));
    }
  }

  void plan_crossing(std::size_t c, bool export_dir) {
    const Crossing& cr = sc_.crossings[c];
    Plan p;
    p.exit_side = export_dir ? cr.side_a : cr.side_b;
    p.entry_side = export_dir ? cr.side_b : cr.side_a;
    const std::string dir = export_dir ? "export" : "import";
    std::vector<const Stage*> exit_joint, entry_joint;
    std::vector<std::uint32_t> exit_keys, entry_keys;
    const bool merge = cr.mode != CbtaMode::Sequential;
    side_stops(p.exit_side, true, merge, p.exit_stops, &exit_joint, &exit_keys);
    side_stops(p.entry_side, false, merge, p.entry_stops, &entry_joint, &entry_keys);
    if (cr.mode == CbtaMode::SingleWindow) {
      if (!exit_joint.empty())
        p.exit_stops.insert(p.exit_stops.begin(),
                            add_station(cr.id + "." + dir + ".window." + sc_.sides[p.exit_side].id, p.exit_side,
                                        exit_joint, exit_keys, &cr));
      if (!entry_joint.empty())
        p.entry_stops.insert(p.entry_stops.begin(),
                             add_station(cr.id + "." + dir + ".window." + sc_.sides[p.entry_side].id, p.entry_side,
                                         entry_joint, entry_keys, &cr));
    } else if (cr.mode == CbtaMode::SingleStop) {
      std::vector<const Stage*> all = exit_joint;
      all.insert(all.end(), entry_joint.begin(), entry_joint.end());
      std::vector<std::uint32_t> keys = exit_keys;
      keys.insert(keys.end(), entry_keys.begin(), entry_keys.end());
      if (!all.empty())
        p.entry_stops.insert(p.entry_stops.begin(),
                             add_station(cr.id + "." + dir + ".joint_stop", p.entry_side, all, keys, &cr));
    }
    plans[{c, export_dir}] = std::move(p);
    if (cr.accept_per_day > 0) {
      Acceptance a;
      a.gate = std::make_unique<sim::Resource>(*sim_, 1, cr.id + "." + dir + ".acceptance");
      acceptance[{c, export_dir}] = std::move(a);
    }
  }

};

// ---- calendars ------------------------------------------------------------------------------

void set_station_capacity(Station& st, bool open, long local_day) {
  st.shared->set_capacity(open ? st.servers : 0);
  if (st.lane) {
    bool lane_open = open && (!st.lane_dates || st.lane_dates->contains(local_day));
    st.lane->set_capacity(lane_open ? st.lane_servers : 0);
  }
}

sim::Process side_calendar(sim::Simulation& s, Model& m, std::size_t side) {
  const GateSide& g = m.sc_.sides[side];
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < m.stations.size(); ++i)
    if (m.stations[i].side == side) mine.push_back(i);
  auto windows = open_windows(m.sc_, side);
  for (const auto& [open, close] : windows) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    const long day = m.sc_.local_day(std::max(open, 0.0), g.utc_offset_s);
    for (std::size_t i : mine) set_station_capacity(m.stations[i], true, day);
    co_await s.until(close, sim::Tier::Calendar);
    for (std::size_t i : mine) set_station_capacity(m.stations[i], false, day);
  }
}

sim::Process crane_calendar(sim::Simulation& s, Model& m, std::size_t r) {
  const Rail& rail = m.sc_.rail[r];
  sim::Resource& cranes = *m.cranes[r];
  if (rail.shifts.empty()) {
    cranes.set_capacity(rail.cranes);
    co_return;
  }
  std::vector<std::pair<double, double>> w;
  long first = m.sc_.local_day(0, rail.terminal_utc_offset_s) - 1;
  long last = m.sc_.local_day(m.sc_.horizon_s, rail.terminal_utc_offset_s) + 1;
  for (long d = first; d <= last; ++d)
    for (const Hours& h : rail.shifts)
      w.emplace_back(m.sc_.sim_time(d, h.open_s, rail.terminal_utc_offset_s),
                     m.sc_.sim_time(d, h.close_s, rail.terminal_utc_offset_s));
  std::sort(w.begin(), w.end());
  for (const auto& [open, close] : w) {
    if (close <= s.now()) continue;
    co_await s.until(open, sim::Tier::Calendar);
    cranes.set_capacity(rail.cranes);
    co_await s.until(close, sim::Tier::Calendar);
    cranes.set_capacity(0);
  }
}

// ---- one stop -------------------------------------------------------------------------------

double member_service(const Model& m, const Stage& st, std::uint32_t key, const Vehicle& v) {
  const sim::RandomSource& rnd = m.sim_->random();
  const std::uint32_t stream = key ^ v.salt;
  sim::Uniforms u = rnd.at(kServiceStream ^ stream, v.serial, 0);
  if (!st.channels.empty()) {
    sim::Uniforms cu = rnd.at(kChannelStream ^ stream, v.serial, 0);
    double x = cu.next();
    const std::vector<double>* shares = nullptr;
    if (v.cargo >= 0 && !st.channel_shares_by_cargo.empty() &&
        !st.channel_shares_by_cargo[static_cast<std::size_t>(v.cargo)].empty())
      shares = &st.channel_shares_by_cargo[static_cast<std::size_t>(v.cargo)];
    std::size_t k = 0;
    double acc = 0;
    for (; k + 1 < st.channels.size(); ++k) {
      acc += shares ? (*shares)[k] : st.channels[k].share;
      if (x < acc) break;
    }
    return st.channels[k].service.sample(u);
  }
  if (v.cargo >= 0 && st.service_by_cargo[static_cast<std::size_t>(v.cargo)])
    return st.service_by_cargo[static_cast<std::size_t>(v.cargo)]->sample(u);
  return st.service.sample(u);
}

// Visits one stop. Returns false when the vehicle is rejected there.
sim::Process visit(sim::Simulation& s, Model& m, std::size_t station, const Vehicle& v, bool& rejected) {
  Station& st = m.stations[station];
  const sim::RandomSource& rnd = s.random();
  double service = 0;
  double sum = 0;
  bool any = false;
  double hold = 0;
  bool reject = false;
  for (std::size_t i = 0; i < st.members.size(); ++i) {
    const Stage& g = *st.members[i];
    const std::uint32_t stream = st.member_keys[i] ^ v.salt;
    if (v.cargo >= 0 ? !g.applies_to[static_cast<std::size_t>(v.cargo)] : !g.all_cargo) continue;
    if (g.probability < 1.0 && rnd.uniform(kApplyStream ^ stream, v.serial, 0) >= g.probability) continue;
    any = true;
    const double t = member_service(m, g, st.member_keys[i], v);
    service = std::max(service, t);
    sum += t;
    if (g.hold_probability > 0 || g.reject_probability > 0) {
      const double x = rnd.uniform(kOutcomeStream ^ stream, v.serial, 0);
      if (x < g.reject_probability) {
        reject = true;
      } else if (x < g.reject_probability + g.hold_probability) {
        sim::Uniforms hu = rnd.at(kHoldStream ^ stream, v.serial, 0);
        hold = std::max(hold, g.hold_delay.sample(hu));
      }
    }
  }
  if (!any) co_return;
  if (st.members.size() > 1) {
    if (st.rule == JointRule::Sum) service = sum;
    else if (st.rule == JointRule::Factor) service = st.factor * sum;
  }
  const bool priority_cargo = m.eligible(v.cargo);
  const long today = m.sc_.local_day(s.now(), m.sc_.sides[st.side].utc_offset_s);
  // Eligible cargo takes the dedicated lane when it is open and no more loaded (per server) than
  // the shared queue; otherwise the shared queue, where `priority` puts it first.
  bool use_lane = priority_cargo && st.lane && (!st.lane_dates || st.lane_dates->contains(today)) &&
                  st.lane->capacity() > 0;
  if (use_lane && st.shared->capacity() > 0) {
    const double lane_load = static_cast<double>(st.lane->queue_length() + static_cast<std::size_t>(st.lane->busy())) /
                             st.lane->capacity();
    const double shared_load =
        static_cast<double>(st.shared->queue_length() + static_cast<std::size_t>(st.shared->busy())) /
        st.shared->capacity();
    use_lane = lane_load <= shared_load;
  }
  sim::Resource& res = use_lane ? *st.lane : *st.shared;
  const int prio = (st.priority && priority_cargo) ? 0 : 1;
  if (use_lane || prio == 0) m.rec(v.record).treatment = Treatment::Priority;
  StopVisit rec;
  rec.vehicle = m.rec(v.record).id;
  rec.flow = m.rec(v.record).flow;
  rec.stop = static_cast<std::uint16_t>(station);
  rec.queue = use_lane ? QueueKind::Lane : (prio == 0 ? QueueKind::SharedPriority : QueueKind::Shared);
  rec.enter_s = s.now();
  {
    auto server = co_await res.request(prio);
    rec.start_s = s.now();
    co_await s.timeout(service);
    rec.end_s = s.now();
  }
  m.rec(v.record).wait_s += rec.start_s - rec.enter_s;
  m.sink->visit(rec);
  if (reject) {
    rejected = true;
    co_return;
  }
  if (hold > 0) co_await s.timeout(hold);  // waiting for a lab result; the server is free
}

// ---- a crossing -----------------------------------------------------------------------------

// Takes a yard place before a side, waiting on the road while the yard is full (no limit: no-op).
sim::Process take_yard(sim::Simulation& s, Model& m, std::size_t side, const Vehicle& v, sim::Guard& slot) {
  if (!m.yards[side]) co_return;
  const double t0 = s.now();
  auto place = co_await m.yards[side]->request();
  slot = std::move(place);
  m.rec(v.record).wait_s += s.now() - t0;
}

sim::Process cross(sim::Simulation& s, Model& m, std::size_t c, const Vehicle& v, bool& rejected) {
  const Crossing& cr = m.sc_.crossings[c];
  const bool export_dir = m.sc_.flows[v.flow].export_direction;
  const Plan& p = m.plans.at({c, export_dir});
  VehicleRecord& r0 = m.rec(v.record);
  if (r0.border_in_s < 0) r0.border_in_s = s.now();
  sim::Guard exit_yard;
  co_await take_yard(s, m, p.exit_side, v, exit_yard);
  for (std::size_t stop : p.exit_stops) {
    co_await visit(s, m, stop, v, rejected);
    if (rejected) co_return;
  }
  auto acc = m.acceptance.find({c, export_dir});
  if (acc != m.acceptance.end()) {
    const double t0 = s.now();
    auto turn = co_await acc->second.gate->request();
    const int offset = m.sc_.sides[p.entry_side].utc_offset_s;
    for (;;) {
      const long day = m.sc_.local_day(s.now(), offset);
      int& used = acc->second.used[day];
      if (used < static_cast<int>(cr.accept_per_day)) {
        ++used;
        break;
      }
      co_await s.until(m.sc_.sim_time(day + 1, 0, offset));  // the next local day's quota
    }
    m.rec(v.record).wait_s += s.now() - t0;
  }
  exit_yard.release();
  m.rec(v.record).crossed_s = s.now();
  // Goods move to a truck of the other country once the entry side has accepted them; empty
  // trucks have nothing to move. The bays are their own area: the yard place is already free.
  if (v.cargo >= 0 && cr.transship_share > 0 && s.random().uniform(kTransshipStream ^ v.salt, v.serial, 0) < cr.transship_share) {
    std::optional<sim::Guard> bay;
    if (m.bays[c]) {
      const double t0 = s.now();
      auto g = co_await m.bays[c]->request();
      bay.emplace(std::move(g));
      m.rec(v.record).wait_s += s.now() - t0;
    }
    sim::Uniforms u = s.random().at(kTransshipStream ^ v.salt, v.serial, 1);
    const double t = cr.transship_time.sample(u);
    co_await s.timeout(t);
    m.rec(v.record).transship_cost += cr.transship_cost;
  }
  sim::Uniforms bu = s.random().at(kBridgeStream ^ v.salt, v.serial, static_cast<std::uint32_t>(c));
  const double bridge = cr.bridge.sample(bu);
  co_await s.timeout(bridge);
  sim::Guard entry_yard;
  co_await take_yard(s, m, p.entry_side, v, entry_yard);
  for (std::size_t stop : p.entry_stops) {
    co_await visit(s, m, stop, v, rejected);
    if (rejected) co_return;
  }
  m.rec(v.record).border_out_s = s.now();
}

// ---- trucks and flows -----------------------------------------------------------------------

sim::Process truck(sim::Simulation& s, Model& m, Vehicle v) {
  const Flow& f = m.sc_.flows[v.flow];
  for (std::size_t i = 0; i < f.route.size(); ++i) {
    const RouteStep& step = f.route[i];
    if (step.kind == RouteStep::Kind::Leg) {
      sim::Uniforms u = s.random().at(kLegStream ^ v.salt, v.serial, static_cast<std::uint32_t>(i));
      const double t = m.sc_.legs[step.index].truck.sample(u);
      co_await s.timeout(t);
    } else {
      bool rejected = false;
      co_await cross(s, m, step.index, v, rejected);
      if (rejected) {
        m.close_record(v.record, Outcome::Rejected);
        co_return;
      }
    }
  }
  m.close_record(v.record, Outcome::Released);
  if (f.empty_return && s.random().uniform(kReturnStream ^ v.salt, v.serial, 0) < f.empty_return->probability) {
    sim::Uniforms u = s.random().at(kReturnStream ^ v.salt, v.serial, 1);
    const double after = f.empty_return->after.sample(u);
    co_await s.timeout(after);
    Vehicle back;
    back.flow = f.empty_return->flow;
    back.salt = m.flow_salt[back.flow];
    back.serial = 0x80000000u | (static_cast<std::uint32_t>(v.flow) << 24) | (v.serial & 0xFFFFFFu);
    back.cargo = -1;
    back.record = m.new_record(back.flow, -1, Mode::Truck);
    m.rec(back.record).loaded_s = s.now();
    s.start(truck(s, m, back), "truck", m.rec(back.record).id);
  }
}

sim::PiecewiseRate flow_rate(const Scenario& sc, const ArrivalProcess& a) {
  // Hourly segments in the scenario's zone from t = 0 to the horizon; zero afterwards.
  std::vector<double> starts, rates;
  const double first_hour = std::floor((sc.epoch_s() + sc.utc_offset_s) / 3600.0);
  for (double h = first_hour;; h += 1) {
    const double local = h * 3600.0;  // local epoch seconds at the hour's start
    const double t = local - sc.utc_offset_s - sc.epoch_s();
    if (t >= sc.horizon_s) break;
    const long day = static_cast<long>(std::floor(local / kDay));
    const int hour = static_cast<int>(std::lround((local - day * kDay) / 3600.0)) % 24;
    const int dow = static_cast<int>(((day + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; Mon = 0
    double factor = a.hourly[static_cast<std::size_t>(hour)] * a.weekly[static_cast<std::size_t>(dow)];
    for (const SeasonFactor& sf : a.seasons)
      if (sf.dates.contains(day)) factor *= sf.factor;
    starts.push_back(std::max(t, 0.0));
    rates.push_back(a.rate_per_s * factor);
  }
  starts.push_back(sc.horizon_s);
  rates.push_back(0.0);
  // Collapse a first segment that starts before 0 onto 0 (rounding of the start hour).
  for (std::size_t i = 1; i < starts.size();)
    if (starts[i] <= starts[i - 1]) {
      starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(i - 1));
      rates.erase(rates.begin() + static_cast<std::ptrdiff_t>(i - 1));
    } else {
      ++i;
    }
  return sim::PiecewiseRate(starts, rates);
}

sim::Process flow_source(sim::Simulation& s, Model& m, std::size_t fi) {
  const Flow& f = m.sc_.flows[fi];
  if (f.arrivals.table_s.empty() && !(f.arrivals.rate_per_s > 0)) co_return;  // only returning empties
  const std::uint32_t salt = m.flow_salt[fi];
  sim::Stream arrivals(s.random(), kArrivalStream ^ salt, 0);
  sim::DiscreteChoice mix(f.cargo_mix);
  std::optional<sim::PiecewiseRate> rate;
  if (f.arrivals.table_s.empty()) rate.emplace(flow_rate(m.sc_, f.arrivals));
  for (std::uint32_t serial = 0;; ++serial) {
    // Returning empties encode their origin's serial in 24 bits (see truck()).
    if (serial >= 0x1000000u)
      throw std::runtime_error("flow '" + f.id + "' exceeds 16,777,215 arrivals in one replication");
    double t;
    if (rate) {
      t = rate->next(s.now(), -std::log(arrivals.uniform()));
    } else {
      if (serial >= f.arrivals.table_s.size()) co_return;
      t = f.arrivals.table_s[serial];
      if (t < 0) continue;
    }
    if (!(t < m.sc_.horizon_s)) co_return;
    co_await s.until(t);
    Vehicle v;
    v.flow = fi;
    v.salt = salt;
    v.serial = serial;
    sim::Uniforms cu = s.random().at(kCargoStream ^ salt, serial, 0);
    v.cargo = f.empty ? -1 : static_cast<int>(mix.sample(cu));
    v.record = m.new_record(fi, v.cargo, Mode::Truck);
    sim::Uniforms au = s.random().at(kAgeStream ^ salt, serial, 0);
    m.rec(v.record).loaded_s = s.now() - f.age_at_arrival.sample(au);
    s.start(truck(s, m, v), "truck", m.rec(v.record).id);
  }
}

// ---- rail -----------------------------------------------------------------------------------

sim::Process wagon_clearance(sim::Simulation& s, Model& m, std::size_t r, Vehicle v) {
  const Rail& rail = m.sc_.rail[r];
  m.rec(v.record).border_in_s = s.now();
  bool rejected = false;
  const GateSide& g = m.sc_.sides[rail.station];
  for (std::size_t i = 0; i < g.stages.size(); ++i) {
    if (!g.stages[i].outbound) continue;
    co_await visit(s, m, m.stage_station_of(rail.station, i), v, rejected);
    if (rejected) {
      m.close_record(v.record, Outcome::Rejected);
      co_return;
    }
  }
  Wagon w{v.record, v.serial, s.now()};
  co_await m.platforms[r]->put(w);
}

sim::Process wagon_transfer(sim::Simulation& s, Model& m, std::size_t r, Wagon w) {
  const Rail& rail = m.sc_.rail[r];
  const std::uint32_t salt = m.rail_salt[r];
  sim::Uniforms ru = s.random().at(kRunStream ^ salt, w.serial, 0);
  const double run = rail.run_time.sample(ru);
  co_await s.timeout(run);
  StopVisit rec;
  rec.vehicle = m.rec(w.record).id;
  rec.flow = m.rec(w.record).flow;
  rec.stop = static_cast<std::uint16_t>(m.stations.size() + r);  // terminal stops follow stations
  rec.enter_s = s.now();
  {
    auto crane = co_await m.cranes[r]->request();
    rec.start_s = s.now();
    sim::Uniforms cu = s.random().at(kCraneStream ^ salt, w.serial, 0);
    const double move = rail.move_time.sample(cu);
    co_await s.timeout(move);
    rec.end_s = s.now();
  }
  m.sink->visit(rec);
  m.rec(w.record).wait_s += rec.start_s - rec.enter_s;
  m.rec(w.record).border_out_s = s.now();
  m.close_record(w.record, Outcome::Released);
}

sim::Process train_timetable(sim::Simulation& s, Model& m, std::size_t r) {
  const Rail& rail = m.sc_.rail[r];
  long day = m.sc_.local_day(0, rail.utc_offset_s);
  const long last = m.sc_.local_day(m.sc_.horizon_s, rail.utc_offset_s);
  for (; day <= last; ++day) {
    const int dow = static_cast<int>(((day + 3) % 7 + 7) % 7);
    if (!rail.days[static_cast<std::size_t>(dow)]) continue;
    for (double tod : rail.departures_s) {
      const double t = m.sc_.sim_time(day, tod, rail.utc_offset_s);
      if (t < s.now() || t >= m.sc_.horizon_s) continue;
      co_await s.until(t);
      sim::Store<Wagon>& platform = *m.platforms[r];
      const std::size_t n = std::min<std::size_t>(platform.size(), static_cast<std::size_t>(rail.wagons_per_train));
      for (std::size_t i = 0; i < n; ++i) {
        Wagon w = co_await platform.get();
        m.rec(w.record).wait_s += s.now() - w.cleared_s;  // waited for this train
        m.rec(w.record).departure_s = t;
        s.start(wagon_transfer(s, m, r, w), "wagon", m.rec(w.record).id);
      }
      m.sink->train(TrainRecord{static_cast<std::uint16_t>(r), t, static_cast<int>(n), rail.wagons_per_train});
    }
  }
}

sim::Process wagon_source(sim::Simulation& s, Model& m, std::size_t r) {
  const Rail& rail = m.sc_.rail[r];
  const std::uint32_t salt = m.rail_salt[r];
  sim::Stream arrivals(s.random(), kArrivalStream ^ salt, 0);
  sim::DiscreteChoice mix(rail.cargo_mix);
  const double mean_gap = kDay / rail.wagons_per_day;
  for (std::uint32_t serial = 0;; ++serial) {
    const double gap = -mean_gap * std::log(arrivals.uniform());
    co_await s.timeout(gap);
    if (s.now() >= m.sc_.horizon_s) co_return;
    Vehicle v;
    v.flow = m.sc_.flows.size() + r;
    v.salt = salt;
    v.serial = serial;
    sim::Uniforms cu = s.random().at(kCargoStream ^ salt, serial, 0);
    v.cargo = static_cast<int>(mix.sample(cu));
    v.record = m.new_record(v.flow, v.cargo, Mode::Wagon);
    m.rec(v.record).loaded_s = s.now();
    s.start(wagon_clearance(s, m, r, v), "wagon", m.rec(v.record).id);
  }
}

// ---- assembly -------------------------------------------------------------------------------

void Model::build() {
  for (const Flow& f : sc_.flows) flow_salt.push_back(sim::stream_id("flow:" + f.id));
  for (const Rail& r : sc_.rail) rail_salt.push_back(sim::stream_id("rail:" + r.id));
  for (const GateSide& g : sc_.sides)
    yards.push_back(g.yard_capacity > 0 ? std::make_unique<sim::Resource>(*sim_, g.yard_capacity, g.id + ".yard")
                                        : nullptr);
  // Sequential stations of every side first (stable stop indices), then joint stops.
  for (std::size_t side = 0; side < sc_.sides.size(); ++side)
    for (std::size_t i = 0; i < sc_.sides[side].stages.size(); ++i) stage_station_of(side, i);
  for (std::size_t c = 0; c < sc_.crossings.size(); ++c) {
    plan_crossing(c, true);
    plan_crossing(c, false);
    const Crossing& cr = sc_.crossings[c];
    bays.push_back(cr.transship_bays > 0 ? std::make_unique<sim::Resource>(*sim_, cr.transship_bays, cr.id + ".bays")
                                         : nullptr);
  }
  for (const Rail& r : sc_.rail) {
    platforms.push_back(std::make_unique<sim::Store<Wagon>>(*sim_, std::numeric_limits<std::size_t>::max(), r.id + ".platform"));
    cranes.push_back(std::make_unique<sim::Resource>(*sim_, 0, r.terminal + ".cranes"));
    out.stop_names.push_back(r.terminal + ".cranes");
  }
}

sim::Process sampler(sim::Simulation& s, Model& m) {
  const double step = m.sc_.outputs.timeseries_step_s;
  for (double t = 0; t <= m.sc_.horizon_s; t += step) {
    co_await s.until(t, sim::Tier::Calendar);
    std::vector<double>& ts = m.row_scratch;
    ts.clear();
    ts.push_back(t);
    for (const Station& st : m.stations) {
      ts.push_back(static_cast<double>(st.shared->queue_length() + (st.lane ? st.lane->queue_length() : 0)));
      ts.push_back(static_cast<double>(st.shared->busy() + (st.lane ? st.lane->busy() : 0)));
    }
    for (const auto& c : m.cranes) {
      ts.push_back(static_cast<double>(c->queue_length()));
      ts.push_back(static_cast<double>(c->busy()));
    }
    for (const auto& y : m.yards) {
      ts.push_back(y ? static_cast<double>(y->busy()) : 0.0);
      ts.push_back(y ? static_cast<double>(y->queue_length()) : 0.0);
    }
    m.sink->sample(ts.data(), ts.size());
  }
}

void Model::start() {
  if (sc_.outputs.timeseries_step_s > 0) {
    out.timeseries_columns.push_back("t_s");
    for (const std::string& name : out.stop_names) {
      out.timeseries_columns.push_back(name + ".queue");
      out.timeseries_columns.push_back(name + ".busy");
    }
    for (const GateSide& g : sc_.sides) {
      out.timeseries_columns.push_back(g.id + ".yard");
      out.timeseries_columns.push_back(g.id + ".road");
    }
  }
  sink->begin(out.stop_names, out.timeseries_columns);
  if (sc_.outputs.timeseries_step_s > 0) sim_->start(sampler(*sim_, *this), "sampler");
  for (std::size_t side = 0; side < sc_.sides.size(); ++side) sim_->start(side_calendar(*sim_, *this, side), "calendar", side);
  for (std::size_t r = 0; r < sc_.rail.size(); ++r) {
    sim_->start(crane_calendar(*sim_, *this, r), "cranes", r);
    sim_->start(train_timetable(*sim_, *this, r), "timetable", r);
    sim_->start(wagon_source(*sim_, *this, r), "wagons", r);
  }
  for (std::size_t f = 0; f < sc_.flows.size(); ++f) sim_->start(flow_source(*sim_, *this, f), "flow", f);
  sim_->set_warmup(sc_.warmup_s);
}

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

RunResult Model::finish() {
  const double now = sim_->now();
  std::vector<VehicleRecord> waiting;
  for (std::size_t i = 0; i < live.size(); ++i)
    if (live_used[i]) {
      VehicleRecord r = live[i];
      judge_spoilage(r, now);  // cargo past its shelf life while still waiting is spoiled
      waiting.push_back(r);
    }
  std::sort(waiting.begin(), waiting.end(), [](const VehicleRecord& a, const VehicleRecord& b) { return a.id < b.id; });
  for (const VehicleRecord& r : waiting) sink->vehicle(r);
  out.in_system = waiting.size();
  for (const Station& st : stations) {
    StopStats a = stop_stats(*st.shared, now);
    if (st.lane) {
      StopStats b = stop_stats(*st.lane, now);
      a.wait.merge(b.wait);
      a.queue_mean += b.queue_mean;
      a.queue_max = std::max(a.queue_max, b.queue_max);
      a.busy_mean += b.busy_mean;
      a.served += b.served;
    }
    out.stops.push_back(a);
  }
  for (const auto& c : cranes) out.stops.push_back(stop_stats(*c, now));
  for (const auto& y : yards) {
    YardStats ys;
    if (y) {
      ys.occupancy_mean = y->busy_stats().mean(now);
      ys.occupancy_max = y->busy_stats().max();
      ys.road_mean = y->queue_stats().mean(now);
      ys.road_max = y->queue_stats().max();
    }
    out.yards.push_back(ys);
  }
  out.events = sim_->events_processed();
  out.horizon_s = sc_.horizon_s;
  out.warmup_s = sc_.warmup_s;
  return std::move(out);
}

}  // namespace

namespace {
// Keeps every record in the RunResult (the default sink).
class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(RunResult& r) : r_(r) {}
  void vehicle(const VehicleRecord& v) override { r_.vehicles.push_back(v); }
  void visit(const StopVisit& v) override { r_.visits.push_back(v); }
  void train(const TrainRecord& t) override { r_.trains.push_back(t); }
  void sample(const double* row, std::size_t n) override { r_.timeseries.insert(r_.timeseries.end(), row, row + n); }

 private:
  RunResult& r_;
};
}  // namespace

RunResult run_replication(const Scenario& sc, std::uint32_t replication, const ReplicationHooks& hooks,
                          RecordSink* sink) {
  sim::Simulation s(sc.seed, replication);
  Model m(s, sc);
  RunResult collected;
  CollectingSink collector(collected);
  m.sink = sink ? sink : &collector;
  m.build();
  m.start();
  if (hooks.cancel || hooks.hours) {
    for (double t = 0; t < sc.horizon_s;) {
      t = std::min(sc.horizon_s, t + 3600.0);
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
    std::sort(r.vehicles.begin(), r.vehicles.end(), [](const VehicleRecord& a, const VehicleRecord& b) { return a.id < b.id; });
    r.visits = std::move(collected.visits);
    r.trains = std::move(collected.trains);
    r.timeseries = std::move(collected.timeseries);
  }
  return r;
}

std::vector<std::pair<double, double>> open_windows(const Scenario& sc, std::size_t side) {
  const GateSide& g = sc.sides[side];
  std::vector<std::pair<double, double>> w;
  const long first = sc.local_day(0, g.utc_offset_s) - 1, last = sc.local_day(sc.horizon_s, g.utc_offset_s) + 1;
  for (long d = first; d <= last; ++d) {
    bool closed = false;
    for (const Closure& c : g.closures) closed = closed || c.dates.contains(d);
    if (closed) continue;
    Hours h = g.hours;
    for (const ExtendedHours& e : g.extended)
      if (e.dates.contains(d)) h = e.hours;
    w.emplace_back(sc.sim_time(d, h.open_s, g.utc_offset_s), sc.sim_time(d, h.close_s, g.utc_offset_s));
  }
  return w;
}

std::vector<StageLoad> offered_loads(const Scenario& sc) {
  std::vector<StageLoad> out;
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    const GateSide& g = sc.sides[side];
    const double open_h = (g.hours.close_s - g.hours.open_s) / 3600.0;
    for (const Stage& st : g.stages) {
      StageLoad l;
      l.name = g.id + "." + st.id;
      double mean_s = 0;
      for (std::size_t fi = 0; fi < sc.flows.size(); ++fi) {
        const Flow& f = sc.flows[fi];
        bool passes = false;
        for (const RouteStep& step : f.route) {
          if (step.kind != RouteStep::Kind::Crossing) continue;
          const Crossing& c = sc.crossings[step.index];
          const std::size_t exit_side = f.export_direction ? c.side_a : c.side_b;
          const std::size_t entry_side = f.export_direction ? c.side_b : c.side_a;
          passes = passes || (exit_side == side && st.outbound) || (entry_side == side && st.inbound);
        }
        if (!passes) continue;
        const double per_day = f.arrivals.table_s.empty()
                                   ? f.arrivals.rate_per_s * kDay
                                   : static_cast<double>(f.arrivals.table_s.size()) / (sc.horizon_s / kDay);
        for (std::size_t c = 0; c < sc.cargo.size(); ++c) {
          const double share = f.empty ? (c == 0 ? 1.0 : 0.0) : f.cargo_mix[c];
          if (share == 0 || (!f.empty && !st.applies_to[c])) continue;
          const double n = per_day * share * st.probability;
          double m = 0;
          if (!st.channels.empty()) {
            for (std::size_t k = 0; k < st.channels.size(); ++k) {
              double sh = (!st.channel_shares_by_cargo.empty() && !st.channel_shares_by_cargo[c].empty())
                              ? st.channel_shares_by_cargo[c][k]
                              : st.channels[k].share;
              m += sh * st.channels[k].service.mean();
            }
          } else {
            m = st.service_by_cargo[c] ? st.service_by_cargo[c]->mean() : st.service.mean();
          }
          l.arrivals_per_day += n;
          mean_s += n * m;
        }
      }
      for (const Rail& r : sc.rail)
        if (r.station == side && st.outbound)
          for (std::size_t c = 0; c < sc.cargo.size(); ++c) {
            if (!st.applies_to[c]) continue;
            const double n = r.wagons_per_day * r.cargo_mix[c] * st.probability;
            const double m = st.service_by_cargo[c] ? st.service_by_cargo[c]->mean()
                             : st.channels.empty()  ? st.service.mean()
                                                    : st.channels[0].service.mean();
            l.arrivals_per_day += n;
            mean_s += n * m;
          }
      l.mean_service_s = l.arrivals_per_day > 0 ? mean_s / l.arrivals_per_day : 0;
      l.server_hours_per_day = st.servers * open_h;
      l.load = l.server_hours_per_day > 0 ? (mean_s / 3600.0) / l.server_hours_per_day : 0;
      out.push_back(l);
    }
  }
  for (std::size_t c = 0; c < sc.crossings.size(); ++c) {
    const Crossing& cr = sc.crossings[c];
    if (cr.transship_share <= 0 || cr.transship_bays <= 0) continue;
    StageLoad l;
    l.name = cr.id + ".transshipment";
    for (const Flow& f : sc.flows) {
      if (f.empty) continue;
      for (const RouteStep& step : f.route)
        if (step.kind == RouteStep::Kind::Crossing && step.index == c)
          l.arrivals_per_day += cr.transship_share * (f.arrivals.table_s.empty()
                                                          ? f.arrivals.rate_per_s * kDay
                                                          : static_cast<double>(f.arrivals.table_s.size()) / (sc.horizon_s / kDay));
    }
    l.mean_service_s = cr.transship_time.mean();
    l.server_hours_per_day = cr.transship_bays * 24.0;
    l.load = l.arrivals_per_day * l.mean_service_s / 3600.0 / l.server_hours_per_day;
    out.push_back(l);
  }
  return out;
}

}  // namespace models
