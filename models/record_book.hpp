// The records of the vehicles in the system, in reusable slots (memory follows the vehicles
// present, not the horizon), and what happens to a record when its vehicle leaves: its outcome,
// transit time and spoilage are set and it goes to the sink. Internal to the border model.
#pragma once

#include <cstdint>
#include <vector>

#include "models/records.hpp"
#include "models/scenario.hpp"

namespace models {

class RecordBook {
 public:
  RecordBook(const Scenario& sc, RecordSink& sink) : sc_(sc), sink_(&sink) {}

  // A memory guard: more vehicles than this in the system at once means arrivals far beyond what
  // the border clears; the run stops with a message instead of exhausting memory.
  static constexpr std::size_t kMaxInSystem = 10'000'000;

  // Opens the record of a vehicle entering the model now; returns its slot.
  std::size_t open(Source source, int cargo, Mode mode, double now);
  VehicleRecord& operator[](std::size_t slot) { return live_[slot]; }
  double loaded_s(std::size_t slot) const { return live_[slot].loaded_s; }
  // Waiting (at a stop, a yard or the road, the intake, the bays, a platform) begins and ends;
  // the time in between is added to wait_s. The one place waiting is accounted: a vehicle still
  // waiting at the horizon is counted with the time it has waited so far (flush_in_system).
  void begin_wait(std::size_t slot, double now) { waiting_since_[slot] = now; }
  void end_wait(std::size_t slot, double now) {
    live_[slot].wait_s += now - waiting_since_[slot];
    waiting_since_[slot] = -1;
  }
  // A load its shipper holds at the origin (from now) or sends off: still held at the horizon, it
  // is flushed as Outcome::Held with the time held so far.
  void set_holding(std::size_t slot, bool holding) { holding_[slot] = holding; }
  // Waiting measured after the fact (in a booth, for the officers of a joint stop).
  void add_wait(std::size_t slot, double dt) { live_[slot].wait_s += dt; }
  // The vehicle leaves the model now: judged for spoilage and handed to the sink.
  void close(std::size_t slot, Outcome o, double now);
  // At the horizon: the records of the vehicles still in the system, judged for spoilage and with
  // their wait so far as of now, to the sink in id order. Returns how many there were.
  std::uint64_t flush_in_system(double now);

  std::uint64_t arrived() const { return arrived_; }
  std::uint64_t released() const { return released_; }
  std::uint64_t rejected() const { return rejected_; }
  // Left without crossing otherwise: balked, reneged, turned back, refused, lost, or its shipper
  // cancelled it or sent it to a gate outside the model.
  std::uint64_t turned_away() const { return turned_away_; }

 private:
  void judge_spoilage(VehicleRecord& r, double at) const;

  const Scenario& sc_;
  RecordSink* sink_;
  std::vector<VehicleRecord> live_;
  std::vector<bool> used_;
  std::vector<double> waiting_since_;  // per slot; -1: not waiting now
  std::vector<bool> holding_;          // per slot: held at the origin by its shipper
  std::vector<std::size_t> free_;
  std::uint32_t next_id_ = 0;
  std::uint64_t arrived_ = 0, released_ = 0, rejected_ = 0, turned_away_ = 0;
};

// Keeps every record in a RunResult (the sink when run_replication is given none).
class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(RunResult& r) : r_(r) {}
  void vehicle(const VehicleRecord& v) override { r_.vehicles.push_back(v); }
  void visit(const StopVisit& v) override { r_.visits.push_back(v); }
  void train(const TrainRecord& t) override { r_.trains.push_back(t); }
  void sample(const double* row, std::size_t n) override {
    r_.timeseries.insert(r_.timeseries.end(), row, row + n);
  }
  void backlog(const double* row, std::size_t n) override {
    r_.backlog.insert(r_.backlog.end(), row, row + n);
  }
  void routes(const double* row, std::size_t n) override {
    r_.routes.insert(r_.routes.end(), row, row + n);
  }

 private:
  RunResult& r_;
};

}  // namespace models
