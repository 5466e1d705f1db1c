// The border model on the engine for one replication: the planned stops as resources, yards,
// the entry sides' daily intake, transshipment bays, rail platforms and cranes, and the processes
// that move vehicles through them. Internal to models/; the public entry is run_replication
// (border.hpp).
//
// One file per seam, each a member group of BorderModel:
//   model.cpp   building the resources, opening hours, the time-series sampler, statistics at
//               the horizon, run_replication;
//   road.cpp    the road journey: flows, a truck's story, a crossing, a stop visit, yards, intake;
//   response.cpp  shippers who hold, cancel or divert a due load on an announcement or a notice;
//   route.cpp   route choice on the corridor;
//   rail.cpp    wagons, the station's clearance, timetabled trains, the terminal's cranes.
// What a stop does to a vehicle is service.hpp's; which stops exist is plan.hpp's; records leave
// through record_book.hpp.
#pragma once

#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "models/announce.hpp"
#include "models/border.hpp"
#include "models/plan.hpp"
#include "models/record_book.hpp"
#include "models/service.hpp"
#include "sim/event.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/store.hpp"
#include "sim/task.hpp"

namespace models {

class BorderModel {
 public:
  BorderModel(sim::Simulation& s, const Scenario& sc, RecordSink& sink);
  BorderModel(const BorderModel&) = delete;
  BorderModel& operator=(const BorderModel&) = delete;

  // The simulation the model's processes run on (their frames come from its pool).
  sim::Simulation& sim() { return *sim_; }
  // Starts every process: calendars, sampler, rail, flows; sets the warm-up.
  void start();
  // At the horizon: the records of vehicles still in the system, stop and yard statistics.
  RunResult finish();

 private:
  struct Vehicle {
    std::size_t record = 0;   // slot in the record book
    std::size_t flow = 0;     // index into Scenario::flows (a truck) or Scenario::rail (a wagon)
    VehicleKey key;           // cargo and random-draw address
    std::uint16_t route = 0;  // index into its flow's routes
    // A truck of the initial state starts on its route at `first_step` (a crossing), at a
    // place (InitialQueue::Place; 0 for every truck that arrives), having waited `waited_s`.
    std::uint16_t first_step = 0;
    std::uint8_t place = 0;
    bool fixed_route = false;  // an initial or tagged truck on a stated route: no choice
    // kInitial for a truck of the initial state and the empty returns that follow from it,
    // kTagged for a watched truck: mixed into its returns' draw addresses.
    std::uint8_t lineage = kArrived;
    double waited_s = 0;
  };
  struct Wagon {
    std::size_t record = 0;
    std::uint32_t serial = 0;
  };
  // A planned stop's servers: the shared queue and, if it has one, the dedicated lane.
  struct Stop {
    const PlannedStop* plan = nullptr;
    std::unique_ptr<sim::Resource> shared, lane;
    std::unique_ptr<sim::QueueTotal> queue;  // shared + lane, for the stop's queue statistics
  };
  // The entry side's intake for one direction of a crossing: a gate that admits one vehicle
  // per interval while the entry side is open (its capacity schedule opens and closes it), in
  // order of cargo priority, first come first served within a level.
  struct Intake {
    const models::Intake* spec = nullptr;
    std::size_t place = 0;  // its code in the registry of sites
    std::unique_ptr<sim::Resource> gate;
  };

  // ---- model.cpp: capacity and sampling
  // The resource a clock member sets; starts the process that follows a clock's schedules.
  sim::Resource& resource(const Clock::Member& m);
  void follow(const Clock& clock);
  // Seconds between admissions in the intake's current window (its capacity plan).
  double intake_interval(const Intake& in) const;
  // A site's vehicles waiting and in service (a yard: on the road outside it and parked in it).
  std::pair<double, double> occupancy(const Site& site) const;
  sim::Process sampler();
  sim::Process backlog_sampler();
  // ---- road.cpp: the road journey
  sim::Process flow_source(std::size_t flow);
  // ---- start_state.cpp: the trucks at the border at the start, and trucks added to watch
  void start_initial();
  sim::Process tagged_truck(std::size_t index);
  sim::Process truck(Vehicle v);
  // ---- response.cpp: shippers' response to announcements and notices
  // What a due load's shipper does now: send it, hold it until `until`, cancel or divert it.
  struct Dispatch {
    enum class What { Go, Hold, Cancel, Divert } what = What::Go;
    double until = 0;
    bool by_notice = false;
  };
  void prepare_response();
  // The figure the flow's shippers see now at their gate, if one has been published.
  std::optional<double> announced(std::size_t flow) const;
  // `due`: when the load was due (its record's opening).
  Dispatch decide(const Vehicle& v, double due) const;
  void dispatch(Vehicle v);  // a new load of a responding flow
  void act(Vehicle v, const Dispatch& d, double due);
  sim::Process holding(Vehicle v, Dispatch d);
  sim::Process publisher(std::size_t flow);  // the backlog a flow's shippers watch
  // ---- route.cpp: route choice
  // The generalised cost, in hours, of the rest of route `r` of the vehicle's flow from step
  // `from` (the trucks' view at now: announced border times, public closures; with
  // `free_flow`, each crossing's free-flow border time instead of the announced one).
  double route_cost_h(const Vehicle& v, std::size_t r, std::size_t from,
                      bool free_flow = false) const;
  // The truck's usual route (RouteChoice::inertia): its rule at free-flow costs.
  std::uint16_t usual_route(const Vehicle& v) const;
  // The saving, in hours, the truck needs before it leaves its route (0 without inertia).
  double switch_threshold_h(const Vehicle& v) const;
  // The route a truck takes when it sets out (`decision` 0) or at its decision point.
  std::uint16_t choose_route(const Vehicle& v, std::uint32_t decision) const;
  // At the flow's decision point `place` after step `at` of its route: the route and the step
  // to go on from (unchanged unless another route through the place saves enough).
  std::pair<std::uint16_t, std::size_t> reconsider(const Vehicle& v, std::size_t at) const;
  double until_open(std::size_t side, double t) const;  // 0 if open at t
  void prepare_route_choice();
  sim::Process route_counter();
  // When a truck waiting at the border gives up, and as what (driver behaviour): never unless its
  // flow has a patience or turns back spoiled loads. Patience is spent only while the truck
  // waits at the border (on the road for a yard place, then for the intake), never in the control
  // area's stops; a load spoils at a fixed instant whatever the truck is doing.
  struct GiveUp {
    double patience_s = std::numeric_limits<double>::infinity();  // waiting it accepts in all
    double spoils_at = std::numeric_limits<double>::infinity();
    Outcome spoiled_as = Outcome::TurnedBack;
    // A wait that starts at `now` with `patience_s` left ends, unless served, at `at`, as `as`.
    struct Deadline {
      double at;
      Outcome as;
    };
    Deadline from(double now) const {
      const double out = now + patience_s;
      return out <= spoils_at ? Deadline{out, Outcome::Reneged} : Deadline{spoils_at, spoiled_as};
    }
  };
  GiveUp give_up(std::size_t crossing, const Vehicle& v) const;
  // Through the crossing (Released), or rejected at a stop, balked, reneged or turned back.
  sim::Task<Outcome> cross(std::size_t crossing, const Vehicle& v);
  // The restrictions of the exit side (outbound) and the entry side (inbound): holds the vehicle
  // until none stops it, or returns false if one turns it away.
  sim::Task<bool> pass_restrictions(const CrossingRoute& route, const Vehicle& v);
  const Restriction* stopping(std::size_t side, bool outbound, int cargo) const;
  // What a stop did: let the vehicle on (or rejected it), and whether it served it at all.
  struct VisitResult {
    bool passed = true;
    bool served = false;
  };
  sim::Task<VisitResult> visit(std::size_t stop, const Vehicle& v);
  // At a joint stop staffed by agencies, once the truck has its booth: an officer of every agency
  // whose check applies, at the same time (max rule) or one after another (sum, factor).
  sim::Task<bool> agency_checks(std::size_t stop, const MemberDraws& draws, int priority);
  // One agency's part of a joint check under the max rule; the last part to end triggers `done`.
  struct JointWork {
    std::size_t pending = 0;
    sim::Event<bool>* done = nullptr;
  };
  sim::Process agency_part(std::size_t pool, int priority, double service, JointWork& work);
  // A yard place (an empty guard where the side has no yard limit), or nothing if the truck gave
  // up waiting on the road.
  sim::Task<std::optional<sim::Guard>> take_yard(sim::Resource* yard, const Vehicle& v,
                                                 double give_up_at);
  sim::Task<bool> await_intake(std::size_t crossing, bool export_dir, const Vehicle& v,
                               double give_up_at);  // false: gave up
  sim::Process transship(std::size_t crossing, const Vehicle& v);
  // How long the load is handled at the crossing's transshipment (0: not transshipped there);
  // the same draws transship() makes.
  double transship_handling_s(std::size_t crossing, const Vehicle& v) const;
  sim::Process admitting(sim::Guard gate, double interval);  // keeps the gate for one interval
  void start_empty_return(const Vehicle& loaded, std::size_t to_flow);
  // ---- rail.cpp
  sim::Process wagon_source(std::size_t rail);
  sim::Process wagon_clearance(std::size_t rail, Vehicle v);
  sim::Process train_timetable(std::size_t rail);
  sim::Process wagon_transfer(std::size_t rail, Wagon w);

  int priority_level(int cargo) const {
    return cargo >= 0 ? sc_.cargo[static_cast<std::size_t>(cargo)].priority_level : 1;
  }
  bool priority_eligible(int cargo) const {
    return cargo >= 0 && sc_.cargo[static_cast<std::size_t>(cargo)].priority_eligible;
  }
  // The code of a rail service's crane terminal (StopVisit::stop).
  std::size_t crane_stop(std::size_t rail) const {
    return plan_.sites().of(SiteKind::Terminal, rail);
  }

  sim::Simulation* sim_;
  const Scenario& sc_;
  const Plan plan_;
  RecordBook records_;
  RecordSink* sink_;
  std::vector<std::string> stop_names_;
  std::vector<std::string> sampled_sites_;
  std::vector<double> row_scratch_;
  int lowest_priority_ = 1;        // the largest priority level of any cargo class (or empty)
  bool restricted_sides_ = false;  // does any side have restrictions?
  std::vector<std::string> backlog_columns_;
  std::vector<double> backlog_;  // per crossing and direction: vehicles there now
  std::vector<Stop> stops_;      // per planned stop
  std::vector<std::unique_ptr<sim::Resource>> yard_areas_;  // the yards that exist
  std::vector<sim::Resource*> yards_;  // [2 * side + (inbound ? 1 : 0)]; null: no yard limit
  sim::Resource* yard(std::size_t side, bool outbound) const {
    return yards_[2 * side + (outbound ? 0 : 1)];
  }
  // [2 * crossing + import] (null: no cap), then each allowance's (Plan::intake_queue)
  std::vector<std::unique_ptr<Intake>> intake_;
  std::vector<std::unique_ptr<sim::Resource>> bays_;  // per crossing; null: unlimited
  std::vector<std::uint32_t> flow_salt_, rail_salt_;
  std::vector<std::unique_ptr<sim::Store<Wagon>>> platforms_;  // per rail service
  std::vector<std::unique_ptr<sim::Resource>> cranes_;         // per rail service
  std::vector<std::unique_ptr<sim::Resource>> pools_;          // per Plan::pools()
  // Per gate side, its gate: open (room for everyone) while the side is open, shut otherwise. A
  // truck that no exit-side stop served (a single stop removed them all, or advance information
  // did) still passes it, so no truck leaves a closed side.
  std::vector<std::unique_ptr<sim::Resource>> gates_;
  // Route choice (only when some flow chooses): per crossing direction its announcer; per side
  // its open windows; per cargo class + 1 (0: empty) and crossing direction the free-flow
  // border time; per flow the first index of its routes in the daily counts.
  bool choosing_ = false;
  std::vector<Announcer> announcers_;
  std::vector<std::vector<std::pair<double, double>>> side_windows_;
  std::vector<std::vector<double>> free_flow_s_;
  std::vector<std::size_t> route_base_;
  std::vector<double> route_counts_;  // trucks that chose each route since the last daily row
  // Announced border times are kept (announcers_) when some flow chooses or responds to a wait.
  bool announcing_ = false;
  // Demand response: per flow, whether its loads respond (a response or a notice that can name
  // them), the notices that can, and the backlog published at its gate every announce_every.
  std::vector<bool> responding_;
  std::vector<std::vector<std::size_t>> notices_of_;
  std::vector<std::vector<double>> published_;
};

}  // namespace models
