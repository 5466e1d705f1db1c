// The border model's entry point: one replication of a Scenario on the engine, its records
// streamed into a sink.
//
// Where things are (docs/architecture.md): plan.hpp decides which stops exist and in what order
// each direction of a crossing meets them; service.hpp what a stop does to a vehicle; model.hpp
// with road.cpp and rail.cpp the processes (a truck's journey reads as its story); calendar.hpp
// opening hours and arrival rates; record_book.hpp what leaves a vehicle; analysis.hpp the
// offered loads `validate` prints, from the same plan and semantics.
#pragma once

#include <atomic>
#include <cstdint>

#include "models/records.hpp"
#include "models/scenario.hpp"

namespace models {

// Optional hooks of a long run: every simulated hour the replication adds 1 to `hours` (for
// progress); `cancel` is checked every few thousand events, whatever the simulated time does, and
// the replication throws sim::Cancelled once it is set.
struct ReplicationHooks {
  const std::atomic<bool>* cancel = nullptr;
  std::atomic<std::uint64_t>* hours = nullptr;
};

// Without a sink, the records are collected into the RunResult (tests, small runs).
RunResult run_replication(const Scenario& sc, std::uint32_t replication,
                          const ReplicationHooks& hooks = {}, RecordSink* sink = nullptr);

}  // namespace models
