// The registry of sites: every place a vehicle queues at or waits in, declared once with its
// index, name, kind, side, crossing and direction, and read by the model, the analysis and the
// result files alike. A place's index is its code in the results (`/stops`, `visits.stop`, the
// capacity and time-series tables), so nothing relies on the order in which another file made
// its resources.
//
// Order (and so every code): the planned stops (plan.hpp), the rail terminals' cranes, the
// officer pools of joint stops staffed by agencies; then the entry sides' intakes and the yards,
// which vehicles wait for but do not visit as stops.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace models {

enum class SiteKind : std::uint8_t {
  Stop = 0,      // a planned stop: a stage, or a joint stop (its index in Plan::stops)
  Terminal = 1,  // a rail terminal's cranes (its rail service's index)
  Pool = 2,      // an agency's officers at joint stops (its index in Plan::pools)
  Intake = 3,    // an entry side's intake for one crossing direction ([2 * crossing + import])
  Yard = 4,      // a gate side's yard for one direction and the road before it ([2 * side + in])
};
inline constexpr std::size_t kSiteKinds = 5;
const char* site_kind_name(SiteKind k);

// Which way a place's vehicles go: a crossing's (or rail service's) export or import direction,
// a gate side's outbound (leaving its country) or inbound traffic, or both.
enum class SiteDirection : std::uint8_t {
  Both = 0,
  Export = 1,
  Import = 2,
  Outbound = 3,
  Inbound = 4
};
const char* site_direction_name(SiteDirection d);

inline constexpr int kNone = -1;

struct Site {
  std::string name;
  SiteKind kind = SiteKind::Stop;
  std::size_t of = 0;  // its index in its kind's own list (see SiteKind)
  int side = kNone;    // the gate side (or rail station) it stands on
  int crossing = kNone;
  SiteDirection direction = SiteDirection::Both;
  // Visited as a stop (StopVisit::stop, StopStats): stops, terminals, pools.
  bool visited() const { return kind <= SiteKind::Pool; }
};

class Sites {
 public:
  std::size_t add(Site p) {
    index_[static_cast<std::size_t>(p.kind)].push_back(sites_.size());
    sites_.push_back(std::move(p));
    return sites_.size() - 1;
  }
  std::size_t size() const { return sites_.size(); }
  const Site& operator[](std::size_t i) const { return sites_[i]; }
  const std::vector<Site>& all() const { return sites_; }
  // The index of the `of`-th place of a kind.
  std::size_t of(SiteKind k, std::size_t i) const {
    return index_[static_cast<std::size_t>(k)].at(i);
  }
  std::size_t count(SiteKind k) const { return index_[static_cast<std::size_t>(k)].size(); }
  // Sites visited as stops come first: their count, and their names in code order.
  std::size_t visited() const {
    return count(SiteKind::Stop) + count(SiteKind::Terminal) + count(SiteKind::Pool);
  }
  std::vector<std::string> visited_names() const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < visited(); ++i) names.push_back(sites_[i].name);
    return names;
  }

 private:
  std::vector<Site> sites_;
  std::vector<std::size_t> index_[kSiteKinds];
};

}  // namespace models
