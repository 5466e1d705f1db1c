// Stage semantics, in one place: which vehicles a stage serves, which customs channel a vehicle
// is sent to, how long its service takes, and what a stop made of several stages does with them
// (the joint-service rule, holds and rejections). The simulation draws a vehicle's service here
// (`draw_stop`), and `validate`'s analysis takes expectations of the very same quantities
// (`expected_stop`), so the offered load printed before a run is the load the run meets.
//
// Draws are keyed by (purpose, member stage, flow salt, vehicle serial), never by arrival order,
// so a truck draws the same service times, channels and outcomes under every CBTA mode and lane
// policy: comparisons run on common random numbers.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "models/plan.hpp"
#include "models/scenario.hpp"
#include "sim/random.hpp"

namespace models {

// Who a vehicle is, as far as the stages are concerned: its cargo class (-1: an empty truck), and
// the address of its random draws (its flow's salt and its serial within the flow).
struct VehicleKey {
  int cargo = -1;
  std::uint32_t salt = 0;
  std::uint32_t serial = 0;
  // Stage kinds (bit set of StageKind) whose work was done before arrival at this crossing
  // (pre-arrival processing): the vehicle skips those stages.
  std::uint32_t skip_kinds = 0;
};

// Does `st` serve a vehicle of this cargo class at all (before its sampling probability)?
inline bool serves(const Stage& st, int cargo) {
  return cargo >= 0 ? st.applies_to[static_cast<std::size_t>(cargo)] : st.all_cargo;
}

// The customs-channel shares that apply to a cargo class (the per-cargo override, if any).
const std::vector<double>* channel_shares(const Stage& st, int cargo);

// Mean service time of one stage for a cargo class, given that it serves the vehicle.
double mean_service(const Stage& st, int cargo);

// What a vehicle meets at a stop: whether any member serves it, the service time under the
// joint rule, a hold after service (waiting for a lab result), and whether it is rejected there.
struct StopDraw {
  bool visits = false;
  double service_s = 0;
  double hold_s = 0;
  bool rejected = false;
};
StopDraw draw_stop(const PlannedStop& stop, const VehicleKey& v, const sim::RandomSource& rnd);

// What each member stage of a stop does to the vehicle (the draws draw_stop combines): whether
// it serves it, its own service time, hold and rejection; one entry per member, in order.
struct MemberDraw {
  bool serves = false;
  double service_s = 0;
  double hold_s = 0;
  bool rejected = false;
};
using MemberDraws = std::array<MemberDraw, kMaxJoinedStages>;
MemberDraws draw_members(const PlannedStop& stop, const VehicleKey& v,
                         const sim::RandomSource& rnd);
// The joint rule over member draws: the stop's service time.
StopDraw combine(const PlannedStop& stop, const MemberDraws& members);

// Expectations over vehicles of one cargo class: the share that visits the stop, the mean
// service per vehicle that visits, and the share rejected there. Exact for one stage and for the
// sum and factor rules; the max rule's mean of a maximum is averaged over `samples` draws of
// `draw_stop` itself (a fixed analysis stream, so the result is deterministic).
struct StopExpectation {
  double visit_share = 0;
  double mean_service_s = 0;
  double reject_share = 0;
  // Per member: the share of the vehicles meeting the stop that its check serves, and the mean
  // time of that check when it does (an agency's offered work at a joint stop).
  std::vector<double> member_share, member_mean_s;
};
StopExpectation expected_stop(const PlannedStop& stop, int cargo, std::uint32_t skip_kinds = 0,
                              std::uint32_t samples = 20000);

// A crossing direction's free-flow border time for a cargo class (-1: an empty truck), in
// seconds: its stops' expected service (expected_stop with `samples` draws), the bridge and, for a
// load, the expected transshipment. What route choice assumes before any border time is
// announced, and what the corridor tables draw for a crossing step.
inline constexpr int kFreeFlowSamples = 2000;
double free_flow_border_s(const Scenario& sc, const Plan& plan, std::size_t crossing,
                          bool export_dir, int cargo);

}  // namespace models
