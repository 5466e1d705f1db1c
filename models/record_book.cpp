#include "models/record_book.hpp"

#include <algorithm>
#include <string>

#include "sim/simulation.hpp"

namespace models {

std::size_t RecordBook::open(Source source, int cargo, Mode mode, double now) {
  VehicleRecord r;
  r.id = next_id_++;
  r.source = source;
  r.cargo = cargo < 0 ? kEmptyCargo : static_cast<std::uint16_t>(cargo);
  r.mode = mode;
  r.arrival_s = now;
  ++arrived_;
  if (!free_.empty()) {
    const std::size_t slot = free_.back();
    free_.pop_back();
    live_[slot] = r;
    used_[slot] = true;
    waiting_since_[slot] = -1;
    holding_[slot] = false;
    return slot;
  }
  if (live_.size() >= kMaxInSystem)
    throw sim::LimitExceeded(
        "more than " + std::to_string(kMaxInSystem) +
        " vehicles in the system at once (t = " + std::to_string(now) +
        " s): arrivals far beyond what the border clears; stopped before memory runs out");
  live_.push_back(r);
  used_.push_back(true);
  waiting_since_.push_back(-1);
  holding_.push_back(false);
  return live_.size() - 1;
}

void RecordBook::close(std::size_t slot, Outcome o, double now) {
  VehicleRecord& r = live_[slot];
  r.outcome = o;
  r.done_s = now;
  r.transit_s = r.done_s - r.arrival_s;
  judge_spoilage(r, r.done_s);
  if ((o == Outcome::TurnedBack || o == Outcome::Dumped) &&
      r.cargo != kEmptyCargo) {  // it turned back because the load spoiled
    r.spoiled = true;
    r.value_lost = sc_.cargo[r.cargo].value_reporting;
  }
  if (o == Outcome::Released)
    ++released_;
  else if (o == Outcome::Rejected)
    ++rejected_;
  else
    ++turned_away_;
  sink_->vehicle(r);
  used_[slot] = false;
  free_.push_back(slot);
}

std::uint64_t RecordBook::flush_in_system(double now) {
  std::vector<VehicleRecord> waiting;
  for (std::size_t i = 0; i < live_.size(); ++i)
    if (used_[i]) {
      VehicleRecord r = live_[i];
      if (waiting_since_[i] >= 0) r.wait_s += now - waiting_since_[i];  // censored: waited so far
      if (holding_[i]) {  // still at the origin: held so far
        r.outcome = Outcome::Held;
        r.held_s = now - r.arrival_s;
      }
      judge_spoilage(r, now);  // cargo past its shelf life while still waiting is spoiled
      waiting.push_back(r);
    }
  std::sort(waiting.begin(), waiting.end(),
            [](const VehicleRecord& a, const VehicleRecord& b) { return a.id < b.id; });
  for (const VehicleRecord& r : waiting) sink_->vehicle(r);
  return waiting.size();
}

void RecordBook::judge_spoilage(VehicleRecord& r, double at) const {
  if (r.cargo == kEmptyCargo) return;
  const Cargo& c = sc_.cargo[r.cargo];
  if (c.perishable && at - r.loaded_s > c.shelf_life_s) {
    r.spoiled = true;
    r.value_lost = c.value_reporting;
  }
}

}  // namespace models
