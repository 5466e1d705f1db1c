// What `bordersim validate` tells before a run: the offered load of every stop the plan has
// (plan.hpp), from the same stage semantics the simulation draws from (service.hpp) and the same
// arrival rates and opening hours (calendar.hpp). The load is the work offered over the window
// after the warm-up, in server-hours, over the server-hours the stop is open in that window:
// a stop offered 1 or more cannot keep up, and its queue grows for as long as that lasts.
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
  bool booths_stated = true;        // a joint stop's booths were given, not the default rule
  double visits_per_day = 0;        // vehicles served there per day, on average over the window
  double mean_service_s = 0;        // per vehicle served
  double server_hours_per_day = 0;  // open server-hours per day (shared and lane), on average
  double load = 0;                  // offered work / open server-time
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
};

Analysis analyse(const Scenario& sc);

}  // namespace models
