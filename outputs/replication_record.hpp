// One replication, run in one place and written in another (an MPI rank that computes, rank 0
// that writes the file): everything its TableSink would have been given, and its metrics.
//
//   worker:  ReplicationRecord rec = run_recorded(sc, r, hooks);      // metrics computed here
//            std::vector<char> bytes = serialize(rec);                // to rank 0
//   rank 0:  ReplicationRecord rec = deserialize(bytes);
//            replay(rec, table_sink);  table_sink.finish(rec.result);  // the same writes as local
//
// Only the records the scenario's `outputs` writes for replication r are kept (a year of
// kim_thanh_bac_son's replication 0 is about 40 MB, the others a few kilobytes). The byte form is
// the memory layout of this build: sender and receiver must be the same binary (they are under
// mpirun), never a file format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/scenario.hpp"

namespace outputs {

struct ReplicationRecord {
  std::uint32_t replication = 0;
  std::vector<std::string> stop_names, sampled_sites;  // as begin() gave them
  std::vector<models::VehicleRecord> vehicles;
  std::vector<models::StopVisit> visits;
  std::vector<models::TrainRecord> trains;
  std::vector<double> samples, backlog, routes;  // rows as sample(), backlog(), routes() gave them
  std::size_t sample_width = 0, backlog_width = 0, routes_width = 0;
  // What TableSink::finish reads: the daily tables' columns and the counters.
  models::RunResult result;
  ReplicationMetrics metrics;
  std::string error;  // the replication failed with this message (nothing else is set)
};

// Runs replication r as run_and_write does (MetricsSink for the metrics), recording what its
// TableSink would receive. Throws what run_replication throws.
ReplicationRecord run_recorded(const models::Scenario& sc, std::uint32_t r,
                               const models::ReplicationHooks& hooks);

// Gives `sink` what the replication gave its record sink: begin, then the records.
void replay(const ReplicationRecord& rec, models::RecordSink& sink);

std::vector<char> serialize(const ReplicationRecord& rec);
ReplicationRecord deserialize(const char* data, std::size_t size);

}  // namespace outputs
