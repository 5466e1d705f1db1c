// What `bordersim validate` tells before a run: the offered load of every stop the plan has
// (plan.hpp), from the same stage semantics the simulation draws from (service.hpp) and the same
// arrival rates and opening hours (calendar.hpp). The load is the work offered over the window
// after the warm-up, in server-hours, over the server-hours the stop is open in that window:
// a stop offered 1 or more cannot keep up, and its queue grows for as long as that lasts.
//
// Throughput is carried along each crossing direction: a stop, an intake, a yard or the
// transshipment bays offered more than they pass let only their capacity on, so what lies after
// them (the entry side's stages, the stops after a full exit yard, the empties sent back after
// release, the next crossing of a corridor route) sees the limited flow, not the offered one. An
// exit yard with a limit couples its side: trucks keep their place through the exit stops and the
// intake, so the exit stops pass no more than the tightest of them, the yard and the intake, and
// the queue that forms waits on the road, where drivers may give up (give_up.hpp).
#pragma once

#include <string>
#include <vector>

#include "models/plan.hpp"
#include "models/scenario.hpp"

namespace models {

struct StopLoad {
  std::string name;
  std::vector<std::string> stages;  // the stages it joins ("<side>.<stage>"); one for a plain stop
  int servers = 0, lane_servers = 0;  // a joint stop: its booths
  // A joint stop staffed by agencies: the officers of each joined stage (in `stages` order) and
  // the servers it has in effect: min(booths, each agency's officers x mean service / (share of
  // visits its check applies to x its mean check)), the agency that binds ("" : the booths).
  // Elsewhere effective_servers = servers + lane_servers.
  std::vector<int> officers;
  std::vector<bool> officers_stated;
  double effective_servers = 0;
  std::string binding;
  bool booths_stated = true;  // a joint stop's booths were given, not the default rule
  // A stage whose agency pools its officers: the pool ("a.customs.officers"); its servers are
  // booths. An officer pool's own line: `pool` true and `hourly` when staffed by the hour.
  std::string agency_pool;
  bool pool = false, hourly = false;
  std::string agency;  // an officer pool's agency ("customs"); empty: a joint facility's stage's
  double visits_per_day = 0;        // vehicles served there per day, on average over the window
  double mean_service_s = 0;        // per vehicle served
  double server_hours_per_day = 0;  // open server-hours per day (shared and lane), on average
  double load = 0;                  // offered work / open server-time
  // What would reach it with nothing upstream limiting the flow, and, if less reaches it, what
  // limits it ("kim_thanh_bac_son.export.intake (110 admitted/day)"); "" if nothing does.
  double unlimited_visits_per_day = 0;
  std::string limited_by;
  // The hourly picture (analysis_hourly.cpp), by local hour of the stop's side (24 each; empty
  // for cranes): vehicles arriving an hour, servers on duty (officers at a pool, booths at a
  // pooled agency's stage), averaged over the window's days, and the offered load.
  std::vector<double> arrivals_by_hour, servers_by_hour, load_by_hour;
};

struct FlowLoad {
  std::string id;
  double vehicles_per_day = 0;  // arrivals over the window, per day (returning empties included)
};

// The entry side's intake for one direction of a crossing: vehicles reaching it (every flow,
// empties included) against what it admits, both per day on average over the window.
struct IntakeLoad {
  std::string name;  // <crossing>.<export|import>.intake
  double arrivals_per_day = 0;
  double capacity_per_day = 0;
  double load =
      0;  // arrivals / capacity; >= 1: the queue before it grows for as long as that lasts
  double unlimited_arrivals_per_day = 0;  // as StopLoad's
  std::string limited_by;
};

// Where a crossing direction's queue forms when its exit side (an exit yard with a limit: the
// stops, the yard and the intake together) or its intake cannot pass what arrives, and whether
// drivers' giving up (patience, a spoiling load turned back, balking, a full road) holds it at a
// level: then the level and the rate of giving up, else it grows for as long as that lasts.
struct GiveUpQueue {
  std::string name;     // <crossing>.<export|import>
  std::string place;    // "the road before kim_thanh's outbound yard", "the intake"
  std::string binding;  // what passes too few ("kim_thanh.plant_quarantine (360 served/day)")
  bool binding_is_stop = false;
  std::size_t binding_stop = 0;  // index into Analysis::stops when binding_is_stop
  double arrivals_per_day = 0, passed_per_day = 0;
  bool bounded = false;
  std::vector<std::string> never_give_up;  // flows whose drivers wait however long it takes
  double queue = 0;                        // bounded: vehicles waiting, on average
  double gave_up_per_day = 0;              // bounded: giving up, balking and lost, per day
  std::string method;                      // how the level was estimated
};

struct Analysis {
  double window_s = 0;  // horizon - warm-up: what the averages cover
  std::vector<FlowLoad> flows;
  // Every planned stop, then rail terminals' cranes, then the officer pools of joint stops
  // staffed by agencies (visits = checks made, service = per check): RunResult::stop_names' order.
  std::vector<StopLoad> stops;
  // Per crossing direction [2 * crossing + import]: the exit-side checks a single stop removes.
  std::vector<std::vector<std::string>> removed;
  std::vector<StopLoad> transshipment;  // crossings with limited bays
  std::vector<IntakeLoad> intakes;      // crossing directions with a limited intake
  std::vector<GiveUpQueue> queues;      // crossing directions whose exit side or intake is short
};

Analysis analyse(const Scenario& sc);

class Plan;
namespace load_walk {
struct Passes;
}
// Fills the stops' hourly picture: each flow's arrivals by the hour they reach the border (its
// rate profile, no travel or queueing shift) times the share of them the walk sends to each stop,
// against the capacity plan's servers in that hour. analyse() calls it.
void hourly_picture(const Scenario& sc, const Plan& plan, const load_walk::Passes& passes,
                    const std::vector<double>& arrivals, Analysis& a);

}  // namespace models
