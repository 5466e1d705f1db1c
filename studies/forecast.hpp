// Forecasts from today's queue and the arrival time of one truck: what an official ("800 trucks
// wait this morning; when is the queue cleared?") and a logistics firm ("if my truck leaves at
// 14:00, when does it arrive, and how likely is a spoiled load?") ask. Both run a scenario's
// replications in memory (no file) and summarise across them; the same seed gives the same
// figures whatever the thread count.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace studies {

// Spread across replications: mean with its 95 % CI half-width (Student t), and quantiles.
struct Spread {
  double mean = 0, half = 0, p10 = 0, p50 = 0, p90 = 0;
  std::size_t n = 0;
};
Spread spread_of(std::vector<double> xs);  // NaNs are left out

// A share with a 95 % interval that stays within [0, 1] (Wilson's score interval).
struct Share {
  double value = 0, lo = 0, hi = 0;
  std::size_t n = 0;
};
Share share_of(std::size_t hits, std::size_t n);
// The share hits / n with the interval of `independent` observations (trucks that share a
// replication's conditions are not independent of each other: eta's watched trucks).
Share share_of(std::size_t hits, std::size_t n, std::size_t independent);
// Simulated time `t` as "YYYY-MM-DD HH:MM" in the scenario's zone.
std::string local_time(const models::Scenario& sc, double t);

// --- forecast -------------------------------------------------------------------------------

struct ForecastColumn {
  std::string name;            // "<crossing>.export" / ".import"
  std::vector<Spread> by_day;  // the backlog at the start and after each day
  // The first daily sample at which the backlog is at or below the level, in days from the
  // start, over the replications that reach it; how many reach it within the horizon.
  Spread under_day;
  Share reached_level;
  Spread initial_cleared_h;  // initial_cleared_h across replications (n = 0: no initial trucks)
};

struct Forecast {
  double level = 0;
  std::vector<double> day_t;       // simulated time of each daily sample
  std::vector<std::string> dates;  // its local date and time in the scenario's zone
  std::vector<ForecastColumn> columns;
  std::size_t replications = 0;
};

// Runs sc.replications replications and follows every crossing direction that has trucks at
// the start or at any daily sample. `threads` 0: one per core. Throws sim::Cancelled when `cancel`
// is set.
Forecast forecast(const models::Scenario& sc, double level, unsigned threads,
                  const std::atomic<bool>* cancel);

// --- eta ------------------------------------------------------------------------------------

struct EtaRoute {
  std::string route;              // the flow's route id
  Share chosen;                   // share of the watched trucks that took it
  Spread arrival_h;               // hours from departure to its destination (the end of its route)
  std::vector<double> arrival_s;  // p10, p50, p90 as simulated times (for dates)
  Spread border_h;                // border time, crossings summed
  Share spoiled;                  // perishable loads only (n = 0 otherwise)
  std::size_t not_arrived = 0;    // still on the way at the horizon
};

struct Eta {
  std::string flow;
  double depart_s = 0;
  std::size_t trucks = 0;  // watched in all (per replication x replications)
  std::vector<EtaRoute> routes;
};

// Adds `per_replication` tagged trucks of `flow` departing at `depart_s` (on `route`, or as the
// flow chooses when -1) to each replication and summarises their journeys by route.
Eta eta(models::Scenario sc, std::size_t flow, double depart_s, int route, int per_replication,
        unsigned threads, const std::atomic<bool>* cancel);

}  // namespace studies
